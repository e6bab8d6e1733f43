// Installs code-server once into the .vscode-test cache and starts isolated instances of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { CODE_SERVER_DIR, CODE_SERVER_PKG, CODE_SERVER_READY, CODE_SERVER_VERSION, NODE24_BIN } from './paths.mjs';
import { PrereqError, checkBuildTools, ensureNode24Headers, findNode24 } from './prereqs.mjs';
import { track, waitFor } from './processes.mjs';

const INSTALL_TIMEOUT_MS = 25 * 60_000;
const START_TIMEOUT_MS = 60_000;

/** Returns the cached install, building it on first use (about six minutes). A second call never rebuilds. */
export async function ensureCodeServer(log = console.log) {
  findNode24();
  if (fs.existsSync(CODE_SERVER_READY) && fs.existsSync(path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js'))) {
    return CODE_SERVER_PKG;
  }
  checkBuildTools();
  const headers = ensureNode24Headers();
  fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true }) + '\n',
  );
  const logFile = path.join(CODE_SERVER_DIR, 'install.log');
  log(
    `code-server ${CODE_SERVER_VERSION}: installing once into ${path.relative(process.cwd(), CODE_SERVER_DIR)} (about 6 minutes; log: ${logFile})`,
  );
  const out = fs.openSync(logFile, 'w');
  const child = track(
    spawn(
      'npm',
      ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund', '--no-save', '--foreground-scripts'],
      {
        cwd: CODE_SERVER_DIR,
        stdio: ['ignore', out, out],
        env: {
          ...cleanNpmEnv(process.env),
          // code-server's postinstall and node-gyp must see Node 24 and build against its headers, not the system Node's.
          PATH: `${path.dirname(NODE24_BIN)}${path.delimiter}${process.env.PATH ?? ''}`,
          npm_config_nodedir: headers,
        },
      },
    ),
  );
  const code = await waitFor(child, INSTALL_TIMEOUT_MS, 'code-server install');
  fs.closeSync(out);
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
    throw new PrereqError(`code-server install failed (exit ${code}). Last lines of ${logFile}:\n${tail}`);
  }
  fs.writeFileSync(CODE_SERVER_READY, new Date().toISOString() + '\n');
  return CODE_SERVER_PKG;
}

/**
 * Run from `npm test`, this process inherits the outer npm's `npm_*` variables; `npm_config_user_agent` among them
 * names the outer Node (20), which code-server's postinstall reads as the Node it is installed with. The inner npm
 * must describe itself.
 */
function cleanNpmEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/**
 * Starts code-server on a free loopback port with its own user data, extensions, config and XDG/TMP dirs inside
 * `runDir`. Resolves with the port once it prints its listening line.
 */
/**
 * Starts an isolated code-server. `installed`: extension folders to install as ordinary extensions (the web workbench
 * honours only one extensionDevelopmentPath, which is ours), e.g. the demo's Demo AI.
 */
export async function startCodeServer({ runDir, extraArgs = [], env = {}, log = () => {}, installed = [] }) {
  const pkg = await ensureCodeServer();
  const dirs = {};
  for (const name of ['user-data', 'extensions', 'xdg-data', 'xdg-config', 'xdg-cache', 'tmp']) {
    dirs[name] = path.join(runDir, name);
    fs.mkdirSync(dirs[name], { recursive: true });
  }
  for (const folder of installed) {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    fs.cpSync(folder, path.join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), {
      recursive: true,
    });
  }
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const settingsDir = path.join(dirs['user-data'], 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.writeFileSync(
    path.join(settingsDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off',
        'git.openRepositoryInParentFolders': 'always',
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
      },
      null,
      2,
    ),
  );
  const args = [
    path.join(pkg, 'out', 'node', 'entry.js'),
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option',
    'enable-smoke-test-driver',
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
    '--config',
    config,
    ...extraArgs,
  ];
  const child = track(
    spawn(NODE24_BIN, args, {
      cwd: runDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...env,
        XDG_DATA_HOME: dirs['xdg-data'],
        XDG_CONFIG_HOME: dirs['xdg-config'],
        XDG_CACHE_HOME: dirs['xdg-cache'],
        TMPDIR: dirs.tmp,
      },
    }),
  );
  const logStream = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  const port = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `code-server did not start within ${START_TIMEOUT_MS / 1000}s (log: ${path.join(runDir, 'code-server.log')})`,
          ),
        ),
      START_TIMEOUT_MS,
    );
    const onData = (chunk) => {
      logStream.write(chunk);
      buffered += chunk.toString();
      const match = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`code-server exited with ${code} before listening (log: ${path.join(runDir, 'code-server.log')})`),
      );
    });
  });
  return { port, child, url: `http://127.0.0.1:${port}/` };
}

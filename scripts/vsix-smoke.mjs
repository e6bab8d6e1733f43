// The packaged extension as a user gets it: `npm run package` builds the VSIX, code-server's own
// `--install-extension` installs it into an empty extensions folder (the path VSCodium, Cursor and Windsurf take for a
// VSIX or an Open VSX download), and a plain code-server (no development path, no test hooks) opened on a git
// repository must activate it: its log says which version is active in which editor. One test in `npm test`.
// Usage: node scripts/vsix-smoke.mjs [--stats FILE]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CACHE, CODE_SERVER_PKG, NODE24_BIN, ROOT } from './lib/paths.mjs';
import { PrereqError, findChromium } from './lib/prereqs.mjs';
import { ensureCodeServer, startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { createSampleRepo } from './lib/sampleRepo.mjs';
import { installExitHandlers, killAll } from './lib/processes.mjs';

const ACTIVATION_TIMEOUT_MS = 180_000;

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message) {
  throw new Error(message);
}

/** Every file below `dir` whose name ends with `suffix`. */
function findFiles(dir, suffix, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(full, suffix, out);
    else if (entry.name.endsWith(suffix)) out.push(full);
  }
  return out;
}

async function main() {
  installExitHandlers();
  findChromium();
  await ensureCodeServer();
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const runDir = path.join(CACHE, 'runs', process.env.AIP_RUN_NAME ? `${process.env.AIP_RUN_NAME}-vsix` : 'vsix');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });

  const pack = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const vsix = path.join(ROOT, 'ai-provenance.vsix');
  if (pack.status !== 0 || !fs.existsSync(vsix)) fail(`npm run package failed:\n${pack.stdout}\n${pack.stderr}`);

  const extensionsDir = path.join(runDir, 'extensions');
  const install = spawnSync(
    NODE24_BIN,
    [
      path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js'),
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      path.join(runDir, 'user-data'),
      '--install-extension',
      vsix,
    ],
    { cwd: runDir, encoding: 'utf8', env: { ...process.env, XDG_DATA_HOME: path.join(runDir, 'xdg-data') } },
  );
  const installedAs = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  if (install.status !== 0 || !fs.existsSync(path.join(extensionsDir, installedAs, 'package.json')))
    fail(`code-server --install-extension failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  console.log(`vsix: installed ${path.basename(vsix)} as ${installedAs}`);

  const workspace = createSampleRepo(path.join(runDir, 'workspace'));
  const server = await startCodeServer({ runDir });
  const { context, page } = await launchBrowser({ runDir });
  try {
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
    const expected = `AI Provenance ${manifest.version} active in code-server (code-server)`;
    const deadline = Date.now() + ACTIVATION_TIMEOUT_MS;
    for (;;) {
      const logs = findFiles(path.join(runDir, 'user-data', 'logs'), 'AI Provenance.log');
      const line = logs.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).find((l) => l.includes(expected));
      if (line) {
        console.log(`vsix: ${line.trim()}`);
        break;
      }
      if (Date.now() > deadline) {
        await page.screenshot({ path: path.join(runDir, 'vsix-timeout.png') }).catch(() => {});
        fail(
          `the installed extension did not report activation within ${ACTIVATION_TIMEOUT_MS / 1000}s (logs: ${logs.join(', ') || 'none'})`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await context.close().catch(() => {});
    killAll('SIGKILL');
  }
}

const statsFile = arg('--stats') ?? process.env.AIP_STATS_FILE;
main().then(
  () => {
    console.log('vsix: 1 passed, 0 failed, 0 skipped');
    if (statsFile) fs.writeFileSync(statsFile, JSON.stringify({ passed: 1, failed: 0, skipped: 0 }));
    process.exit(0);
  },
  (err) => {
    killAll('SIGKILL');
    console.error(`vsix: ${err instanceof PrereqError ? err.message : (err?.stack ?? err)}`);
    console.log('vsix: 0 passed, 1 failed, 0 skipped');
    if (statsFile) fs.writeFileSync(statsFile, JSON.stringify({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  },
);

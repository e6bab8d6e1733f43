// Runs test/integration inside a real VS Code (code-server 1.139.1 in headless Chromium) and reports the counts.
// Usage: node scripts/run-integration.mjs [--plain | --demo | --multiroot] [--grep PATTERN] [--stats FILE] [--keep]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, CACHE } from './lib/paths.mjs';
import { PrereqError, findChromium } from './lib/prereqs.mjs';
import { ensureCodeServer, startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser, workbenchUrl } from './lib/browser.mjs';
import { startDriver } from './lib/driver.mjs';
import { createSampleRepo, git } from './lib/sampleRepo.mjs';
import { buildDemoWorkspace, DEMO_AI_EXTENSION } from './demo/workspace.mjs';
import { installExitHandlers, killAll } from './lib/processes.mjs';

const RUN_TIMEOUT_MS = 8 * 60_000;
const RESULT_PREFIX = '@@aip-results ';
const TEST_PREFIX = '@@aip ';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  installExitHandlers();
  findChromium();
  const testsIndex = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js')) || !fs.existsSync(testsIndex)) {
    throw new PrereqError('build first: npm run build && npm run compile-tests (npm test does both).');
  }
  await ensureCodeServer();

  // AIP_RUN_NAME keeps parallel runs (several developers' or helpers' runs on one machine) apart.
  const runDir = path.join(CACHE, 'runs', process.env.AIP_RUN_NAME || 'integration');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  // --plain: a folder that is not a git repository, where the extension must stay asleep (the "(plain folder)" tests).
  const plain = process.argv.includes('--plain');
  // --demo: the demo repository with the Demo AI extension loaded, where the "(demo)" tests follow the demo's tour.
  const demo = process.argv.includes('--demo');
  // --multiroot: a two-folder workspace (two repositories), where the "(multi-root)" tests run.
  const multiroot = process.argv.includes('--multiroot');
  const workspace = plain
    ? createPlainFolder(path.join(runDir, 'plain'))
    : demo
      ? await buildDemoWorkspace(runDir)
      : multiroot
        ? createMultiRootWorkspace(path.join(runDir, 'multiroot'))
        : createSampleRepo(path.join(runDir, 'workspace'));
  // Otherwise a code-less extension of the category "AI" is installed: the one provider inline accepts are named after;
  // and Stub Fork, which registers Cursor's and Windsurf's accept commands under their ids as those editors do.
  const moreExtensions = demo
    ? [DEMO_AI_EXTENSION]
    : [path.join(ROOT, 'test', 'integration', 'stub-ai'), path.join(ROOT, 'test', 'integration', 'stub-fork')];
  const screenshotDir = process.env.AIP_SCREENSHOT_DIR ?? path.join(runDir, 'screenshots');

  const started = Date.now();
  const grep = arg('--grep') ?? process.env.AIP_GREP ?? '';
  const hostLog = fs.createWriteStream(path.join(runDir, 'extension-host.log'));
  const first = await runSession({
    runDir,
    workspace,
    moreExtensions,
    testsIndex,
    screenshotDir,
    hostLog,
    env: { AIP_GREP: grep, AIP_PHASE: plain ? 'plain' : demo ? 'demo' : multiroot ? 'multiroot' : '1' },
  });
  const stats = { passed: first.passed, failed: first.failed, skipped: first.skipped };
  let code = first.code;
  // Phase 2: code-server was killed like a crash; the same user data and workspace come back, and the
  // "after restart" tests check that state written before the kill is restored.
  if (code !== 'timeout' && first.restartTests && !plain && !demo && !multiroot) {
    const second = await runSession({
      runDir,
      workspace,
      moreExtensions,
      testsIndex,
      screenshotDir,
      hostLog,
      env: { AIP_GREP: grep, AIP_PHASE: '2' },
    });
    stats.passed += second.passed;
    stats.failed += second.failed;
    stats.skipped += second.skipped;
    if (second.code !== 0) code = second.code;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  hostLog.end();
  if (stats.failed) {
    console.log(`integration: extension host log: ${path.join(runDir, 'extension-host.log')}`);
    // The extension logs only to its output channel, which VS Code keeps as a file under the user data dir.
    console.log(
      `integration: the extension's own log: ${path.join(runDir, 'user-data', 'logs')} (…/exthost*/output_logging_*/*AI Provenance.log)`,
    );
  }
  console.log(
    `integration: ${stats.passed} passed, ${stats.failed} failed, ${stats.skipped} skipped in ${seconds}s (real VS Code 1.139.1 via code-server)`,
  );
  const statsFile = arg('--stats') ?? process.env.AIP_STATS_FILE;
  if (statsFile) fs.writeFileSync(statsFile, JSON.stringify(stats));
  return stats.failed === 0 && code === 0 ? 0 : 1;
}

/** One code-server + browser session running the suite; everything it started is killed (SIGKILL) at the end. */
async function runSession({ runDir, workspace, moreExtensions, testsIndex, screenshotDir, hostLog, env }) {
  const server = await startCodeServer({ runDir, installed: moreExtensions });
  const { context, page } = await launchBrowser({ runDir });
  const driver = await startDriver({ page, screenshotDir });
  let result;
  const exit = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
  });
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
    for (const line of text.split('\n')) {
      if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length));
      else if (line.startsWith(TEST_PREFIX)) process.stdout.write(`  ${line.slice(TEST_PREFIX.length)}\n`);
      else hostLog.write(`[${level}] ${line}\n`);
    }
  });
  // AI_PROVENANCE_TEST=1: the extension registers the inspection commands the tests read (src/git/testMode.ts).
  const fullEnv = {
    AI_PROVENANCE_TEST: '1',
    AIP_DRIVER_URL: driver.url,
    AIP_RUN_DIR: runDir,
    AIP_BENCH_OUT: process.env.AIP_BENCH_OUT ?? '',
    ...env,
  };
  await page.goto(
    workbenchUrl({ port: server.port, workspace, extensionPath: ROOT, testsPath: testsIndex, env: fullEnv }),
    { timeout: 60_000 },
  );
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS).unref());
  const code = await Promise.race([exit, timeout]);
  if (code === 'timeout') {
    await page.screenshot({ path: path.join(runDir, 'timeout.png') }).catch(() => {});
    console.error(
      `integration: no result within ${RUN_TIMEOUT_MS / 60000} min (screenshot: ${path.join(runDir, 'timeout.png')})`,
    );
  }
  await driver.close();
  // A crash, not a shutdown: nothing gets the chance to flush.
  killAll('SIGKILL');
  await context.close().catch(() => {});
  await new Promise((r) =>
    server.child.exitCode !== null || server.child.signalCode !== null ? r() : server.child.once('exit', r),
  );
  const stats = result ?? { passed: 0, failed: 1, skipped: 0, restartTests: 0 };
  return {
    code,
    passed: stats.passed,
    failed: stats.failed,
    skipped: stats.skipped ?? 0,
    restartTests: stats.restartTests ?? 0,
  };
}

/**
 * Two sample repositories side by side and a `.code-workspace` file holding both as folders; `web` has a third one as
 * the submodule `lib`.
 */
function createMultiRootWorkspace(dir) {
  const folders = ['api', 'web'].map((name) => createSampleRepo(path.join(dir, name)));
  const lib = createSampleRepo(path.join(dir, 'sources', 'lib'));
  git(folders[1], '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'lib');
  git(folders[1], 'commit', '-q', '-m', 'Add the lib submodule');
  for (const [key, value] of [
    ['user.name', 'Sample Dev'],
    ['user.email', 'dev@example.com'],
    ['commit.gpgsign', 'false'],
  ])
    git(path.join(folders[1], 'lib'), 'config', key, value);
  const file = path.join(dir, 'two-repos.code-workspace');
  fs.writeFileSync(file, JSON.stringify({ folders: folders.map((f) => ({ path: path.basename(f) })) }, null, 2) + '\n');
  return file;
}

function createPlainFolder(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a repository\n');
  return dir;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    killAll();
    if (err instanceof PrereqError) console.error(`integration: ${err.message}`);
    else console.error(`integration: ${err?.stack ?? err}`);
    const statsFile = arg('--stats') ?? process.env.AIP_STATS_FILE;
    if (statsFile) fs.writeFileSync(statsFile, JSON.stringify({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  },
);

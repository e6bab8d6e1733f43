// Runs test/integration inside a real VS Code (code-server 1.139.1 in headless Chromium) and reports the counts.
// Usage: node scripts/run-integration.mjs [--grep PATTERN] [--stats FILE] [--keep]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, CACHE } from './lib/paths.mjs';
import { PrereqError, findChromium } from './lib/prereqs.mjs';
import { ensureCodeServer, startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser, workbenchUrl } from './lib/browser.mjs';
import { startDriver } from './lib/driver.mjs';
import { createSampleRepo } from './lib/sampleRepo.mjs';
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

  const runDir = path.join(CACHE, 'runs', 'integration');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const workspace = createSampleRepo(path.join(runDir, 'workspace'));
  const screenshotDir = process.env.AIP_SCREENSHOT_DIR ?? path.join(runDir, 'screenshots');

  const started = Date.now();
  const server = await startCodeServer({ runDir });
  const { context, page } = await launchBrowser({ runDir });
  const driver = await startDriver({ page, screenshotDir });

  let result;
  const exit = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
  });
  const hostLog = fs.createWriteStream(path.join(runDir, 'extension-host.log'));
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
    for (const line of text.split('\n')) {
      if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length));
      else if (line.startsWith(TEST_PREFIX)) process.stdout.write(`  ${line.slice(TEST_PREFIX.length)}\n`);
      else hostLog.write(`[${level}] ${line}\n`);
    }
  });
  const env = { AIP_DRIVER_URL: driver.url, AIP_RUN_DIR: runDir, AIP_GREP: arg('--grep') ?? process.env.AIP_GREP ?? '', AIP_BENCH_OUT: process.env.AIP_BENCH_OUT ?? '' };
  await page.goto(workbenchUrl({ port: server.port, workspace, extensionPath: ROOT, testsPath: testsIndex, env }), { timeout: 60_000 });

  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS).unref());
  const code = await Promise.race([exit, timeout]);
  if (code === 'timeout') {
    await page.screenshot({ path: path.join(runDir, 'timeout.png') }).catch(() => {});
    console.error(`integration: no result within ${RUN_TIMEOUT_MS / 60000} min (screenshot: ${path.join(runDir, 'timeout.png')})`);
  }
  await driver.close();
  await context.close().catch(() => {});
  killAll();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const stats = result ?? { passed: 0, failed: 1, note: code === 'timeout' ? 'timed out' : `the test run ended with code ${code} before reporting` };
  hostLog.end();
  if (stats.failed) console.log(`integration: extension host log: ${path.join(runDir, 'extension-host.log')}`);
  console.log(`integration: ${stats.passed} passed, ${stats.failed} failed in ${seconds}s (real VS Code ${'1.139.1'} via code-server)`);
  const statsFile = arg('--stats') ?? process.env.AIP_STATS_FILE;
  if (statsFile) fs.writeFileSync(statsFile, JSON.stringify(stats));
  return stats.failed === 0 && code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    killAll();
    if (err instanceof PrereqError) console.error(`integration: ${err.message}`);
    else console.error(`integration: ${err?.stack ?? err}`);
    const statsFile = arg('--stats') ?? process.env.AIP_STATS_FILE;
    if (statsFile) fs.writeFileSync(statsFile, JSON.stringify({ passed: 0, failed: 1 }));
    process.exit(1);
  },
);

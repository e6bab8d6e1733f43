// `npm test`: typecheck, lint, dead code, format, build, then the unit, git and integration tiers; ends with one summary
// line `tests: N passed, N failed, N skipped` over all tiers (typecheck, lint, dead code and format count as one check
// each). A skip must print its reason (test/skip.ts); the reporters count one without a reason as a failure.
// Usage: node scripts/test.mjs [unit|git|integration ...]   (no argument = everything)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CODE_SERVER_READY, ROOT } from './lib/paths.mjs';
import { PrereqError } from './lib/prereqs.mjs';
import { codeServerBuildNeeds, ensureSystemDeps } from './lib/systemDeps.mjs';

const only = process.argv.slice(2);
const want = (tier) => only.length === 0 || only.includes(tier);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

function step(title, cmd, args, opts = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  const ok = res.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return ok;
}

function check(title, cmd, args) {
  if (step(title, cmd, args)) totals.passed++;
  else {
    totals.failed++;
    failedSteps.push(title);
  }
}

function tier(title, cmd, args) {
  const statsFile = path.join(os.tmpdir(), `aip-stats-${process.pid}-${title}.json`);
  fs.rmSync(statsFile, { force: true });
  const ok = step(title, cmd, args, { env: { ...process.env, AIP_STATS_FILE: statsFile } });
  // A tier that ends without reporting its counts failed, whatever its exit code says.
  let stats = { passed: 0, failed: 1, skipped: 0 };
  if (fs.existsSync(statsFile)) stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  else console.log(`=== ${title}: reported no counts`);
  // A tier that crashed before reporting still counts as a failure.
  if (!ok && stats.failed === 0) stats.failed = 1;
  totals.passed += stats.passed;
  totals.failed += stats.failed;
  totals.skipped += stats.skipped ?? 0;
  if (stats.failed) failedSteps.push(title);
  fs.rmSync(statsFile, { force: true });
}

function mocha(title, dir) {
  const files = path.join('out', 'test', dir);
  if (!fs.existsSync(path.join(ROOT, files))) {
    console.log(`\n=== ${title}: no tests compiled under ${files}`);
    return;
  }
  tier(title, bin('mocha'), [
    '--reporter',
    path.join('scripts', 'lib', 'countingReporter.cjs'),
    '--recursive',
    '--timeout',
    '20000',
    `${files}/**/*.test.js`,
  ]);
}

// A fresh Debian/Ubuntu machine gets what the tiers need installed here (see scripts/lib/systemDeps.mjs).
try {
  ensureSystemDeps([
    'git',
    ...(want('integration') ? ['chromium', ...codeServerBuildNeeds(fs.existsSync(CODE_SERVER_READY))] : []),
  ]);
} catch (err) {
  if (!(err instanceof PrereqError)) throw err;
  console.log(`test: ${err.message}`);
  console.log('tests: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

// tsc emits out/ (tests and sources) while it typechecks, so the tiers below run what was just checked.
fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
check('typecheck', bin('tsc'), ['-p', '.']);
if (only.length === 0) check('lint', bin('eslint'), ['src', 'test', 'scripts', 'bench']);
// Exports, files and dependencies nobody uses (knip.jsonc names the entry points).
if (only.length === 0) check('dead code', bin('knip'), ['--no-progress']);
// The tree was formatted once with Prettier; this keeps it so (`npm run format` fixes a failure here).
if (only.length === 0) check('format', 'npm', ['run', '-s', 'format:check']);
if (!step('build', process.execPath, ['esbuild.config.mjs'])) {
  totals.failed++;
  failedSteps.push('build');
}
if (want('unit')) mocha('unit tests', 'unit');
if (want('git')) mocha('git tests', 'git');
if (want('integration')) {
  tier('integration tests (real VS Code)', process.execPath, [path.join('scripts', 'run-integration.mjs')]);
  tier('integration tests (real VS Code, folder without git)', process.execPath, [
    path.join('scripts', 'run-integration.mjs'),
    '--plain',
  ]);
  tier('integration tests (real VS Code, the demo and its tour)', process.execPath, [
    path.join('scripts', 'run-integration.mjs'),
    '--demo',
  ]);
  tier('integration tests (real VS Code, two-folder workspace)', process.execPath, [
    path.join('scripts', 'run-integration.mjs'),
    '--multiroot',
  ]);
  // Last: packaging rebuilds dist/ for production.
  tier('the packaged VSIX installed in a plain code-server', process.execPath, [
    path.join('scripts', 'vsix-smoke.mjs'),
  ]);
}

console.log('');
if (failedSteps.length) console.log(`failing: ${failedSteps.join(', ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);

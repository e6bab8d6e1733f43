// `npm run bench`: every benchmark as a ratio against a floor measured in the same run, printed as one table.
// Rows come from out/bench/*.bench.js (each exports rows()) plus the bundle size and activation in the real VS Code.
// Usage: node scripts/bench.mjs [--no-vscode] [filter]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, CACHE } from './lib/paths.mjs';

const args = process.argv.slice(2);
const skipVsCode = args.includes('--no-vscode');
const filter = args.find((a) => !a.startsWith('--'));

for (const step of [['esbuild.config.mjs'], [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']]) {
  const res = spawnSync(process.execPath, step, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) {
    console.error(`bench: build step failed: ${step.join(' ')}`);
    process.exit(1);
  }
}

const rows = [];
const BUNDLE_BUDGET = 400 * 1024;
const bundle = fs.statSync(path.join(ROOT, 'dist', 'extension.js')).size;
rows.push({
  name: 'bundle size of dist/extension.js / 400 KiB budget',
  ratio: bundle / BUNDLE_BUDGET,
  goal: '<= 1x',
  pass: bundle <= BUNDLE_BUDGET,
  detail: `${(bundle / 1024).toFixed(1)} KiB`,
});

const benchDir = path.join(ROOT, 'out', 'bench');
for (const file of fs.existsSync(benchDir)
  ? fs
      .readdirSync(benchDir)
      .filter((f) => f.endsWith('.bench.js'))
      .sort()
  : []) {
  if (filter && !file.includes(filter)) continue;
  process.stderr.write(`bench: ${file}\n`);
  try {
    const mod = await import(path.join(benchDir, file));
    rows.push(...(await (mod.rows ?? mod.default.rows)()));
  } catch (err) {
    rows.push({ name: file, ratio: NaN, goal: '-', pass: false, detail: `error: ${err?.message ?? err}` });
  }
}

if (!skipVsCode && (!filter || 'activation'.includes(filter))) {
  process.stderr.write('bench: activation in the real VS Code\n');
  const out = path.join(CACHE, 'runs', 'bench-activation.json');
  fs.rmSync(out, { force: true });
  fs.rmSync(`${out}.plain`, { force: true });
  spawnSync(process.execPath, [path.join('scripts', 'run-integration.mjs'), '--grep', 'activation'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, AIP_BENCH_OUT: out },
  });
  if (fs.existsSync(out)) {
    const m = JSON.parse(fs.readFileSync(out, 'utf8'));
    // activationMs counts the work deferred with setTimeout(0) right after activate (its synchronous part).
    rows.push({
      name: 'activation time in VS Code / 20 ms goal',
      ratio: m.activationMs / 20,
      goal: '<= 1x',
      pass: m.activationMs <= 20,
      detail: `${m.activationMs.toFixed(2)} ms (activate ${m.activateOnlyMs?.toFixed(2) ?? '?'} ms + deferred startup work)`,
    });
  } else {
    rows.push({
      name: 'activation time in VS Code',
      ratio: NaN,
      goal: '<= 1x',
      pass: false,
      detail: 'no measurement (see npm run test:integration)',
    });
  }
  spawnSync(process.execPath, [path.join('scripts', 'run-integration.mjs'), '--plain'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, AIP_BENCH_OUT: out },
  });
  const plain = fs.existsSync(`${out}.plain`) ? JSON.parse(fs.readFileSync(`${out}.plain`, 'utf8')) : undefined;
  rows.push({
    name: 'activations in a folder that is not a repository (no git spawned)',
    ratio: plain ? (plain.activeInPlainFolder ? 1 : 0) : NaN,
    goal: '0',
    pass: plain?.activeInPlainFolder === false,
    detail: plain ? (plain.activeInPlainFolder ? 'activated' : 'not activated') : 'no measurement',
  });
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('benchmark', 72)} ${pad('ratio', 8)} ${pad('goal', 8)} ${pad('ok', 6)} detail`);
for (const r of rows) {
  console.log(
    `${pad(r.name, 72)} ${pad(Number.isFinite(r.ratio) ? r.ratio.toFixed(2) + 'x' : 'n/a', 8)} ${pad(r.goal, 8)} ${pad(r.pass ? 'yes' : 'MISSED', 6)} ${r.detail}`,
  );
}

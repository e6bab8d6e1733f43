// Long run of the attribution tracker property test (the normal test run does 10,000 sequences), or with `dag` first
// of the random merge-history test against git blame (the normal test run does 6 histories).
// Usage: node scripts/property-long.mjs [runs=1000000] [compiled-out-dir=out]
//        node scripts/property-long.mjs dag [histories=200] [compiled-out-dir=out]
// Compile first (`npx tsc -p .`, or `npm test` which leaves out/). PROPERTY_SEED=<n> replays a reported seed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/paths.mjs';

const dag = process.argv[2] === 'dag';
const argv = dag ? process.argv.slice(1) : process.argv;
const runs = argv[2] ?? (dag ? '200' : '1000000');
const outDir = argv[3] ?? 'out';
if (!/^[1-9][0-9]*$/.test(runs)) {
  console.error(`property-long: runs must be a positive integer, got "${runs}"`);
  process.exit(2);
}
const testFile = dag ? path.join(ROOT, outDir, 'test', 'git', 'review', 'dag.property.test.js') : path.join(ROOT, outDir, 'test', 'unit', 'attribution', 'tracker.property.test.js');
if (!fs.existsSync(testFile)) {
  console.error(`property-long: ${path.relative(ROOT, testFile)} not found; compile first (npx tsc -p . --outDir ${outDir})`);
  process.exit(2);
}
const started = Date.now();
const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'mocha'), ['--timeout', '0', testFile], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, [dag ? 'PROPERTY_DAG_RUNS' : 'PROPERTY_RUNS']: runs },
});
console.log(`property-long: ${runs} ${dag ? 'histories' : 'sequences'}, ${((Date.now() - started) / 1000).toFixed(0)}s, ${res.status === 0 ? 'no divergence' : 'FAILED'}`);
process.exit(res.status ?? 1);

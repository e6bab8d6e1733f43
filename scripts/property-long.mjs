// Long run of the attribution tracker property test (the normal test run does 10,000 sequences).
// Usage: node scripts/property-long.mjs [runs=1000000] [compiled-out-dir=out]
// Compile first (`npx tsc -p .`, or `npm test` which leaves out/). PROPERTY_SEED=<n> replays a reported seed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/paths.mjs';

const runs = process.argv[2] ?? '1000000';
const outDir = process.argv[3] ?? 'out';
if (!/^[1-9][0-9]*$/.test(runs)) {
  console.error(`property-long: runs must be a positive integer, got "${runs}"`);
  process.exit(2);
}
const testFile = path.join(ROOT, outDir, 'test', 'unit', 'attribution', 'tracker.property.test.js');
if (!fs.existsSync(testFile)) {
  console.error(`property-long: ${path.relative(ROOT, testFile)} not found; compile first (npx tsc -p . --outDir ${outDir})`);
  process.exit(2);
}
const started = Date.now();
const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'mocha'), ['--timeout', '0', testFile], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PROPERTY_RUNS: runs },
});
console.log(`property-long: ${runs} sequences, ${((Date.now() - started) / 1000).toFixed(0)}s, ${res.status === 0 ? 'no divergence' : 'FAILED'}`);
process.exit(res.status ?? 1);

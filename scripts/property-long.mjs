// Long run of the attribution tracker property test (the normal test run does 10,000 sequences) and of the no-loss
// pipeline property test (2,000 in the normal run; it runs a tenth of `runs`, each sequence being many steps), or with
// `dag` first of the random merge-history test against git blame (the normal test run does 6 histories).
// Usage: node scripts/property-long.mjs [runs=1000000] [compiled-out-dir=out]
//        node scripts/property-long.mjs dag [histories=200] [compiled-out-dir=out]
//        node scripts/property-long.mjs git [sequences=200] [compiled-out-dir=out]   (the no-loss property through
//        real git and the real hooks; the normal test run does 12; a few seconds per sequence)
// Compile first (`npx tsc -p .`, or `npm test` which leaves out/). PROPERTY_SEED=<n> replays a reported seed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/paths.mjs';

const dag = process.argv[2] === 'dag';
const realGit = process.argv[2] === 'git';
const argv = dag || realGit ? process.argv.slice(1) : process.argv;
const runs = argv[2] ?? (dag || realGit ? '200' : '1000000');
const outDir = argv[3] ?? 'out';
if (!/^[1-9][0-9]*$/.test(runs)) {
  console.error(`property-long: runs must be a positive integer, got "${runs}"`);
  process.exit(2);
}
const files = dag
  ? [[path.join('git', 'review', 'dag.property.test.js'), runs, 'PROPERTY_DAG_RUNS', 'histories']]
  : realGit
    ? [[path.join('git', 'noloss', 'realGit.property.test.js'), runs, 'PROPERTY_GIT_RUNS', 'sequences']]
    : [
        [path.join('unit', 'attribution', 'tracker.property.test.js'), runs, 'PROPERTY_RUNS', 'sequences'],
        [
          path.join('unit', 'rewrite', 'noloss.property.test.js'),
          String(Math.max(1, Math.floor(Number(runs) / 10))),
          'PROPERTY_RUNS',
          'sequences',
        ],
      ];
let failed = false;
for (const [file, count, variable, what] of files) {
  const testFile = path.join(ROOT, outDir, 'test', file);
  if (!fs.existsSync(testFile)) {
    console.error(
      `property-long: ${path.relative(ROOT, testFile)} not found; compile first (npx tsc -p . --outDir ${outDir})`,
    );
    process.exit(2);
  }
  const started = Date.now();
  const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'mocha'), ['--timeout', '0', testFile], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, [variable]: count },
  });
  console.log(
    `property-long: ${file}: ${count} ${what}, ${((Date.now() - started) / 1000).toFixed(0)}s, ${res.status === 0 ? 'no divergence' : 'FAILED'}`,
  );
  failed ||= res.status !== 0;
}
process.exit(failed ? 1 : 0);

/**
 * Hooks start node on every commit and agent step, so what they run keeps a compile cache in the state dir and later
 * runs skip most of the parsing and compiling. Checked on the built bundle (what the launcher really runs) under the
 * Node these tests run on, by what is visible from outside, whatever the loader does inside (V8 cached data, Node's
 * own compile cache): the first run writes cache files, the next run finds them good and leaves them as they are, and
 * cache files it finds broken it writes again. A Node without `module.enableCompileCache` (before 22.1) has no cache
 * for the loader to keep: the suite skips, saying so, rather than failing or passing with nothing checked.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { installHooks } from '../../../src/git/hooks/install';
import { findRepo } from '../../../src/git/repo';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { skipBecause } from '../../skip';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const DIST_CLI = path.join(ROOT, 'dist', 'cli.js');
const GARBAGE = 'not a code cache';

interface Seen {
  readonly content: string;
  readonly ino: number;
  readonly mtimeMs: number;
}

/** Every file under `dir` but the log, by path relative to it. */
function filesUnder(dir: string): Map<string, Seen> {
  const out = new Map<string, Seen>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (rel === 'log.txt') continue;
    const stat = fs.statSync(full);
    out.set(rel, { content: fs.readFileSync(full, 'latin1'), ino: stat.ino, mtimeMs: stat.mtimeMs });
  }
  return out;
}

describe('hook code cache (built bundle, this Node)', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let stateDir: string;
  let launcher: string;
  before(function () {
    if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache !== 'function')
      skipBecause(this, `Node ${process.version} has no module.enableCompileCache (Node >= 22.1): hooks run uncached`);
    assert.ok(fs.existsSync(DIST_CLI), `no built CLI at ${DIST_CLI}: run \`npm run build\` first (npm test does)`);
  });
  beforeEach(async () => {
    repo = createTempRepo({ commit: true });
    const info = await findRepo(repo.root);
    assert.ok(info);
    const report = await installHooks(info, { cliPath: DIST_CLI });
    launcher = report.launcher;
    stateDir = path.dirname(path.dirname(launcher));
  });
  afterEach(() => repo.cleanup());

  /** What a git hook runs, through the installed launcher; returns its output. */
  function hookRun(): string {
    const r = spawnSync(launcher, ['git-hook', '--help'], {
      cwd: repo.root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /usage: ai-provenance git-hook/);
    return r.stdout;
  }

  it('is written by the first run and used as it is by the next', () => {
    const installed = filesUnder(stateDir);
    const output = hookRun();
    const cache = [...filesUnder(stateDir)].filter(([rel]) => !installed.has(rel));
    assert.ok(cache.length > 0, 'the first run wrote cache files');
    assert.ok(cache.every(([, f]) => f.content.length > 0));

    assert.equal(hookRun(), output);
    const after = filesUnder(stateDir);
    for (const [rel, seen] of cache) assert.deepEqual(after.get(rel), seen, `${rel} was used, not rebuilt`);
    assert.deepEqual(
      [...after.keys()].sort(),
      [...installed.keys(), ...cache.map(([rel]) => rel)].sort(),
      'no further files',
    );
  });

  it('is written again where it is broken, and the hook still runs', () => {
    const installed = filesUnder(stateDir);
    const output = hookRun();
    const cache = [...filesUnder(stateDir).keys()].filter((rel) => !installed.has(rel));
    for (const rel of cache) fs.writeFileSync(path.join(stateDir, rel), GARBAGE);

    assert.equal(hookRun(), output);
    const after = [...filesUnder(stateDir)].filter(([rel]) => !installed.has(rel));
    assert.ok(after.length > 0, 'there is a cache again');
    assert.deepEqual(
      after.filter(([, f]) => f.content === GARBAGE).map(([rel]) => rel),
      [],
      'no broken cache file is left',
    );
    assert.deepEqual(
      after.filter(([rel]) => rel.endsWith('.tmp')).map(([rel]) => rel),
      [],
      'no temp files are left',
    );
  });
});

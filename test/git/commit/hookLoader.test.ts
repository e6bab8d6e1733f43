/**
 * The hook loader (what the launcher runs for `git-hook` and `hook`): it runs hookMain.js with V8's code cache kept in
 * AI_PROVENANCE_CACHE_DIR, survives a corrupt or unwritable cache, and works with no cache dir at all.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { makeTempDir } from '../helpers/tempRepo';

const LOADER = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'hookLoader.js');
const native = typeof (nodeModule as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function run(env: Record<string, string>): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [LOADER, 'git-hook', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { status: r.status, stdout: r.stdout };
}

describe('hook loader', () => {
  it('runs the hook entry and keeps a code cache that a corrupt file cannot break', function () {
    const dir = makeTempDir('aiprov-cache-');
    const first = run({ AI_PROVENANCE_CACHE_DIR: dir });
    assert.equal(first.status, 0);
    assert.match(first.stdout, /usage: ai-provenance git-hook/);
    if (native) {
      // Node >= 22.1 keeps its own cache files under <dir>/node.
      assert.ok(fs.readdirSync(path.join(dir, 'node')).length > 0);
      return;
    }
    const [cacheFile] = fs.readdirSync(dir).filter((n) => n.startsWith('hookMain-'));
    assert.ok(cacheFile, 'the cache was written');
    const good = fs.readFileSync(path.join(dir, cacheFile));
    assert.ok(good.length > 0);
    // Garbage in place of the cache: V8 rejects it, the hook still runs, and a fresh cache replaces it.
    fs.writeFileSync(path.join(dir, cacheFile), 'not a code cache');
    const second = run({ AI_PROVENANCE_CACHE_DIR: dir });
    assert.equal(second.status, 0);
    assert.equal(second.stdout, first.stdout);
    assert.notEqual(fs.readFileSync(path.join(dir, cacheFile), 'utf8'), 'not a code cache');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temp files left');
  });

  it('runs without a cache dir, and with one that cannot be created', () => {
    assert.equal(run({}).status, 0);
    const file = path.join(makeTempDir('aiprov-cache-'), 'a-file');
    fs.writeFileSync(file, '');
    const blocked = run({ AI_PROVENANCE_CACHE_DIR: path.join(file, 'cache') });
    assert.equal(blocked.status, 0);
    assert.match(blocked.stdout, /usage: ai-provenance git-hook/);
  });
});

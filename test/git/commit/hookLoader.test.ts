/**
 * The hook loader (what the launcher runs for `git-hook` and `hook`): it runs hookMain.js with node's own compile cache
 * kept in AI_PROVENANCE_CACHE_DIR where the runtime has one (Node >= 22.1, as VS Code's Electron), survives a
 * corrupt or unwritable cache, and works with no cache dir at all. The cache branch runs under every node this test
 * can find: the one running the tests and the project's `node` dev dependency (Node 24), which code-server uses.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../helpers/tempRepo';
import { sourceRoot } from '../agents/helpers/hookHarness';
import { skipBecause } from '../../skip';

const LOADER = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'hookLoader.js');

function runtimes(): string[] {
  const dev = path.join(sourceRoot(), 'node_modules', 'node', 'bin', 'node');
  return [...new Set([process.execPath, ...(fs.existsSync(dev) ? [dev] : [])])];
}

function hasCompileCache(node: string): boolean {
  const r = spawnSync(node, ['-p', 'typeof require("node:module").enableCompileCache'], { encoding: 'utf8' });
  return r.stdout.trim() === 'function';
}

function run(node: string, env: Record<string, string>): { status: number | null; stdout: string } {
  const r = spawnSync(node, [LOADER, 'git-hook', '--help'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { status: r.status, stdout: r.stdout };
}

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
    : [];
}

describe('hook loader', () => {
  it("keeps node's compile cache in the state dir, and a corrupt cache cannot break the hook", function () {
    const cached = runtimes().filter(hasCompileCache);
    if (cached.length === 0)
      skipBecause(this, `no node with module.enableCompileCache (Node >= 22.1) among ${runtimes().join(', ')}`);
    for (const node of cached) {
      const dir = makeTempDir('aiprov-cache-');
      const first = run(node, { AI_PROVENANCE_CACHE_DIR: dir });
      assert.equal(first.status, 0, node);
      assert.match(first.stdout, /usage: ai-provenance git-hook/);
      const files = filesUnder(path.join(dir, 'node'));
      assert.ok(files.length > 0, `${node} wrote no cache`);
      for (const file of files) fs.writeFileSync(file, 'not a code cache');
      const second = run(node, { AI_PROVENANCE_CACHE_DIR: dir });
      assert.equal(second.status, 0, node);
      assert.equal(second.stdout, first.stdout);
    }
  });

  it('runs without a cache dir, with one that cannot be created, and on a node without a compile cache', () => {
    for (const node of runtimes()) {
      assert.equal(run(node, {}).status, 0);
      const file = path.join(makeTempDir('aiprov-cache-'), 'a-file');
      fs.writeFileSync(file, '');
      const blocked = run(node, { AI_PROVENANCE_CACHE_DIR: path.join(file, 'cache') });
      assert.equal(blocked.status, 0);
      assert.match(blocked.stdout, /usage: ai-provenance git-hook/);
      if (!hasCompileCache(node)) {
        const dir = makeTempDir('aiprov-cache-');
        assert.equal(run(node, { AI_PROVENANCE_CACHE_DIR: dir }).status, 0);
        assert.deepEqual(filesUnder(dir), [], 'no cache of our own on an older node');
      }
    }
  });
});

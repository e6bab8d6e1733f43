import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../src/core/hash';
import {
  MAX_SNAPSHOT_CHARS,
  WorkingStateStore,
  loadTextSnapshot,
  pruneTextSnapshots,
  saveTextSnapshot,
} from '../../src/git';
import { createTempRepo, type TempRepo } from './helpers/tempRepo';
import { createHookedRepo } from './commit/helpers/hookRepo';

describe('text snapshots beside working-state records', () => {
  let repo: TempRepo;
  let stateDir: string;
  beforeEach(async () => {
    repo = createTempRepo();
    stateDir = (await WorkingStateStore.open(repo.root)).stateDir;
  });
  afterEach(() => repo.cleanup());

  it('stores a text once under its hash in the git dir and reads it back', async () => {
    const text = 'export const x = 1;\n';
    const hash = contentHash(text);
    assert.equal(await saveTextSnapshot(stateDir, hash, text), true);
    assert.equal(await saveTextSnapshot(stateDir, hash, text), true);
    assert.equal(await loadTextSnapshot(stateDir, hash), text);
    assert.ok(stateDir.startsWith(path.join(repo.root, '.git')), 'never in the work tree');
    assert.equal(fs.readdirSync(path.join(stateDir, 'texts')).length, 1);
  });

  it('refuses malformed hashes (no path tricks) and oversized texts', async () => {
    assert.equal(await saveTextSnapshot(stateDir, '../../evil', 'x'), false);
    assert.equal(await loadTextSnapshot(stateDir, '../../../etc/passwd'), undefined);
    assert.equal(await saveTextSnapshot(stateDir, contentHash('y'), 'y'.repeat(MAX_SNAPSHOT_CHARS + 1)), false);
    assert.equal(await loadTextSnapshot(stateDir, contentHash('missing')), undefined);
  });

  it('prunes snapshots no record uses', async () => {
    const keep = contentHash('keep');
    await saveTextSnapshot(stateDir, keep, 'keep');
    await saveTextSnapshot(stateDir, contentHash('drop'), 'drop');
    assert.equal(await pruneTextSnapshots(stateDir, new Set([keep])), 1);
    assert.equal(await loadTextSnapshot(stateDir, keep), 'keep');
    assert.equal(await loadTextSnapshot(stateDir, contentHash('drop')), undefined);
  });

  it('prunes only snapshots older than the minimum age', async () => {
    await saveTextSnapshot(stateDir, contentHash('fresh'), 'fresh');
    const now = Date.now();
    assert.equal(await pruneTextSnapshots(stateDir, new Set(), { minAgeMs: 60_000, now }), 0);
    assert.equal(await pruneTextSnapshots(stateDir, new Set(), { minAgeMs: 60_000, now: now + 61_000 }), 1);
  });
});

describe('text snapshots are pruned after a commit', function () {
  this.timeout(60_000);

  it("post-commit removes old snapshots no record names, keeps the live record's, and logs the count", async () => {
    const repo = await createHookedRepo();
    try {
      const state = path.join(repo.root, '.git', 'ai-provenance');
      const old = new Date(Date.now() - 3_600_000);
      const orphan = contentHash('gone\n');
      await saveTextSnapshot(state, orphan, 'gone\n');
      // The uncommitted file's record and its snapshot stay: an outside edit may still need them.
      repo.writeAi('b.js', 'b_ai();\n', [1]);
      await saveTextSnapshot(state, contentHash('b_ai();\n'), 'b_ai();\n');
      for (const name of fs.readdirSync(path.join(state, 'texts')))
        fs.utimesSync(path.join(state, 'texts', name), old, old);
      repo.write('a.js', 'a();\n');
      repo.run(['add', 'a.js']);
      repo.run(['commit', '-q', '-m', 'a only']);
      assert.equal(await loadTextSnapshot(state, orphan), undefined);
      assert.equal(await loadTextSnapshot(state, contentHash('b_ai();\n')), 'b_ai();\n');
      assert.match(repo.logText(), /post-commit: removed 1 text snapshot\(s\) no working-state record names/);
    } finally {
      repo.cleanup();
    }
  });
});

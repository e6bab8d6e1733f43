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
});

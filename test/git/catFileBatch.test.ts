import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CatFileBatch } from '../../src/git/catFileBatch';
import { GitError } from '../../src/git/exec';
import { TempRepo, createTempRepo } from './helpers/tempRepo';

describe('cat-file --batch reader', () => {
  let repo: TempRepo;
  const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'abcdefghij\n');
  const binary = Buffer.from([0, 1, 2, 10, 255, 10, 13, 0]);
  before(() => {
    repo = createTempRepo();
    repo.write('a.txt', 'alpha\n');
    repo.write('dir/with space.txt', 'spaced\n');
    repo.write('big.txt', big);
    repo.write('bin.dat', binary);
    repo.commitAll('content');
    repo.write('a.txt', 'alpha staged\n');
    repo.git(['add', 'a.txt']);
  });
  after(() => repo.cleanup());

  it('reads many objects in order through one process, with missing ones as undefined', async () => {
    const batch = new CatFileBatch(repo.root);
    try {
      const names = [
        'HEAD:a.txt',
        ':a.txt',
        'HEAD:nope.txt',
        'HEAD:dir/with space.txt',
        'HEAD:bin.dat',
        'HEAD:big.txt',
        'no-such-rev:a.txt',
        'HEAD:a.txt',
      ];
      const objects = await batch.readMany(names);
      assert.equal(objects[0]?.content.toString('utf8'), 'alpha\n');
      assert.equal(objects[0]?.type, 'blob');
      assert.equal(objects[0]?.oid, repo.git(['rev-parse', 'HEAD:a.txt']));
      assert.equal(objects[1]?.content.toString('utf8'), 'alpha staged\n');
      assert.equal(objects[2], undefined);
      assert.equal(objects[3]?.content.toString('utf8'), 'spaced\n');
      assert.deepEqual(objects[4]?.content, binary);
      assert.equal(objects[5]?.size, big.length);
      assert.ok(objects[5]?.content.equals(big));
      assert.equal(objects[6], undefined);
      assert.equal(objects[7]?.content.toString('utf8'), 'alpha\n');
    } finally {
      await batch.close();
    }
  });

  it('answers reads issued one after another and reports trees by type', async () => {
    const batch = new CatFileBatch(path.join(repo.root, 'dir'));
    try {
      assert.equal((await batch.read('HEAD:a.txt'))?.content.toString('utf8'), 'alpha\n');
      assert.equal((await batch.read('HEAD:dir'))?.type, 'tree');
      assert.equal((await batch.read('HEAD'))?.type, 'commit');
    } finally {
      await batch.close();
    }
  });

  it('rejects names that would desynchronise the protocol, and reads after close', async () => {
    const batch = new CatFileBatch(repo.root);
    await assert.rejects(batch.read('HEAD:a.txt\nHEAD:b'), /invalid object name/);
    await assert.rejects(batch.read(''), /invalid object name/);
    await batch.close();
    await assert.rejects(batch.read('HEAD:a.txt'), /closed/);
  });

  it('fails pending reads with a GitError when git cannot start', async () => {
    const batch = new CatFileBatch(path.join(repo.root, 'no-such-dir'));
    await assert.rejects(batch.read('HEAD:a.txt'), (err: unknown) => err instanceof GitError);
    await batch.close();
  });

  it('fails pending reads when git exits early, and restarts on the next read', async () => {
    const batch = new CatFileBatch(repo.root);
    try {
      assert.ok(await batch.read('HEAD:a.txt'));
      // Reach into the running process only to simulate a crash.
      const session = (batch as unknown as { session: { child: { kill(): void } } }).session;
      const pending = batch.read('HEAD:big.txt');
      session.child.kill();
      await pending.then(
        (object) => assert.ok(object?.content.equals(big)), // answered before the kill landed
        (err: unknown) => assert.ok(err instanceof GitError),
      );
      assert.equal((await batch.read('HEAD:a.txt'))?.content.toString('utf8'), 'alpha\n');
    } finally {
      await batch.close();
    }
  });
});

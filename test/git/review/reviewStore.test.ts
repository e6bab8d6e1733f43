import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hunkKey } from '../../../src/core/policy';
import { ReviewStateStore } from '../../../src/git/review';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/tempRepo';

const K1 = hunkKey('a.ts', ['one']);
const K2 = hunkKey('b.ts', ['two']);

describe('ReviewStateStore', function () {
  this.timeout(20_000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo({ commit: true });
  });
  afterEach(() => repo.cleanup());

  it('marks and unmarks hunks per reviewer, in the common git dir', async () => {
    const store = await ReviewStateStore.open(repo.root);
    assert.ok(store.dir.startsWith(path.join(repo.root, '.git')));
    await store.markReviewed(K1, 'Rita@Example.com', 1000);
    await store.markReviewed([K1, K2], 'sam@example.com');
    assert.deepEqual([...(await store.reviewedHunks('rita@example.com'))], [[K1, 1000]]);
    assert.equal(await store.isReviewed(K2, 'rita@example.com'), false);
    await store.unmarkReviewed(K1, 'RITA@example.com');
    assert.equal((await store.reviewedHunks('rita@example.com')).size, 0);
    assert.deepEqual(await store.reviewers(), ['rita@example.com', 'sam@example.com']);
  });

  it('is shared by linked worktrees', async () => {
    const other = path.join(makeTempDir('aiprov-wt-'), 'wt');
    repo.git(['worktree', 'add', '-q', other]);
    await (await ReviewStateStore.open(repo.root)).markReviewed(K1, 'rita@example.com');
    assert.equal(await (await ReviewStateStore.open(other)).isReviewed(K1, 'rita@example.com'), true);
    fs.rmSync(path.dirname(other), { recursive: true, force: true });
  });

  it('confirms checklist items per scope', async () => {
    const store = await ReviewStateStore.open(repo.root);
    await store.setChecklistItem('branch:feature', 'tests', 'rita@example.com', true);
    await store.setChecklistItem('branch:feature', 'secrets', 'rita@example.com', true);
    await store.setChecklistItem('branch:feature', 'secrets', 'rita@example.com', false);
    assert.deepEqual([...(await store.checkedItems('branch:feature', 'rita@example.com'))], ['tests']);
    assert.equal((await store.checkedItems('branch:other', 'rita@example.com')).size, 0);
  });

  it('survives concurrent writers without losing marks', async () => {
    const dir = makeTempDir('aiprov-review-');
    const stores = [ReviewStateStore.at(dir), ReviewStateStore.at(dir)];
    const keys = Array.from({ length: 20 }, (_, i) => hunkKey('f.ts', [`line ${i}`]));
    await Promise.all(keys.map((k, i) => stores[i % 2].markReviewed(k, 'rita@example.com')));
    assert.equal((await stores[0].reviewedHunks('rita@example.com')).size, 20);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves an unreadable file aside and starts clean; rejects bad input', async () => {
    const store = await ReviewStateStore.open(repo.root);
    await store.markReviewed(K1, 'rita@example.com');
    const file = store.fileOf('rita@example.com');
    fs.writeFileSync(file, '{ not json');
    assert.equal((await store.reviewedHunks('rita@example.com')).size, 0);
    await store.markReviewed(K2, 'rita@example.com');
    assert.deepEqual([...(await store.reviewedHunks('rita@example.com')).keys()], [K2]);
    assert.ok(fs.readdirSync(store.dir).some((n) => n.includes('.corrupt-')));
    await assert.rejects(store.markReviewed('h1:../../etc', 'rita@example.com'), /invalid hunk key/);
    await assert.rejects(store.markReviewed(K1, 'not an email'), /invalid reviewer/);
    await assert.rejects(store.setChecklistItem('x', '<b>', 'rita@example.com', true), /invalid checklist item/);
  });
});

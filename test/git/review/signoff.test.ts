import * as assert from 'node:assert/strict';
import { hunkKey, parseSignoffNote } from '../../../src/core/policy';
import { SIGNOFF_NOTES_REF, readNote } from '../../../src/git';
import { ReviewStateStore } from '../../../src/git/review';
import { commitFiles, info } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { runCli } from './helpers';

describe('ai-provenance signoff', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  beforeEach(async () => {
    repo = createTempRepo();
    await commitFiles(repo, { 'a.ts': ['base'] }, 'base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commitFiles(repo, { 'a.ts': ['base', { ai: 'ai one' }], 'b.ts': [{ ai: 'ai b' }] }, 'ai work');
  });
  afterEach(() => repo.cleanup());

  it('records reviewer, tier, checklist and reviewed AI hunks on HEAD and prints the trailer', async () => {
    const store = await ReviewStateStore.open(repo.root);
    await store.markReviewed(hunkKey('a.ts', ['ai one']), 'test@example.invalid');
    await store.setChecklistItem('branch:feature', 'provenance', 'test@example.invalid', true);
    const run = await runCli(repo.root, ['signoff', 'main..feature']);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /AI hunks reviewed: 1 of 2; not reviewed: b\.ts:1-1/);
    assert.match(run.out, /\nAI-Reviewed-by: Test User <test@example\.invalid>\n$/);
    const head = repo.git(['rev-parse', 'HEAD']);
    const note = await readNote(await info(repo), head, SIGNOFF_NOTES_REF);
    assert.ok(note && 'text' in note);
    const [entry] = parseSignoffNote(note.text).signoffs;
    assert.deepEqual(entry.reviewer, { name: 'Test User', email: 'test@example.invalid' });
    assert.equal(entry.head, head);
    assert.equal(entry.base, repo.git(['rev-parse', 'main']));
    assert.deepEqual(entry.aiHunks, { total: 2, reviewed: [hunkKey('a.ts', ['ai one'])] });
    assert.equal(entry.checklist.find((c) => c.id === 'provenance')?.checked, true);
  });

  it("replaces the reviewer's earlier entry, keeps other reviewers, and accepts --checked", async () => {
    await runCli(repo.root, ['signoff', 'main..feature']);
    repo.git(['config', 'user.email', 'second@example.invalid']);
    await runCli(repo.root, ['signoff', 'main..feature']);
    repo.git(['config', 'user.email', 'test@example.invalid']);
    const json = await runCli(repo.root, ['signoff', 'main..feature', '--checked', 'provenance', '--json']);
    assert.equal(json.code, 0, json.err);
    assert.equal(JSON.parse(json.out).entry.checklist.find((c: { id: string }) => c.id === 'provenance').checked, true);
    const note = await readNote(await info(repo), repo.git(['rev-parse', 'HEAD']), SIGNOFF_NOTES_REF);
    assert.deepEqual(
      parseSignoffNote((note as { text: string }).text).signoffs.map((s) => s.reviewer.email),
      ['second@example.invalid', 'test@example.invalid'],
    );
  });

  it('--reviewed-all marks every AI hunk reviewed before signing', async () => {
    const run = await runCli(repo.root, ['signoff', 'main..feature', '--reviewed-all', '--json']);
    assert.equal(run.code, 0, run.err);
    assert.equal(JSON.parse(run.out).entry.aiHunks.reviewed.length, 2);
    assert.equal((await (await ReviewStateStore.open(repo.root)).reviewedHunks('test@example.invalid')).size, 2);
  });

  it('refuses unknown checklist items and an unusable identity; replaces an unreadable note', async () => {
    const bad = await runCli(repo.root, ['signoff', 'main..feature', '--checked', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown checklist item "nope"/);
    repo.git(['notes', '--ref', SIGNOFF_NOTES_REF, 'add', '-f', '-m', 'garbage', 'HEAD']);
    const fixed = await runCli(repo.root, ['signoff', 'main..feature']);
    assert.equal(fixed.code, 0);
    assert.match(fixed.err, /replaced an unreadable sign-off note/);
    repo.git(['config', 'user.name', 'Mallory <evil@x>']);
    assert.equal((await runCli(repo.root, ['signoff', 'main..feature'])).code, 2);
  });

  it('defaults to the upstream and says so when there is none', async () => {
    const none = await runCli(repo.root, ['signoff']);
    assert.equal(none.code, 1);
    assert.match(none.err, /no upstream: pass BASE\.\.HEAD/);
    repo.git(['branch', '--set-upstream-to', 'main']);
    assert.equal((await runCli(repo.root, ['signoff'])).code, 0);
  });
});

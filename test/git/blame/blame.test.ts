import * as assert from 'node:assert/strict';
import { aiBlame } from '../../../src/git/blame';
import { WorkingStateStore } from '../../../src/git';
import { contentHash } from '../../../src/core/hash';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { COPILOT, commitFiles, info } from './helpers';

describe('aiBlame', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('maps lines to the records of the commits that introduced them', async () => {
    const c1 = await commitFiles(repo, { 'a.ts': ['one', { ai: 'two' }, 'three'] });
    const c2 = await commitFiles(
      repo,
      { 'a.ts': ['one', { ai: 'two' }, { mixed: 'three!', origin: COPILOT }, 'four'] },
      'second',
    );
    const result = await aiBlame(await info(repo), 'a.ts', { rev: 'HEAD' });
    assert.deepEqual(
      result.lines.map((l) => [l.line, l.authorship, l.commit, l.origins[0]?.tool]),
      [
        [1, 'human', c1, undefined],
        [2, 'ai', c1, 'claude-code'],
        [3, 'mixed', c2, 'GitHub Copilot'],
        [4, 'human', c2, undefined],
      ],
    );
    assert.equal(result.counts.ai, 1);
    assert.equal(result.counts.mixed, 1);
    assert.equal(result.lines[1].origins[0].model, 'anthropic/claude-sonnet-4');
    assert.equal(result.lines[1].origins[0].kind, 'agent');
    assert.equal(result.lines[1].author, 'Test User');
    assert.equal(result.share, 0.5);
  });

  it('blames older revisions with --rev', async () => {
    await commitFiles(repo, { 'a.ts': [{ ai: 'x' }] });
    await commitFiles(repo, { 'a.ts': ['y'] });
    assert.deepEqual(
      (await aiBlame(await info(repo), 'a.ts', { rev: 'HEAD~1' })).lines.map((l) => l.authorship),
      ['ai'],
    );
    assert.deepEqual(
      (await aiBlame(await info(repo), 'a.ts', { rev: 'HEAD' })).lines.map((l) => l.authorship),
      ['human'],
    );
  });

  it('follows a rename: lines keep the record of the commit that wrote them under the old name', async () => {
    await commitFiles(repo, { 'old/name.ts': ['h1', { ai: 'ai one' }, { ai: 'ai two' }, 'h2'] });
    repo.git(['mv', 'old/name.ts', 'new-name.ts']);
    repo.commitAll('rename');
    repo.write('new-name.ts', 'h1\nai one\nai two\nh2\nafter rename\n');
    repo.commitAll('append');
    const result = await aiBlame(await info(repo), 'new-name.ts', { rev: 'HEAD' });
    assert.deepEqual(
      result.lines.map((l) => [l.authorship, l.origPath]),
      [
        ['human', 'old/name.ts'],
        ['ai', 'old/name.ts'],
        ['ai', 'old/name.ts'],
        ['human', 'old/name.ts'],
        ['human', 'new-name.ts'],
      ],
    );
  });

  it('keeps attribution through a rebase whose notes were copied (notes.rewriteRef)', async () => {
    await commitFiles(repo, { 'a.ts': ['base 1', 'base 2'] }, 'base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commitFiles(
      repo,
      { 'a.ts': ['base 1', 'base 2', { ai: 'feature ai 1' }, { ai: 'feature ai 2' }, 'feature human'] },
      'feature',
    );
    repo.git(['checkout', '-q', 'main']);
    await commitFiles(repo, { 'a.ts': ['upstream 0', 'upstream 00', 'base 1', 'base 2'] }, 'upstream');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['config', 'notes.rewriteRef', 'refs/notes/ai-provenance']);
    repo.git(['rebase', '-q', 'main']);
    const result = await aiBlame(await info(repo), 'a.ts', { rev: 'HEAD' });
    // The copied record names the pre-rebase commit and its line numbers (3-4); the lines are now 5-6.
    assert.deepEqual(
      result.lines.map((l) => l.authorship),
      ['human', 'human', 'human', 'human', 'ai', 'ai', 'human'],
    );
    assert.deepEqual(result.warnings, []);
  });

  it('marks commits without a record but with AI trailers as ai-assisted at commit level', async () => {
    repo.write('b.ts', 'hello\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'feat\n\nCo-authored-by: Claude <noreply@anthropic.com>']);
    const result = await aiBlame(await info(repo), 'b.ts');
    assert.equal(result.lines[0].authorship, 'ai-assisted');
    assert.equal(result.lines[0].evidence, 'commit');
    assert.equal(result.lines[0].origins[0].tool, 'Claude');
  });

  it('overlays the working state on uncommitted lines when it matches the file', async () => {
    await commitFiles(repo, { 'w.ts': ['kept'] });
    const text = 'kept\nfrom copilot\nby hand\n';
    repo.write('w.ts', text);
    const store = await WorkingStateStore.open(repo.root);
    await store.write({
      version: 1,
      path: 'w.ts',
      contentHash: contentHash(text),
      length: text.length,
      origins: [COPILOT],
      spans: [[5, 17, 0]],
      updated: Date.now(),
    });
    const result = await aiBlame(await info(repo), 'w.ts');
    assert.deepEqual(
      result.lines.map((l) => [l.authorship, l.evidence, l.commit === null]),
      [
        ['human', 'none', false],
        ['ai', 'working-state', true],
        ['human', 'none', true],
      ],
    );
    repo.write('w.ts', text + 'edited since\n');
    const stale = await aiBlame(await info(repo), 'w.ts');
    assert.equal(stale.lines[1].authorship, 'human');
    assert.match(stale.warnings.join('\n'), /another version of the file/);
    assert.equal((await aiBlame(await info(repo), 'w.ts', { workingState: false })).warnings.length, 0);
  });

  it('explains files it cannot blame', async () => {
    await commitFiles(repo, { 'a.ts': ['x'] });
    await assert.rejects(aiBlame(await info(repo), 'missing.ts', { rev: 'HEAD' }), /cannot blame missing\.ts/);
    await assert.rejects(aiBlame(await info(repo), '../outside.ts'), /\.\./);
    await assert.rejects(aiBlame(await info(repo), 'a.ts', { rev: '--output=/tmp/x' }), /invalid revision/);
  });
});

/**
 * Ranges with merges: the branch analysis behind report, check, sign-off and the review view must say what blame
 * says of every line, whatever the shape of the history (sub-branches merged --no-ff, a PR merged into main,
 * criss-cross and octopus merges, conflicts resolved by hand, reverts). Before, the replay followed first parents
 * only, and AI work merged in from a sub-branch read as human: `check` passed a branch the policy should stop.
 */
import * as assert from 'node:assert/strict';
import { analyzeBranch } from '../../../src/git/review';
import { commitFiles, info, type Line } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { blameReference, disagreements, referenceTotals, type Written } from './blameReference';
import { runCli } from './helpers';

const POLICY = { policy: { requireSignoff: { aiShareAbove: 0.3 }, signers: ['test@example.invalid'] } };

describe('ranges with merges agree with blame', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let written: Written;
  beforeEach(() => {
    repo = createTempRepo();
    written = new Map();
  });
  afterEach(() => repo.cleanup());

  async function commit(files: Record<string, readonly Line[]>, message = 'change'): Promise<string> {
    const id = await commitFiles(repo, files, message);
    written.set(id, files);
    return id;
  }
  const merge = (...args: string[]): string => repo.git(['merge', '-q', '--no-edit', ...args]);

  /** Analyses BASE..HEAD and asserts it agrees with blame line for line; returns the report totals. */
  async function assertAgrees(base: string, head: string): Promise<{ total: number; ai: number }> {
    const [b, h] = [repo.git(['rev-parse', base]), repo.git(['rev-parse', head])];
    const reference = blameReference(repo.root, b, h, written);
    const { facts, report } = await analyzeBranch(await info(repo), `${base}..${head}`);
    assert.deepEqual(disagreements(facts, reference), []);
    assert.deepEqual(report.totals, referenceTotals(repo.root, b, h, reference));
    assert.deepEqual(report.warnings, []);
    return report.totals;
  }

  it('check fails on AI work merged --no-ff from a sub-branch, exactly as on the same work committed linearly', async () => {
    repo.write('.ai-provenance.json', JSON.stringify(POLICY));
    await commit({ 'a.ts': ['base'] }, 'base');
    repo.git(['checkout', '-q', '-b', 'linear']);
    await commit({ 'a.ts': ['base', { ai: 'ai one' }, { ai: 'ai two' }, 'human'] }, 'ai work');
    repo.git(['checkout', '-q', '-b', 'feature', 'main']);
    repo.git(['checkout', '-q', '-b', 'sub']);
    await commit({ 'a.ts': ['base', { ai: 'ai one' }, { ai: 'ai two' }, 'human'] }, 'ai work on a sub-branch');
    repo.git(['checkout', '-q', 'feature']);
    merge('--no-ff', 'sub');

    for (const branch of ['linear', 'feature']) {
      const out = await runCli(repo.root, ['check', `main..${branch}`]);
      assert.equal(out.code, 1, `${branch}: ${out.out}${out.err}`);
      assert.match(out.out, /✗ A sign-off is required \(AI share 66\.7% is above 30%\)/, branch);
    }
    assert.deepEqual(await assertAgrees('main', 'feature'), { total: 3, ai: 2, mixed: 0, aiAssisted: 0, human: 1 });
  });

  it('report BASE..main counts the AI lines of a feature merged --no-ff into main', async () => {
    await commit({ 'a.ts': ['base'], 'm.ts': ['m'] }, 'base');
    repo.git(['tag', 'base']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commit({ 'a.ts': ['base', { ai: 'ai one' }, 'human'] }, 'feature 1');
    await commit({ 'a.ts': ['base', { ai: 'ai one' }, 'human', { mixed: 'mixed' }] }, 'feature 2');
    repo.git(['checkout', '-q', 'main']);
    await commit({ 'm.ts': ['m', 'main work'] }, 'main work');
    merge('--no-ff', 'feature');

    const out = await runCli(repo.root, ['report', 'base..main', '--format', 'json']);
    assert.equal(out.code, 0, out.err);
    assert.deepEqual(JSON.parse(out.out).totals, { total: 4, ai: 1, mixed: 1, aiAssisted: 0, human: 2 });
    await assertAgrees('base', 'main');
    const stats = await runCli(repo.root, ['stats', 'base..main', '--json']);
    assert.equal(stats.code, 0, stats.err);
    assert.equal(JSON.parse(stats.out).totals.ai, 1, "stats counts the merged branch's commits too");
  });

  it('criss-cross merges', async () => {
    await commit({ 'a.ts': ['1', '2', '3', '4', '5', '6'], 'b.ts': ['b'] }, 'base');
    repo.git(['tag', 'base']);
    repo.git(['checkout', '-q', '-b', 'side']);
    await commit({ 'a.ts': ['1', { ai: 'side ai' }, '2', '3', '4', '5', '6'] }, 'side 1');
    repo.git(['checkout', '-q', 'main']);
    await commit({ 'a.ts': ['1', '2', '3', '4', '5', { ai: 'main ai' }, '6'] }, 'main 1');
    const main1 = repo.git(['rev-parse', 'HEAD']);
    merge('side');
    repo.git(['checkout', '-q', 'side']);
    merge(main1); // the criss-cross: each side merges the other's pre-merge tip
    await commit({ 'b.ts': ['b', { ai: 'side b' }] }, 'side 2');
    repo.git(['checkout', '-q', 'main']);
    await commit({ 'a.ts': ['1', 'side ai', '2', '3', { ai: 'main again' }, '4', '5', 'main ai', '6'] }, 'main 2');
    merge('side'); // two merge bases
    const totals = await assertAgrees('base', 'main');
    assert.ok(totals.ai >= 4, JSON.stringify(totals));
    await assertAgrees('base', 'side');
  });

  it('octopus merges', async () => {
    await commit({ 'a.ts': ['a'], 'b.ts': ['b'], 'c.ts': ['c'] }, 'base');
    repo.git(['tag', 'base']);
    for (const name of ['a', 'b', 'c']) {
      repo.git(['checkout', '-q', '-b', `topic-${name}`, 'base']);
      await commit({ [`${name}.ts`]: [name, { ai: `${name} ai` }, `${name} human`] }, `topic ${name}`);
    }
    repo.git(['checkout', '-q', 'main']);
    await commit({ 'a.ts': [{ ai: 'main ai' }, 'a'] }, 'main');
    merge('topic-a', 'topic-b', 'topic-c');
    assert.equal(repo.git(['rev-list', '--parents', '-1', 'HEAD']).split(' ').length, 5, 'an octopus merge');
    assert.equal((await assertAgrees('base', 'main')).ai, 4);
  });

  it('conflicts resolved by hand are human; a side taken whole keeps its authorship', async () => {
    await commit({ 'a.ts': ['1', 'shared', '3'], 'b.ts': ['1', 'shared', '3'] }, 'base');
    repo.git(['tag', 'base']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commit(
      { 'a.ts': ['1', { ai: 'feature ai' }, { ai: 'feature ai 2' }, '3'], 'b.ts': ['1', { ai: 'feature b' }, '3'] },
      'feature',
    );
    repo.git(['checkout', '-q', 'main']);
    await commit({ 'a.ts': ['1', 'main human', '3'], 'b.ts': ['1', 'main b', '3'] }, 'main');
    assert.throws(() => merge('feature'));
    repo.write('a.ts', '1\nresolved by hand\nfeature ai 2\n3\n');
    repo.write('b.ts', '1\nfeature b\n3\n');
    repo.git(['add', 'a.ts', 'b.ts']);
    repo.git(['commit', '-q', '--no-edit']);
    const { facts } = await analyzeBranch(await info(repo), 'base..main');
    assert.deepEqual(
      [1, 2, 3, 4].map((l) => facts.lineSource('a.ts', l).authorship),
      ['human', 'human', 'ai', 'human'],
    );
    assert.equal(facts.lineSource('b.ts', 2).authorship, 'ai');
    await assertAgrees('base', 'main');
  });

  it('reverts, of a commit and of a merge', async () => {
    await commit({ 'a.ts': ['1', '2'] }, 'base');
    repo.git(['tag', 'base']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    const ai = await commit({ 'a.ts': ['1', { ai: 'ai 1' }, '2'] }, 'ai 1');
    await commit({ 'a.ts': ['1', 'ai 1', '2', { ai: 'ai 2' }] }, 'ai 2');
    repo.git(['revert', '--no-edit', ai]);
    repo.git(['checkout', '-q', 'main']);
    await commit({ 'b.ts': ['b'] }, 'main');
    merge('--no-ff', 'feature');
    assert.equal((await assertAgrees('base', 'main')).ai, 1);
    repo.git(['revert', '--no-edit', '-m', '1', 'HEAD']);
    repo.git(['revert', '--no-edit', 'HEAD']); // the revert of the revert: blame names it, and it has no record
    await assertAgrees('base', 'main');
  });
});

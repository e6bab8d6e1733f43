import * as assert from 'node:assert/strict';
import { hunkKey } from '../../../src/core/policy';
import { ReviewStateStore } from '../../../src/git/review';
import { commitFiles } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { runCli } from './helpers';

const POLICY = {
  policy: { requireSignoff: { aiShareAbove: 0.3 }, signers: ['test@example.invalid'], requireAllAiHunksReviewed: true },
};

/** main with the policy committed; feature adds two AI lines and one human line to a.ts. */
async function branchRepo(policy: unknown = POLICY): Promise<TempRepo> {
  const repo = createTempRepo();
  repo.write('.ai-provenance.json', JSON.stringify(policy));
  await commitFiles(repo, { 'a.ts': ['base'] }, 'base');
  repo.git(['checkout', '-q', '-b', 'feature']);
  await commitFiles(repo, { 'a.ts': ['base', { ai: 'ai one' }, { ai: 'ai two' }, 'human'] }, 'ai work');
  return repo;
}

describe('ai-provenance check', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  afterEach(() => repo.cleanup());

  it('fails with the reasons when sign-off and hunk review are missing, passes once given', async () => {
    repo = await branchRepo();
    const failed = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(failed.code, 1, failed.out + failed.err);
    assert.match(failed.out, /ai-provenance check: FAILED \(\.ai-provenance\.json at main\)/);
    assert.match(failed.out, /✗ A sign-off is required \(AI share 66\.7% is above 30%\) but none is accepted/);
    assert.match(failed.out, /✗ 1 of 1 AI hunk\(s\) have no review in an accepted sign-off: a\.ts:2-4/);

    const signed = await runCli(repo.root, ['signoff', 'main..feature']);
    assert.equal(signed.code, 0, signed.err);
    const stillFailing = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(stillFailing.code, 1);
    assert.match(stillFailing.out, /✓ Sign-off required .* given by test@example\.invalid/);
    assert.match(stillFailing.out, /✗ 1 of 1 AI hunk/);

    await (
      await ReviewStateStore.open(repo.root)
    ).markReviewed(hunkKey('a.ts', ['ai one', 'ai two', 'human']), 'test@example.invalid');
    assert.equal((await runCli(repo.root, ['signoff', 'main..feature'])).code, 0);
    const passed = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(passed.code, 0, passed.out);
    assert.match(passed.out, /ai-provenance check: passed/);
  });

  it('does not accept sign-offs from signers the policy does not allow', async () => {
    repo = await branchRepo({ policy: { requireSignoff: true, signers: ['lead@example.com'] } });
    await runCli(repo.root, ['signoff', 'main..feature']);
    const out = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(out.code, 1);
    assert.match(out.out, /test@example\.invalid \(signed the current head; not an allowed signer\)/);
    assert.match(out.out, /One of lead@example\.com reviews the change/);
  });

  it('reads the policy from BASE: a branch cannot relax it, and no policy passes', async () => {
    repo = await branchRepo();
    repo.write('.ai-provenance.json', JSON.stringify({ policy: {} }));
    repo.commitAll('relax the policy');
    assert.equal((await runCli(repo.root, ['check', 'main..feature'])).code, 1);
    const free = createTempRepo();
    try {
      await commitFiles(free, { 'x.ts': ['x'] }, 'base');
      free.git(['checkout', '-q', '-b', 'f']);
      await commitFiles(free, { 'x.ts': ['x', { ai: 'y' }] });
      const out = await runCli(free.root, ['check', 'main..f']);
      assert.equal(out.code, 0);
      assert.match(out.out, /no \.ai-provenance\.json at main, nothing to enforce/);
    } finally {
      free.cleanup();
    }
  });

  it('keeps a sign-off through a rebase (notes copied) but not through new AI code', async () => {
    repo = await branchRepo({ policy: { requireSignoff: true, requireAllAiHunksReviewed: true } });
    await (
      await ReviewStateStore.open(repo.root)
    ).markReviewed(hunkKey('a.ts', ['ai one', 'ai two', 'human']), 'test@example.invalid');
    assert.equal((await runCli(repo.root, ['signoff', 'main..feature'])).code, 0);
    repo.git(['checkout', '-q', 'main']);
    await commitFiles(repo, { 'other.ts': ['upstream work'] }, 'upstream');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['config', 'notes.rewriteRef', 'refs/notes/ai-provenance-signoff']);
    repo.git(['config', '--add', 'notes.rewriteRef', 'refs/notes/ai-provenance']);
    repo.git(['rebase', '-q', 'main']);
    const carried = await runCli(repo.root, ['check', 'main..feature', '--json']);
    assert.equal(carried.code, 0, carried.out);
    assert.equal(JSON.parse(carried.out).signoffs[0].status, 'carried');

    await commitFiles(
      repo,
      { 'a.ts': ['base', { ai: 'ai one' }, { ai: 'ai two' }, 'human', { ai: 'new ai' }] },
      'more ai',
    );
    const stale = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(stale.code, 1);
    assert.match(stale.out, /AI hunk\(s\) are new or changed since/);
  });

  it('reports an invalid policy clearly and rejects bad usage', async () => {
    repo = await branchRepo({ policy: { requireSignoff: { aiShareAbove: 30 } } });
    const bad = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(bad.code, 1);
    assert.match(
      bad.err,
      /\.ai-provenance\.json at main: policy\.requireSignoff\.aiShareAbove: expected a share between 0 and 1/,
    );
    assert.equal((await runCli(repo.root, ['check'])).code, 2);
    assert.equal((await runCli(repo.root, ['check', '--bogus', 'main..feature'])).code, 2);
    const unknown = await runCli(repo.root, ['check', 'nope..feature']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown revision "nope"/);
  });
});

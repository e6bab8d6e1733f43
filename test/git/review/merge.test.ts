import * as assert from 'node:assert/strict';
import { analyzeBranch } from '../../../src/git/review';
import { commitFiles, info } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

describe('branch analysis with merges', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  beforeEach(async () => {
    repo = createTempRepo();
    await commitFiles(repo, { 'a.ts': ['base'], 'm.ts': ['main 1'] }, 'base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commitFiles(repo, { 'a.ts': ['base', { ai: 'ai line' }] }, 'ai work');
    repo.git(['checkout', '-q', 'main']);
    await commitFiles(repo, { 'm.ts': ['main 1', 'main 2'] }, 'upstream');
  });
  afterEach(() => repo.cleanup());

  it('keeps attribution when the branch merged its base in', async () => {
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['merge', '-q', '--no-edit', 'main']);
    const { report } = await analyzeBranch(await info(repo), 'main..feature');
    assert.deepEqual(report.totals, { total: 1, ai: 1, mixed: 0, aiAssisted: 0, human: 0 });
    assert.deepEqual(report.warnings, []);
  });

  it('counts the AI lines of a branch analysed through its merge ref (as a CI checkout of refs/pull/N/merge does)', async () => {
    repo.git(['checkout', '-q', '--detach', 'main']);
    repo.git(['merge', '-q', '--no-ff', '--no-edit', 'feature']);
    const { report } = await analyzeBranch(await info(repo), 'main..HEAD');
    assert.deepEqual(report.totals, { total: 1, ai: 1, mixed: 0, aiAssisted: 0, human: 0 });
    assert.deepEqual(report.warnings, []);
  });
});

import * as assert from 'node:assert/strict';
import { aiStats } from '../../../src/git/blame';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { COPILOT, commitFiles, info } from './helpers';

describe('aiStats', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('counts added lines per commit range by authorship, tool and model', async () => {
    await commitFiles(repo, { 'a.ts': ['h1', 'h2'] }, 'base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commitFiles(
      repo,
      { 'a.ts': ['h1', { ai: 'ai 1' }, { ai: 'ai 2' }, 'h2'], 'b.ts': [{ mixed: 'm', origin: COPILOT }] },
      'ai',
    );
    repo.write('c.ts', 'x\ny\nz\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'agent commit\n\nAssisted-by: Claude:claude-opus-4']);
    await commitFiles(repo, { 'a.ts': ['h1', { ai: 'ai 1' }, 'changed by hand', 'h2'] }, 'human edit');
    const r = await info(repo);
    const branch = await aiStats(r, 'main..feature');
    assert.equal(branch.commits.length, 3);
    assert.deepEqual(branch.totals, { total: 7, ai: 2, mixed: 1, aiAssisted: 3, human: 1 });
    assert.deepEqual(branch.byTool, [
      { tool: 'Claude', lines: 3 },
      { tool: 'claude-code', lines: 2 },
      { tool: 'GitHub Copilot', lines: 1 },
    ]);
    assert.ok(branch.byModel.some((m) => m.model === 'openai/gpt-4o' && m.lines === 1));
    const all = await aiStats(r);
    assert.equal(all.commits.length, 4);
    assert.equal(all.totals.human, 3);
  });

  it('counts nothing for an empty range and rejects unsafe ranges', async () => {
    await commitFiles(repo, { 'a.ts': ['x'] });
    const r = await info(repo);
    assert.equal((await aiStats(r, 'HEAD..HEAD')).totals.total, 0);
    await assert.rejects(aiStats(r, '--all'), /invalid revision/);
  });
});

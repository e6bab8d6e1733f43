import * as assert from 'node:assert/strict';
import { resolveCommits, resolveRange } from '../../../src/git/review';
import { revParseIds } from '../../../src/git/review/range';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { info } from '../blame/helpers';

describe('range resolution', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo({ commit: true });
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('a.ts', 'a\n');
    repo.commitAll('feature work');
  });
  after(() => repo.cleanup());

  it('resolves both ends', async () => {
    const range = await resolveRange(await info(repo), 'main..feature');
    assert.deepEqual([range.base, range.head], [repo.git(['rev-parse', 'main']), repo.git(['rev-parse', 'feature'])]);
  });

  it('names the ref that does not resolve', async () => {
    await assert.rejects(
      resolveCommits(await info(repo), ['main', 'no-such-branch']),
      /unknown revision "no-such-branch"/,
    );
  });

  it('drops the --end-of-options line some git versions echo (else every range took three rev-parses)', () => {
    const id = 'a'.repeat(40);
    assert.deepEqual(revParseIds(`--end-of-options\n${id}\n${id}\n`), [id, id]);
    assert.deepEqual(revParseIds(`${id}\n`), [id]);
  });
});

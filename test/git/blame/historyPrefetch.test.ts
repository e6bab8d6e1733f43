import * as assert from 'node:assert/strict';
import { aiBlame, ProvenanceReader } from '../../../src/git/blame';
import { HistoryPrefetch } from '../../../src/git/blame/historyPrefetch';
import type { RepoInfo } from '../../../src/git';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { commitFiles, info } from './helpers';

describe('HistoryPrefetch (provenance read while blame runs)', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  let r: RepoInfo;
  let beforeRename: string;
  before(async () => {
    repo = createTempRepo();
    r = await info(repo);
    beforeRename = await commitFiles(repo, { 'old.ts': ['one', { ai: 'two' }] }, 'ai under the old name');
    repo.git(['mv', 'old.ts', 'new.ts']);
    repo.commitAll('rename');
    await commitFiles(repo, { 'new.ts': ['one', 'two', { ai: 'three' }], 'other.ts': ['x'] }, 'more ai');
    await commitFiles(repo, { 'new.ts': ['one', 'two', 'three', 'four'] }, 'human');
  });
  after(() => repo.cleanup());

  it("reads the provenance of the file's history as the batch reader would", async () => {
    const reader = ProvenanceReader.open(r);
    const { provenance, identities } = await new HistoryPrefetch(r, 'HEAD', 'new.ts', reader).finished();
    const history = repo.git(['log', '--format=%H', 'HEAD', '--', 'new.ts']).split('\n');
    assert.deepEqual([...provenance.keys()], history);
    assert.deepEqual([...identities.keys()], history);
    const expected = await (await reader).provenance(history);
    for (const c of history) assert.deepEqual(provenance.get(c), expected.get(c), c);
    assert.ok(!provenance.has(beforeRename), 'the log does not follow the rename');
  });

  it('gives up quietly when stopped at once, or when git cannot list the history', async () => {
    const reader = ProvenanceReader.open(r);
    assert.equal((await new HistoryPrefetch(r, 'HEAD', 'new.ts', reader).settle()).provenance.size, 0);
    assert.equal((await new HistoryPrefetch(r, 'no-such-rev', 'new.ts', reader).finished()).provenance.size, 0);
    const empty = createTempRepo();
    try {
      const e = await info(empty);
      assert.equal(
        (await new HistoryPrefetch(e, undefined, 'a.ts', ProvenanceReader.open(e)).finished()).identities.size,
        0,
      );
    } finally {
      empty.cleanup();
    }
  });

  it('leaves blame to read what it missed: lines written before a rename keep their record', async () => {
    const result = await aiBlame(r, 'new.ts', { rev: 'HEAD' });
    assert.deepEqual(
      result.lines.map((l) => [l.authorship, l.commit === beforeRename]),
      [
        ['human', true],
        ['ai', true],
        ['ai', false],
        ['human', false],
      ],
    );
  });
});

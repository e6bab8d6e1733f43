/** Hostile notes reach blame: rejected with a reason, or rendered inert; never trusted, never crashing. */
import * as assert from 'node:assert/strict';
import { aiBlame, aiStats } from '../../../src/git/blame';
import { writeNote } from '../../../src/git';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { commitFiles, evilRecord, info, recordFor } from './helpers';

describe('hostile notes in blame and stats', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo();
  });
  after(() => repo.cleanup());

  it('ignores invalid and oversized notes with reasons, leaves out escaping entries with a warning, and cleans labels of valid ones', async () => {
    const r = await info(repo);
    const invalid = await commitFiles(repo, { 'a.ts': ['1'] }, 'invalid');
    await writeNote(r, invalid, '{"version":"0.1.0", "files": [');
    const huge = await commitFiles(repo, { 'a.ts': ['1', '2'] }, 'huge');
    await writeNote(r, huge, `{"pad":"${'x'.repeat(50 * 1024 * 1024)}"}`);
    const escaping = await commitFiles(repo, { 'a.ts': ['1', '2', '3'] }, 'escaping');
    await writeNote(
      r,
      escaping,
      recordFor(escaping, { 'a.ts': ['1', '2', { ai: '3' }] }).replace('"path":"a.ts"', '"path":"../../a.ts"'),
    );
    const evil = await commitFiles(repo, { 'a.ts': ['1', '2', '3', '4'] }, 'evil', { note: false });
    await writeNote(r, evil, evilRecord(evil, { 'a.ts': ['1', '2', '3', { ai: '4' }] }));

    const result = await aiBlame(r, 'a.ts', { rev: 'HEAD' });
    assert.deepEqual(
      result.lines.map((l) => l.authorship),
      ['human', 'human', 'human', 'ai'],
    );
    const reasons = new Map(result.ignoredNotes.map((n) => [n.commit, n.reason]));
    assert.match(reasons.get(invalid)!, /not JSON/);
    assert.match(reasons.get(huge)!, /exceeds the read limit/);
    // One bad file entry costs that entry, not the note: said in the warnings instead.
    assert.equal(reasons.get(escaping), undefined);
    assert.ok(
      result.warnings.some(
        (w) =>
          w.startsWith(`note of ${escaping.slice(0, 12)}: file entry left out`) && /"\." or "\.\." segment/.test(w),
      ),
      result.warnings.join('\n'),
    );
    const tool = result.lines[3].origins[0].tool;
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(tool, /[\u0000-\u001f\u202e]/);
    assert.ok(tool.length <= 120);

    const stats = await aiStats(r);
    assert.equal(stats.totals.ai, 1);
    assert.equal(stats.ignoredNotes.length, 2);
    assert.doesNotMatch(JSON.stringify(stats.byTool), /\\u001b|\\u202e|\u202e/);
  });
});

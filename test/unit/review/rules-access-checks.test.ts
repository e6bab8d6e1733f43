/**
 * access-check-changed (rules/access-checks.ts): each case of corpus/accessChecks.ts fires exactly where it expects
 * (the corpus test only checks precision and recall in aggregate), and a hit raises the tier to T1, not more.
 */
import * as assert from 'node:assert/strict';
import { GRAMMARS, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { ACCESS_CHECK_CASES } from './corpus/accessChecks';
import { baseTextOf, diffOf, findingsOf, headTextOf, review } from './helpers';

const RULE = 'access-check-changed';

describe('review/rules access decisions changed (syntax trees)', () => {
  let syntax: SyntaxParser | undefined;
  before(async () => {
    syntax = await loadSyntaxParser(GRAMMARS);
    assert.ok(syntax);
  });
  for (const c of ACCESS_CHECK_CASES) {
    const fires = c.expect.includes(RULE);
    it(`${c.lang} ${c.id}: ${fires ? 'fires' : 'stays silent'}`, () => {
      const report = review(diffOf(...c.files), undefined, {
        headText: headTextOf(...c.files),
        baseText: baseTextOf(...c.files),
        syntax,
      });
      const hits = findingsOf(report, RULE);
      assert.equal(hits.length, fires ? 1 : 0, JSON.stringify(hits.map((f) => f.why)));
      if (fires) {
        assert.match(hits[0].why, /decides what is allowed/);
        assert.equal(hits[0].severity, 'medium');
        assert.equal(report.blastRadius.tier, 'T1', report.blastRadius.reasons.join('\n'));
      }
    });
  }
});

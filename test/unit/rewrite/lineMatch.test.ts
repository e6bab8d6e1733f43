import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { longestIncreasing } from '../../../src/core/longestIncreasing';
import { addedLineFlags, matchLines } from '../../../src/core/rewrite/lineMatch';

/** Length of the longest common subsequence (naive DP, the reference model). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--)
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  return dp[0][0];
}

function pairs(m: ReturnType<typeof matchLines>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  m.newToOld.forEach((o, n) => {
    if (o >= 0) out.push([o, n]);
  });
  return out;
}

describe('rewrite: line matching', () => {
  it('matches unchanged lines around an insertion and a deletion', () => {
    const m = matchLines(['a', 'b', 'c', 'd'], ['a', 'x', 'b', 'd']);
    assert.deepEqual(pairs(m), [
      [0, 0],
      [1, 2],
      [3, 3],
    ]);
    assert.deepEqual([...m.oldToNew], [0, 2, -1, 3]);
    assert.equal(m.complete, true);
  });

  it('pairs re-indented lines only when asked', () => {
    const old = ['if (x) {', 'call();', '}'];
    const next = ['if (x) {', '    call();', '}'];
    assert.equal(matchLines(old, next).newToOld[1], -1);
    assert.equal(matchLines(old, next, { whitespaceInsensitive: true }).newToOld[1], 1);
  });

  it('falls back to unique lines when the diff gives up, never crossing matches', () => {
    const old = Array.from({ length: 60 }, (_, i) => `line ${i}`);
    const next = [...old].reverse().map((l, i) => (i % 7 === 0 ? l : `${l}!`));
    const m = matchLines(old, next, { maxEdits: 3 });
    assert.equal(m.complete, false);
    const p = pairs(m);
    for (const [o, n] of p) assert.equal(old[o], next[n]);
    for (let k = 1; k < p.length; k++) assert.ok(p[k][0] > p[k - 1][0] && p[k][1] > p[k - 1][1]);
  });

  it('longestIncreasing picks a longest ascending subsequence', () => {
    const out = longestIncreasing([
      [0, 3],
      [1, 1],
      [2, 2],
      [3, 0],
      [4, 4],
    ]);
    assert.deepEqual(out, [
      [1, 1],
      [2, 2],
      [4, 4],
    ]);
    assert.deepEqual(longestIncreasing([]), []);
  });

  it('matches a longest common subsequence of equal lines (property, against a naive LCS)', () => {
    const line = fc.constantFrom('a', 'b', 'c', '}', '', 'x');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.array(line, { maxLength: 25 }), (a, b) => {
        const p = pairs(matchLines(a, b));
        for (const [o, n] of p) assert.equal(a[o], b[n]);
        for (let k = 1; k < p.length; k++) assert.ok(p[k][0] > p[k - 1][0] && p[k][1] > p[k - 1][1]);
        assert.equal(p.length, lcs(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('added lines: versus one parent, versus every parent of a merge, and for a root commit', () => {
    assert.deepEqual(addedLineFlags(['a', 'new', 'b'], [['a', 'b']]), [false, true, false]);
    assert.deepEqual(addedLineFlags(['a', 'from-side', 'resolved'], [['a'], ['a', 'from-side']]), [false, false, true]);
    assert.deepEqual(addedLineFlags(['a', 'b'], []), [true, true]);
  });
});

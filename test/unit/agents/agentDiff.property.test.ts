import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { agentInsertedRanges } from '../../../src/core/agents';

const piece = fc.constantFrom('a', 'b', 'foo', '(x)', ';', ' ', '  ', '\t', '😀', 'é', 'ж', '=');
const line = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const lines = fc.array(line, { maxLength: 12 });
const eol = fc.constantFrom('\n', '\r\n', '\r');
const text = fc.tuple(lines, eol, fc.boolean()).map(([ls, e, final]) => ls.join(e) + (final && ls.length > 0 ? e : ''));

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function assertWellFormed(after: string, ranges: Array<[number, number]>): void {
  let previousEnd = -1;
  for (const [s, e] of ranges) {
    assert.ok(
      Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s < e && e <= after.length,
      `bad range ${s},${e}`,
    );
    assert.ok(s > previousEnd, 'sorted, disjoint and merged');
    assert.ok(!isHigh(after.charCodeAt(s - 1)) || s === 0, 'starts inside a surrogate pair');
    assert.ok(!isHigh(after.charCodeAt(e - 1)), 'ends inside a surrogate pair');
    previousEnd = e;
  }
}

describe('agentInsertedRanges: properties', () => {
  it('returns sorted, merged, in-bounds ranges that never split a surrogate pair, deterministically', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const ranges = agentInsertedRanges(before, after);
        assertWellFormed(after, ranges);
        assert.deepEqual(agentInsertedRanges(before, after), ranges);
      }),
      { numRuns: 150 },
    );
  });

  it('attributes nothing when only line endings change', () => {
    fc.assert(
      fc.property(lines, eol, eol, fc.boolean(), (ls, e1, e2, final) => {
        const end = final ? '' : e1;
        assert.deepEqual(agentInsertedRanges(ls.join(e1) + end, ls.join(e2) + (final ? '' : e2)), []);
      }),
      { numRuns: 200 },
    );
  });

  it('attributes nothing when lines are only reindented or deleted', () => {
    fc.assert(
      fc.property(lines, fc.array(fc.boolean()), fc.constantFrom(' ', '  ', '\t'), (ls, drop, indent) => {
        const before = ls.map((l) => l + '\n').join('');
        const reindented = ls.map((l) => indent + l + '\n').join('');
        const deleted = ls
          .filter((_, i) => !drop[i])
          .map((l) => l + '\n')
          .join('');
        assert.deepEqual(agentInsertedRanges(before, reindented), []);
        assert.deepEqual(agentInsertedRanges(before, deleted), []);
      }),
      { numRuns: 200 },
    );
  });

  it('attributes exactly a newly inserted unique line, with its line ending', () => {
    fc.assert(
      fc.property(lines, fc.nat(), line, eol, (ls, at, body, e) => {
        const index = ls.length === 0 ? 0 : at % (ls.length + 1);
        const inserted = '§' + body + '§';
        const before = ls.map((l) => l + e).join('');
        const head = ls
          .slice(0, index)
          .map((l) => l + e)
          .join('');
        const after =
          head +
          inserted +
          e +
          ls
            .slice(index)
            .map((l) => l + e)
            .join('');
        assert.deepEqual(agentInsertedRanges(before, after), [[head.length, head.length + inserted.length + e.length]]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a created file entirely to the agent', () => {
    fc.assert(
      fc.property(text, (after) => {
        assert.deepEqual(agentInsertedRanges('', after), after === '' ? [] : [[0, after.length]]);
      }),
    );
  });
});

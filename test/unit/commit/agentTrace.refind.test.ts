import * as assert from 'node:assert/strict';
import { contentHash } from '../../../src/core/hash';
import { refindRanges, type HashedRange } from '../../../src/core/commit';

function range(lines: string[], start: number, end: number): HashedRange {
  return { start_line: start, end_line: end, content_hash: contentHash(lines.slice(start - 1, end).join('\n')) };
}

const OLD = ['import a', 'function one() {', '  return 1;', '}', '', 'function two() {', '  return 2;', '}'];

describe('Agent Trace: re-finding ranges by content hash', () => {
  it('finds unmoved ranges in place', () => {
    const r = refindRanges([range(OLD, 2, 4)], OLD.join('\n') + '\n');
    assert.deepEqual(
      r.found.map((f) => [f.start_line, f.end_line, f.moved]),
      [[2, 4, false]],
    );
    assert.deepEqual(r.missing, []);
  });

  it('follows a shift from lines inserted above, and CRLF content', () => {
    const text = ['// header', '// more', ...OLD].join('\r\n');
    const r = refindRanges([range(OLD, 2, 4), range(OLD, 6, 8)], text);
    assert.deepEqual(
      r.found.map((f) => [f.start_line, f.end_line, f.moved]),
      [
        [4, 6, true],
        [8, 10, true],
      ],
    );
  });

  it('finds a range moved anywhere in the file', () => {
    const moved = [...OLD.slice(5), ...Array.from({ length: 50 }, (_, i) => `filler ${i}`), ...OLD.slice(0, 5)];
    const r = refindRanges([range(OLD, 2, 4)], moved);
    assert.deepEqual(
      r.found.map((f) => [f.start_line, f.end_line]),
      [[55, 57]],
    );
  });

  it('prefers the copy nearest to where the range is expected', () => {
    const dup = ['x', 'same line', 'y', 'z', 'w', 'same line', 'v'];
    const r = refindRanges([{ start_line: 5, end_line: 5, content_hash: contentHash('same line') }], dup);
    assert.equal(r.found[0].start_line, 6);
    const shifted = refindRanges(
      [
        { start_line: 1, end_line: 1, content_hash: contentHash('x') },
        { start_line: 2, end_line: 2, content_hash: contentHash('same line') },
      ],
      ['new', 'new', 'new', 'new', 'x', 'same line', 'same line'],
    );
    assert.deepEqual(
      shifted.found.map((f) => f.start_line),
      [5, 6],
      'the displacement of the previous range carries over',
    );
  });

  it('reports ranges it cannot find, with the reason', () => {
    const r = refindRanges(
      [
        range(OLD, 2, 4),
        { start_line: 1, end_line: 1 },
        { start_line: 1, end_line: 20, content_hash: 'x' },
        { start_line: 2, end_line: 2, content_hash: contentHash('more') },
      ],
      ['function one() {', '  return 42;', '}', 'other', 'more', '}'],
    );
    assert.deepEqual(
      r.found.map((f) => [f.start_line, f.range.start_line]),
      [[5, 2]],
    );
    assert.deepEqual(
      r.missing.map((m) => m.reason),
      ['not-found', 'no-hash', 'not-found'],
    );
  });

  it('does not trust punctuation-only text found away from its place', () => {
    const r = refindRanges(
      [{ start_line: 2, end_line: 3, content_hash: contentHash('}\n') }],
      ['a', 'b', 'c', 'd', '}', '', 'e'],
    );
    assert.deepEqual(
      r.missing.map((m) => m.reason),
      ['ambiguous'],
    );
    const inPlace = refindRanges(
      [{ start_line: 5, end_line: 6, content_hash: contentHash('}\n') }],
      ['a', 'b', 'c', 'd', '}', '', 'e'],
    );
    assert.equal(inPlace.found.length, 1);
  });

  it('stops searching far once the work budget is spent, but still checks the expected place', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `line number ${i}`);
    const gone = { start_line: 10, end_line: 12, content_hash: 'fnv64:0000000000000000' };
    const here = range(big, 1500, 1501);
    const r = refindRanges([gone, here], big, { maxWork: 5_000 });
    assert.deepEqual(
      r.missing.map((m) => m.reason),
      ['budget'],
    );
    assert.deepEqual(
      r.found.map((f) => f.start_line),
      [1500],
    );
    assert.ok(r.work > 0);
  });

  it('copes with empty text and empty ranges lists', () => {
    assert.deepEqual(refindRanges([], 'a\n'), { found: [], missing: [], work: 0 });
    assert.deepEqual(
      refindRanges([range(OLD, 1, 1)], '').missing.map((m) => m.reason),
      ['not-found'],
    );
  });
});

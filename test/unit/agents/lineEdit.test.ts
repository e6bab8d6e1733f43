import * as assert from 'node:assert/strict';
import { inPlaceInsertions, LINE_EDIT_RULE } from '../../../src/core/agents';

/** The inserted text of an in-place edit, or null for a rewrite. */
function inserted(oldLine: string, newLine: string): string[] | null {
  const ranges = inPlaceInsertions(oldLine, newLine);
  return ranges === null ? null : ranges.map(([s, e]) => newLine.slice(s, e));
}

describe('inPlaceInsertions: the similarity rule', () => {
  it('rejects a rewrite that deletes more than a quarter of the old line', () => {
    assert.equal(inserted('return a + b;', 'const s = a + b;'), null, 'deletes `return`: 6 of 10');
    assert.equal(inserted('return a + b;', 'return s;'), null, 'deletes `a + b`: 3 of 10');
    assert.equal(inserted('let x = 1;', 'const x = 1;'), null, 'deletes `let`: 3 of 6');
  });

  it('accepts deletions up to a quarter of the old line', () => {
    // `total` is 5 of 22 non-space characters.
    assert.deepEqual(inserted('const total = sum(items);', 'const grandTotal = sum(items);'), ['grandTotal']);
    assert.deepEqual(inserted('a = b + c + d;', 'a = b + c;'), [], 'a pure deletion of 2 of 8 inserts nothing');
  });

  it('rejects a new line that is mostly new text, unless it is a pure insertion into a real line', () => {
    assert.equal(inserted('}', '});'), null, 'keeps 1 of 3');
    assert.equal(inserted('}', 'if (x) { y(); }'), null, 'one coincidental `}` is not an edit in place');
    assert.deepEqual(inserted('x = 1;', 'x = 1; // TODO remove'), ['// TODO remove'], 'nothing deleted, 4 kept');
    assert.equal(inserted('x=1', 'x=1 // a long explanatory comment'), null, 'nothing deleted but only 3 kept');
  });

  it('boundary: kept exactly half of the new line is enough', () => {
    // old `ab` (2), new `ab cd` (4): kept 2 = 4 / 2, deleted 0.
    assert.deepEqual(inserted('ab', 'ab cd'), ['cd']);
    // old `ab` (2), new `ab cde` (5): kept 2 < 5 / 2 and fewer than minKeptForPureInsert.
    assert.equal(inserted('ab', 'ab cde'), null);
    assert.equal(LINE_EDIT_RULE.minKeptForPureInsert, 4);
  });

  it('returns several separate insertions, each trimmed of whitespace', () => {
    assert.deepEqual(inserted('call(a, b)', 'await call(a, b, c)'), ['await', ', c']);
    assert.deepEqual(inserted('a = b;', 'a = (b);'), ['(', ')']);
  });

  it('treats whitespace-only differences as in place with nothing inserted', () => {
    assert.deepEqual(inserted('  a();', '    a();'), []);
    assert.deepEqual(inserted('a+b', 'a + b'), []);
    assert.deepEqual(inserted('   ', ''), []);
    assert.equal(inserted('', 'x'), null, 'a blank line that gains text is rewritten');
    assert.equal(inserted('x', '  '), null, 'a line emptied to whitespace is rewritten');
  });

  it('never judges over-long lines or too many token edits in place', () => {
    const long = 'x'.repeat(LINE_EDIT_RULE.maxLineChars) + ';';
    assert.equal(inserted(long, long + ' y'), null);
    const many = Array.from({ length: 40 }, (_, i) => `a${i}`).join(' ');
    const interleaved = Array.from({ length: 40 }, (_, i) => `a${i} z${i}`).join(' ');
    assert.equal(inPlaceInsertions(many, interleaved), null, 'over maxTokenEdits');
  });

  it('stops splitting lines once the shared budget is spent', () => {
    const budget = { remaining: 700 }; // one pre-screen (15) + one token diff (500 + 8 x 15), not two
    assert.deepEqual(inPlaceInsertions('foo(a)', 'foo(a, b)', budget), [[5, 8]]);
    assert.equal(inPlaceInsertions('foo(a)', 'foo(a, b)', budget), null);
    assert.ok(budget.remaining < 0);
  });

  it('keeps surrogate pairs and grapheme pieces whole in ranges', () => {
    const ranges = inPlaceInsertions('const x = "😀";', 'const x = "😀👍";');
    assert.deepEqual(ranges, [[13, 15]]);
  });
});

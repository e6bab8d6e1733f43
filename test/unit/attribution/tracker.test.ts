import * as assert from 'node:assert/strict';
import { AttributionTracker, OriginTable, type TextChange } from '../../../src/core/attribution';

function table(): OriginTable {
  const t = new OriginTable();
  t.intern({ kind: 'inline', tool: 'copilot', time: 1 }); // id 0
  t.intern({ kind: 'agent', tool: 'claude-code', time: 2 }); // id 1
  return t;
}

const ins = (start: number, text: string, origin?: number): TextChange => ({ start, deleteLength: 0, text, origin });
const del = (start: number, deleteLength: number): TextChange => ({ start, deleteLength, text: '' });

/** "hello " human, then "world" from origin 0, then " !" human. */
function sample(): AttributionTracker {
  const t = new AttributionTracker(0, { origins: table() });
  t.apply(ins(0, 'hello  !'));
  t.apply(ins(6, 'world', 0));
  assert.deepEqual(t.toSpans(), [[6, 11, 0]]);
  return t;
}

describe('AttributionTracker: plain edits', () => {
  it('starts all human and counts length', () => {
    const t = new AttributionTracker(10);
    assert.equal(t.length, 10);
    assert.deepEqual(t.toSpans(), []);
    assert.equal(t.spanCount, 0);
    assert.equal(t.originAt(3), undefined);
  });

  it('does not grow an AI span when typing exactly at either edge', () => {
    const t = sample();
    t.apply(ins(6, 'X')); // right before "world"
    assert.deepEqual(t.toSpans(), [[7, 12, 0]]);
    t.apply(ins(12, 'Y')); // right after "world"
    assert.deepEqual(t.toSpans(), [[7, 12, 0]]);
    t.checkInvariants();
  });

  it('splits a span when a human types inside it', () => {
    const t = sample();
    t.apply(ins(8, 'Z')); // "wo|rld"
    assert.deepEqual(t.toSpans(), [
      [6, 8, 0],
      [9, 12, 0],
    ]);
    assert.equal(t.spanCount, 2);
    assert.equal(t.originAt(8), undefined);
    assert.equal(t.originAt(9), 0);
  });

  it('grows a span when the same origin inserts next to it, and keeps different origins apart', () => {
    const t = sample();
    t.apply(ins(11, '!!', 0));
    assert.deepEqual(t.toSpans(), [[6, 13, 0]]);
    t.apply(ins(6, 'ab', 1));
    assert.deepEqual(t.toSpans(), [
      [6, 8, 1],
      [8, 15, 0],
    ]);
  });

  it('removes attribution with deleted text and re-merges neighbours', () => {
    const t = sample();
    t.apply(ins(8, 'Z'));
    t.apply(del(8, 1)); // delete the human "Z": the two halves meet again
    assert.deepEqual(t.toSpans(), [[6, 11, 0]]);
    assert.equal(t.spanCount, 1);
    t.apply(del(5, 3)); // " wo"
    assert.deepEqual(t.toSpans(), [[5, 8, 0]]);
    t.apply(del(0, t.length));
    assert.deepEqual(t.toSpans(), []);
    assert.equal(t.length, 0);
    t.checkInvariants();
  });

  it('types over a selection as human (plain replace without old text)', () => {
    const t = sample();
    t.apply({ start: 7, deleteLength: 3, text: 'ORL' });
    assert.deepEqual(t.toSpans(), [
      [6, 7, 0],
      [10, 11, 0],
    ]);
  });

  it('applies the changes of one event in order, each in the coordinates left by the previous ones', () => {
    // Multi-cursor: type "#" at the start of "world" and at the start of the text, bottom-up as VS Code sends them.
    const t = sample();
    t.applyChanges([ins(6, '#'), ins(0, '#')]);
    assert.deepEqual(t.toSpans(), [[8, 13, 0]]);
    // Second entry's offset only makes sense after the first: insert "AB" (AI) then delete its "B".
    t.applyChanges([ins(0, 'AB', 1), del(1, 1)]);
    assert.deepEqual(t.toSpans(), [
      [0, 1, 1],
      [9, 14, 0],
    ]);
  });

  it('lets whitespace typed strictly inside one AI span join it, but not at its edges', () => {
    const t = sample();
    t.apply(ins(8, ' ')); // "wo rld": stays one span
    assert.deepEqual(t.toSpans(), [[6, 12, 0]]);
    t.apply(ins(8, '\n    ')); // Enter plus indentation inside the span
    assert.deepEqual(t.toSpans(), [[6, 17, 0]]);
    t.apply(ins(17, ' ')); // at the right edge: human
    t.apply(ins(6, '\t')); // at the left edge: human
    assert.deepEqual(t.toSpans(), [[7, 18, 0]]);
  });

  it('keeps whitespace human between spans of two different origins', () => {
    const t = new AttributionTracker(0, { origins: table() });
    t.apply(ins(0, 'aa', 0));
    t.apply(ins(2, 'bb', 1));
    t.apply(ins(2, ' '));
    assert.deepEqual(t.toSpans(), [
      [0, 2, 0],
      [3, 5, 1],
    ]);
  });

  it('attributes inserted text exactly when given runs (e.g. a paste carrying attribution)', () => {
    const t = sample();
    t.apply({
      start: 0,
      deleteLength: 0,
      text: 'abcd',
      insertedRuns: [
        { length: 1, origin: -1 },
        { length: 3, origin: 1 },
      ],
    });
    assert.deepEqual(t.toSpans(), [
      [1, 4, 1],
      [10, 15, 0],
    ]);
  });
});

describe('AttributionTracker: mark, clear, queries', () => {
  it('marks and clears ranges, merging with neighbours of the same origin', () => {
    const t = sample();
    t.mark(0, 6, 0);
    assert.deepEqual(t.toSpans(), [[0, 11, 0]]);
    t.clear(2, 8);
    assert.deepEqual(t.toSpans(), [
      [0, 2, 0],
      [8, 11, 0],
    ]);
    t.mark(1, 9, 1);
    assert.deepEqual(t.toSpans(), [
      [0, 1, 0],
      [1, 9, 1],
      [9, 11, 0],
    ]);
    t.mark(3, 3, 0); // empty: no-op
    t.clear(0, t.length);
    assert.deepEqual(t.toSpans(), []);
    t.checkInvariants();
  });

  it('reports spans clipped to a range and runs including human text', () => {
    const t = sample();
    assert.deepEqual(t.spansIn(8, 13), [[8, 11, 0]]);
    assert.deepEqual(t.spansIn(0, 7), [[6, 7, 0]]);
    assert.deepEqual(t.runsIn(4, 13), [
      { length: 2, origin: -1 },
      { length: 5, origin: 0 },
      { length: 2, origin: -1 },
    ]);
  });
});

describe('AttributionTracker: hostile input', () => {
  it('rejects changes outside the document or with bad fields', () => {
    const t = sample();
    assert.throws(() => t.apply(ins(-1, 'x')), /outside the document/);
    assert.throws(() => t.apply(ins(t.length + 1, 'x')), /outside the document/);
    assert.throws(() => t.apply(del(10, 5)), /outside the document/);
    assert.throws(() => t.apply({ start: 1.5, deleteLength: 0, text: 'x' }), /outside the document/);
    assert.throws(() => t.apply({ start: 0, deleteLength: Number.NaN, text: 'x' }), /outside the document/);
    assert.throws(() => t.apply({ start: 0, deleteLength: 0, text: 7 as unknown as string }), /text must be a string/);
    assert.throws(() => t.apply({ start: 0, deleteLength: 2, text: '', oldText: 'abc' }), /oldText has length 3/);
    assert.throws(() => t.apply(ins(0, 'x', 2)), /unknown origin id 2/);
    assert.throws(() => t.apply(ins(0, 'x', -3)), /unknown origin id -3/);
    assert.throws(
      () => t.apply({ start: 0, deleteLength: 0, text: 'ab', insertedRuns: [{ length: 1, origin: 0 }] }),
      /cover 1 characters/,
    );
    assert.throws(() => t.mark(2, 1, 0), /outside the document/);
    assert.throws(() => t.mark(0, 1, 9), /unknown origin id 9/);
    assert.throws(() => t.originAt(t.length), /outside the document/);
    assert.throws(() => new AttributionTracker(-1), /invalid document length/);
    // Nothing above changed the state.
    assert.deepEqual(t.toSpans(), [[6, 11, 0]]);
    assert.equal(t.length, 13);
  });

  it('accepts any non-negative origin id when no table is given', () => {
    const t = new AttributionTracker(3);
    t.apply(ins(1, 'xy', 42));
    assert.deepEqual(t.toSpans(), [[1, 3, 42]]);
  });
});

describe('AttributionTracker: structure under load', () => {
  it('stays balanced when a human types at many places inside one AI span', () => {
    const t = new AttributionTracker(0);
    t.apply(ins(0, 'x'.repeat(20_000), 0));
    for (let i = 0; i < 4000; i++) t.apply(ins(5 * i + 1, 'h'));
    assert.equal(t.spanCount, 4001);
    t.checkInvariants();
    // ~8000 runs in a B+tree of 16..64-run leaves and 8..32-way branches: at most 4 levels.
    const depth = (t as unknown as { tree: { depth(): number } }).tree.depth();
    assert.ok(depth <= 4, `depth ${depth}`);
  });
});

describe('AttributionTracker: formatter edits', () => {
  it('keeps AI characters AI through small whitespace-only replaces', () => {
    // "f( a,b )" -> "f(a, b)" as a formatter sends it: several one-character-side replaces.
    const t = new AttributionTracker(8);
    t.mark(0, 8, 0);
    t.apply({ start: 6, deleteLength: 2, text: ')', oldText: ' )' });
    t.apply({ start: 2, deleteLength: 2, text: 'a', oldText: ' a' });
    t.apply({ start: 3, deleteLength: 2, text: ', b', oldText: ',b' });
    assert.deepEqual(t.toSpans(), [[0, 7, 0]]);
  });

  it('still treats typing over a single AI character as human', () => {
    const t = new AttributionTracker(3);
    t.mark(0, 3, 0);
    t.apply({ start: 1, deleteLength: 1, text: 'x', oldText: 'b' });
    assert.deepEqual(t.toSpans(), [
      [0, 1, 0],
      [2, 3, 0],
    ]);
  });
});

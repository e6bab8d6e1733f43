import * as assert from 'node:assert/strict';
import {
  AttributionTracker,
  OriginTable,
  runsFromSpans,
  spansFromRuns,
  validateSpans,
} from '../../../src/core/attribution';

const origins = new OriginTable();
origins.intern({ kind: 'chat', tool: 'copilot', time: 0 });
origins.intern({ kind: 'manual', tool: 'user', time: 0 });

describe('span serialisation', () => {
  it('round-trips spans through toSpans and fromSpans', () => {
    const spans: Array<[number, number, number]> = [
      [0, 3, 0],
      [3, 5, 1],
      [9, 10, 0],
    ];
    const t = AttributionTracker.fromSpans(12, spans, { origins });
    t.checkInvariants();
    assert.equal(t.length, 12);
    assert.deepEqual(t.toSpans(), spans);
    assert.equal(t.spanCount, 3);
  });

  it('merges touching spans of the same origin', () => {
    const t = AttributionTracker.fromSpans(
      10,
      [
        [0, 3, 0],
        [3, 5, 0],
      ],
      { origins },
    );
    assert.deepEqual(t.toSpans(), [[0, 5, 0]]);
  });

  it('rejects malformed input with a clear error', () => {
    const bad: Array<[unknown, RegExp]> = [
      ['nope', /must be an array/],
      [[[0, 1]], /integer triple/],
      [[[0, 1, 'a']], /integer triple/],
      [[[0.5, 1, 0]], /integer triple/],
      [[[2, 2, 0]], /empty or negative/],
      [[[-1, 2, 0]], /empty or negative/],
      [
        [
          [3, 5, 0],
          [1, 2, 0],
        ],
        /sorted and non-overlapping/,
      ],
      [
        [
          [0, 5, 0],
          [4, 6, 1],
        ],
        /sorted and non-overlapping/,
      ],
      [[[0, 11, 0]], /past the document length 10/],
      [[[0, 1, 2]], /unknown origin id 2/],
      [[[0, 1, -1]], /unknown origin id -1/],
    ];
    for (const [spans, message] of bad)
      assert.throws(() => AttributionTracker.fromSpans(10, spans, { origins }), message, JSON.stringify(spans));
    assert.throws(() => AttributionTracker.fromSpans(-1, []), /invalid document length/);
    assert.throws(() => validateSpans([[0, 1, 0]], Number.NaN), /invalid document length/);
  });

  it('converts between spans and runs', () => {
    const runs = runsFromSpans([[2, 4, 1]], 6);
    assert.deepEqual(runs, [
      { length: 2, origin: -1 },
      { length: 2, origin: 1 },
      { length: 2, origin: -1 },
    ]);
    assert.deepEqual(spansFromRuns(runs, 10), [[12, 14, 1]]);
  });
});

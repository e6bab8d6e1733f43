import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { Origin } from '../../../src/core/attribution/origin';
import { FileRecord, StateSpan, serializeFileRecord } from '../../../src/core/state/fileRecord';
import { compactFileRecord, mergeFileRecords } from '../../../src/core/state/mergeRecords';

const o = (session: string, time = 1000): Origin => ({ kind: 'chat', tool: 't', session, time });

function rec(
  spans: StateSpan[],
  origins: Origin[],
  updated: number,
  contentHash = 'fnv64:00000000000000aa',
  length = 100,
): FileRecord {
  return { version: 1, path: 'f.ts', contentHash, length, origins, spans, updated };
}

/** Per character: the session of the origin covering it, or undefined. */
function coverage(r: FileRecord): Array<string | undefined> {
  const out: Array<string | undefined> = new Array(r.length).fill(undefined);
  for (const [s, e, i] of r.spans) for (let p = s; p < e; p++) out[p] = r.origins[i].session;
  return out;
}

describe('merging concurrent file records', () => {
  it('unions the spans of two records of the same text', () => {
    const merged = mergeFileRecords(rec([[0, 10, 0]], [o('a')], 1), rec([[20, 30, 0]], [o('b')], 2));
    assert.deepEqual(merged.spans, [
      [0, 10, 0],
      [20, 30, 1],
    ]);
    assert.deepEqual(merged.origins, [o('a'), o('b')]);
    assert.equal(merged.updated, 2);
  });

  it('lets the newer record win where both attribute the same characters', () => {
    const older = rec([[0, 20, 0]], [o('old')], 1);
    const newer = rec([[10, 30, 0]], [o('new')], 2);
    for (const merged of [mergeFileRecords(older, newer), mergeFileRecords(newer, older)]) {
      assert.deepEqual(
        merged.spans.map(([s, e, i]) => [s, e, merged.origins[i].session]),
        [
          [0, 10, 'old'],
          [10, 30, 'new'],
        ],
      );
    }
  });

  it('takes the newer record whole when the text differs', () => {
    const a = rec([[0, 5, 0]], [o('a')], 1, 'fnv64:00000000000000aa');
    const b = rec([[7, 9, 0]], [o('b')], 2, 'fnv64:00000000000000bb');
    assert.equal(mergeFileRecords(a, b), b);
    assert.equal(mergeFileRecords(b, a), b);
    const sameHashOtherLength = rec([[1, 2, 0]], [o('c')], 0, 'fnv64:00000000000000aa', 50);
    assert.equal(mergeFileRecords(a, sameHashOtherLength), a);
  });

  it('breaks ties independently of argument order', () => {
    const a = rec([[0, 5, 0]], [o('a')], 7, 'fnv64:00000000000000aa');
    const b = rec([[0, 5, 0]], [o('b')], 7, 'fnv64:00000000000000bb');
    assert.equal(mergeFileRecords(a, b), mergeFileRecords(b, a));
    const x = rec([[0, 5, 0]], [o('x', 1)], 7);
    const y = rec([[0, 5, 0]], [o('y', 2)], 7);
    assert.equal(mergeFileRecords(x, y).origins[0].session, 'y', 'the later origin time wins a tie');
    assert.deepEqual(mergeFileRecords(x, y), mergeFileRecords(y, x));
  });

  it('refuses to merge records of different files', () => {
    assert.throws(() => mergeFileRecords(rec([], [], 1), { ...rec([], [], 1), path: 'g.ts' }), /different files/);
  });

  it('compacts: one copy per origin, unused origins dropped, touching spans of one origin joined', () => {
    const compact = compactFileRecord(
      rec(
        [
          [0, 5, 0],
          [5, 9, 2],
          [12, 14, 1],
        ],
        [o('a'), o('b'), o('a')],
        1,
      ),
    );
    assert.deepEqual(compact.origins, [o('a'), o('b')]);
    assert.deepEqual(compact.spans, [
      [0, 9, 0],
      [12, 14, 1],
    ]);
    const unused = compactFileRecord(rec([[3, 4, 1]], [o('unused'), o('used')], 1));
    assert.deepEqual(unused.origins, [o('used')]);
    assert.deepEqual(unused.spans, [[3, 4, 0]]);
  });

  describe('properties', () => {
    const LENGTH = 60;
    const recordArb = fc
      .record({
        cuts: fc.uniqueArray(fc.integer({ min: 0, max: LENGTH }), { maxLength: 16 }),
        picks: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 8, maxLength: 8 }),
        updated: fc.integer({ min: 0, max: 3 }),
      })
      .map(({ cuts, picks, updated }) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const origins = [0, 1, 2, 3].map((i) => o(`s${i}`, i % 2));
        const spans: StateSpan[] = [];
        for (let k = 0; k + 1 < sorted.length; k++) {
          const pick = picks[k % picks.length];
          if (pick >= 0) spans.push([sorted[k], sorted[k + 1], pick]);
        }
        return compactFileRecord(rec(spans, origins, updated, 'fnv64:00000000000000aa', LENGTH));
      });

    it('produces a valid record that is order-independent and covers exactly the union', () => {
      fc.assert(
        fc.property(recordArb, recordArb, (a, b) => {
          const ab = mergeFileRecords(a, b);
          assert.equal(serializeFileRecord(ab), serializeFileRecord(mergeFileRecords(b, a)));
          const ca = coverage(a);
          const cb = coverage(b);
          const cm = coverage(ab);
          for (let p = 0; p < LENGTH; p++) {
            if (ca[p] === undefined || cb[p] === undefined) {
              assert.equal(cm[p], ca[p] ?? cb[p], `position ${p}`);
            } else if (a.updated !== b.updated) {
              assert.equal(cm[p], a.updated > b.updated ? ca[p] : cb[p], `position ${p}`);
            } else {
              assert.ok(cm[p] === ca[p] || cm[p] === cb[p], `position ${p}`);
            }
          }
        }),
      );
    });

    // Not associative in who wins an overlap (a merged record carries the larger `updated` for all its spans), but
    // whatever order writers land in, no attributed character is lost.
    it('is idempotent, and loses no attributed character in any merge order', () => {
      fc.assert(
        fc.property(recordArb, recordArb, recordArb, (a, b, c) => {
          assert.deepEqual(mergeFileRecords(a, a), a);
          const covered = (r: FileRecord) => coverage(r).map((s) => s !== undefined);
          const union = covered(a).map((x, p) => x || covered(b)[p] || covered(c)[p]);
          assert.deepEqual(covered(mergeFileRecords(mergeFileRecords(a, b), c)), union);
          assert.deepEqual(covered(mergeFileRecords(a, mergeFileRecords(b, c))), union);
          assert.deepEqual(covered(mergeFileRecords(mergeFileRecords(c, a), b)), union);
        }),
      );
    });
  });
});

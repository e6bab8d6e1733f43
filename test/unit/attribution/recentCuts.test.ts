import * as assert from 'node:assert/strict';
import { RecentCuts } from '../../../src/core/attribution/recentCuts';

describe('recent cuts (the paste fallback)', () => {
  it('pairs a deletion and the copy hook for one range, in either order, into a cut', () => {
    const cuts = new RecentCuts();
    cuts.noteDeletion('a', [1, 0, 1, 9], 9, 1000);
    cuts.noteCopy('a', [1, 0, 1, 9], 1010);
    assert.equal(cuts.cutOf(9, 2000), 'a');
    const other = new RecentCuts();
    other.noteCopy('b', [0, 2, 3, 1], 1000);
    other.noteDeletion('b', [0, 2, 3, 1], 40, 1001);
    assert.equal(other.cutOf(40, 1002), 'b');
    assert.equal(other.cutOf(39, 1002), undefined, 'only text of the cut length');
  });

  it('never makes a plain deletion, a copy elsewhere or a late copy a cut', () => {
    const cuts = new RecentCuts();
    cuts.noteDeletion('a', [1, 0, 1, 9], 9, 1000);
    assert.equal(cuts.cutOf(9, 1001), undefined, 'Delete or Backspace alone');
    cuts.noteCopy('b', [1, 0, 1, 9], 1001);
    assert.equal(cuts.cutOf(9, 1002), undefined, 'a copy in another document');
    cuts.noteCopy('a', [1, 0, 1, 8], 1001);
    assert.equal(cuts.cutOf(9, 1002), undefined, 'a copy of another range');
    cuts.noteCopy('a', [1, 0, 1, 9], 1000 + 5000);
    assert.equal(cuts.cutOf(9, 6001), undefined, 'a copy long after the deletion');
  });

  it('recognises a whole-line cut from an empty selection', () => {
    const cuts = new RecentCuts();
    cuts.noteCopy('a', [4, 0, 4, 12], 1000);
    cuts.noteDeletion('a', [4, 0, 5, 0], 13, 1000);
    assert.equal(cuts.cutOf(13, 1000), 'a');
  });

  it('forgets a cut after its time to live', () => {
    const cuts = new RecentCuts({ ttlMs: 100 });
    cuts.noteDeletion('a', [0, 0, 0, 3], 3, 1000);
    cuts.noteCopy('a', [0, 0, 0, 3], 1000);
    assert.equal(cuts.cutOf(3, 1100), 'a');
    assert.equal(cuts.cutOf(3, 1101), undefined);
  });
});

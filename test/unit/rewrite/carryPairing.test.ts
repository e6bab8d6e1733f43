import * as assert from 'node:assert/strict';
import { planCarry, type CarryCommit } from '../../../src/core/rewrite/carryPairing';

const c = (id: string, patchId: string | undefined, author = `author-${id}`): CarryCommit => ({
  id,
  ...(patchId !== undefined ? { patchId } : {}),
  authorKey: author,
});

describe('carry pairing', () => {
  it('rebase: each re-created commit pairs with its original by patch id', () => {
    const plan = planCarry(
      [c('a', 'p1'), c('b', 'p2'), c('c', 'p3')],
      [c('A', 'p1', 'x'), c('B', 'p2', 'y'), c('C', 'p3', 'z')],
      'C',
    );
    assert.deepEqual(
      [...plan.targets],
      [
        ['A', { kind: 'rebase', sources: ['a'] }],
        ['B', { kind: 'rebase', sources: ['b'] }],
        ['C', { kind: 'rebase', sources: ['c'] }],
      ],
    );
    assert.deepEqual(plan.skipped, []);
  });

  it('a patch changed by the rebase still pairs by author, date and subject; equal patches pair in order', () => {
    const plan = planCarry(
      [c('a', 'p1', 'k1'), c('b', 'p1', 'k2'), c('d', 'p4', 'k4')],
      [c('A', 'p1', 'k1'), c('B', 'p1', 'k2'), c('D', 'changed', 'k4')],
    );
    assert.deepEqual(
      [...plan.targets].map(([t, s]) => [t, s.sources[0]]),
      [
        ['A', 'a'],
        ['B', 'b'],
        ['D', 'd'],
      ],
    );
  });

  it('squash: the merged commit pairs with nothing and gets all sources; older commits of others are left alone', () => {
    const plan = planCarry([c('a', 'p1'), c('b', 'p2')], [c('other', 'q'), c('S', 's')], 'S');
    assert.deepEqual([...plan.targets], [['S', { kind: 'squash', sources: ['a', 'b'] }]]);
    assert.deepEqual(plan.skipped, ['other']);
  });

  it('a range: the one unpaired commit is the squash; several unpaired are ambiguous and skipped', () => {
    assert.deepEqual([...planCarry([c('a', 'p1'), c('b', 'p2')], [c('S', 's')]).targets.keys()], ['S']);
    const ambiguous = planCarry([c('a', 'p1')], [c('S', 's'), c('T', 't')]);
    assert.equal(ambiguous.targets.size, 0);
    assert.deepEqual(ambiguous.skipped, ['S', 'T']);
  });

  it("the pull request's own commits (a merge commit, fast-forward) are not targets", () => {
    const plan = planCarry([c('a', 'p1')], [c('a', 'p1')]);
    assert.equal(plan.targets.size, 0);
    assert.deepEqual(plan.skipped, []);
  });
});

/**
 * The run tree at sizes where it has many leaves and several levels (the tracker property test mostly stays in
 * one leaf): random inserts, deletes and splices against a label-per-character array, invariants after every step.
 */
import * as assert from 'node:assert/strict';
import { RunTree } from '../../../src/core/attribution/runTree';
import { HUMAN, runsFromSpans, type Run } from '../../../src/core/attribution/runs';

function prng(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

function expand(runs: readonly Run[]): number[] {
  return runs.flatMap((r) => Array<number>(r.length).fill(r.origin));
}

function randomRuns(rand: (n: number) => number, count: number, maxLen: number): Run[] {
  return Array.from({ length: count }, () => ({ length: 1 + rand(maxLen), origin: rand(4) - 1 }));
}

describe('RunTree (multi-level)', function () {
  this.timeout(60_000);

  for (let seed = 1; seed <= 12; seed++) {
    it(`matches a label array through random edits (seed ${seed})`, () => {
      const rand = prng(seed * 7919);
      const tree = new RunTree();
      // Seeds alternate between bulk-loaded and grown-from-empty trees.
      // 8000 runs make three levels (two branches under the root), so branch splits and merges happen too.
      const initial = seed % 2 ? randomRuns(rand, 8000, 4) : [];
      tree.reset(initial);
      const model = expand(initial);
      for (let step = 0; step < 400; step++) {
        const op = rand(10);
        const pos = rand(model.length + 1);
        if (op < 4) {
          const len = 1 + rand(3);
          const label = rand(4) - 1;
          tree.insert(pos, len, label);
          model.splice(pos, 0, ...Array<number>(len).fill(label));
        } else if (op < 7) {
          const len = Math.min(model.length - pos, rand(op === 6 ? 2500 : 4));
          const removed = tree.delete(pos, len, true) as Run[];
          assert.deepEqual(expand(removed), model.splice(pos, len), `removed runs at step ${step}`);
        } else {
          const len = Math.min(model.length - pos, rand(30));
          const runs = randomRuns(rand, rand(op === 9 ? 300 : 6), 3);
          tree.splice(pos, len, runs, false);
          model.splice(pos, len, ...expand(runs));
        }
        tree.checkInvariants();
        assert.equal(tree.length, model.length);
        if (step % 20 === 0 || step === 399)
          assert.deepEqual(expand(tree.runsIn(0, tree.length)), model, `labels after step ${step}`);
      }
      // Empty it completely, then grow again.
      tree.delete(0, tree.length, false);
      tree.checkInvariants();
      assert.equal(tree.depth(), 1);
      tree.insert(0, 5, 2);
      assert.deepEqual(tree.runsIn(0, 5), [{ length: 5, origin: 2 }]);
    });
  }

  it('stays valid while whole branches empty out and refill (branch merges and redistribution)', () => {
    const rand = prng(424242);
    const tree = new RunTree();
    const initial = randomRuns(rand, 40_000, 3);
    tree.reset(initial);
    const model = expand(initial);
    assert.equal(tree.depth(), 3);
    for (let step = 0; step < 80; step++) {
      const pos = rand(model.length + 1);
      if (step % 3 === 2) {
        // Refill one region with many runs: leaves and then branches split there.
        const runs = randomRuns(rand, 3000, 3);
        tree.splice(pos, 0, runs, false);
        model.splice(pos, 0, ...expand(runs));
      } else {
        const len = Math.min(model.length - pos, 2000 + rand(9000));
        tree.delete(pos, len, false);
        model.splice(pos, len);
      }
      tree.checkInvariants();
    }
    assert.deepEqual(expand(tree.runsIn(0, tree.length)), model);
  });

  for (const crowdedSide of ['left', 'right'] as const) {
    it(`refills an emptied branch from its crowded ${crowdedSide} sibling (branch redistribution)`, () => {
      const rand = prng(99);
      const tree = new RunTree();
      // Labels cycle so no neighbours merge: 9600 runs load as 100 leaves under 3 branches.
      const cycling = (count: number): Run[] =>
        Array.from({ length: count }, (_, i) => ({ length: 1 + rand(3), origin: (i % 4) - 1 }));
      const initial = cycling(9600);
      tree.reset(initial);
      const model = expand(initial);
      type Branch = { lens: number[]; kids: unknown[] };
      const root = (): Branch => (tree as unknown as { root: Branch }).root;
      assert.equal(root().kids.length, 3);
      // Crowd one branch: ~1600 runs inserted into it split its leaves until it has ~58 of them.
      const crowdIndex = crowdedSide === 'left' ? 0 : 1;
      const crowdAt = crowdedSide === 'left' ? 5 : root().lens[0] + 5;
      const crowd = cycling(1600);
      tree.splice(crowdAt, 0, crowd, false);
      model.splice(crowdAt, 0, ...expand(crowd));
      const crowded = (root().kids[crowdIndex] as Branch).kids.length;
      assert.ok(crowded > 48 && crowded <= 64, `crowded branch has ${crowded} leaves`);
      // Empty its neighbour: when that drops below a quarter full, the crowded sibling shares leaves with it.
      const emptyIndex = crowdedSide === 'left' ? 1 : 0;
      const from = (emptyIndex === 0 ? 0 : root().lens[0]) + 3;
      const len = root().lens[emptyIndex] - 6;
      tree.delete(from, len, false);
      model.splice(from, len);
      tree.checkInvariants();
      assert.deepEqual(expand(tree.runsIn(0, tree.length)), model);
    });
  }

  it('answers point and range queries across leaves', () => {
    const spans: Array<[number, number, number]> = [];
    for (let i = 0; i < 5000; i++) spans.push([i * 10 + 2, i * 10 + 7, i % 3]);
    const tree = new RunTree();
    tree.reset(runsFromSpans(spans, 50_000));
    tree.checkInvariants();
    assert.ok(tree.depth() >= 3, `depth ${tree.depth()}`);
    assert.equal(tree.aiRunCount, 5000);
    assert.equal(tree.runCount, 10_001);
    assert.equal(tree.labelAt(12_342), 1234 % 3);
    assert.equal(tree.labelAt(12_347), HUMAN);
    assert.equal(tree.rangeHoldsAi(12_347, 12_352), false);
    assert.equal(tree.rangeHoldsAi(12_347, 12_353), true);
    assert.deepEqual(tree.runsIn(29_995, 30_004), [
      { length: 2, origin: 2999 % 3 },
      { length: 5, origin: HUMAN },
      { length: 2, origin: 0 },
    ]);
    assert.throws(() => tree.labelAt(50_000), /outside the document/);
  });

  it('keeps its height logarithmic while one AI run is split thousands of times', () => {
    const tree = new RunTree();
    tree.insert(0, 200_000, 0);
    for (let i = 0; i < 20_000; i++) tree.insert(10 * i + 3, 1, HUMAN);
    tree.checkInvariants();
    assert.equal(tree.runCount, 40_001);
    assert.ok(tree.depth() <= 5, `depth ${tree.depth()}`);
    for (let i = 19_999; i >= 0; i--) tree.delete(10 * i + 3, 1, false);
    tree.checkInvariants();
    assert.equal(tree.runCount, 1);
    assert.equal(tree.depth(), 1);
  });
});

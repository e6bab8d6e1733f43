/**
 * A B+tree of runs keyed implicitly by offset. Leaves hold up to LEAF_MAX runs as two parallel arrays (lengths and
 * labels); branches hold up to BRANCH_MAX children with the character count of each. Locating an offset scans a few
 * small contiguous arrays per level, so an update costs O(log n) in the number of runs with few cache misses
 * (a pointer-per-run tree was several times slower at 100k spans for exactly that reason).
 *
 * Invariants (checked by `checkInvariants`): no empty run; no two adjacent runs (across leaves too) with the same
 * label; every branch entry equals its child's length; all leaves at the same depth; non-root nodes at least a
 * quarter full; a branch root has at least two children. Keeping neighbours merged lets `rangeHoldsAi` answer from
 * one run and keeps the run count equal to the visible span structure.
 *
 * Every mutation is a composition of: grow/shrink one run, insert runs into a leaf, remove one run. A range delete
 * removes its k runs one by one (O(k log n)), which the k edits that created them already paid for.
 */
import { HUMAN, type Run } from './runs';

const LEAF_MAX = 128;
const BRANCH_MAX = 64;
const LEAF_MIN = LEAF_MAX / 4;
const BRANCH_MIN = BRANCH_MAX / 4;
/** Bulk loading fills nodes to three quarters, leaving room to grow before splitting. */
const BUILD_LEAF = 96;
const BUILD_BRANCH = 48;

class BNode {
  constructor(
    readonly isLeaf: boolean,
    /** Leaf: run lengths. Branch: length of each child. */
    readonly lens: number[],
    /** Leaf only: run labels. */
    readonly labels: number[],
    /** Branch only: children. */
    readonly kids: BNode[],
  ) {}
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Inserts `a` (and `b` after it) at index `at`: a hand-written shift, much cheaper than `splice` here. */
function insertInto(arr: number[], at: number, a: number, b?: number): void {
  // Grow with push first: writing past the end would leave a hole and make the array permanently slower.
  if (b === undefined) {
    arr.push(a);
    for (let k = arr.length - 1; k > at; k--) arr[k] = arr[k - 1];
  } else {
    arr.push(a, b);
    for (let k = arr.length - 1; k > at + 1; k--) arr[k] = arr[k - 2];
    arr[at + 1] = b;
  }
  arr[at] = a;
}

function removeFrom(arr: number[], at: number): void {
  for (let k = at; k < arr.length - 1; k++) arr[k] = arr[k + 1];
  arr.pop();
}

/** `n` items cut into about-equal consecutive chunks of at most `target`: [start, end) pairs. */
function chunks(n: number, target: number): Array<[number, number]> {
  const count = Math.ceil(n / target);
  const out: Array<[number, number]> = [];
  for (let c = 0; c < count; c++) out.push([Math.floor((c * n) / count), Math.floor(((c + 1) * n) / count)]);
  return out;
}

export class RunTree {
  private root = new BNode(true, [], [], []);
  private total = 0;
  private height = 1;
  private runs = 0;
  private aiRuns = 0;
  // The last located run: nodes and child indexes from the root down, and the offset inside the run.
  private readonly pathNode: BNode[] = [];
  private readonly pathIdx: number[] = [];
  private local = 0;

  get length(): number {
    return this.total;
  }

  /** Number of runs, human ones included. */
  get runCount(): number {
    return this.runs;
  }

  /** Number of attributed (non-human) runs, i.e. spans. */
  get aiRunCount(): number {
    return this.aiRuns;
  }

  /** Replaces the whole content with `runs` in O(k). */
  reset(runs: readonly Run[]): void {
    const lens: number[] = [];
    const labels: number[] = [];
    for (const r of runs) {
      if (r.length <= 0) continue;
      if (labels.length > 0 && labels[labels.length - 1] === r.origin) lens[lens.length - 1] += r.length;
      else {
        lens.push(r.length);
        labels.push(r.origin);
      }
    }
    this.runs = lens.length;
    this.aiRuns = labels.filter((l) => l !== HUMAN).length;
    this.total = sum(lens);
    this.height = 1;
    if (lens.length <= LEAF_MAX) {
      this.root = new BNode(true, lens, labels, []);
      return;
    }
    let level = chunks(lens.length, BUILD_LEAF).map(
      ([a, b]) => new BNode(true, lens.slice(a, b), labels.slice(a, b), []),
    );
    let levelLens = level.map((n) => sum(n.lens));
    while (level.length > BRANCH_MAX) {
      const parts = chunks(level.length, BUILD_BRANCH);
      level = parts.map(([a, b]) => new BNode(false, levelLens.slice(a, b), [], level.slice(a, b)));
      levelLens = level.map((n) => sum(n.lens));
      this.height++;
    }
    this.root = new BNode(false, levelLens, [], level);
    this.height++;
  }

  /** Label of the character at `offset` (0 <= offset < length). */
  labelAt(offset: number): number {
    if (!(offset >= 0 && offset < this.total))
      throw new RangeError(`offset ${offset} is outside the document (length ${this.total})`);
    this.locate(offset);
    return this.leaf().labels[this.runIndex()];
  }

  /** True when any character of `[start, end)` is attributed. */
  rangeHoldsAi(start: number, end: number): boolean {
    if (end <= start) return false;
    this.locate(start);
    const i = this.runIndex();
    // A range reaching past this run touches a neighbour, and of two neighbours at most one is human.
    return this.local + (end - start) > this.leaf().lens[i] || this.leaf().labels[i] !== HUMAN;
  }

  /** Inserts `len` characters labelled `label` at `offset`. */
  insert(offset: number, len: number, label: number): void {
    if (len <= 0) return;
    if (this.total === 0) {
      this.root = new BNode(true, [len], [label], []);
      this.height = 1;
      this.total = len;
      this.countRun(label, 1);
      return;
    }
    // One descent to the run holding the character before the insertion point (or the first run).
    const at = offset > 0 ? offset - 1 : 0;
    this.locate(at);
    const leaf = this.leaf();
    const i = this.runIndex();
    const runLabel = leaf.labels[i];
    const runEnd = at - this.local + leaf.lens[i];
    if (offset > 0 && offset < runEnd) {
      if (runLabel === label) return this.addLen(len);
      // Inside a run of another label: the head stays, the new run and the tail follow it.
      const tailLen = runEnd - offset;
      leaf.lens[i] -= tailLen;
      insertInto(leaf.lens, i + 1, len, tailLen);
      insertInto(leaf.labels, i + 1, label, runLabel);
      this.countRun(label, 1);
      this.countRun(runLabel, 1);
      return this.leafResized(len);
    }
    if (runLabel === label) return this.addLen(len); // extends the run on the left (or the first run)
    if (offset > 0 && this.neighbourLabel(true) === label) {
      this.moveToNext();
      return this.addLen(len); // extends the run on the right
    }
    // Neither neighbour has this label, so the new run merges with nothing.
    const pos = offset === 0 ? 0 : i + 1;
    insertInto(leaf.lens, pos, len);
    insertInto(leaf.labels, pos, label);
    this.countRun(label, 1);
    this.leafResized(len);
  }

  /** Deletes `[start, start + len)`; returns the removed runs when `collect` is set. */
  delete(start: number, len: number, collect: boolean): Run[] | undefined {
    if (len <= 0) return collect ? [] : undefined;
    if (start < 0 || start + len > this.total)
      throw new RangeError(`delete [${start}, ${start + len}) is outside the document (length ${this.total})`);
    if (len === this.total) {
      // Everything goes (select-all delete, whole-document replace): no need to remove runs one by one.
      const all = collect ? this.runsIn(0, this.total) : undefined;
      this.reset([]);
      return all;
    }
    this.locate(start);
    const leaf = this.leaf();
    const i = this.runIndex();
    if (this.local + len <= leaf.lens[i]) {
      // Fast paths: the deletion lies inside one run.
      const label = leaf.labels[i];
      const removed = collect ? [{ length: len, origin: label }] : undefined;
      if (len < leaf.lens[i]) {
        this.addLen(-len); // part of it goes; no neighbours meet
        return removed;
      }
      if (i > 0 && i < leaf.lens.length - 1) {
        // The whole run goes and both neighbours sit in the same leaf: merge them in place when they match.
        if (leaf.labels[i - 1] !== leaf.labels[i + 1]) this.removeRun();
        else {
          leaf.lens[i - 1] += leaf.lens[i + 1];
          this.countRun(label, -1);
          this.countRun(leaf.labels[i + 1], -1);
          for (let k = 0; k < 2; k++) {
            removeFrom(leaf.lens, i);
            removeFrom(leaf.labels, i);
          }
          this.leafResized(-len);
        }
        return removed;
      }
    }
    const out: Run[] | undefined = collect ? [] : undefined;
    let remaining = len;
    for (let first = true; remaining > 0; first = false) {
      if (!first) this.locate(start);
      const j = this.runIndex();
      const runLen = this.leaf().lens[j];
      const label = this.leaf().labels[j];
      const take = Math.min(runLen - this.local, remaining);
      if (take === runLen) this.removeRun();
      else this.addLen(-take);
      out?.push({ length: take, origin: label });
      remaining -= take;
    }
    this.mergeSeam(start);
    return out;
  }

  /**
   * Replaces `[start, start + deleteLen)` with `runs`, merging equal labels at both seams.
   * Returns the removed runs when `collect` is set.
   */
  splice(start: number, deleteLen: number, runs: readonly Run[], collect: boolean): Run[] | undefined {
    const removed = this.delete(start, deleteLen, collect);
    let pos = start;
    for (const r of runs) {
      this.insert(pos, r.length, r.origin);
      pos += Math.max(0, r.length);
    }
    return removed;
  }

  /** Calls `fn` for each run overlapping `[start, end)`, clipped to it, in order. */
  forEachRun(start: number, end: number, fn: (length: number, label: number, at: number) => void): void {
    if (end > start) this.visit(this.root, 0, start, end, fn);
  }

  runsIn(start: number, end: number): Run[] {
    const out: Run[] = [];
    this.forEachRun(start, end, (length, origin) => out.push({ length, origin }));
    return out;
  }

  /** Levels from the root to the leaves. */
  depth(): number {
    return this.height;
  }

  /** Throws if a structural invariant is broken. For tests. */
  checkInvariants(): void {
    let runs = 0;
    let ai = 0;
    let prevLabel: number | undefined;
    const walk = (n: BNode, level: number, isRoot: boolean): number => {
      const count = n.lens.length;
      if (n.isLeaf) {
        if (level !== this.height) throw new Error(`leaf at depth ${level}, tree height ${this.height}`);
        if ((!isRoot && count < LEAF_MIN) || count > LEAF_MAX) throw new Error(`leaf holds ${count} runs`);
        if (n.labels.length !== count || n.kids.length !== 0) throw new Error('leaf arrays disagree');
        for (let i = 0; i < count; i++) {
          if (!(n.lens[i] > 0)) throw new Error(`empty run (${n.lens[i]})`);
          if (prevLabel === n.labels[i]) throw new Error(`adjacent runs share label ${prevLabel}`);
          prevLabel = n.labels[i];
          runs++;
          if (prevLabel !== HUMAN) ai++;
        }
        return sum(n.lens);
      }
      if ((isRoot ? count < 2 : count < BRANCH_MIN) || count > BRANCH_MAX)
        throw new Error(`branch holds ${count} children`);
      if (n.kids.length !== count || n.labels.length !== 0) throw new Error('branch arrays disagree');
      n.kids.forEach((k, i) => {
        const got = walk(k, level + 1, false);
        if (got !== n.lens[i]) throw new Error(`branch entry ${n.lens[i]} != child length ${got}`);
      });
      return sum(n.lens);
    };
    const total = walk(this.root, 1, true);
    if (total !== this.total) throw new Error(`length ${this.total} != ${total}`);
    if (runs !== this.runs || ai !== this.aiRuns)
      throw new Error(`run counters ${this.runs}/${this.aiRuns} != ${runs}/${ai}`);
  }

  // ---- internals ----

  /** Records the path to the run holding character `offset` (the last run when offset = length). */
  private locate(offset: number): void {
    let node = this.root;
    let pos = offset;
    for (let d = 0; ; d++) {
      const lens = node.lens;
      const last = lens.length - 1;
      let i = 0;
      while (i < last && pos >= lens[i]) pos -= lens[i++];
      this.pathNode[d] = node;
      this.pathIdx[d] = i;
      if (node.isLeaf) break;
      node = node.kids[i];
    }
    this.local = pos;
  }

  private leaf(): BNode {
    return this.pathNode[this.height - 1];
  }

  private runIndex(): number {
    return this.pathIdx[this.height - 1];
  }

  /** Adds `delta` characters to the located run and to every entry above it. */
  private addLen(delta: number): void {
    for (let d = 0; d < this.height; d++) this.pathNode[d].lens[this.pathIdx[d]] += delta;
    this.total += delta;
  }

  /**
   * After runs were added to or removed from the located leaf, changing its length by `delta`: fixes the entries
   * above it, then splits or refills the leaf if it left its size bounds. The path is stale afterwards.
   */
  private leafResized(delta: number): void {
    const leafLevel = this.height - 1;
    for (let d = 0; d < leafLevel; d++) this.pathNode[d].lens[this.pathIdx[d]] += delta;
    this.total += delta;
    const count = this.pathNode[leafLevel].lens.length;
    if (count > LEAF_MAX) this.splitNode(leafLevel);
    else if (count < LEAF_MIN) this.rebalance(leafLevel);
  }

  /** Removes the located run; returns its length. The path is stale afterwards. */
  private removeRun(): number {
    const leafLevel = this.height - 1;
    const leaf = this.pathNode[leafLevel];
    const i = this.pathIdx[leafLevel];
    const len = leaf.lens[i];
    this.countRun(leaf.labels[i], -1);
    removeFrom(leaf.lens, i);
    removeFrom(leaf.labels, i);
    this.leafResized(-len);
    return len;
  }

  /** Merges the runs meeting at boundary `at` when they share a label. */
  private mergeSeam(at: number): void {
    if (at <= 0 || at >= this.total) return;
    this.locate(at);
    if (this.local !== 0 || this.neighbourLabel(false) !== this.leaf().labels[this.runIndex()]) return;
    const len = this.removeRun();
    this.locate(at - 1);
    this.addLen(len);
  }

  /** Label of the run before (`next` false) or after the located one, or undefined at the document edge. */
  private neighbourLabel(next: boolean): number | undefined {
    for (let d = this.height - 1; d >= 0; d--) {
      let node = this.pathNode[d];
      let i = this.pathIdx[d] + (next ? 1 : -1);
      if (i < 0 || i >= node.lens.length) continue;
      while (!node.isLeaf) {
        node = node.kids[i];
        i = next ? 0 : node.lens.length - 1;
      }
      return node.labels[i];
    }
    return undefined;
  }

  /** Moves the recorded path to the next run (callers check one exists). */
  private moveToNext(): void {
    let d = this.height - 1;
    while (this.pathIdx[d] + 1 >= this.pathNode[d].lens.length) d--;
    this.pathIdx[d]++;
    for (; d < this.height - 1; d++) {
      this.pathNode[d + 1] = this.pathNode[d].kids[this.pathIdx[d]];
      this.pathIdx[d + 1] = 0;
    }
    this.local = 0;
  }

  /** Splits the over-full node at `level` of the path in two, growing the tree at the root if needed. */
  private splitNode(level: number): void {
    const node = this.pathNode[level];
    const half = node.lens.length >> 1;
    const sib = new BNode(node.isLeaf, node.lens.splice(half), node.labels.splice(half), node.kids.splice(half));
    const sibLen = sum(sib.lens);
    if (level === 0) {
      this.root = new BNode(false, [this.total - sibLen, sibLen], [], [node, sib]);
      this.height++;
      return;
    }
    const parent = this.pathNode[level - 1];
    const pi = this.pathIdx[level - 1];
    parent.lens[pi] -= sibLen;
    parent.lens.splice(pi + 1, 0, sibLen);
    parent.kids.splice(pi + 1, 0, sib);
    if (parent.lens.length > BRANCH_MAX) this.splitNode(level - 1);
  }

  /** Refills the under-full node at `level` of the path from a sibling: merge when both fit, else share evenly. */
  private rebalance(level: number): void {
    if (level === 0) {
      const root = this.root;
      if (!root.isLeaf && root.kids.length === 1) {
        this.root = root.kids[0];
        this.height--;
      }
      return;
    }
    const parent = this.pathNode[level - 1];
    const pi = this.pathIdx[level - 1];
    const li = pi > 0 ? pi - 1 : pi;
    const left = parent.kids[li];
    const right = parent.kids[li + 1];
    const count = left.lens.length + right.lens.length;
    if (count <= (left.isLeaf ? LEAF_MAX : BRANCH_MAX)) {
      left.lens.push(...right.lens);
      left.labels.push(...right.labels);
      left.kids.push(...right.kids);
      parent.lens[li] += parent.lens[li + 1];
      parent.lens.splice(li + 1, 1);
      parent.kids.splice(li + 1, 1);
      if (parent.lens.length < BRANCH_MIN) this.rebalance(level - 1); // at the root: collapses a lone child
      return;
    }
    const half = count >> 1;
    let moved: number;
    if (left.lens.length > half) {
      const lens = left.lens.splice(half);
      right.lens.unshift(...lens);
      right.labels.unshift(...left.labels.splice(half));
      right.kids.unshift(...left.kids.splice(half));
      moved = -sum(lens);
    } else {
      const take = half - left.lens.length;
      const lens = right.lens.splice(0, take);
      left.lens.push(...lens);
      left.labels.push(...right.labels.splice(0, take));
      left.kids.push(...right.kids.splice(0, take));
      moved = sum(lens);
    }
    parent.lens[li] += moved;
    parent.lens[li + 1] -= moved;
  }

  private countRun(label: number, delta: number): void {
    this.runs += delta;
    if (label !== HUMAN) this.aiRuns += delta;
  }

  private visit(
    node: BNode,
    base: number,
    start: number,
    end: number,
    fn: (length: number, label: number, at: number) => void,
  ): void {
    let pos = base;
    for (let i = 0; i < node.lens.length && pos < end; i++) {
      const next = pos + node.lens[i];
      if (next > start) {
        if (!node.isLeaf) this.visit(node.kids[i], pos, start, end, fn);
        else {
          const from = Math.max(start, pos);
          const to = Math.min(end, next);
          fn(to - from, node.labels[i], from);
        }
      }
      pos = next;
    }
  }
}

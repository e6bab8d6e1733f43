/**
 * Character alignment between an old and a new text: which characters of the new text are the unchanged
 * characters of the old one. Remapping moves attribution along these matches.
 *
 * Strategy (N, M = lengths of the differing middle once the common prefix and suffix are stripped):
 * 1. Common prefix and suffix: O(N + M), always.
 * 2. If N + M <= `directCharDiffMax`: a Myers character diff (jsdiff `diffChars`) of the middle, which finds a
 *    longest common subsequence. If the texts differ by more than it may explore, fall through to step 3.
 * 3. Lines, compared with all whitespace removed. Lines whose key is unique on both sides anchor the alignment
 *    (patience-diff style), so scattered edits in a big file cost O(lines log lines); the gaps between anchors go
 *    through a line diff (jsdiff `diffArrays`). Line pairs that differ only in whitespace (re-indentation,
 *    `a=b` -> `a = b`) are aligned in linear time. A block of lines that really changed gets a character diff when
 *    it is at most `regionCharDiffMax` characters; failing that, when it has as many old as new lines, its lines
 *    are diffed pair by pair. If a line diff gives up, its whole gap is treated as one such block.
 *
 * Cost bound: Myers costs about D² steps for an edit distance D (plus a pass over its input). Each diff call
 * explores at most `charMaxEdits` (characters) or `lineMaxEdits` (lines) edits, and all calls of one alignment
 * share a budget of `stepBudget + stepsPerChar * (old + new length)` steps; once it is spent, the remaining changed
 * text stays unmatched (treated as rewritten). So total work is linear in the text size however different the
 * texts are (defaults: a few tens of milliseconds for unrelated 4 KB texts, ~1 MB reloads in well under a second).
 * Step 3 does not always find a longest common subsequence; that is the price of bounded time on big reloads.
 */
import { diffArrays, diffChars, type Change } from 'diff';
import { isWhitespaceCode, splitLinesKeepEol, stripWhitespace } from './text';
import { longestIncreasing } from '../longestIncreasing';

/** `length` characters starting at `oldStart` in the old text are unchanged at `newStart` in the new text. */
export interface MatchBlock {
  readonly oldStart: number;
  readonly newStart: number;
  readonly length: number;
}

export interface DiffLimits {
  /** Largest differing middle (old + new characters) diffed character by character as a whole. */
  readonly directCharDiffMax: number;
  /** Edit distance after which one character diff gives up. */
  readonly charMaxEdits: number;
  /** Edit distance (in lines) after which the line diff gives up. */
  readonly lineMaxEdits: number;
  /** Largest changed line block (old + new characters) that gets one character diff. */
  readonly regionCharDiffMax: number;
  /** Diff steps one alignment may spend, plus `stepsPerChar` per character of both texts. */
  readonly stepBudget: number;
  readonly stepsPerChar: number;
  /**
   * On the line path, cut the common ends back to whole lines (whole-file remaps through changes nobody recorded;
   * see LINE_FIRST in core/state/remapRecord). Off by default: edit-level remaps keep their character ends.
   */
  readonly wholeLineEnds?: boolean;
}

const DEFAULT_DIFF_LIMITS: DiffLimits = Object.freeze({
  directCharDiffMax: 4000,
  charMaxEdits: 200,
  lineMaxEdits: 600,
  regionCharDiffMax: 4000,
  stepBudget: 200_000,
  stepsPerChar: 1,
});

/** Optional counters filled by `alignTexts`, for tests and diagnostics. */
export interface AlignStats {
  /** Diff steps spent (the quantity `stepBudget` bounds). */
  steps: number;
}

type Adder = (oldStart: number, newStart: number, length: number) => void;

class Aligner {
  readonly blocks: MatchBlock[] = [];
  private steps = 0;

  constructor(
    readonly lim: DiffLimits,
    /** Steps this alignment may spend. */
    private readonly budget: number,
  ) {}

  get spent(): number {
    return this.steps;
  }

  // The block being extended; contiguous matches grow it in place instead of allocating.
  private last: { oldStart: number; newStart: number; length: number } | undefined;

  readonly add: Adder = (oldStart, newStart, length) => {
    if (length <= 0) return;
    const last = this.last;
    if (last && last.oldStart + last.length === oldStart && last.newStart + last.length === newStart)
      last.length += length;
    else this.blocks.push((this.last = { oldStart, newStart, length }));
  };

  /** The edit distance a diff may explore now: its own cap, and at most `share` of what is left of the budget. */
  private allowance(cap: number, share = 1): number {
    return Math.min(cap, Math.floor(Math.sqrt(Math.max(0, (this.budget - this.steps) * share))));
  }

  /** Myers explores about D² diagonal steps for an edit distance D, plus a cheap pass over its input. */
  private charge(edits: number, size: number): void {
    this.steps += edits * edits + Math.ceil(size / 64);
  }

  /** Adds the matches of a bounded character diff of a and b; false (nothing added) when it gives up. */
  charDiff(a: string, b: string, aBase: number, bBase: number): boolean {
    const [prefix, suffix] = commonEnds(a, b);
    const aMid = a.slice(prefix, a.length - suffix);
    const bMid = b.slice(prefix, b.length - suffix);
    if (aMid.length > 0 && bMid.length > 0) {
      const changes = this.myers(aMid, bMid);
      if (changes === undefined) return false;
      this.add(aBase, bBase, prefix);
      let i = aBase + prefix;
      let j = bBase + prefix;
      for (const c of changes) {
        const len = c.value.length;
        if (c.added) j += len;
        else if (c.removed) i += len;
        else {
          this.add(i, j, len);
          i += len;
          j += len;
        }
      }
    } else {
      this.add(aBase, bBase, prefix);
    }
    this.add(aBase + a.length - suffix, bBase + b.length - suffix, suffix);
    return true;
  }

  /** jsdiff's character diff within the budget, or undefined when it gives up. */
  private myers(a: string, b: string): Change[] | undefined {
    const maxEdits = this.allowance(this.lim.charMaxEdits);
    const changes = maxEdits < 1 ? undefined : diffChars(a, b, { maxEditLength: maxEdits });
    let edits = maxEdits;
    if (changes !== undefined) {
      edits = 0;
      for (const c of changes) if (c.added || c.removed) edits += c.count;
    }
    this.charge(Math.max(0, edits), a.length + b.length);
    return changes;
  }

  /**
   * Line-then-character alignment of a and b (step 3). Lines whose whitespace-free key occurs exactly once on
   * each side anchor the alignment (as in patience diff: the longest run of such pairs in the same order), so
   * scattered edits in a big file cost little; only the gaps between anchors go through a line diff.
   */
  lineDiff(a: string, b: string, aBase: number, bBase: number): void {
    const A = new LineSide(a, aBase);
    const B = new LineSide(b, bBase);
    let pa = 0;
    let pb = 0;
    for (const [ai, bi] of uniqueAnchors(A.keys, B.keys)) {
      this.gap(A, B, pa, ai, pb, bi);
      this.sameLine(A, B, ai, bi);
      pa = ai + 1;
      pb = bi + 1;
    }
    this.gap(A, B, pa, A.lines.length, pb, B.lines.length);
  }

  /** Lines [oa, ob) of A against lines [na, nb) of B. */
  private gap(A: LineSide, B: LineSide, oa: number, ob: number, na: number, nb: number): void {
    while (oa < ob && na < nb && A.keys[oa] === B.keys[na]) this.sameLine(A, B, oa++, na++);
    let tail = 0;
    while (ob - tail > oa && nb - tail > na && A.keys[ob - 1 - tail] === B.keys[nb - 1 - tail]) tail++;
    ob -= tail;
    nb -= tail;
    if (ob > oa && nb > na) {
      const aKeys = A.keys.slice(oa, ob);
      const bKeys = B.keys.slice(na, nb);
      // Half the budget at most, so the pairwise fallback below still has some when the line diff gives up.
      const maxEdits = this.allowance(this.lim.lineMaxEdits, 0.5);
      const changes = maxEdits < 1 ? undefined : diffArrays(aKeys, bKeys, { maxEditLength: maxEdits });
      if (changes === undefined) {
        this.charge(Math.max(0, maxEdits), aKeys.length + bKeys.length);
        this.block(A, B, oa, ob, na, nb);
      } else {
        let li = oa;
        let lj = na;
        let blockLi = li;
        let blockLj = lj;
        let edits = 0;
        for (const c of changes) {
          if (c.removed) li += c.count;
          else if (c.added) lj += c.count;
          else {
            this.block(A, B, blockLi, li, blockLj, lj);
            for (let k = 0; k < c.count; k++) this.sameLine(A, B, li++, lj++);
            blockLi = li;
            blockLj = lj;
          }
          if (c.removed || c.added) edits += c.count;
        }
        this.block(A, B, blockLi, li, blockLj, lj);
        this.charge(edits, aKeys.length + bKeys.length);
      }
    }
    for (let k = 0; k < tail; k++) this.sameLine(A, B, ob + k, nb + k);
  }

  private sameLine(A: LineSide, B: LineSide, i: number, j: number): void {
    if (A.lines[i] === B.lines[j]) this.add(A.offsets[i], B.offsets[j], A.lines[i].length);
    else alignSameContent(A.lines[i], B.lines[j], A.offsets[i], B.offsets[j], this.add);
  }

  /** Changed lines [oa, ob) vs [na, nb): one character diff if small enough, else pair by pair when counts agree. */
  private block(A: LineSide, B: LineSide, oa: number, ob: number, na: number, nb: number): void {
    if (ob <= oa || nb <= na) return;
    const aLen = A.offsets[ob] - A.offsets[oa];
    const bLen = B.offsets[nb] - B.offsets[na];
    if (
      aLen + bLen <= this.lim.regionCharDiffMax &&
      this.charDiff(A.text(oa, ob), B.text(na, nb), A.offsets[oa], B.offsets[na])
    )
      return;
    if (ob - oa !== nb - na || ob - oa < 2) return;
    for (let i = oa, j = na; i < ob; i++, j++) {
      if (A.keys[i] === B.keys[j]) this.sameLine(A, B, i, j);
      else if (A.lines[i].length + B.lines[j].length <= this.lim.regionCharDiffMax)
        this.charDiff(A.lines[i], B.lines[j], A.offsets[i], B.offsets[j]);
    }
  }
}

/** One side of a line diff: its lines, their whitespace-free keys and absolute start offsets. */
class LineSide {
  readonly lines: string[];
  readonly keys: string[];
  /** offsets[i] = absolute offset of line i; offsets[lines.length] = end. */
  readonly offsets: number[];

  constructor(
    private readonly whole: string,
    private readonly base: number,
  ) {
    this.lines = splitLinesKeepEol(whole);
    this.keys = this.lines.map(stripWhitespace);
    this.offsets = [base];
    for (const l of this.lines) this.offsets.push(this.offsets[this.offsets.length - 1] + l.length);
  }

  text(from: number, to: number): string {
    return this.whole.slice(this.offsets[from] - this.base, this.offsets[to] - this.base);
  }
}

/** Pairs of line indexes whose key is unique on both sides, longest subsequence increasing on both. */
function uniqueAnchors(aKeys: readonly string[], bKeys: readonly string[]): Array<[number, number]> {
  const onlyOnce = (keys: readonly string[]): Map<string, number> => {
    const at = new Map<string, number>();
    keys.forEach((k, i) => at.set(k, at.has(k) ? -1 : i));
    return at;
  };
  const inA = onlyOnce(aKeys);
  const inB = onlyOnce(bKeys);
  const pairs: Array<[number, number]> = [];
  aKeys.forEach((k, i) => {
    const j = inB.get(k);
    if (inA.get(k) === i && j !== undefined && j >= 0) pairs.push([i, j]);
  });
  return longestIncreasing(pairs);
}

/** Matched blocks of `oldText` in `newText`, ascending and non-overlapping on both sides. */
export function alignTexts(
  oldText: string,
  newText: string,
  limits: Partial<DiffLimits> = {},
  stats?: AlignStats,
): MatchBlock[] {
  const lim: DiffLimits = { ...DEFAULT_DIFF_LIMITS, ...limits };
  const al = new Aligner(lim, lim.stepBudget + lim.stepsPerChar * (oldText.length + newText.length));
  const [prefix, suffix] = commonEnds(oldText, newText);
  const oldMid = oldText.slice(prefix, oldText.length - suffix);
  const newMid = newText.slice(prefix, newText.length - suffix);
  // A change of whitespace only (a formatter) aligns every other character with its twin, in linear time: a
  // shortest diff could instead pair moved spaces and leave code unmatched.
  if (oldMid !== newMid && stripWhitespace(oldMid) === stripWhitespace(newMid)) {
    al.add(0, 0, prefix);
    alignSameContent(oldMid, newMid, prefix, prefix, (o, n, len) => al.add(o, n, len));
    al.add(oldText.length - suffix, newText.length - suffix, suffix);
    if (stats) stats.steps = al.spent;
    return al.blocks;
  }
  const direct = oldMid.length + newMid.length <= lim.directCharDiffMax && al.charDiff(oldText, newText, 0, 0);
  if (!direct) {
    // With wholeLineEnds the common ends are whole lines, or `ai();\n` + an inserted `h();\n` share their `();\n`.
    const [linePrefix, lineSuffix] = lim.wholeLineEnds ? lineEnds(oldText, newText, prefix, suffix) : [prefix, suffix];
    al.add(0, 0, linePrefix);
    const oldLines = oldText.slice(linePrefix, oldText.length - lineSuffix);
    const newLines = newText.slice(linePrefix, newText.length - lineSuffix);
    if (oldLines.length > 0 && newLines.length > 0) al.lineDiff(oldLines, newLines, linePrefix, linePrefix);
    al.add(oldText.length - lineSuffix, newText.length - lineSuffix, lineSuffix);
  }
  if (stats) stats.steps = al.spent;
  return al.blocks;
}

/** The common ends cut back to whole lines: the prefix ends after a line break, the suffix starts at a line start. */
function lineEnds(a: string, b: string, prefix: number, suffix: number): [number, number] {
  const linePrefix = a.lastIndexOf('\n', prefix - 1) + 1;
  const atLineStart = (t: string, at: number) => at === 0 || t.charCodeAt(at - 1) === 0x0a;
  let lineSuffix = suffix;
  if (!atLineStart(a, a.length - suffix) || !atLineStart(b, b.length - suffix)) {
    const breakAt = a.indexOf('\n', a.length - suffix);
    lineSuffix = breakAt < 0 ? 0 : a.length - breakAt - 1;
  }
  return [linePrefix, lineSuffix];
}

/** Lengths of the common prefix and (non-overlapping) suffix, never cutting a surrogate pair. */
function commonEnds(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  // The character diff works on code points: a match must not end or start between two halves of one.
  if (prefix > 0 && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;
  return [prefix, suffix];
}

/**
 * Aligns two strings whose non-whitespace characters are identical in order, in O(length): every
 * non-whitespace character matches its twin; within each whitespace gap the equal leading and trailing
 * characters match.
 */
function alignSameContent(x: string, y: string, xBase: number, yBase: number, add: Adder): void {
  let i = 0;
  let j = 0;
  for (;;) {
    let i2 = i;
    while (i2 < x.length && isWhitespaceCode(x.charCodeAt(i2))) i2++;
    let j2 = j;
    while (j2 < y.length && isWhitespaceCode(y.charCodeAt(j2))) j2++;
    let head = 0;
    while (i + head < i2 && j + head < j2 && x.charCodeAt(i + head) === y.charCodeAt(j + head)) head++;
    add(xBase + i, yBase + j, head);
    let tail = 0;
    while (i + head + tail < i2 && j + head + tail < j2 && x.charCodeAt(i2 - 1 - tail) === y.charCodeAt(j2 - 1 - tail))
      tail++;
    add(xBase + i2 - tail, yBase + j2 - tail, tail);
    // Callers promise equal non-whitespace content; stop rather than emit a false match if they break it.
    if (i2 >= x.length || j2 >= y.length || x.charCodeAt(i2) !== y.charCodeAt(j2)) return;
    add(xBase + i2, yBase + j2, 1);
    i = i2 + 1;
    j = j2 + 1;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

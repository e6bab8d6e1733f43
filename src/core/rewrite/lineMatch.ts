/**
 * Line alignment between two versions of a file: which new lines are unchanged old lines. This is what carries
 * line attribution from one revision to another (amend, rebase, cherry-pick, squash) and what decides which lines a
 * commit added. Cost is bounded: a Myers diff over interned lines that gives up after `maxEdits`, then a
 * patience-style match of lines unique on both sides.
 */
import { diffArrays } from 'diff';
import { stripWhitespace } from '../attribution/text';
import { longestIncreasing } from '../longestIncreasing';

export interface LineMatchOptions {
  /** Line edits after which the Myers diff gives up (then only unique lines are matched). */
  readonly maxEdits?: number;
  /**
   * Also pair changed lines that differ only in whitespace (re-indentation), in order, inside each changed block.
   * Right for carrying attribution; wrong for deciding what a commit added (git counts them as added).
   */
  readonly whitespaceInsensitive?: boolean;
}

const DEFAULT_LINE_MAX_EDITS = 4000;

export interface LineMatch {
  /** For each new line (0-based), the old line it continues, or -1. */
  readonly newToOld: Int32Array;
  /** For each old line (0-based), the new line it continues, or -1. */
  readonly oldToNew: Int32Array;
  /** False when the diff gave up and only unique lines were matched in the middle. */
  readonly complete: boolean;
}

/** Matches lines of `oldLines` to `newLines`; matches never cross (both sides ascend together). */
export function matchLines(
  oldLines: readonly string[],
  newLines: readonly string[],
  options: LineMatchOptions = {},
): LineMatch {
  const newToOld = new Int32Array(newLines.length).fill(-1);
  const oldToNew = new Int32Array(oldLines.length).fill(-1);
  const pair = (o: number, n: number) => {
    newToOld[n] = o;
    oldToNew[o] = n;
  };
  const max = Math.min(oldLines.length, newLines.length);
  let prefix = 0;
  while (prefix < max && oldLines[prefix] === newLines[prefix]) pair(prefix, prefix++);
  let suffix = 0;
  while (suffix < max - prefix && oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]) {
    pair(oldLines.length - 1 - suffix, newLines.length - 1 - suffix);
    suffix++;
  }
  const oldMid = oldLines.slice(prefix, oldLines.length - suffix);
  const newMid = newLines.slice(prefix, newLines.length - suffix);
  let complete = true;
  if (oldMid.length > 0 && newMid.length > 0) {
    complete = myersMiddle(oldMid, newMid, prefix, options.maxEdits ?? DEFAULT_LINE_MAX_EDITS, pair);
    if (!complete) uniqueLineMiddle(oldMid, newMid, prefix, pair);
  }
  if (options.whitespaceInsensitive) pairWhitespaceChanges(oldLines, newLines, newToOld, oldToNew);
  return { newToOld, oldToNew, complete };
}

/** Interns lines so the diff compares small integers. */
function intern(a: readonly string[], b: readonly string[]): [number[], number[]] {
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let v = ids.get(s);
    if (v === undefined) {
      v = ids.size;
      ids.set(s, v);
    }
    return v;
  };
  return [a.map(id), b.map(id)];
}

function myersMiddle(
  a: readonly string[],
  b: readonly string[],
  base: number,
  maxEdits: number,
  pair: (o: number, n: number) => void,
): boolean {
  const [ia, ib] = intern(a, b);
  const changes = diffArrays(ia, ib, { maxEditLength: maxEdits });
  if (changes === undefined) return false;
  let i = 0;
  let j = 0;
  for (const c of changes) {
    const count = c.value.length;
    if (c.added) j += count;
    else if (c.removed) i += count;
    else {
      for (let k = 0; k < count; k++) pair(base + i + k, base + j + k);
      i += count;
      j += count;
    }
  }
  return true;
}

/** Lines that occur exactly once on each side, kept where they form the longest increasing run (patience diff). */
function uniqueLineMiddle(
  a: readonly string[],
  b: readonly string[],
  base: number,
  pair: (o: number, n: number) => void,
): void {
  const countA = new Map<string, number>();
  for (const l of a) countA.set(l, (countA.get(l) ?? 0) + 1);
  const countB = new Map<string, number>();
  const posB = new Map<string, number>();
  b.forEach((l, j) => {
    countB.set(l, (countB.get(l) ?? 0) + 1);
    posB.set(l, j);
  });
  const candidates: Array<[number, number]> = [];
  a.forEach((l, i) => {
    if (countA.get(l) === 1 && countB.get(l) === 1) candidates.push([i, posB.get(l) as number]);
  });
  for (const [i, j] of longestIncreasing(candidates)) pair(base + i, base + j);
}

/** Inside each block between matched lines, pairs old and new lines equal once whitespace is removed, in order. */
function pairWhitespaceChanges(
  oldLines: readonly string[],
  newLines: readonly string[],
  newToOld: Int32Array,
  oldToNew: Int32Array,
): void {
  let o = 0;
  let n = 0;
  while (o < oldLines.length || n < newLines.length) {
    if (o < oldLines.length && n < newLines.length && oldToNew[o] === n) {
      o++;
      n++;
      continue;
    }
    // The changed block: old lines up to the next matched old line, new lines up to the next matched new line.
    let oEnd = o;
    while (oEnd < oldLines.length && oldToNew[oEnd] < 0) oEnd++;
    let nEnd = n;
    while (nEnd < newLines.length && newToOld[nEnd] < 0) nEnd++;
    if (oEnd > o && nEnd > n) {
      // Greedy in-order pairing; each key keeps its ascending new positions, consumed from the front.
      const positions = new Map<string, number[]>();
      for (let k = n; k < nEnd; k++) {
        const key = stripWhitespace(newLines[k]);
        if (key === '') continue;
        const list = positions.get(key);
        if (list) list.push(k);
        else positions.set(key, [k]);
      }
      const heads = new Map<string, number>();
      let j = n;
      for (let i = o; i < oEnd && j < nEnd; i++) {
        const key = stripWhitespace(oldLines[i]);
        const list = positions.get(key);
        if (!list) continue;
        let h = heads.get(key) ?? 0;
        while (h < list.length && list[h] < j) h++;
        heads.set(key, h);
        if (h === list.length) continue;
        const k = list[h];
        heads.set(key, h + 1);
        newToOld[k] = i;
        oldToNew[i] = k;
        j = k + 1;
      }
    }
    o = Math.max(oEnd, o + (oEnd === o && nEnd === n ? 1 : 0));
    n = nEnd;
  }
}

/**
 * Which lines of `newLines` this version added: lines that continue no line of any parent (a merge adds only what
 * is in none of its parents). No parents = everything is added (a root commit).
 */
export function addedLineFlags(
  newLines: readonly string[],
  parents: ReadonlyArray<readonly string[]>,
  options: { maxEdits?: number } = {},
): boolean[] {
  const added = new Array<boolean>(newLines.length).fill(true);
  for (const parent of parents) {
    const m = matchLines(parent, newLines, { maxEdits: options.maxEdits });
    for (let i = 0; i < newLines.length; i++) if (m.newToOld[i] >= 0) added[i] = false;
  }
  return added;
}

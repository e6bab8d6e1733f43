/**
 * Which characters of a file an agent wrote, from the file before and after its tool call. Lines first: lines are
 * compared by content (line endings and surrounding/inner whitespace runs ignored) with a Myers diff; every line the
 * agent added belongs to it whole, including its line ending, except:
 * - a changed line that pairs with an old line under the in-place rule (lineEdit.ts): only its inserted words;
 * - a line that only changed whitespace or line ending: nothing;
 * - a line the agent moved (same content as a line it removed elsewhere, at least MIN_MOVED_LINE_CHARS long): nothing,
 *   since it is not new text. Callers that map old origins through the edit should treat such lines as moves.
 * Large or very different inputs fall back to whole-line attribution in linear time (see AGENT_DIFF_LIMITS).
 */
import { diffArrays } from 'diff';
import { inPlaceInsertions, type EditBudget } from './lineEdit';
import { lineKey, splitLines, type TextLine } from './textLines';

export type CharRange = [start: number, end: number];

const AGENT_DIFF_LIMITS = Object.freeze({
  /** Above this many characters (before + after) the diff skips Myers and in-place splitting: linear fallback. */
  maxChars: 4 * 1024 * 1024,
  /**
   * Line diff work allowance. jsdiff's Myers costs about D² + N·D for N changed-region lines and edit length D; D is
   * capped so that stays under this, and a diff needing more falls back to linear whole-line attribution.
   */
  lineDiffWork: 4_000_000,
  /** Work units the in-place rule may spend per file (see EditBudget); beyond it changed lines are judged whole. */
  inPlaceWork: 8_000_000,
  /** How many removed lines after the last pairing an added line is compared with. */
  pairWindow: 8,
});

/** Size limit: inputs above it (before + after) are attributed whole-line in linear time. */
export const AGENT_DIFF_MAX_CHARS = AGENT_DIFF_LIMITS.maxChars;

/** Lines shorter than this (after trimming) are never treated as moved: `}` or `return;` recur by coincidence. */
const MIN_MOVED_LINE_CHARS = 10;

/**
 * Half-open UTF-16 ranges of `after` that the agent inserted, sorted and merged. `null`/`''` before means the file was
 * created (all of it is the agent's); `null`/`''` after means it was deleted or emptied (nothing is).
 */
export function agentInsertedRanges(before: string | null | undefined, after: string | null | undefined): CharRange[] {
  const oldText = before ?? '';
  const newText = after ?? '';
  if (typeof oldText !== 'string' || typeof newText !== 'string')
    throw new Error('agentInsertedRanges takes two strings');
  if (newText === '' || oldText === newText) return [];
  if (oldText === '') return [[0, newText.length]];

  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const oldKeys = oldLines.map((l) => lineKey(oldText, l));
  const newKeys = newLines.map((l) => lineKey(newText, l));

  // Unchanged head and tail are the common case for an agent edit: diff only the region between them.
  let head = 0;
  while (head < oldKeys.length && head < newKeys.length && oldKeys[head] === newKeys[head]) head++;
  let tail = 0;
  while (
    tail < oldKeys.length - head &&
    tail < newKeys.length - head &&
    oldKeys[oldKeys.length - 1 - tail] === newKeys[newKeys.length - 1 - tail]
  )
    tail++;
  const oldMid = { from: head, to: oldKeys.length - tail };
  const newMid = { from: head, to: newKeys.length - tail };

  const out = new RangeCollector(newLines);
  const big = oldText.length + newText.length > AGENT_DIFF_MAX_CHARS;
  const blocks = big ? undefined : changeBlocks(oldKeys, newKeys, oldMid, newMid);
  if (blocks === undefined) {
    linearFallback(oldKeys.slice(oldMid.from, oldMid.to), newKeys, newMid, out);
  } else {
    attributeBlocks(blocks, { oldText, newText, oldLines, newLines, oldKeys, newKeys }, out);
  }
  return out.ranges();
}

interface Block {
  readonly removed: number[];
  readonly added: number[];
}

interface Sides {
  readonly oldText: string;
  readonly newText: string;
  readonly oldLines: readonly TextLine[];
  readonly newLines: readonly TextLine[];
  readonly oldKeys: readonly string[];
  readonly newKeys: readonly string[];
}

/** Runs of removed/added line indexes between unchanged lines; undefined when the diff would cost too much. */
function changeBlocks(
  oldKeys: readonly string[],
  newKeys: readonly string[],
  oldMid: Span,
  newMid: Span,
): Block[] | undefined {
  // Intern keys so Myers compares small integers, not strings.
  const ids = new Map<string, number>();
  const intern = (k: string): number => {
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    return id;
  };
  const a = oldKeys.slice(oldMid.from, oldMid.to).map(intern);
  const b = newKeys.slice(newMid.from, newMid.to).map(intern);
  const size = a.length + b.length;
  if (a.length === 0 || b.length === 0) {
    // Only whitespace/line-ending changes outside this region, or a pure insertion/deletion: no diff needed.
    return b.length === 0 ? [] : [{ removed: [], added: b.map((_, i) => newMid.from + i) }];
  }
  // Largest D with D² + size·D <= lineDiffWork.
  const work = AGENT_DIFF_LIMITS.lineDiffWork;
  const maxEditLength = Math.max(1, Math.floor((Math.sqrt(size * size + 4 * work) - size) / 2));
  const changes = diffArrays(a, b, { maxEditLength: Math.min(maxEditLength, size) });
  if (changes === undefined) return undefined;

  const blocks: Block[] = [];
  let current: Block = { removed: [], added: [] };
  let oldIdx = oldMid.from;
  let newIdx = newMid.from;
  for (const change of changes) {
    if (change.removed) {
      for (let i = 0; i < change.count; i++) current.removed.push(oldIdx++);
    } else if (change.added) {
      for (let i = 0; i < change.count; i++) current.added.push(newIdx++);
    } else {
      if (current.removed.length + current.added.length > 0) blocks.push(current);
      current = { removed: [], added: [] };
      oldIdx += change.count;
      newIdx += change.count;
    }
  }
  if (current.removed.length + current.added.length > 0) blocks.push(current);
  return blocks;
}

interface Span {
  readonly from: number;
  readonly to: number;
}

function attributeBlocks(blocks: readonly Block[], s: Sides, out: RangeCollector): void {
  const budget: EditBudget = { remaining: AGENT_DIFF_LIMITS.inPlaceWork };
  const unpaired: number[] = [];
  const movable = new Map<string, number>();

  for (const block of blocks) {
    let cursor = 0;
    const used = new Set<number>();
    for (const j of block.added) {
      const paired = pairInPlace(block.removed, cursor, j, s, budget);
      if (paired === undefined) {
        unpaired.push(j);
        continue;
      }
      used.add(paired.index);
      cursor = paired.index + 1;
      const lineStart = s.newLines[j].start;
      for (const [from, to] of paired.ranges) out.add(lineStart + from, lineStart + to);
    }
    for (const r of block.removed) {
      const key = s.oldKeys[r];
      if (!used.has(r) && key.length >= MIN_MOVED_LINE_CHARS) movable.set(key, (movable.get(key) ?? 0) + 1);
    }
  }

  // Lines added whole, unless they are a removed line re-appearing (a move).
  for (const j of unpaired) {
    const left = movable.get(s.newKeys[j]);
    if (left !== undefined && left > 0) {
      movable.set(s.newKeys[j], left - 1);
      continue;
    }
    out.addLine(j);
  }
}

function pairInPlace(
  removed: readonly number[],
  cursor: number,
  j: number,
  s: Sides,
  budget: EditBudget,
): { index: number; ranges: Array<[number, number]> } | undefined {
  const newLine = s.newLines[j];
  const newContent = s.newText.slice(newLine.start, newLine.end);
  const last = Math.min(removed.length, cursor + AGENT_DIFF_LIMITS.pairWindow);
  for (let k = cursor; k < last; k++) {
    const oldLine = s.oldLines[removed[k]];
    const ranges = inPlaceInsertions(s.oldText.slice(oldLine.start, oldLine.end), newContent, budget);
    if (ranges !== null) return { index: k, ranges };
  }
  return undefined;
}

/** Linear whole-line attribution: a new line is the agent's unless an unused old line has the same content. */
function linearFallback(
  oldKeys: readonly string[],
  newKeys: readonly string[],
  newMid: Span,
  out: RangeCollector,
): void {
  const available = new Map<string, number>();
  for (const key of oldKeys) available.set(key, (available.get(key) ?? 0) + 1);
  for (let j = newMid.from; j < newMid.to; j++) {
    const left = available.get(newKeys[j]);
    if (left !== undefined && left > 0) available.set(newKeys[j], left - 1);
    else out.addLine(j);
  }
}

/** Collects ranges in any order; returns them sorted with touching or overlapping ranges merged. */
class RangeCollector {
  private readonly list: CharRange[] = [];

  constructor(private readonly newLines: readonly TextLine[]) {}

  add(start: number, end: number): void {
    if (end > start) this.list.push([start, end]);
  }

  addLine(index: number): void {
    const line = this.newLines[index];
    this.add(line.start, line.next);
  }

  ranges(): CharRange[] {
    const sorted = this.list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const merged: CharRange[] = [];
    for (const [start, end] of sorted) {
      const last = merged[merged.length - 1];
      if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }
}

/**
 * From working-state spans to the lines of what is being committed, and back: which lines of a staged (or
 * committed) text are AI according to spans recorded over a working-tree text, and which of those spans were not
 * part of the commit and so stay in the working state.
 */
import { alignTexts, type DiffLimits } from '../attribution/align';
import { splitLinesKeepEol } from '../attribution/text';
import { lineView } from '../attribution/lineView';
import type { Origin } from '../attribution/origin';
import { remapSpans } from '../attribution/remap';
import type { SpanTuple } from '../attribution/runs';
import { splitLines, type LineAttribution } from '../commit/lines';
import type { StateSpan } from '../state/fileRecord';
import { LINE_FIRST } from '../state/remapRecord';

/** The part of a working-state record this needs: spans over some text, pointing into `origins`. */
export interface SpanSource {
  readonly origins: readonly Origin[];
  readonly spans: readonly StateSpan[];
}

function tuples(spans: readonly StateSpan[]): SpanTuple[] {
  return spans.map(([s, e, o]) => [s, e, o]);
}

/**
 * The AI lines of `targetText` (1-based, numbered like `splitLines`) given spans recorded over `sourceText`.
 * Characters of the target that are not unchanged source characters are human (bar inherited whitespace).
 * Throws when the spans do not fit `sourceText`.
 */
export function attributeLinesOf(
  sourceText: string,
  targetText: string,
  source: SpanSource,
  limits?: Partial<DiffLimits>,
): Map<number, LineAttribution> {
  const spans = remapSpans(sourceText, targetText, tuples(source.spans), limits);
  const out = new Map<number, LineAttribution>();
  if (spans.length === 0) return out;
  // lineView also breaks at a lone `\r`; splitLines (how line numbers count everywhere else) does not. A space of
  // the same length keeps offsets and is whitespace either way.
  const text = /\r(?!\n)/.test(targetText) ? targetText.replace(/\r(?!\n)/g, ' ') : targetText;
  const view = lineView(text, spans);
  const count = splitLines(targetText).length;
  for (let i = 0; i < view.length && i < count; i++) {
    const line = view[i];
    if (line.kind === 'human') continue;
    out.set(i + 1, { cls: line.kind, origins: line.origins.map((id) => originAt(source, id)) });
  }
  return out;
}

/**
 * `lines` (from attributeLinesOf) kept only where the target line is, whole, a line of `sourceText` that held AI. For
 * a record the commit did not see being written (parked by `git stash`: its text went into the stash), a line that
 * merely looks like a stashed AI line (`human_5;` where `ai_3;` was) must not inherit its punctuation.
 */
export function keepWholeSourceLines(
  lines: ReadonlyMap<number, LineAttribution>,
  sourceText: string,
  targetText: string,
  source: SpanSource,
): Map<number, LineAttribution> {
  const sourceLines = splitLines(sourceText);
  const view = lineView(
    /\r(?!\n)/.test(sourceText) ? sourceText.replace(/\r(?!\n)/g, ' ') : sourceText,
    tuples(source.spans),
  );
  const aiTexts = new Set<string>();
  for (let i = 0; i < view.length && i < sourceLines.length; i++)
    if (view[i].kind !== 'human') aiTexts.add(sourceLines[i]);
  const target = splitLines(targetText);
  const out = new Map<number, LineAttribution>();
  for (const [line, attribution] of lines) if (aiTexts.has(target[line - 1] ?? '')) out.set(line, attribution);
  return out;
}

function originAt(source: SpanSource, index: number): Origin {
  const origin = source.origins[index];
  if (!origin) throw new RangeError(`span names origin ${index}, but the record has ${source.origins.length}`);
  return origin;
}

/**
 * The spans over `recordText` whose characters did NOT go into `committedText` (unstaged or partially staged
 * work): everything matched by the alignment was committed and leaves the working state.
 */
export function uncommittedSpans(
  recordText: string,
  committedText: string,
  spans: readonly StateSpan[],
  limits?: Partial<DiffLimits>,
): StateSpan[] {
  if (spans.length === 0) return [];
  if (recordText === committedText) return [];
  const blocks = alignTexts(recordText, committedText, limits);
  const out: StateSpan[] = [];
  let b = 0;
  for (const [start, end, origin] of spans) {
    let pos = start;
    while (b < blocks.length && blocks[b].oldStart + blocks[b].length <= pos) b++;
    for (let k = b; k < blocks.length && pos < end; k++) {
      const blockStart = blocks[k].oldStart;
      const blockEnd = blockStart + blocks[k].length;
      if (blockStart >= end) break;
      if (blockStart > pos) out.push([pos, blockStart, origin]);
      pos = Math.max(pos, blockEnd);
    }
    if (pos < end) out.push([pos, end, origin]);
  }
  return out;
}

/** Spans over `fromText` moved onto `toText` (the working file changed since the record was written). */
export function reanchorSpans(
  fromText: string,
  toText: string,
  spans: readonly StateSpan[],
  limits?: Partial<DiffLimits>,
): StateSpan[] {
  if (fromText === toText || spans.length === 0) return spans.map(([s, e, o]) => [s, e, o]);
  return remapSpans(fromText, toText, tuples(spans), limits).map(([s, e, o]) => [s, e, o]);
}

/**
 * The working state's AI lines that this commit adds (`added[i]` for line i + 1). A line unchanged from a parent was
 * committed before, with its own record or without (a commit whose hooks were killed): the working state does not
 * lend it to this commit. `unchanged` counts the lines left out, for the log.
 */
export function addedLinesOnly(
  lines: ReadonlyMap<number, LineAttribution>,
  added: readonly boolean[],
): { lines: Map<number, LineAttribution>; unchanged: number } {
  const out = new Map<number, LineAttribution>();
  let unchanged = 0;
  for (const [line, attribution] of lines) {
    if (added[line - 1] === false) unchanged++;
    else out.set(line, attribution);
  }
  return { lines: out, unchanged };
}

/**
 * Spans of a stashed text carried onto the work tree after the stash went away (`stash pop` onto a changed base, or
 * `stash drop`): remapped by a diff, then spans on lines HEAD already has are left out, so a dropped stash (work tree
 * back at HEAD) brings nothing back while a pop brings its AI text wherever the merge put it.
 */
export function unstashedSpans(
  stashedText: string,
  workText: string,
  headText: string | undefined,
  spans: readonly StateSpan[],
): StateSpan[] {
  const onWork = reanchorSpans(stashedText, workText, spans, LINE_FIRST);
  return headText === undefined ? onWork : spansOffHeadLines(workText, headText, onWork);
}

/**
 * The spans over `workText` minus the lines matched whole to whole lines of `headText` (LINE_FIRST alignment).
 * Committed-or-not is decided per line: a character diff calls `rq;\nQ` new in `Qrq;\nQt;\n` against HEAD's
 * `Qt;\n` (HEAD's line keeps a character of the AI line above it), and finds most of a new AI line `Qsr;` in
 * HEAD's `Qrs;\nQrt;\n` it replaced (the AI line is lost).
 */
function spansOffHeadLines(workText: string, headText: string, spans: readonly StateSpan[]): StateSpan[] {
  if (spans.length === 0 || workText === headText) return [];
  const blocks = alignTexts(workText, headText, LINE_FIRST);
  // Where HEAD's lines start, and its end (a last line without a newline ends there).
  const headLineStarts = new Set<number>([0, headText.length]);
  for (let i = 0; i < headText.length; i++) {
    const c = headText.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && headText.charCodeAt(i + 1) !== 0x0a)) headLineStarts.add(i + 1);
  }
  const committed: { start: number; end: number }[] = [];
  let b = 0;
  let lineStart = 0;
  for (const line of splitLinesKeepEol(workText)) {
    const lineEnd = lineStart + line.length;
    while (b < blocks.length && blocks[b].oldStart + blocks[b].length <= lineStart) b++;
    const block = blocks[b];
    if (block && block.oldStart <= lineStart && lineEnd <= block.oldStart + block.length) {
      const headStart = block.newStart + lineStart - block.oldStart;
      if (headLineStarts.has(headStart) && headLineStarts.has(headStart + line.length))
        committed.push({ start: lineStart, end: lineEnd });
    }
    lineStart = lineEnd;
  }
  const out: StateSpan[] = [];
  let k = 0;
  for (const [start, end, origin] of spans) {
    let pos = start;
    while (k < committed.length && committed[k].end <= pos) k++;
    for (let j = k; j < committed.length && pos < end && committed[j].start < end; j++) {
      if (committed[j].start > pos) out.push([pos, committed[j].start, origin]);
      pos = Math.max(pos, committed[j].end);
    }
    if (pos < end) out.push([pos, end, origin]);
  }
  return out;
}

/** Characters the spans cover. */
export function spanChars(spans: readonly StateSpan[]): number {
  return spans.reduce((n, [s, e]) => n + e - s, 0);
}

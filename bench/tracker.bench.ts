/**
 * Attribution tracker update cost.
 * Row 1: per change at 10k spans in a 1 MB document, against the extension host's own bookkeeping for the same
 *        change (an array of the document's lines: replace the line string, splice when lines come or go).
 * Row 2: the same update at 100k spans over 100 spans (the O(log n) claim).
 * Edits are realistic: a character typed at a random position then backspaced (5 in 100 are a whole line
 * inserted then deleted), so the document and the span count stay stable across the timed loop.
 */
import { AttributionTracker, type SpanTuple, type TextChange } from '../src/core/attribution';
import { measure, type BenchRow } from './types';

const DOC_BYTES = 1_000_000;
const EDITS = 4000;
const LINE_INSERT_EVERY = 20;
const INSERTED_LINE = '    inserted();';

function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function makeLines(rand: () => number): string[] {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < DOC_BYTES; i++) {
    const indent = ' '.repeat(2 * Math.floor(rand() * 4));
    const line = `${indent}const value${i} = compute(${i}, other${Math.floor(rand() * 100)});`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

/** `count` AI spans spread evenly (random gaps and lengths) over `length` characters, 3 origins. */
function makeSpans(count: number, length: number, rand: () => number): SpanTuple[] {
  const spans: SpanTuple[] = [];
  const avg = length / (2 * count);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const start = pos + 1 + Math.floor(rand() * (2 * avg - 2));
    const end = Math.min(length, start + 1 + Math.floor(rand() * (2 * avg - 2)));
    if (start >= end) break;
    spans.push([start, end, i % 3]);
    pos = end;
  }
  return spans;
}

interface EditPair {
  /** For the tracker: offsets, the adapter gets them from VS Code (`rangeOffset`). */
  readonly doIt: TextChange;
  readonly undoIt: TextChange;
  /** For the line array: line index and column, as VS Code also reports. */
  readonly line: number;
  readonly col: number;
  readonly isLine: boolean;
}

function makeEdits(lines: readonly string[], rand: () => number, withLineInserts: boolean): EditPair[] {
  const starts: number[] = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  const edits: EditPair[] = [];
  for (let i = 0; i < EDITS; i++) {
    const line = Math.floor(rand() * lines.length);
    if (withLineInserts && i % LINE_INSERT_EVERY === 0) {
      const text = INSERTED_LINE + '\n';
      edits.push({
        doIt: { start: starts[line], deleteLength: 0, text },
        undoIt: { start: starts[line], deleteLength: text.length, text: '', oldText: text },
        line,
        col: 0,
        isLine: true,
      });
    } else {
      const col = Math.floor(rand() * (lines[line].length + 1));
      const start = starts[line] + col;
      edits.push({
        doIt: { start, deleteLength: 0, text: 'x' },
        undoIt: { start, deleteLength: 1, text: '', oldText: 'x' },
        line,
        col,
        isLine: false,
      });
    }
  }
  return edits;
}

/** One pass over the edits (each applied then undone) on the tracker. */
function trackerPass(tracker: AttributionTracker, edits: readonly EditPair[]): () => void {
  return () => {
    for (const e of edits) {
      tracker.apply(e.doIt);
      tracker.apply(e.undoIt);
    }
  };
}

/** The same pass on the line array: replace the line string, or splice a whole line in and out. */
function lineArrayPass(lines: string[], edits: readonly EditPair[]): () => void {
  return () => {
    for (const e of edits) {
      if (e.isLine) {
        lines.splice(e.line, 0, INSERTED_LINE);
        lines.splice(e.line, 1);
      } else {
        const s = lines[e.line];
        const typed = s.slice(0, e.col) + 'x' + s.slice(e.col);
        lines[e.line] = typed;
        lines[e.line] = typed.slice(0, e.col) + typed.slice(e.col + 1);
      }
    }
  };
}

/**
 * ns per change of two passes, timed alternately (a, b, a, b, ...) so that load from other processes hits both
 * alike; medians of `rounds` samples each.
 */
function interleaved(a: () => void, b: () => void, changesPerPass: number, rounds = 21): [number, number] {
  for (let w = 0; w < 3; w++) {
    a();
    b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    sa.push(measure(a, 1, 1));
    sb.push(measure(b, 1, 1));
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[xs.length >> 1] / changesPerPass;
  return [median(sa), median(sb)];
}

function trackerWith(spanCount: number, length: number, rand: () => number): AttributionTracker {
  const tracker = AttributionTracker.fromSpans(length, makeSpans(spanCount, length, rand));
  if (tracker.spanCount < spanCount * 0.99) throw new Error(`bench setup: only ${tracker.spanCount} spans`);
  return tracker;
}

export async function rows(): Promise<BenchRow[]> {
  const rand = prng(42);
  const lines = makeLines(rand);
  const length = lines.join('\n').length;
  const mixed = makeEdits(lines, rand, true);
  const typing = makeEdits(lines, rand, false);

  const t10k = trackerWith(10_000, length, rand);
  const changes = 2 * EDITS;
  const [tracker, floor] = interleaved(trackerPass(t10k, mixed), lineArrayPass(lines, mixed), changes);
  const [trackerTyping, floorTyping] = interleaved(trackerPass(t10k, typing), lineArrayPass(lines, typing), changes);
  const ratio1 = tracker / floor;

  const [small, big] = interleaved(
    trackerPass(trackerWith(100, length, rand), mixed),
    trackerPass(trackerWith(100_000, length, rand), mixed),
    changes,
  );
  const ratio2 = big / small;

  const ns = (n: number): string => `${n.toFixed(0)} ns`;
  return [
    {
      name: 'tracker update @10k spans, 1 MB doc / line-array update',
      ratio: ratio1,
      goal: '<= 2x',
      pass: ratio1 <= 2,
      detail:
        `per change: tracker ${ns(tracker)}, line array ${ns(floor)} (1 in ${LINE_INSERT_EVERY} edits inserts a line); ` +
        `typing only: tracker ${ns(trackerTyping)}, line array ${ns(floorTyping)} = ${(trackerTyping / floorTyping).toFixed(2)}x`,
    },
    {
      name: 'tracker update @100k spans / @100 spans',
      ratio: ratio2,
      goal: '<= 3x',
      pass: ratio2 <= 3,
      detail: `per change: ${ns(big)} at 100k spans, ${ns(small)} at 100 spans (1 MB doc)`,
    },
  ];
}

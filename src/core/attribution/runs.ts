/**
 * Plain-data shapes shared by the tracker, the remapper and the serialisers.
 *
 * A *span* names attributed (AI) text only: `[start, end, originId]`, half-open UTF-16 offsets.
 * A *run* labels every character of a range, human included, so a range can be cut out and put back exactly
 * (undo cache, explicit attribution of pasted text, remapping).
 */
import type { OriginTable } from './origin';

/** Origin label of human (unattributed) text inside runs. Real origin ids are >= 0. */
export const HUMAN = -1;

/** `[start, end, originId]`: half-open UTF-16 offsets of AI text and the origin id it came from. */
export type SpanTuple = [start: number, end: number, originId: number];

/** `length` consecutive characters with one origin (`HUMAN` for human text). */
export interface Run {
  readonly length: number;
  readonly origin: number;
}

/** Appends runs, dropping empty ones and merging neighbours with the same origin. */
export class RunBuilder {
  private readonly out: Run[] = [];

  push(length: number, origin: number): void {
    if (length <= 0) return;
    const last = this.out[this.out.length - 1];
    if (last && last.origin === origin) {
      this.out[this.out.length - 1] = { length: last.length + length, origin };
    } else {
      this.out.push({ length, origin });
    }
  }

  /** Origin of the last character pushed, or `fallback` when nothing was pushed yet. */
  lastOrigin(fallback: number): number {
    const last = this.out[this.out.length - 1];
    return last ? last.origin : fallback;
  }

  build(): Run[] {
    return this.out;
  }
}

/** Runs covering `[0, length)` for the given spans (which must already be valid). */
export function runsFromSpans(spans: readonly SpanTuple[], length: number): Run[] {
  const b = new RunBuilder();
  let pos = 0;
  for (const [start, end, origin] of spans) {
    b.push(start - pos, HUMAN);
    b.push(end - start, origin);
    pos = end;
  }
  b.push(length - pos, HUMAN);
  return b.build();
}

/** Spans of the AI runs, with offsets starting at `base`. */
export function spansFromRuns(runs: readonly Run[], base = 0): SpanTuple[] {
  const spans: SpanTuple[] = [];
  let pos = base;
  for (const r of runs) {
    if (r.origin !== HUMAN) {
      const last = spans[spans.length - 1];
      // Runs from a RunBuilder never repeat an origin back to back, but caller-made runs may.
      if (last && last[1] === pos && last[2] === r.origin) last[1] = pos + r.length;
      else spans.push([pos, pos + r.length, r.origin]);
    }
    pos += r.length;
  }
  return spans;
}

export function runsHoldAi(runs: readonly Run[]): boolean {
  for (let i = 0; i < runs.length; i++) if (runs[i].origin !== HUMAN) return true;
  return false;
}

/**
 * Checks serialised spans: an array of `[start, end, originId]` integer triples, each non-empty, sorted,
 * non-overlapping, inside `[0, length]`, with an origin id the table knows (any id >= 0 when no table is given).
 * Throws an Error naming the first bad entry.
 */
export function validateSpans(spans: unknown, length: number, origins?: OriginTable): asserts spans is SpanTuple[] {
  if (!Number.isSafeInteger(length) || length < 0)
    throw new Error(`attribution: invalid document length ${String(length)}`);
  if (!Array.isArray(spans)) throw new Error('attribution: spans must be an array of [start, end, originId]');
  let prevEnd = 0;
  spans.forEach((span: unknown, i) => {
    if (!Array.isArray(span) || span.length !== 3 || !span.every((n) => Number.isSafeInteger(n))) {
      throw new Error(
        `attribution: span ${i} is not an integer triple [start, end, originId]: ${JSON.stringify(span)}`,
      );
    }
    const [start, end, origin] = span as number[];
    if (start < 0 || end <= start) throw new Error(`attribution: span ${i} [${start}, ${end}) is empty or negative`);
    if (start < prevEnd)
      throw new Error(
        `attribution: span ${i} starts at ${start}, before the previous span ends (${prevEnd}): spans must be sorted and non-overlapping`,
      );
    if (end > length) throw new Error(`attribution: span ${i} ends at ${end}, past the document length ${length}`);
    if (origin < 0 || (origins !== undefined && origin >= origins.size)) {
      throw new Error(`attribution: span ${i} names unknown origin id ${origin}`);
    }
    prevEnd = end;
  });
}

/** Checks runs given for inserted text: known origins, positive lengths, covering exactly `length` characters. */
export function validateRuns(runs: unknown, length: number, origins?: OriginTable): asserts runs is Run[] {
  if (!Array.isArray(runs)) throw new Error('attribution: runs must be an array of { length, origin }');
  let total = 0;
  runs.forEach((run: unknown, i) => {
    const r = run as Partial<Run> | null;
    if (!r || !Number.isSafeInteger(r.length) || (r.length as number) < 0 || !Number.isSafeInteger(r.origin)) {
      throw new Error(`attribution: run ${i} is not { length, origin } with integers: ${JSON.stringify(run)}`);
    }
    const origin = r.origin as number;
    if (origin < HUMAN || (origin !== HUMAN && origins !== undefined && origin >= origins.size)) {
      throw new Error(`attribution: run ${i} names unknown origin id ${origin}`);
    }
    total += r.length as number;
  });
  if (total !== length) throw new Error(`attribution: runs cover ${total} characters but the text has ${length}`);
}

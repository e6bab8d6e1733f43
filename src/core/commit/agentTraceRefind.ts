/**
 * Re-finds recorded ranges in a newer version of a file by their content hash, when line numbers moved (rebase,
 * squash, edits above). The search starts where the range is expected (its old place shifted by the displacement of
 * the previous range found) and widens outward to the whole file, so the nearest copy of repeated text wins.
 */
import { rangeContentHash, splitLines } from './lines';

export interface HashedRange {
  readonly start_line: number;
  readonly end_line: number;
  readonly content_hash?: string;
}

export type MissReason =
  /** The range carries no content hash, so its text cannot be verified anywhere. */
  | 'no-hash'
  /** No window of the new text has the hash. */
  | 'not-found'
  /** Found only away from its expected place, and its text is punctuation/whitespace: too common to trust. */
  | 'ambiguous'
  /** The search budget ran out before the range was found. */
  | 'budget';

export interface RefoundRange<T> {
  readonly range: T;
  /** 1-based inclusive position in the new text. */
  readonly start_line: number;
  readonly end_line: number;
  readonly moved: boolean;
}

export interface MissingRange<T> {
  readonly range: T;
  readonly reason: MissReason;
}

export interface RefindResult<T> {
  /** In input order. */
  readonly found: RefoundRange<T>[];
  readonly missing: MissingRange<T>[];
  /** Characters hashed: what the search cost, to carry a budget across calls. */
  readonly work: number;
}

export interface RefindOptions {
  /** Upper bound on characters hashed over all ranges (a far search costs the file size times the range size). */
  readonly maxWork?: number;
}

export const DEFAULT_REFIND_WORK = 50_000_000;

/** Locates each range in `text` (content or already split lines). */
export function refindRanges<T extends HashedRange>(
  ranges: readonly T[],
  text: string | readonly string[],
  options: RefindOptions = {},
): RefindResult<T> {
  const lines = typeof text === 'string' ? splitLines(text) : text;
  const n = lines.length;
  const prefix = new Array<number>(n + 1);
  prefix[0] = 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + lines[i].length + 1;
  const maxWork = options.maxWork ?? DEFAULT_REFIND_WORK;
  let budget = maxWork;

  const order = ranges.map((_, i) => i).sort((a, b) => ranges[a].start_line - ranges[b].start_line || a - b);
  const results = new Array<RefoundRange<T> | MissingRange<T>>(ranges.length);
  let lastDelta = 0;
  for (const index of order) {
    const range = ranges[index];
    const hash = range.content_hash;
    const size = range.end_line - range.start_line + 1;
    if (hash === undefined) {
      results[index] = { range, reason: 'no-hash' };
      continue;
    }
    if (size < 1 || size > n) {
      results[index] = { range, reason: 'not-found' };
      continue;
    }
    const last = n - size;
    const original = range.start_line - 1;
    const expected = Math.min(Math.max(original + lastDelta, 0), last);
    let outcome: RefoundRange<T> | MissingRange<T> = { range, reason: 'not-found' };
    for (const p of candidates(expected, original, last)) {
      const cost = prefix[p + size] - prefix[p];
      // Once the budget is spent, only the cheap expected/original checks still run.
      if (budget < cost && p !== expected && p !== original) {
        outcome = { range, reason: 'budget' };
        break;
      }
      budget -= cost;
      if (rangeContentHash(lines, p, p + size) !== hash) continue;
      if (p !== expected && p !== original && !hasWordCharacter(lines, p, p + size)) {
        outcome = { range, reason: 'ambiguous' };
      } else {
        outcome = { range, start_line: p + 1, end_line: p + size, moved: p !== original };
        lastDelta = p - original;
      }
      break;
    }
    results[index] = outcome;
  }
  const found: RefoundRange<T>[] = [];
  const missing: MissingRange<T>[] = [];
  for (const r of results) {
    if ('reason' in r) missing.push(r);
    else found.push(r);
  }
  return { found, missing, work: maxWork - budget };
}

/** Window starts to try: expected, the original place, then outward from expected to both ends of the file. */
function* candidates(expected: number, original: number, last: number): Generator<number> {
  yield expected;
  if (original !== expected && original >= 0 && original <= last) yield original;
  for (let d = 1; expected - d >= 0 || expected + d <= last; d++) {
    if (expected - d >= 0 && expected - d !== original) yield expected - d;
    if (expected + d <= last && expected + d !== original) yield expected + d;
  }
}

function hasWordCharacter(lines: readonly string[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (/[\p{L}\p{N}]/u.test(lines[i])) return true;
  }
  return false;
}

/**
 * Places a record's AI ranges on the lines we know of a commit's version of a file. A record written for this very
 * commit is trusted by line number; otherwise (a note copied by a rebase, a foreign record) each range is verified
 * by its content hash and, when it does not match, re-found by hash. Only whole ranges that verify are placed.
 */
import type { Origin } from '../attribution/origin';
import type { RecordRange } from '../commit/agentTraceRead';
import { DEFAULT_REFIND_WORK, refindRanges, type MissReason } from '../commit/agentTraceRefind';
import { rangeContentHash } from '../commit/lines';

export interface PlacedLine {
  readonly cls: 'ai' | 'mixed';
  readonly origins: readonly Origin[];
}

export interface PlaceOptions {
  /** The record's revision is this commit: ranges that cannot be checked are taken at their line numbers. */
  readonly trusted: boolean;
  /** The whole file at the commit (1-based line n = text[n - 1]); without it only `known` lines can verify ranges. */
  readonly text?: readonly string[];
  /** Characters the hash search may hash (see refindRanges). */
  readonly maxWork?: number;
}

export interface UnplacedRange {
  readonly range: RecordRange;
  /** `unverified`: the known lines could not confirm it, the whole file might (retry with `text`). */
  readonly reason: MissReason | 'unverified';
}

export interface PlaceResult {
  /** Attribution of known lines that ranges cover. */
  readonly lines: Map<number, PlacedLine>;
  readonly unplaced: UnplacedRange[];
  readonly work: number;
}

/** Accumulates per-line attributions: `mixed` wins over `ai`, origins are unioned by conversation. */
class PlacementMap {
  private readonly map = new Map<number, { mixed: boolean; origins: Map<string, Origin> }>();

  add(line: number, cls: 'ai' | 'mixed', origin: Origin): void {
    let entry = this.map.get(line);
    if (!entry) {
      entry = { mixed: false, origins: new Map() };
      this.map.set(line, entry);
    }
    entry.mixed ||= cls === 'mixed';
    const key = `${origin.kind}\u0000${origin.tool}\u0000${origin.model ?? ''}\u0000${origin.session ?? ''}`;
    const seen = entry.origins.get(key);
    if (!seen || origin.time < seen.time) entry.origins.set(key, origin);
  }

  toMap(into = new Map<number, PlacedLine>()): Map<number, PlacedLine> {
    for (const [line, entry] of this.map)
      into.set(line, { cls: entry.mixed ? 'mixed' : 'ai', origins: [...entry.origins.values()] });
    return into;
  }
}

function hashAt(text: readonly string[], start: number, end: number): string | undefined {
  return end <= text.length ? rangeContentHash(text, start - 1, end) : undefined;
}

/** `known`: line number -> text at the commit, for the lines the caller wants attributed. */
export function placeRecordRanges(
  ranges: readonly RecordRange[],
  known: ReadonlyMap<number, string>,
  options: PlaceOptions,
): PlaceResult {
  const acc = new PlacementMap();
  const place = (range: RecordRange, start: number, end: number): void => {
    for (let line = start; line <= end; line++) if (known.has(line)) acc.add(line, range.cls, range.origin);
  };
  const pending: RecordRange[] = [];
  for (const range of ranges) {
    const { start_line: start, end_line: end, content_hash: hash } = range;
    if (hash === undefined) {
      place(range, start, end); // nothing to verify against: line numbers are all there is
    } else if (options.text) {
      if (hashAt(options.text, start, end) === hash) place(range, start, end);
      else pending.push(range);
    } else if (coversRange(known, start, end)) {
      if (rangeContentHash(knownLines(known, start, end)) === hash) place(range, start, end);
      else pending.push(range);
    } else if (options.trusted) {
      place(range, start, end);
    } else {
      pending.push(range);
    }
  }
  const unplaced: UnplacedRange[] = [];
  let work = 0;
  if (pending.length > 0) {
    const lines = options.text ?? sparseLines(known);
    const result = refindRanges(pending, lines, { maxWork: options.maxWork ?? DEFAULT_REFIND_WORK });
    work = result.work;
    for (const found of result.found) place(found.range, found.start_line, found.end_line);
    for (const miss of result.missing)
      unplaced.push({ range: miss.range, reason: options.text ? miss.reason : 'unverified' });
  }
  return { lines: acc.toMap(), unplaced, work };
}

function coversRange(known: ReadonlyMap<number, string>, start: number, end: number): boolean {
  if (end - start + 1 > known.size) return false;
  for (let line = start; line <= end; line++) if (!known.has(line)) return false;
  return true;
}

function knownLines(known: ReadonlyMap<number, string>, start: number, end: number): string[] {
  const out: string[] = [];
  for (let line = start; line <= end; line++) out.push(known.get(line) as string);
  return out;
}

/** The file as far as known: unknown lines get a text no real range hash can match (NUL plus the line number). */
function sparseLines(known: ReadonlyMap<number, string>): string[] {
  let max = 0;
  for (const line of known.keys()) if (line > max) max = line;
  const lines = new Array<string>(max);
  for (let i = 0; i < max; i++) lines[i] = known.get(i + 1) ?? `\u0000${i + 1}`;
  return lines;
}

/**
 * Foreign records as evidence beside our own note. Ours wins where both put AI on a line: a foreign record only adds
 * the lines our record leaves unattributed. A commit with no usable note of ours takes the foreign record as its
 * record. Every foreign problem travels with the commit (`leftOut`, or `rejected` when nothing else speaks for it).
 */
import type { AgentTraceRecord } from '../commit/agentTrace';
import { recordRanges, type RecordRange } from '../commit/agentTraceRead';
import type { CommitProvenance } from '../blame/provenance';
import { normalizeRanges, subtractRanges, type ForeignConversion, type ForeignFormat } from './foreignRecord';

export interface ForeignEvidence {
  readonly source: ForeignFormat;
  readonly conversion: ForeignConversion;
}

type Covered = ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;

/** Per path, the lines a set of ranges covers (sorted, merged). */
export function coveredLines(
  ranges: ReadonlyMap<string, readonly RecordRange[]>,
): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const [path, list] of ranges)
    out.set(path, normalizeRanges(list.map((r) => [r.start_line, r.end_line] as const)));
  return out;
}

function clipRanges<R extends { start_line: number; end_line: number; content_hash?: string }>(
  ranges: readonly R[],
  covered: ReadonlyArray<readonly [number, number]> | undefined,
): R[] {
  if (!covered || covered.length === 0) return [...ranges];
  const out: R[] = [];
  for (const r of ranges) {
    for (const [s, e] of subtractRanges(r.start_line, r.end_line, covered)) {
      if (s === r.start_line && e === r.end_line) out.push(r);
      else {
        // A piece of a range no longer matches the range's content hash.
        const { content_hash: _hash, ...rest } = r;
        void _hash;
        out.push({ ...rest, start_line: s, end_line: e } as R);
      }
    }
  }
  return out;
}

/** `record` without the lines `covered` holds (conversations and their facts keep their positions). */
export function clipRecord(record: AgentTraceRecord, covered: Covered): AgentTraceRecord {
  return {
    ...record,
    files: record.files.map((f) => ({
      ...f,
      conversations: f.conversations.map((c) => ({ ...c, ranges: clipRanges(c.ranges, covered.get(f.path)) })),
    })),
  };
}

/** AI lines a record holds (ai and mixed ranges). */
export function recordAiLines(record: AgentTraceRecord): number {
  let n = 0;
  for (const f of recordRanges(record)) for (const r of f.ranges) n += r.end_line - r.start_line + 1;
  return n;
}

/** Our provenance of a commit with the foreign records' evidence added (see the file comment). */
export function withForeignEvidence(own: CommitProvenance, foreign: readonly ForeignEvidence[]): CommitProvenance {
  if (foreign.length === 0) return own;
  let p = own;
  let rejected = own.rejected;
  const leftOut = [...(own.leftOut ?? [])];
  for (const { source, conversion } of foreign) {
    for (const s of conversion.skipped) leftOut.push(`${source} note: ${s}`);
    if (conversion.rejected) {
      if (p.record || rejected) leftOut.push(`${source} note ignored: ${conversion.rejected}`);
      else rejected = `${source} note: ${conversion.rejected}`;
      continue;
    }
    if (!conversion.record) continue;
    const theirs = new Map(recordRanges(conversion.record).map((f) => [f.path, f.ranges] as const));
    if (!p.record) {
      p = { ...p, record: conversion.record, ranges: theirs, trusted: true };
      continue;
    }
    if (!p.trusted) {
      leftOut.push(`${source} note not combined: our note on this commit was written for another revision`);
      continue;
    }
    const ours = p.ranges ?? new Map<string, readonly RecordRange[]>();
    const covered = coveredLines(ours);
    const merged = new Map(ours);
    for (const [path, list] of theirs) {
      const added = clipRanges(list, covered.get(path));
      if (added.length > 0) merged.set(path, [...(ours.get(path) ?? []), ...added]);
    }
    p = { ...p, ranges: merged };
  }
  return { ...p, ...(rejected ? { rejected } : {}), ...(leftOut.length > 0 ? { leftOut } : {}) };
}

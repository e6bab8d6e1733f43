/**
 * Converting between a live tracker's spans (origin ids in a session's OriginTable) and the stored FileRecord
 * (origins listed in the record, spans pointing at list indices). Only origins the spans use are stored.
 */
import { contentHash } from '../hash';
import type { OriginTable } from '../attribution/origin';
import type { SpanTuple } from '../attribution/runs';
import { FILE_RECORD_VERSION, type FileRecord, type StateSpan } from './fileRecord';
import type { Origin } from '../attribution/origin';

export function recordFromSpans(
  path: string,
  text: string,
  spans: readonly SpanTuple[],
  origins: OriginTable,
  updated: number,
): FileRecord {
  const used = new Map<number, number>();
  const list: Origin[] = [];
  const out: StateSpan[] = [];
  for (const [start, end, id] of spans) {
    let index = used.get(id);
    if (index === undefined) {
      index = list.length;
      list.push(origins.get(id));
      used.set(id, index);
    }
    out.push([start, end, index]);
  }
  return {
    version: FILE_RECORD_VERSION,
    path,
    contentHash: contentHash(text),
    length: text.length,
    origins: list,
    spans: out,
    updated,
  };
}

/** The record's spans with origins interned into `origins`. */
export function spansFromRecord(record: FileRecord, origins: OriginTable): SpanTuple[] {
  const ids = record.origins.map((o) => origins.intern(o));
  return record.spans.map(([start, end, index]) => [start, end, ids[index]] as SpanTuple);
}

/**
 * Merging two records of the same file written concurrently (two editor windows, an editor and a CLI hook).
 *
 * The rule:
 * - Different text (contentHash or length differ): the record with the larger `updated` wins whole, because spans
 *   only mean something against the text they were recorded for. On a tie the larger contentHash wins, so the result
 *   does not depend on argument order.
 * - Same text: the union of both records' attributed ranges. Where both attribute the same character, the origin from
 *   the record with the larger `updated` wins; on a tie the origin with the later `time`, then the larger canonical
 *   key (again order-independent). The result's `updated` is the larger of the two.
 *
 * Consequence: with the same text, a range one writer cleared (made human) comes back if the other writer still
 * attributes it. A writer that holds the whole truth for a file writes in "replace" mode instead of merging.
 */
import { Origin, OriginTable, originKey } from '../attribution/origin';
import { FILE_RECORD_VERSION, FileRecord, StateSpan } from './fileRecord';

export function mergeFileRecords(a: FileRecord, b: FileRecord): FileRecord {
  if (a.path !== b.path) {
    throw new Error(`cannot merge records of different files: ${JSON.stringify(a.path)} and ${JSON.stringify(b.path)}`);
  }
  if (a.contentHash !== b.contentHash || a.length !== b.length) {
    if (a.updated !== b.updated) {
      return a.updated > b.updated ? a : b;
    }
    return a.contentHash >= b.contentHash ? a : b;
  }
  const builder = new SpanBuilder();
  const bounds = boundaries(a.spans, b.spans);
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k];
    const to = bounds[k + 1];
    while (i < a.spans.length && a.spans[i][1] <= from) i++;
    while (j < b.spans.length && b.spans[j][1] <= from) j++;
    // Every span edge is a boundary, so a span that starts at or before `from` covers all of [from, to).
    const oa = i < a.spans.length && a.spans[i][0] <= from ? a.origins[a.spans[i][2]] : undefined;
    const ob = j < b.spans.length && b.spans[j][0] <= from ? b.origins[b.spans[j][2]] : undefined;
    const winner = oa && ob ? pickOrigin(a.updated, oa, b.updated, ob) : (oa ?? ob);
    if (winner) {
      builder.add(from, to, winner);
    }
  }
  return {
    version: FILE_RECORD_VERSION,
    path: a.path,
    contentHash: a.contentHash,
    length: a.length,
    ...builder.finish(),
    updated: Math.max(a.updated, b.updated),
  };
}

/**
 * The canonical form of a record: equal origins stored once, unused origins dropped, touching spans of the same
 * origin joined. Spans must already be sorted and disjoint (as parseFileRecord guarantees).
 */
export function compactFileRecord(record: FileRecord): FileRecord {
  const builder = new SpanBuilder();
  for (const [start, end, index] of record.spans) {
    builder.add(start, end, record.origins[index]);
  }
  return { ...record, ...builder.finish() };
}

function pickOrigin(updatedA: number, oa: Origin, updatedB: number, ob: Origin): Origin {
  if (updatedA !== updatedB) {
    return updatedA > updatedB ? oa : ob;
  }
  if (oa.time !== ob.time) {
    return oa.time > ob.time ? oa : ob;
  }
  return originKey(oa) >= originKey(ob) ? oa : ob;
}

/** Sorted, distinct span edges of both records. */
function boundaries(a: readonly StateSpan[], b: readonly StateSpan[]): Float64Array {
  const all = new Float64Array(2 * (a.length + b.length));
  let n = 0;
  for (const s of a) {
    all[n++] = s[0];
    all[n++] = s[1];
  }
  for (const s of b) {
    all[n++] = s[0];
    all[n++] = s[1];
  }
  all.sort();
  let distinct = 0;
  for (let k = 0; k < all.length; k++) {
    if (k === 0 || all[k] !== all[distinct - 1]) {
      all[distinct++] = all[k];
    }
  }
  return all.subarray(0, distinct);
}

/** Collects ascending ranges, interning origins and joining touching ranges of the same origin. */
class SpanBuilder {
  private readonly table = new OriginTable();
  private readonly spans: Array<[number, number, number]> = [];

  add(start: number, end: number, origin: Origin): void {
    const id = this.table.intern(origin);
    const last = this.spans[this.spans.length - 1];
    if (last && last[1] === start && last[2] === id) {
      last[1] = end;
    } else {
      this.spans.push([start, end, id]);
    }
  }

  finish(): { origins: Origin[]; spans: StateSpan[] } {
    return { origins: [...this.table.all()], spans: this.spans };
  }
}

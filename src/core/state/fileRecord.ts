/**
 * The versioned working-state FILE RECORD: which characters of one file's current text AI wrote, as stored on disk
 * between editor sessions and shared with the CLI hooks. Everything read back is treated as hostile: another
 * process, an older version or a user may have written it.
 */
import { Origin, isOriginKind } from '../attribution/origin';
import { describeValue, repoPathProblem } from './repoPath';

export const FILE_RECORD_VERSION = 1;

/** `[start, end, originIndex]`: UTF-16 offsets into the file text, end exclusive; an index into `origins`. */
export type StateSpan = readonly [start: number, end: number, originIndex: number];

export interface FileRecord {
  readonly version: typeof FILE_RECORD_VERSION;
  /** Repo-relative, forward slashes. */
  readonly path: string;
  /** `contentHash()` of the text the spans describe; spans are meaningless for any other text. */
  readonly contentHash: string;
  /** Length of that text in UTF-16 code units. */
  readonly length: number;
  readonly origins: readonly Origin[];
  /** Sorted by start, non-empty, non-overlapping. */
  readonly spans: readonly StateSpan[];
  /** Milliseconds since the epoch of the write; decides concurrent merges. */
  readonly updated: number;
  /**
   * Written by post-commit after a commit took some of the spans: the spans missing here were committed, so an editor
   * holding this text replaces its live spans with these instead of merging them back.
   */
  readonly settled?: true;
}

/** Bounds that keep a hostile file from costing unbounded memory or time. */
export const FILE_RECORD_LIMITS = {
  /** UTF-16 code units of the described text. */
  maxLength: 2 ** 28,
  maxOrigins: 10_000,
  maxSpans: 1_000_000,
  /** tool / model / session / candidate / evidence strings. */
  maxOriginString: 512,
  /** Entries of an origin's `candidates`. */
  maxCandidates: 64,
  /** JSON text accepted by parseFileRecordText. */
  maxJsonChars: 64 * 1024 * 1024,
} as const;

const CONTENT_HASH = /^[a-z][a-z0-9-]{0,15}:[0-9a-f]{8,128}$/;

export class FileRecordError extends Error {
  constructor(field: string, problem: string) {
    super(`invalid file record${field ? ` (${field})` : ''}: ${problem}`);
    this.name = 'FileRecordError';
  }
}

/** Validates an already JSON-parsed value; returns a fresh record holding only the known fields. */
export function parseFileRecord(json: unknown): FileRecord {
  const obj = expectObject(json, '');
  if (obj.version !== FILE_RECORD_VERSION) {
    throw new FileRecordError(
      'version',
      `unsupported version ${describeValue(obj.version)} (expected ${FILE_RECORD_VERSION})`,
    );
  }
  const pathProblem = repoPathProblem(obj.path);
  if (pathProblem !== undefined) {
    throw new FileRecordError('path', `${describeValue(obj.path)}: ${pathProblem}`);
  }
  if (typeof obj.contentHash !== 'string' || !CONTENT_HASH.test(obj.contentHash)) {
    throw new FileRecordError('contentHash', `expected "<algorithm>:<hex>", got ${describeValue(obj.contentHash)}`);
  }
  const length = expectInteger(obj.length, 'length', 0, FILE_RECORD_LIMITS.maxLength);
  const updated = expectInteger(obj.updated, 'updated', 0, Number.MAX_SAFE_INTEGER);
  const origins = parseOrigins(obj.origins);
  const spans = parseSpans(obj.spans, length, origins.length);
  if (obj.settled !== undefined && obj.settled !== true)
    throw new FileRecordError('settled', `expected true when present, got ${describeValue(obj.settled)}`);
  return {
    version: FILE_RECORD_VERSION,
    path: obj.path as string,
    contentHash: obj.contentHash,
    length,
    origins,
    spans,
    updated,
    ...(obj.settled ? { settled: true as const } : {}),
  };
}

/** Parses record JSON text (bounded in size); every failure is a FileRecordError with the reason. */
export function parseFileRecordText(text: string): FileRecord {
  if (text.length > FILE_RECORD_LIMITS.maxJsonChars) {
    throw new FileRecordError('', `JSON text of ${text.length} characters exceeds ${FILE_RECORD_LIMITS.maxJsonChars}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FileRecordError('', `not JSON: ${(err as Error).message}`);
  }
  return parseFileRecord(json);
}

/** Canonical JSON (fixed key order, trailing newline). Validates first, so whatever is written can be read back. */
export function serializeFileRecord(record: FileRecord): string {
  const r = parseFileRecord(record);
  const origins = r.origins.map((o) => {
    const out: Record<string, unknown> = { kind: o.kind, tool: o.tool };
    if (o.model !== undefined) out.model = o.model;
    if (o.session !== undefined) out.session = o.session;
    out.time = o.time;
    if (o.candidates !== undefined) out.candidates = o.candidates;
    if (o.evidence !== undefined) out.evidence = o.evidence;
    return out;
  });
  const ordered = {
    version: r.version,
    path: r.path,
    contentHash: r.contentHash,
    length: r.length,
    updated: r.updated,
    ...(r.settled ? { settled: true } : {}),
    origins,
    spans: r.spans,
  };
  return JSON.stringify(ordered) + '\n';
}

function parseOrigins(value: unknown): Origin[] {
  if (!Array.isArray(value)) {
    throw new FileRecordError('origins', `expected an array, got ${describeValue(value)}`);
  }
  if (value.length > FILE_RECORD_LIMITS.maxOrigins) {
    throw new FileRecordError(
      'origins',
      `${value.length} origins exceed the limit of ${FILE_RECORD_LIMITS.maxOrigins}`,
    );
  }
  return value.map((item, i) => parseOrigin(item, `origins[${i}]`));
}

function parseOrigin(value: unknown, field: string): Origin {
  const obj = expectObject(value, field);
  if (!isOriginKind(obj.kind)) {
    throw new FileRecordError(`${field}.kind`, `unknown origin kind ${describeValue(obj.kind)}`);
  }
  const tool = expectString(obj.tool, `${field}.tool`);
  if (typeof obj.time !== 'number' || !Number.isFinite(obj.time) || obj.time < 0) {
    throw new FileRecordError(`${field}.time`, `expected a non-negative number, got ${describeValue(obj.time)}`);
  }
  const origin: { -readonly [K in keyof Origin]: Origin[K] } = { kind: obj.kind, tool, time: obj.time };
  if (obj.model !== undefined) origin.model = expectString(obj.model, `${field}.model`);
  if (obj.session !== undefined) origin.session = expectString(obj.session, `${field}.session`);
  if (obj.candidates !== undefined) origin.candidates = parseCandidates(obj.candidates, `${field}.candidates`);
  // Records written before the field existed have none; any bounded string is kept (newer writers may add kinds).
  if (obj.evidence !== undefined) origin.evidence = expectString(obj.evidence, `${field}.evidence`);
  return origin;
}

function parseCandidates(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) {
    throw new FileRecordError(field, `expected an array, got ${describeValue(value)}`);
  }
  if (value.length > FILE_RECORD_LIMITS.maxCandidates) {
    throw new FileRecordError(
      field,
      `${value.length} candidates exceed the limit of ${FILE_RECORD_LIMITS.maxCandidates}`,
    );
  }
  return value.map((item, i) => expectString(item, `${field}[${i}]`));
}

function parseSpans(value: unknown, length: number, originCount: number): StateSpan[] {
  if (!Array.isArray(value)) {
    throw new FileRecordError('spans', `expected an array, got ${describeValue(value)}`);
  }
  if (value.length > FILE_RECORD_LIMITS.maxSpans) {
    throw new FileRecordError('spans', `${value.length} spans exceed the limit of ${FILE_RECORD_LIMITS.maxSpans}`);
  }
  const spans: StateSpan[] = new Array(value.length);
  let previousEnd = 0;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const field = `spans[${i}]`;
    if (!Array.isArray(item) || item.length !== 3) {
      throw new FileRecordError(field, 'expected [start, end, originIndex]');
    }
    const start = expectInteger(item[0], `${field}[0]`, 0, length);
    const end = expectInteger(item[1], `${field}[1]`, 0, length);
    const originIndex = expectInteger(item[2], `${field}[2]`, 0, originCount - 1);
    if (end <= start) {
      throw new FileRecordError(field, `empty or reversed span [${start}, ${end})`);
    }
    if (start < previousEnd) {
      throw new FileRecordError(
        field,
        `starts at ${start}, before the previous span ends at ${previousEnd} (spans must be sorted and disjoint)`,
      );
    }
    previousEnd = end;
    spans[i] = [start, end, originIndex];
  }
  return spans;
}

function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FileRecordError(field, `expected an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new FileRecordError(field, `expected a string, got ${describeValue(value)}`);
  }
  if (value.length > FILE_RECORD_LIMITS.maxOriginString) {
    throw new FileRecordError(field, `string longer than ${FILE_RECORD_LIMITS.maxOriginString} characters`);
  }
  return value;
}

function expectInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new FileRecordError(field, `expected an integer, got ${describeValue(value)}`);
  }
  if (value < min || value > max) {
    throw new FileRecordError(field, `${value} is outside [${min}, ${max}]`);
  }
  return value;
}

/**
 * What prepare-commit-msg hands to commit-msg and post-commit: the per-line AI attribution of the staged content
 * (keyed by the index tree id, so post-commit can tell it describes exactly the commit it sees) and the trailer
 * decision. Stored as JSON in the git dir; read back as untrusted input.
 */
import { isOriginKind, OriginTable, type Origin } from '../attribution/origin';
import type { LineAttribution } from '../commit/lines';
import type { Trailer } from '../commit/message';
import { repoPathProblem } from '../state/repoPath';

export const STAGED_ATTRIBUTION_VERSION = 1;

/** When the trailers are written: before the editor (no editor runs), after it (commit-msg), or not at all. */
export type TrailerStage = 'prepare' | 'commit-msg' | 'never';

/** `[line (1-based), class, origin indices]`. */
export type StagedLine = readonly [line: number, cls: 'ai' | 'mixed', origins: readonly number[]];

export interface StagedFile {
  readonly path: string;
  /** Blob id of the staged content the line numbers refer to. */
  readonly blob: string;
  /** Path of the working-state record the attribution came from, when it differs (a rename). */
  readonly recordPath?: string;
  readonly lines: readonly StagedLine[];
}

export interface StagedAttribution {
  readonly version: typeof STAGED_ATTRIBUTION_VERSION;
  /** `git write-tree` of the index being committed. */
  readonly tree: string;
  /** Milliseconds since the epoch. */
  readonly created: number;
  readonly source: string;
  readonly amend: boolean;
  readonly trailerStage: TrailerStage;
  /** Trailers generated for the commit (applied at `trailerStage`). */
  readonly trailers: readonly Trailer[];
  /** Hash of the message as prepare-commit-msg left it, comments removed: tells commit-msg whether the user edited. */
  readonly preparedDigest?: string;
  readonly origins: readonly Origin[];
  readonly files: readonly StagedFile[];
  /** Working-state records whose committed spans post-commit removes: `[record path, committed path]`. */
  readonly settle: ReadonlyArray<readonly [recordPath: string, committedPath: string]>;
}

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const LIMITS = { files: 100_000, lines: 5_000_000, origins: 10_000, trailers: 64, string: 1024 };

export class StagedAttributionError extends Error {
  constructor(problem: string) {
    super(`invalid staged attribution: ${problem}`);
    this.name = 'StagedAttributionError';
  }
}

/** A StagedFile for `lines`, interning their origins into `table`. */
export function toStagedFile(
  path: string,
  blob: string,
  lines: ReadonlyMap<number, LineAttribution>,
  table: OriginTable,
  recordPath?: string,
): StagedFile {
  const out: StagedLine[] = [];
  for (const [line, a] of [...lines].sort((x, y) => x[0] - y[0])) {
    if (a.cls === 'human') continue;
    out.push([line, a.cls, a.origins.map((o) => table.intern(o))]);
  }
  return { path, blob, ...(recordPath !== undefined && recordPath !== path ? { recordPath } : {}), lines: out };
}

/** The file's lines as attributions with origin objects. */
export function stagedLineMap(file: StagedFile, origins: readonly Origin[]): Map<number, LineAttribution> {
  const out = new Map<number, LineAttribution>();
  for (const [line, cls, ids] of file.lines) out.set(line, { cls, origins: ids.map((id) => origins[id]) });
  return out;
}

/** JSON text of a stash we built ourselves (validated when it is read back, which is where hostile input enters). */
export function serializeStagedAttribution(value: StagedAttribution): string {
  return JSON.stringify(value) + '\n';
}

/** Validates a parsed JSON value; throws StagedAttributionError naming the first problem. */
export function parseStagedAttribution(json: unknown): StagedAttribution {
  const o = object(json, 'root');
  if (o.version !== STAGED_ATTRIBUTION_VERSION)
    throw new StagedAttributionError(`unsupported version ${String(o.version)}`);
  if (typeof o.tree !== 'string' || !OID.test(o.tree)) throw new StagedAttributionError('tree is not an object id');
  const created = integer(o.created, 'created', 0, Number.MAX_SAFE_INTEGER);
  const source = string(o.source, 'source');
  if (typeof o.amend !== 'boolean') throw new StagedAttributionError('amend is not a boolean');
  if (o.trailerStage !== 'prepare' && o.trailerStage !== 'commit-msg' && o.trailerStage !== 'never')
    throw new StagedAttributionError('bad trailerStage');
  const trailers = array(o.trailers, 'trailers', LIMITS.trailers).map((t, i) => {
    const to = object(t, `trailers[${i}]`);
    return { key: string(to.key, `trailers[${i}].key`), value: string(to.value, `trailers[${i}].value`) };
  });
  const origins = array(o.origins, 'origins', LIMITS.origins).map((v, i) => origin(v, `origins[${i}]`));
  let lineCount = 0;
  const files = array(o.files, 'files', LIMITS.files).map((v, i) => {
    const f = object(v, `files[${i}]`);
    const path = repoPath(f.path, `files[${i}].path`);
    if (typeof f.blob !== 'string' || !OID.test(f.blob))
      throw new StagedAttributionError(`files[${i}].blob is not an object id`);
    const recordPath = f.recordPath === undefined ? undefined : repoPath(f.recordPath, `files[${i}].recordPath`);
    const lines = array(f.lines, `files[${i}].lines`, LIMITS.lines).map((l, j): StagedLine => {
      const where = `files[${i}].lines[${j}]`;
      if (!Array.isArray(l) || l.length !== 3) throw new StagedAttributionError(`${where} is not [line, cls, origins]`);
      const line = integer(l[0], where, 1, 50_000_000);
      if (l[1] !== 'ai' && l[1] !== 'mixed') throw new StagedAttributionError(`${where} has class ${String(l[1])}`);
      const ids = array(l[2], where, 64).map((id) => integer(id, where, 0, origins.length - 1));
      if (ids.length === 0) throw new StagedAttributionError(`${where} has no origin`);
      return [line, l[1], ids];
    });
    lineCount += lines.length;
    if (lineCount > LIMITS.lines) throw new StagedAttributionError('too many lines');
    return { path, blob: f.blob, ...(recordPath !== undefined ? { recordPath } : {}), lines };
  });
  const settle = array(o.settle, 'settle', LIMITS.files).map((p, i): readonly [string, string] => {
    if (!Array.isArray(p) || p.length !== 2)
      throw new StagedAttributionError(`settle[${i}] is not [record path, committed path]`);
    return [repoPath(p[0], `settle[${i}][0]`), repoPath(p[1], `settle[${i}][1]`)];
  });
  const preparedDigest = o.preparedDigest === undefined ? undefined : string(o.preparedDigest, 'preparedDigest');
  return {
    version: STAGED_ATTRIBUTION_VERSION,
    tree: o.tree,
    created,
    source,
    amend: o.amend,
    trailerStage: o.trailerStage,
    trailers,
    ...(preparedDigest !== undefined ? { preparedDigest } : {}),
    origins,
    files,
    settle,
  };
}

function object(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new StagedAttributionError(`${where} is not an object`);
  return v as Record<string, unknown>;
}

function array(v: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(v)) throw new StagedAttributionError(`${where} is not an array`);
  if (v.length > max) throw new StagedAttributionError(`${where} has more than ${max} entries`);
  return v;
}

function string(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.length > LIMITS.string)
    throw new StagedAttributionError(`${where} is not a string of at most ${LIMITS.string} characters`);
  return v;
}

function integer(v: unknown, where: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    throw new StagedAttributionError(`${where} is not an integer in [${min}, ${max}]`);
  return v;
}

function repoPath(v: unknown, where: string): string {
  const problem = repoPathProblem(v);
  if (problem !== undefined) throw new StagedAttributionError(`${where}: ${problem}`);
  return v as string;
}

function origin(v: unknown, where: string): Origin {
  const o = object(v, where);
  if (!isOriginKind(o.kind)) throw new StagedAttributionError(`${where}.kind is not an origin kind`);
  if (typeof o.time !== 'number' || !Number.isFinite(o.time) || o.time < 0)
    throw new StagedAttributionError(`${where}.time is not a time`);
  const out: { -readonly [K in keyof Origin]: Origin[K] } = {
    kind: o.kind,
    tool: string(o.tool, `${where}.tool`),
    time: o.time,
  };
  if (o.model !== undefined) out.model = string(o.model, `${where}.model`);
  if (o.session !== undefined) out.session = string(o.session, `${where}.session`);
  if (o.candidates !== undefined)
    out.candidates = array(o.candidates, `${where}.candidates`, 64).map((c, i) =>
      string(c, `${where}.candidates[${i}]`),
    );
  if (o.evidence !== undefined) out.evidence = string(o.evidence, `${where}.evidence`);
  return out;
}

/**
 * Parser for `git blame --porcelain` (and `--line-porcelain`): per final line, the commit that introduced it, the
 * line number and path in that commit, and the commit's author facts (printed once per commit in porcelain mode).
 *
 * It reads git's output as bytes, as it streams, into a BlameTable: typed arrays per line and the lines' text as
 * UTF-8 bytes in large chunks. A 20 MB file then costs about its own size, not one object and two strings per line
 * (header lines are read in place; content is decoded only for the lines a caller looks at).
 */
import { unquoteGitPath } from './quote';

export const NOT_COMMITTED = /^0+$/;

export interface BlameCommitInfo {
  readonly commit: string;
  author: string;
  authorEmail: string;
  /** Seconds since the epoch. */
  authorTime: number;
  summary: string;
  /** The commit is the range boundary (`^` in normal blame): its lines predate the blamed range. */
  boundary: boolean;
  /** Path of the file in this commit, from the first group that named one. */
  filename: string;
}

export interface BlameEntry {
  /** 1-based line number in the blamed file. */
  readonly line: number;
  readonly commit: string;
  /** 1-based line number in `commit`'s version of the file (git's orig_lineno). */
  readonly origLine: number;
  /** Path in `commit` (differs from the blamed path across renames). */
  readonly origPath: string;
  /** The line without its terminator (a trailing CR is dropped, as in records' content hashes). */
  readonly text: string;
}

/** What a parse gives: entries by index (0 .. length - 1, in git's order, which is final line order). */
export interface BlamePorcelain {
  readonly length: number;
  readonly commits: ReadonlyMap<string, BlameCommitInfo>;
  /** Every entry as an object (small files and tests; large callers use the accessors). */
  readonly entries: readonly BlameEntry[];
  line(i: number): number;
  commit(i: number): string;
  origLine(i: number): number;
  origPath(i: number): string;
  text(i: number): string;
  entry(i: number): BlameEntry;
  /** Some line is not committed yet. */
  readonly hasUncommitted: boolean;
}

export class BlameParseError extends Error {
  constructor(line: number, problem: string) {
    super(`unexpected git blame output at line ${line}: ${problem}`);
    this.name = 'BlameParseError';
  }
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HEX_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const utf8 = new TextDecoder('utf-8');

/** A Uint32Array that grows as values are pushed. */
class U32List {
  data = new Uint32Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Line texts as UTF-8 in chunks that never move (no doubling copies): line i is chunk[at[i]] bytes start..end. */
class TextStore {
  /** Chunks start small (most files are) and double up to 1 MiB. */
  private static readonly MAX_CHUNK = 1 << 20;
  readonly chunks: Uint8Array[] = [];
  private current = new Uint8Array(0);
  private used = 0;
  readonly chunkOf = new U32List();
  readonly start = new U32List();
  readonly end = new U32List();

  add(bytes: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.used + n > this.current.length) {
      const size = Math.min(TextStore.MAX_CHUNK, Math.max(4096, this.current.length * 2));
      this.current = new Uint8Array(Math.max(size, n));
      this.chunks.push(this.current);
      this.used = 0;
    }
    this.current.set(bytes.subarray(from, to), this.used);
    this.chunkOf.push(this.chunks.length - 1);
    this.start.push(this.used);
    this.end.push((this.used += n));
  }

  text(i: number): string {
    const s = this.start.data[i];
    const e = this.end.data[i];
    if (s === e) return '';
    return utf8.decode(this.chunks[this.chunkOf.data[i]].subarray(s, e));
  }
}

/** The parsed table. */
class BlameTable implements BlamePorcelain {
  constructor(
    private readonly ids: readonly BlameCommitInfo[],
    readonly commits: ReadonlyMap<string, BlameCommitInfo>,
    private readonly paths: readonly string[],
    private readonly commitIx: Uint32Array,
    private readonly pathIx: Uint32Array,
    private readonly orig: Uint32Array,
    private readonly final: Uint32Array,
    private readonly texts: TextStore,
  ) {}

  get length(): number {
    return this.commitIx.length;
  }
  get hasUncommitted(): boolean {
    return this.ids.some((c) => NOT_COMMITTED.test(c.commit));
  }
  line(i: number): number {
    return this.final[i];
  }
  commit(i: number): string {
    return this.ids[this.commitIx[i]].commit;
  }
  origLine(i: number): number {
    return this.orig[i];
  }
  origPath(i: number): string {
    return this.paths[this.pathIx[i]];
  }
  text(i: number): string {
    return this.texts.text(i);
  }
  entry(i: number): BlameEntry {
    return {
      line: this.line(i),
      commit: this.commit(i),
      origLine: this.orig[i],
      origPath: this.origPath(i),
      text: this.text(i),
    };
  }
  get entries(): BlameEntry[] {
    return Array.from({ length: this.length }, (_, i) => this.entry(i));
  }
}

/** Incremental parser: `write` git's stdout as it arrives, then `end` for the table. Throws BlameParseError. */
export class BlamePorcelainParser {
  private readonly ids: BlameCommitInfo[] = [];
  private readonly commits = new Map<string, BlameCommitInfo>();
  private readonly commitIndex = new Map<string, number>();
  private readonly idBytes: Uint8Array[] = [];
  private readonly paths: string[] = [];
  private readonly pathIndex = new Map<string, number>();
  private readonly commitIx = new U32List();
  private readonly pathIx = new U32List();
  private readonly orig = new U32List();
  private readonly final = new U32List();
  private readonly texts = new TextStore();
  /** A line split across writes. */
  private carry: Uint8Array | undefined;
  private lineNo = 0;
  // The group being read: its commit is set from its header line until its content line.
  private commit = -1;
  private origLine = 0;
  private finalLine = 0;
  private filename: string | undefined;
  // A group's later lines repeat only "<commit> <orig> <final>": they share the path the group's first line named.
  private groupCommit = -1;
  private groupFilename = '';
  /** The commit of the last header, to skip the id lookup for the next line of the same commit. */
  private lastCommit = -1;

  write(chunk: Uint8Array): void {
    let pos = 0;
    if (this.carry) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      const joined = concat(this.carry, chunk.subarray(0, nl));
      this.carry = undefined;
      this.onLine(joined, 0, joined.length);
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) break;
      this.onLine(chunk, pos, nl);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.carry = chunk.slice(pos);
  }

  end(): BlamePorcelain {
    if (this.carry) {
      const last = this.carry;
      this.carry = undefined;
      this.onLine(last, 0, last.length);
    }
    if (this.commit !== -1) throw new BlameParseError(this.lineNo, 'output ended inside a group');
    const n = this.commitIx.length;
    return new BlameTable(
      this.ids,
      this.commits,
      this.paths,
      this.commitIx.data.subarray(0, n),
      this.pathIx.data.subarray(0, n),
      this.orig.data.subarray(0, n),
      this.final.data.subarray(0, n),
      this.texts,
    );
  }

  private onLine(b: Uint8Array, s: number, e: number): void {
    this.lineNo++;
    if (b[s] === TAB) {
      if (this.commit === -1) throw new BlameParseError(this.lineNo, 'content line before any header');
      const info = this.ids[this.commit];
      if (this.filename !== undefined && !info.filename) info.filename = this.filename;
      const origPath = this.filename ?? info.filename;
      this.groupCommit = this.commit;
      this.groupFilename = origPath;
      this.commitIx.push(this.commit);
      this.pathIx.push(this.pathId(origPath));
      this.orig.push(this.origLine);
      this.final.push(this.finalLine);
      this.texts.add(b, s + 1, e > s + 1 && b[e - 1] === CR ? e - 1 : e);
      this.commit = -1;
      return;
    }
    if (this.commit === -1) return this.header(b, s, e);
    const text = utf8.decode(b.subarray(s, e));
    const info = this.ids[this.commit];
    const space = text.indexOf(' ');
    const key = space === -1 ? text : text.slice(0, space);
    const value = space === -1 ? '' : text.slice(space + 1);
    switch (key) {
      case 'author':
        info.author = value;
        break;
      case 'author-mail':
        info.authorEmail = value.replace(/^<(.*)>$/, '$1');
        break;
      case 'author-time':
        info.authorTime = Number(value) || 0;
        break;
      case 'summary':
        info.summary = value;
        break;
      case 'boundary':
        info.boundary = true;
        break;
      case 'filename': {
        const name = unquoteGitPath(value);
        if (name === undefined) throw new BlameParseError(this.lineNo, 'malformed quoted filename');
        this.filename = name;
        break;
      }
      default:
        break; // committer*, previous, author-tz: not needed
    }
  }

  /**
   * A group header `<commit> <orig> <final>[ <count>]` (decimal numbers), read from the bytes: there is one per line
   * of the file. A commit id equal to the previous header's is not decoded again.
   */
  private header(b: Uint8Array, s: number, e: number): void {
    const bad = (): never => {
      const shown = utf8.decode(b.subarray(s, Math.min(e, s + 80)));
      throw new BlameParseError(this.lineNo, `expected "<commit> <orig> <final>", got ${JSON.stringify(shown)}`);
    };
    const idEnd = b.indexOf(SPACE, s);
    const idLen = idEnd - s;
    if (idEnd === -1 || idEnd > e || (idLen !== 40 && idLen !== 64)) return bad();
    let commit = this.lastCommit;
    if (commit === -1 || !sameBytes(this.idBytes[commit], b, s, idEnd)) {
      const id = utf8.decode(b.subarray(s, idEnd));
      const known = this.commitIndex.get(id);
      if (known !== undefined) commit = known;
      else {
        if (!HEX_ID.test(id)) return bad();
        commit = this.ids.length;
        const info = {
          commit: id,
          author: '',
          authorEmail: '',
          authorTime: 0,
          summary: '',
          boundary: false,
          filename: '',
        };
        this.ids.push(info);
        this.idBytes.push(b.slice(s, idEnd));
        this.commits.set(id, info);
        this.commitIndex.set(id, commit);
      }
    }
    const origEnd = indexOfIn(b, SPACE, idEnd + 1, e);
    if (origEnd === -1) return bad();
    const orig = digits(b, idEnd + 1, origEnd);
    const finalEnd = indexOfIn(b, SPACE, origEnd + 1, e);
    const counted = finalEnd !== -1;
    const final = digits(b, origEnd + 1, counted ? finalEnd : e);
    if (orig < 0 || final < 0 || (counted && digits(b, finalEnd + 1, e) < 0)) return bad();
    this.lastCommit = commit;
    this.commit = commit;
    this.origLine = orig;
    this.finalLine = final;
    this.filename = !counted && this.groupCommit === commit ? this.groupFilename : undefined;
  }

  private pathId(p: string): number {
    let id = this.pathIndex.get(p);
    if (id === undefined) {
      id = this.paths.length;
      this.paths.push(p);
      this.pathIndex.set(p, id);
    }
    return id;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function sameBytes(id: Uint8Array, b: Uint8Array, s: number, e: number): boolean {
  if (id.length !== e - s) return false;
  for (let i = 0; i < id.length; i++) if (id[i] !== b[s + i]) return false;
  return true;
}

const ZERO_ID = '0'.repeat(40);

/**
 * What `git blame` would say of a file git does not track yet (it refuses: "no such path in HEAD"): every line
 * uncommitted, so the working state alone decides which are AI.
 */
export function uncommittedBlame(path: string, lines: readonly string[]): BlamePorcelain {
  const commits = new Map<string, BlameCommitInfo>([
    [
      ZERO_ID,
      {
        commit: ZERO_ID,
        author: 'Not Committed Yet',
        authorEmail: 'not.committed.yet',
        authorTime: 0,
        summary: 'Version of ' + path + ' from the work tree',
        boundary: false,
        filename: path,
      },
    ],
  ]);
  const entries: BlameEntry[] = lines.map((text, i) => ({
    line: i + 1,
    commit: ZERO_ID,
    origLine: i + 1,
    origPath: path,
    text: text.endsWith('\r') ? text.slice(0, -1) : text,
  }));
  return {
    length: entries.length,
    commits,
    entries,
    line: (i) => entries[i].line,
    commit: (i) => entries[i].commit,
    origLine: (i) => entries[i].origLine,
    origPath: (i) => entries[i].origPath,
    text: (i) => entries[i].text,
    entry: (i) => entries[i],
    hasUncommitted: entries.length > 0,
  };
}

function indexOfIn(b: Uint8Array, value: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (b[i] === value) return i;
  return -1;
}

/** The decimal number in `b[start, end)`, or -1 when that is not one or more ASCII digits. */
function digits(b: Uint8Array, start: number, end: number): number {
  if (start >= end) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

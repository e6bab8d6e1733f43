/**
 * Parser for `git blame --porcelain` (and `--line-porcelain`): per final line, the commit that introduced it, the
 * line number and path in that commit, and the commit's author facts (printed once per commit in porcelain mode).
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

export interface BlamePorcelain {
  readonly entries: BlameEntry[];
  readonly commits: Map<string, BlameCommitInfo>;
}

export class BlameParseError extends Error {
  constructor(line: number, problem: string) {
    super(`unexpected git blame output at line ${line}: ${problem}`);
    this.name = 'BlameParseError';
  }
}

/** Parses the whole output. Throws BlameParseError on output that is not porcelain. */
export function parseBlamePorcelain(output: string): BlamePorcelain {
  const entries: BlameEntry[] = [];
  const commits = new Map<string, BlameCommitInfo>();
  const lines = output.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // The group being read: its commit is set from its header line until its content line.
  let commit: BlameCommitInfo | undefined;
  let origLine = 0;
  let finalLine = 0;
  let filename: string | undefined;
  // A group's later lines repeat only "<commit> <orig> <final>": they share the path the group's first line named.
  let groupCommit: string | undefined;
  let groupFilename = '';
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (text.charCodeAt(0) === TAB) {
      if (!commit) throw new BlameParseError(i + 1, 'content line before any header');
      const content = text.endsWith('\r') ? text.slice(1, -1) : text.slice(1);
      if (filename !== undefined && !commit.filename) commit.filename = filename;
      const origPath = filename ?? commit.filename;
      groupCommit = commit.commit;
      groupFilename = origPath;
      entries.push({ line: finalLine, commit: commit.commit, origLine, origPath, text: content });
      commit = undefined;
      continue;
    }
    if (!commit) {
      const header = parseHeader(text, commits);
      if (!header)
        throw new BlameParseError(
          i + 1,
          `expected "<commit> <orig> <final>", got ${JSON.stringify(text.slice(0, 80))}`,
        );
      commit = commits.get(header.id);
      if (!commit) {
        commit = {
          commit: header.id,
          author: '',
          authorEmail: '',
          authorTime: 0,
          summary: '',
          boundary: false,
          filename: '',
        };
        commits.set(header.id, commit);
      }
      origLine = header.orig;
      finalLine = header.final;
      filename = !header.counted && groupCommit === header.id ? groupFilename : undefined;
      continue;
    }
    const space = text.indexOf(' ');
    const key = space === -1 ? text : text.slice(0, space);
    const value = space === -1 ? '' : text.slice(space + 1);
    switch (key) {
      case 'author':
        commit.author = value;
        break;
      case 'author-mail':
        commit.authorEmail = value.replace(/^<(.*)>$/, '$1');
        break;
      case 'author-time':
        commit.authorTime = Number(value) || 0;
        break;
      case 'summary':
        commit.summary = value;
        break;
      case 'boundary':
        commit.boundary = true;
        break;
      case 'filename': {
        const name = unquoteGitPath(value);
        if (name === undefined) throw new BlameParseError(i + 1, 'malformed quoted filename');
        filename = name;
        break;
      }
      default:
        break; // committer*, previous, author-tz: not needed
    }
  }
  if (commit) throw new BlameParseError(lines.length, 'output ended inside a group');
  return { entries, commits };
}

const TAB = 9;
const HEX_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * A group header `<commit> <orig> <final>[ <count>]` (decimal numbers), read without a regular expression: there is
 * one per line of the file. A commit id already in `known` was checked when first seen.
 */
function parseHeader(
  text: string,
  known: ReadonlyMap<string, unknown>,
): { id: string; orig: number; final: number; counted: boolean } | undefined {
  const idEnd = text.indexOf(' ');
  if (idEnd !== 40 && idEnd !== 64) return undefined;
  const id = text.slice(0, idEnd);
  if (!known.has(id) && !HEX_ID.test(id)) return undefined;
  const origEnd = text.indexOf(' ', idEnd + 1);
  if (origEnd === -1 || !isDigits(text, idEnd + 1, origEnd)) return undefined;
  const finalEnd = text.indexOf(' ', origEnd + 1);
  const counted = finalEnd !== -1;
  if (!isDigits(text, origEnd + 1, counted ? finalEnd : text.length)) return undefined;
  if (counted && !isDigits(text, finalEnd + 1, text.length)) return undefined;
  return {
    id,
    orig: Number(text.slice(idEnd + 1, origEnd)),
    final: Number(text.slice(origEnd + 1, counted ? finalEnd : text.length)),
    counted,
  };
}

/** `text[start, end)` is one or more ASCII digits. */
function isDigits(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
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
  const entries = lines.map((text, i) => ({
    line: i + 1,
    commit: ZERO_ID,
    origLine: i + 1,
    origPath: path,
    text: text.endsWith('\r') ? text.slice(0, -1) : text,
  }));
  return { entries, commits };
}

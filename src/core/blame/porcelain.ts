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

const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: (\d+))?$/;

/** Parses the whole output. Throws BlameParseError on output that is not porcelain. */
export function parseBlamePorcelain(output: string): BlamePorcelain {
  const entries: BlameEntry[] = [];
  const commits = new Map<string, BlameCommitInfo>();
  const lines = output.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let current: { commit: BlameCommitInfo; origLine: number; finalLine: number; filename?: string } | undefined;
  // A group's later lines repeat only "<commit> <orig> <final>": they share the path the group's first line named.
  let group: { commit: string; filename: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (text.startsWith('\t')) {
      if (!current) throw new BlameParseError(i + 1, 'content line before any header');
      const content = text.endsWith('\r') ? text.slice(1, -1) : text.slice(1);
      if (current.filename !== undefined && !current.commit.filename) current.commit.filename = current.filename;
      const origPath = current.filename ?? current.commit.filename;
      group = { commit: current.commit.commit, filename: origPath };
      entries.push({ line: current.finalLine, commit: current.commit.commit, origLine: current.origLine, origPath, text: content });
      current = undefined;
      continue;
    }
    if (!current) {
      const m = HEADER.exec(text);
      if (!m) throw new BlameParseError(i + 1, `expected "<commit> <orig> <final>", got ${JSON.stringify(text.slice(0, 80))}`);
      let commit = commits.get(m[1]);
      if (!commit) {
        commit = { commit: m[1], author: '', authorEmail: '', authorTime: 0, summary: '', boundary: false, filename: '' };
        commits.set(m[1], commit);
      }
      const continues = m[4] === undefined && group?.commit === m[1];
      current = { commit, origLine: Number(m[2]), finalLine: Number(m[3]), ...(continues ? { filename: group!.filename } : {}) };
      continue;
    }
    const space = text.indexOf(' ');
    const key = space === -1 ? text : text.slice(0, space);
    const value = space === -1 ? '' : text.slice(space + 1);
    const c = current.commit;
    switch (key) {
      case 'author':
        c.author = value;
        break;
      case 'author-mail':
        c.authorEmail = value.replace(/^<(.*)>$/, '$1');
        break;
      case 'author-time':
        c.authorTime = Number(value) || 0;
        break;
      case 'summary':
        c.summary = value;
        break;
      case 'boundary':
        c.boundary = true;
        break;
      case 'filename': {
        const name = unquoteGitPath(value);
        if (name === undefined) throw new BlameParseError(i + 1, 'malformed quoted filename');
        current.filename = name;
        break;
      }
      default:
        break; // committer*, previous, author-tz: not needed
    }
  }
  if (current) throw new BlameParseError(lines.length, 'output ended inside a group');
  return { entries, commits };
}

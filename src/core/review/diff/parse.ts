import { headerPath, readQuoted, splitGitHeader } from './git-path';
import {
  DiffFile,
  DiffFileStatus,
  DiffHunk,
  DiffLine,
  DiffParseError,
  DiffParseLimits,
  DiffWarning,
  ParsedDiff,
} from './types';

const DEFAULT_MAX_CHARS = 64 * 1024 * 1024;
const DEFAULT_MAX_FILES = 20_000;
const DEFAULT_MAX_LINES = 2_000_000;
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

interface FileBuilder {
  oldPath: string | null;
  newPath: string | null;
  /** Paths from the `diff --git` line, used when no ---/+++ lines follow (binary, pure rename, empty file). */
  headerA?: string;
  headerB?: string;
  prefixed: boolean;
  sawMinus: boolean;
  status?: DiffFileStatus;
  oldMode?: string;
  newMode?: string;
  similarity?: number;
  binary: boolean;
  hunks: DiffHunk[];
  additions: number;
  deletions: number;
}

/**
 * Parses unified diff text (`git diff`, `git show`, `git format-patch`, plain `diff -u`) into files, hunks and lines.
 * Tolerant: malformed pieces become warnings and parsing goes on; limits bound work on hostile input. Only a
 * non-string input (or any malformation with `strict`) throws, as a DiffParseError that names the line.
 */
export function parseUnifiedDiff(text: string, limits: DiffParseLimits = {}): ParsedDiff {
  if (typeof text !== 'string') {
    throw new DiffParseError(`expected the diff as a string, got ${text === null ? 'null' : typeof text}`, 0);
  }
  const maxChars = limits.maxChars ?? DEFAULT_MAX_CHARS;
  const maxFiles = limits.maxFiles ?? DEFAULT_MAX_FILES;
  const maxLines = limits.maxLines ?? DEFAULT_MAX_LINES;
  const warnings: DiffWarning[] = [];
  const files: DiffFile[] = [];
  let truncated = false;
  const warn = (line: number, message: string): void => {
    if (limits.strict) throw new DiffParseError(message, line);
    if (warnings.length < 1000) warnings.push({ line, message });
  };

  if (text.length > maxChars) {
    const cut = text.lastIndexOf('\n', maxChars);
    text = text.slice(0, cut > 0 ? cut + 1 : maxChars);
    truncated = true;
    warn(0, `diff is longer than ${maxChars} characters: only the first part was parsed`);
  }
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  // A holder rather than a `let`, so the closures below and the loop agree on the file being built.
  const st: { current: FileBuilder | null } = { current: null };
  let hunkLines = 0;
  const finish = (): void => {
    if (st.current) files.push(build(st.current));
    st.current = null;
  };
  const start = (b: FileBuilder, lineNo: number): boolean => {
    finish();
    if (files.length >= maxFiles) {
      truncated = true;
      warn(lineNo, `more than ${maxFiles} files: the rest were not parsed`);
      return false;
    }
    st.current = b;
    return true;
  };

  let i = 0;
  outer: while (i < lines.length) {
    const line = stripCr(lines[i]);
    const lineNo = i + 1;
    if (line.startsWith('diff --git ')) {
      const paths = splitGitHeader(line.slice(11));
      if (!paths) warn(lineNo, 'unreadable "diff --git" header');
      const rest = line.slice(11);
      if (!start(newBuilder(paths?.a, paths?.b, rest.startsWith('a/') || rest.startsWith('"a/')), lineNo)) break;
      i++;
      continue;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      finish();
      warn(lineNo, 'combined (merge) diff skipped: review merges against one parent');
      i++;
      while (i < lines.length && !lines[i].startsWith('diff ')) i++;
      continue;
    }
    if (line.startsWith('--- ') && i + 1 < lines.length && lines[i + 1].startsWith('+++ ')) {
      const c = st.current;
      if (!c || c.sawMinus || c.hunks.length > 0) {
        const plainOld = headerPath(line.slice(4), null);
        const plainNew = headerPath(stripCr(lines[i + 1]).slice(4), null);
        const prefixed = (plainOld ?? 'a/').startsWith('a/') && (plainNew ?? 'b/').startsWith('b/');
        if (!start(newBuilder(undefined, undefined, prefixed), lineNo)) break;
      }
      const f = st.current!;
      f.sawMinus = true;
      f.oldPath = headerPath(line.slice(4), f.prefixed ? 'a/' : null);
      f.newPath = headerPath(stripCr(lines[i + 1]).slice(4), f.prefixed ? 'b/' : null);
      if (line.slice(4).startsWith('"') && !readQuoted(line.slice(4), 0)) warn(lineNo, 'unterminated quoted path');
      i += 2;
      continue;
    }
    if (line.startsWith('@@ ')) {
      const m = HUNK_HEADER.exec(line);
      const f = st.current;
      if (!m) {
        warn(lineNo, `malformed hunk header "${clip(line)}"`);
        i++;
        continue;
      }
      const nums = [m[1], m[2] ?? '1', m[3], m[4] ?? '1'].map(Number);
      if (nums.some((n) => !Number.isSafeInteger(n))) {
        warn(lineNo, 'hunk header numbers out of range');
        i++;
        continue;
      }
      if (!f) warn(lineNo, 'hunk outside any file header: skipped');
      const [oldStart, oldCount, newStart, newCount] = nums;
      let oldRem = oldCount;
      let newRem = newCount;
      let oldNo = oldStart;
      let newNo = newStart;
      const out: DiffLine[] = [];
      i++;
      while (i < lines.length && (oldRem > 0 || newRem > 0)) {
        const raw = lines[i];
        const c = raw.charCodeAt(0);
        if (c === 92 /* \ */) {
          markNoNewline(out);
          i++;
          continue;
        }
        if (++hunkLines > maxLines) {
          truncated = true;
          warn(i + 1, `more than ${maxLines} hunk lines: the rest were not parsed`);
          if (f) f.hunks.push(hunk(oldStart, oldCount, newStart, newCount, m[5], out));
          break outer;
        }
        const body = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(1, -1) : raw.slice(1);
        if ((c === 32 /* space */ || raw === '' || raw === '\r') && oldRem > 0 && newRem > 0) {
          out.push({ kind: 'context', text: body, oldLine: oldNo++, newLine: newNo++ });
          oldRem--;
          newRem--;
        } else if (c === 45 /* - */ && oldRem > 0) {
          out.push({ kind: 'del', text: body, oldLine: oldNo++ });
          oldRem--;
        } else if (c === 43 /* + */ && newRem > 0) {
          out.push({ kind: 'add', text: body, newLine: newNo++ });
          newRem--;
        } else {
          warn(
            i + 1,
            `hunk ended early: ${oldCount - oldRem} of ${oldCount} old and ${newCount - newRem} of ${newCount} new lines`,
          );
          break;
        }
        i++;
      }
      if (i >= lines.length && (oldRem > 0 || newRem > 0)) warn(i, 'diff ended inside a hunk');
      if (i < lines.length && lines[i].charCodeAt(0) === 92) {
        markNoNewline(out);
        i++;
      }
      if (f) {
        f.hunks.push(hunk(oldStart, oldCount, newStart, newCount, m[5], out));
        for (const l of out) {
          if (l.kind === 'add') f.additions++;
          else if (l.kind === 'del') f.deletions++;
        }
      }
      continue;
    }
    if (st.current) readExtendedHeader(st.current, line, lineNo, warn);
    if (line === 'GIT binary patch') {
      i++;
      // Base85 bodies never start with "diff ", so skipping to the next file header is safe.
      while (i < lines.length && !lines[i].startsWith('diff ')) i++;
      continue;
    }
    i++;
  }
  finish();
  return { files, warnings, truncated };
}

function newBuilder(a: string | undefined, b: string | undefined, prefixed: boolean): FileBuilder {
  return {
    oldPath: null,
    newPath: null,
    headerA: a,
    headerB: b,
    prefixed,
    sawMinus: false,
    binary: false,
    hunks: [],
    additions: 0,
    deletions: 0,
  };
}

/** Git's extended header lines between `diff --git` and the hunks. Unknown lines (commit text, trailers) are ignored. */
function readExtendedHeader(f: FileBuilder, line: string, lineNo: number, warn: (l: number, m: string) => void): void {
  const value = (prefix: string): string | null => (line.startsWith(prefix) ? line.slice(prefix.length) : null);
  let v: string | null;
  if ((v = value('new file mode ')) !== null) {
    f.status = 'added';
    f.newMode = v;
  } else if ((v = value('deleted file mode ')) !== null) {
    f.status = 'deleted';
    f.oldMode = v;
  } else if ((v = value('old mode ')) !== null) f.oldMode = v;
  else if ((v = value('new mode ')) !== null) f.newMode = v;
  else if ((v = value('rename from ')) !== null) {
    f.status = 'renamed';
    f.oldPath = headerPath(v, null);
  } else if ((v = value('rename to ')) !== null) {
    f.status = 'renamed';
    f.newPath = headerPath(v, null);
  } else if ((v = value('copy from ')) !== null) {
    f.status = 'copied';
    f.oldPath = headerPath(v, null);
  } else if ((v = value('copy to ')) !== null) {
    f.status = 'copied';
    f.newPath = headerPath(v, null);
  } else if ((v = value('similarity index ')) !== null) {
    const pct = parseInt(v, 10);
    if (pct >= 0 && pct <= 100) f.similarity = pct;
    else warn(lineNo, `odd similarity "${clip(v)}"`);
  } else if (line === 'GIT binary patch' || (line.startsWith('Binary files ') && line.endsWith(' differ'))) {
    f.binary = true;
  } else if ((v = value('index ')) !== null) {
    const mode = /^\S+ (\d{6})$/.exec(v);
    if (mode && !f.oldMode && !f.newMode) f.oldMode = f.newMode = mode[1];
  }
}

function build(f: FileBuilder): DiffFile {
  let oldPath = f.oldPath;
  let newPath = f.newPath;
  if (!f.sawMinus && f.status !== 'renamed' && f.status !== 'copied') {
    oldPath = f.status === 'added' ? null : (f.headerA ?? null);
    newPath = f.status === 'deleted' ? null : (f.headerB ?? null);
  } else if (f.status === 'renamed' || f.status === 'copied') {
    oldPath = oldPath ?? f.headerA ?? null;
    newPath = newPath ?? f.headerB ?? null;
  }
  const status: DiffFileStatus =
    f.status ??
    (oldPath === null && newPath !== null ? 'added' : newPath === null && oldPath !== null ? 'deleted' : 'modified');
  const file: DiffFile = {
    oldPath: status === 'added' ? null : oldPath,
    newPath: status === 'deleted' ? null : newPath,
    path: (status === 'deleted' ? oldPath : newPath) ?? oldPath ?? '(unnamed)',
    status,
    binary: f.binary,
    hunks: f.hunks,
    additions: f.additions,
    deletions: f.deletions,
  };
  const extra: { oldMode?: string; newMode?: string; similarity?: number } = {};
  if (f.oldMode !== undefined) extra.oldMode = f.oldMode;
  if (f.newMode !== undefined) extra.newMode = f.newMode;
  if (f.similarity !== undefined) extra.similarity = f.similarity;
  return { ...file, ...extra };
}

function hunk(
  oldStart: number,
  oldLines: number,
  newStart: number,
  newLines: number,
  section: string,
  lines: DiffLine[],
): DiffHunk {
  return { oldStart, oldLines, newStart, newLines, section: section.trim(), lines };
}

function markNoNewline(out: DiffLine[]): void {
  const last = out[out.length - 1];
  if (last) out[out.length - 1] = { ...last, noNewlineAtEof: true };
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

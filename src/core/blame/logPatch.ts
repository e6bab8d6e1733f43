/**
 * Incremental parser for `git log -p -U0 --format=<COMMIT_MARKER>%H %P` output: per commit, per file, the hunks as
 * old/new line spans plus (on request) the added lines' text. Zero context means a hunk body is exactly its removed
 * and added lines, so body lines are counted off and never mistaken for headers.
 */
import { AgentMarkerCollector, type CommitIdentityInput } from '../commit/identities';
import type { Trailer } from '../commit/message';
import { diffHeaderPath, unquoteGitPath } from './quote';

/** Starts each commit's header line; git never prints it in diff text (added/removed lines start with + or -). */
const COMMIT_MARKER = '\u0001';
/**
 * Each commit's message, before its header line, every line indented by one space (`%w(0,1,1)`), so no message line
 * can pass for a header, a diff line or an identity line; ended by a line break even when the message has none. It
 * comes first because git's re-indenting stops at a NUL and the header holds NULs. The readers keep only the agent
 * marker lines (`AgentMarkerCollector`), so commit-level evidence needs no second process reading messages.
 */
const MESSAGE_FORMAT = '%w(0,1,1)%B%n%w(0,0,0)';
/**
 * The `--format` this parser expects: the message (MESSAGE_FORMAT), then the header line: id and parents, then
 * NUL-separated author and committer identities and the trailers git parsed (unfolded, one line, separated by 0x1f),
 * so commit-level AI evidence needs no second read of the commit objects. Idents and unfolded trailers cannot hold
 * NUL or line breaks.
 */
export const LOG_FORMAT = `${MESSAGE_FORMAT}%x01%H %P%x00%an%x00%ae%x00%cn%x00%ce%x00%(trailers:unfold,separator=%x1f)`;
/** Per commit: its message as in LOG_FORMAT, then id and the same identity fields (read with IdentityLogParser). */
export const IDENTITY_FORMAT = `${MESSAGE_FORMAT}%H%x00%an%x00%ae%x00%cn%x00%ce%x00%(trailers:unfold,separator=%x1f)`;

/** A message line of LOG_FORMAT or IDENTITY_FORMAT output (indented by one space); header lines never start so. */
const isMessageLine = (text: string): boolean => text.charCodeAt(0) === 0x20;

export interface PatchHunk {
  readonly oldStart: number;
  readonly oldCount: number;
  /** First added line (1-based, new side); for a pure deletion, the line after which lines were removed. */
  readonly newStart: number;
  readonly newCount: number;
  /** Added lines' text (CR dropped), when kept for this commit. */
  readonly added?: string[];
}

export interface FilePatch {
  /** null for a file the commit added. */
  readonly oldPath: string | null;
  /** null for a file the commit deleted. */
  readonly newPath: string | null;
  readonly binary: boolean;
  readonly hunks: PatchHunk[];
}

export interface CommitPatch {
  readonly commit: string;
  readonly parents: readonly string[];
  readonly files: FilePatch[];
  /** Identities and trailers from the header, when the log used LOG_FORMAT. */
  readonly identity?: CommitIdentityInput;
}

interface OpenFile {
  oldPath: string | null | undefined;
  newPath: string | null | undefined;
  headerPaths?: [string, string];
  binary: boolean;
  hunks: PatchHunk[];
}

const COMMIT_IDS = /^([0-9a-f]{40,64})((?: [0-9a-f]{40,64})*)\s*$/;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export class LogPatchParser {
  private commit:
    | { commit: string; parents: string[]; files: FilePatch[]; keep: boolean; identity?: CommitIdentityInput }
    | undefined;
  private file: OpenFile | undefined;
  /** Body lines still expected in the current hunk. */
  private remaining = 0;
  private added: string[] | undefined;
  /** The marker lines of the message read before the next header. */
  private readonly markers = new AgentMarkerCollector();
  readonly warnings: string[] = [];

  constructor(
    private readonly onCommit: (commit: CommitPatch) => void,
    private readonly keepText: (commit: string) => boolean = () => true,
  ) {}

  line(raw: string): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.remaining > 0) {
      const c = text[0];
      if (c === '+' || c === '-') {
        this.remaining--;
        if (c === '+') this.added?.push(text.slice(1));
        return;
      }
      if (c === '\\') return; // "\ No newline at end of file"
      this.warn(`hunk ended ${this.remaining} line(s) early`);
      this.remaining = 0;
    }
    if (isMessageLine(text)) return this.markers.line(text.slice(1));
    if (text.startsWith(COMMIT_MARKER)) return this.startCommit(text);
    if (!this.commit) return;
    if (text.startsWith('diff --git ')) return this.startFile(text.slice(11));
    const f = this.file;
    if (!f) return;
    if (text.startsWith('@@')) return this.startHunk(text, f);
    if (text.startsWith('--- ')) this.setPath(f, 'oldPath', diffHeaderPath(text.slice(4), 'a/'));
    else if (text.startsWith('+++ ')) this.setPath(f, 'newPath', diffHeaderPath(text.slice(4), 'b/'));
    else if (text.startsWith('rename from ')) this.setPath(f, 'oldPath', unquoteGitPath(text.slice(12)));
    else if (text.startsWith('rename to ')) this.setPath(f, 'newPath', unquoteGitPath(text.slice(10)));
    else if (text.startsWith('new file mode')) f.oldPath = null;
    else if (text.startsWith('deleted file mode')) f.newPath = null;
    else if (text.startsWith('Binary files ') || text === 'GIT binary patch') f.binary = true;
  }

  /** Flushes the last commit. */
  end(): void {
    if (this.remaining > 0) this.warn(`output ended inside a hunk`);
    this.remaining = 0;
    this.finishCommit();
  }

  private startCommit(text: string): void {
    this.finishCommit();
    const markers = this.markers.take();
    const fields = text.slice(1).split('\u0000');
    const m = COMMIT_IDS.exec(fields[0]);
    if (!m) {
      this.warn(`unreadable commit header ${JSON.stringify(text.slice(0, 100))}`);
      return;
    }
    const parents = m[2].trim() === '' ? [] : m[2].trim().split(' ');
    const identity = fields.length >= 6 ? identityFields(fields, markers) : undefined;
    const keep = this.keepText(m[1]);
    this.commit = identity
      ? { commit: m[1], parents, files: [], keep, identity }
      : { commit: m[1], parents, files: [], keep };
  }

  private startFile(rest: string): void {
    this.finishFile();
    this.file = { oldPath: undefined, newPath: undefined, binary: false, hunks: [], ...headerPaths(rest) };
  }

  private startHunk(text: string, f: OpenFile): void {
    const m = HUNK.exec(text);
    if (!m) return this.warn(`unreadable hunk header ${JSON.stringify(text.slice(0, 100))}`);
    const oldCount = m[2] === undefined ? 1 : Number(m[2]);
    const newCount = m[4] === undefined ? 1 : Number(m[4]);
    this.added = this.commit?.keep && newCount > 0 ? [] : undefined;
    const oldStart = Number(m[1]);
    const newStart = Number(m[3]);
    f.hunks.push(
      this.added
        ? { oldStart, oldCount, newStart, newCount, added: this.added }
        : { oldStart, oldCount, newStart, newCount },
    );
    this.remaining = oldCount + newCount;
  }

  private setPath(f: OpenFile, side: 'oldPath' | 'newPath', value: string | null | undefined): void {
    if (value === undefined) this.warn(`unreadable path in a ${side === 'oldPath' ? 'source' : 'target'} header`);
    else f[side] = value;
  }

  private finishFile(): void {
    const f = this.file;
    this.file = undefined;
    if (!f || !this.commit) return;
    // Without ---/+++ lines (binary, pure rename, mode change) the `diff --git` paths are what is left.
    const oldPath = f.oldPath !== undefined ? f.oldPath : (f.headerPaths?.[0] ?? undefined);
    const newPath = f.newPath !== undefined ? f.newPath : (f.headerPaths?.[1] ?? undefined);
    if (oldPath === undefined || newPath === undefined) {
      this.warn(`a file of commit ${this.commit.commit.slice(0, 12)} has no readable path`);
      return;
    }
    this.commit.files.push({ oldPath, newPath, binary: f.binary, hunks: f.hunks });
  }

  private finishCommit(): void {
    this.finishFile();
    const c = this.commit;
    this.commit = undefined;
    if (!c) return;
    this.onCommit(
      c.identity
        ? { commit: c.commit, parents: c.parents, files: c.files, identity: c.identity }
        : { commit: c.commit, parents: c.parents, files: c.files },
    );
  }

  private warn(message: string): void {
    if (this.warnings.length < 100) this.warnings.push(message);
  }
}

/**
 * A header line of IDENTITY_FORMAT output: the commit and its identities and trailers (with `markers`, its message's
 * agent marker lines, when any), or undefined when malformed.
 */
export function identityLine(
  line: string,
  markers = '',
): { commit: string; identity: CommitIdentityInput } | undefined {
  const fields = line.split('\u0000');
  if (fields.length < 6 || !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(fields[0])) return undefined;
  return { commit: fields[0], identity: identityFields(fields, markers) };
}

/** IDENTITY_FORMAT output line by line: each commit with its identities, trailers and marker lines. */
export class IdentityLogParser {
  private readonly markers = new AgentMarkerCollector();

  constructor(private readonly onCommit: (commit: string, identity: CommitIdentityInput) => void) {}

  line(raw: string): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (isMessageLine(text)) return this.markers.line(text.slice(1));
    const parsed = identityLine(text, this.markers.take());
    if (parsed) this.onCommit(parsed.commit, parsed.identity);
  }
}

/** Fields 1-5 of a NUL-separated header: author name and email, committer name and email, trailers. */
function identityFields(fields: readonly string[], markers: string): CommitIdentityInput {
  const trailers: Trailer[] = [];
  for (const t of fields.slice(5).join(' ').split('\u001f')) {
    const colon = t.indexOf(':');
    if (colon > 0) trailers.push({ key: t.slice(0, colon).trim(), value: t.slice(colon + 1).trim() });
  }
  const identity = { author: { name: fields[1], email: fields[2] }, committer: { name: fields[3], email: fields[4] } };
  return markers ? { ...identity, trailers, message: markers } : { ...identity, trailers };
}

/** `a/X b/Y` of a `diff --git` line, when it can be split unambiguously (quoted, or both halves equal). */
function headerPaths(rest: string): { headerPaths?: [string, string] } {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const a = end > 0 ? unquoteGitPath(rest.slice(0, end + 1)) : undefined;
    const bRaw = end > 0 ? rest.slice(end + 2) : '';
    const b = bRaw.startsWith('"') ? unquoteGitPath(bRaw) : bRaw;
    return a?.startsWith('a/') && b?.startsWith('b/') ? { headerPaths: [a.slice(2), b.slice(2)] } : {};
  }
  if (rest.endsWith('"')) {
    const start = rest.lastIndexOf(' "');
    const b = start > 0 ? unquoteGitPath(rest.slice(start + 1)) : undefined;
    const a = rest.slice(0, Math.max(0, start));
    return a.startsWith('a/') && b?.startsWith('b/') ? { headerPaths: [a.slice(2), b.slice(2)] } : {};
  }
  const len = (rest.length - 5) / 2;
  if (!Number.isInteger(len) || len < 1) return {};
  const a = rest.slice(0, len + 2);
  const b = rest.slice(len + 3);
  return a.startsWith('a/') && b === `b/${a.slice(2)}` && rest[len + 2] === ' '
    ? { headerPaths: [a.slice(2), b.slice(2)] }
    : {};
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

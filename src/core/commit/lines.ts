/**
 * The input model of the commit core: per committed file, every line of its committed content with who wrote it,
 * plus which lines this commit added. Produced by the attribution layer; consumed by trailers and Agent Trace.
 */
import type { Origin } from '../attribution/origin';
import { contentHash } from '../hash';

/** `mixed` = a line holding both human and AI characters. */
export type LineClass = 'human' | 'ai' | 'mixed';

export interface LineAttribution {
  readonly cls: LineClass;
  /** The AI origins present on the line (empty for `human`). */
  readonly origins: readonly Origin[];
}

export interface AttributedLine extends LineAttribution {
  /** The line's text without its line terminator. */
  readonly text: string;
}

export interface CommittedLine extends AttributedLine {
  /** True when this commit added the line (it is not in the parent's version of the file). */
  readonly added: boolean;
}

export interface AttributedFile {
  /** Repository-relative path with `/` separators. */
  readonly path: string;
  readonly lines: readonly AttributedLine[];
}

export interface CommittedFile extends AttributedFile {
  readonly lines: readonly CommittedLine[];
}

/** A line counts as AI when any of its characters came from AI. */
export function isAiClass(cls: LineClass): boolean {
  return cls === 'ai' || cls === 'mixed';
}

/**
 * Splits file content into lines the way line numbers count them: a trailing newline does not start a new line, and
 * a `\r` before `\n` is dropped so CRLF and LF checkouts hash alike.
 */
export function splitLines(text: string): string[] {
  if (text.length === 0) {
    return [];
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.endsWith('\r')) {
      lines[i] = line.slice(0, -1);
    }
  }
  return lines;
}

/** The Agent Trace `content_hash` of a range: the hash of its lines joined by `\n`, no trailing newline. */
export function rangeContentHash(lines: readonly string[], start = 0, endExclusive = lines.length): string {
  return contentHash(lines.slice(start, endExclusive).join('\n'));
}

/** Identity of an origin for grouping: everything but the time (one conversation per tool+model+session+kind). */
export function conversationKey(origin: Origin): string {
  // Every AI line of a commit asks for the key of one of a few origin objects: compute each object's once.
  let key = conversationKeys.get(origin);
  if (key === undefined) {
    key = JSON.stringify([origin.kind, origin.tool, origin.model ?? null, origin.session ?? null]);
    conversationKeys.set(origin, key);
  }
  return key;
}

/** Origins are never mutated (readonly, often frozen), so a key per object stays right. */
const conversationKeys = new WeakMap<Origin, string>();

/** Deduplicates origins by conversation key, keeping the earliest time of each. Order = first appearance. */
export function uniqueOrigins(origins: Iterable<Origin>): Origin[] {
  const byKey = new Map<string, Origin>();
  for (const origin of origins) {
    const key = conversationKey(origin);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, origin);
    } else if (origin.time < seen.time) {
      byKey.set(key, { ...seen, time: origin.time });
    }
  }
  return [...byKey.values()];
}

const MAX_PATH_LENGTH = 4096;

/**
 * The strict form, for paths from other tools (SARIF locations, which may be Windows paths): why a path cannot be a
 * repository-relative path, or undefined when it can. Records cross trust boundaries, so a
 * path must never reach outside the repository: no absolute paths, drive letters, backslashes or `.`/`..` segments.
 */
export function repoPathProblem(path: string): string | undefined {
  if (typeof path !== 'string' || path.length === 0) {
    return 'path is empty';
  }
  if (path.length > MAX_PATH_LENGTH) {
    return `path longer than ${MAX_PATH_LENGTH} characters`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    return 'path contains control characters';
  }
  if (path.includes('\\')) {
    return 'path contains a backslash';
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    return 'path is absolute';
  }
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      return `path has an empty, "." or ".." segment`;
    }
  }
  return undefined;
}

/**
 * Why a path cannot be a recorded file path (working state, Agent Trace notes), or undefined when it can. Records cross trust boundaries, so a
 * path must never reach outside the repository: no absolute paths, drive letters or `.`/`..` segments (split at `\`
 * too, which is a separator on Windows). Any other character git allows in a path is fine (a backslash or a tab in a
 * file name), except NUL and line breaks, which line-based git plumbing and our logs cannot carry.
 */
export function gitPathProblem(path: string): string | undefined {
  if (typeof path !== 'string' || path.length === 0) {
    return 'path is empty';
  }
  if (path.length > MAX_PATH_LENGTH) {
    return `path longer than ${MAX_PATH_LENGTH} characters`;
  }
  if (/[\0\n\r]/.test(path)) {
    return 'path contains NUL or a line break';
  }
  if (/^[/\\]/.test(path) || /^[A-Za-z]:/.test(path)) {
    return 'path is absolute';
  }
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      return `path has an empty, "." or ".." segment`;
    }
  }
  if (path.split(/[/\\]/).some((s) => s === '.' || s === '..')) {
    return 'path has a "." or ".." segment between backslashes (a separator on Windows)';
  }
  return undefined;
}

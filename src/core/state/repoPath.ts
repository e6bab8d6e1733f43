/**
 * Repo-relative paths as stored in working-state records and used as object names (`REV:path`). They come from disk
 * and from other processes, so they are checked before they are ever joined onto a directory.
 */

const MAX_REPO_PATH_LENGTH = 4096;

/**
 * Why `value` is not a safe repo-relative path (forward slashes, no `.`/`..`/empty segments, no NUL or line break), or
 * undefined if it is.
 */
export function repoPathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return `expected a string, got ${describeValue(value)}`;
  }
  if (value.length === 0) {
    return 'empty path';
  }
  if (value.length > MAX_REPO_PATH_LENGTH) {
    return `path longer than ${MAX_REPO_PATH_LENGTH} characters`;
  }
  // NUL ends C strings; line breaks would split `git cat-file --batch` requests and log lines.
  if (/[\0\n\r]/.test(value)) {
    return 'path contains NUL or a line break';
  }
  // Other characters git allows (a tab, a backslash in a file name) are fine; but a backslash is a separator on
  // Windows, so a path that starts with one or has `.`/`..` between backslashes could escape the repository there.
  if (value.startsWith('/') || value.startsWith('\\') || /^[A-Za-z]:/.test(value)) {
    return 'path is absolute (expected repo-relative)';
  }
  for (const segment of value.split('/')) {
    if (segment === '') {
      return 'path has an empty segment (leading, trailing or double slash)';
    }
    if (segment === '.' || segment === '..') {
      return `path has a "${segment}" segment`;
    }
  }
  if (value.split(/[/\\]/).some((s) => s === '.' || s === '..')) {
    return 'path has a "." or ".." segment between backslashes (a separator on Windows)';
  }
  return undefined;
}

export function isRepoRelativePath(value: unknown): value is string {
  return repoPathProblem(value) === undefined;
}

/** Throws a clear Error when `value` is not a safe repo-relative path; returns it typed otherwise. */
export function assertRepoRelativePath(value: unknown, what = 'path'): string {
  const problem = repoPathProblem(value);
  if (problem !== undefined) {
    throw new Error(`invalid ${what} ${describeValue(value)}: ${problem}`);
  }
  return value as string;
}

/** A short, log-safe rendering of an untrusted value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 80 ? value.slice(0, 80) + '…' : value;
    return JSON.stringify(shown);
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return typeof value;
}

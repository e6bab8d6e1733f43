/** Parsers for `git rev-parse` output and the error texts repo discovery must recognise. Pure string work. */
import * as path from 'node:path';

export interface RepoPaths {
  /** The work tree's top directory. */
  readonly root: string;
  /** This work tree's git dir (`.git`, or `.git/worktrees/<name>` for a linked worktree). */
  readonly gitDir: string;
  /** The git dir shared by all worktrees (objects, refs, config). */
  readonly commonDir: string;
}

/** Output lines of a rev-parse call, tolerating CRLF (Git for Windows) and the trailing newline. */
export function outputLines(stdout: string): string[] {
  const lines = stdout.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/** `rev-parse --show-toplevel --git-dir --git-common-dir` run in `cwd`; git prints the dirs relative to cwd. */
export function parseRepoDiscovery(stdout: string, cwd: string): RepoPaths {
  const lines = outputLines(stdout);
  if (lines.length !== 3 || lines.some((line) => line === '')) {
    throw new Error(`unexpected output from git rev-parse (expected 3 lines): ${JSON.stringify(stdout.slice(0, 300))}`);
  }
  return {
    root: path.resolve(lines[0]),
    gitDir: path.resolve(cwd, lines[1]),
    commonDir: path.resolve(cwd, lines[2]),
  };
}

/** `rev-parse --git-path NAME` run in `cwd`: relative to cwd for the main worktree, absolute for linked ones. */
export function parseGitPath(stdout: string, cwd: string): string {
  const lines = outputLines(stdout);
  if (lines.length !== 1 || lines[0] === '') {
    throw new Error(`unexpected output from git rev-parse --git-path: ${JSON.stringify(stdout.slice(0, 300))}`);
  }
  return path.resolve(cwd, lines[0]);
}

/** stderr (C locale) of rev-parse when the directory is in no work tree: outside any repo, inside `.git`, or bare. */
export function isNotInWorkTree(stderr: string): boolean {
  return /not a git repository|must be run in a work tree/i.test(stderr);
}

/** stderr (C locale) of `cat-file blob REV:path` / `:path` when the rev, path or index entry does not exist. */
export function isMissingObject(stderr: string): boolean {
  return /does not exist|exists on disk, but not in|not at stage|invalid object name|not a valid object name|bad file/i.test(
    stderr,
  );
}

/** Finding a repository and reading what git knows about a file. Every call goes through a GitRunner. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assertRepoRelativePath } from '../core/state/repoPath';
import { GitError, GitRunner, STABLE_MESSAGES_ENV, defaultGitRunner } from './exec';
import {
  RepoPaths,
  isMissingObject,
  isNotInWorkTree,
  outputLines,
  parseGitPath,
  parseRepoDiscovery,
} from './parseRevParse';

export type RepoInfo = RepoPaths;

/**
 * The repository whose work tree holds `fsPath` (a file or directory; need not exist yet), or undefined when it is
 * in none (outside any repo, inside a `.git` dir, a bare repo). A nested repository wins over the outer one.
 */
export async function findRepo(fsPath: string, runner: GitRunner = defaultGitRunner): Promise<RepoInfo | undefined> {
  const cwd = await nearestDirectory(path.resolve(fsPath));
  // Discovery is by path: a GIT_DIR/GIT_WORK_TREE inherited from a hook would point every path at that repo.
  const env = { ...STABLE_MESSAGES_ENV, GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_COMMON_DIR: undefined };
  const args = ['rev-parse', '--show-toplevel', '--git-dir', '--git-common-dir'];
  const result = await runner.run(args, { cwd, env, okExitCodes: [128] });
  if (result.code !== 0) {
    if (isNotInWorkTree(result.stderr)) {
      return undefined;
    }
    throw new GitError('exit', args, cwd, result.code, result.stderr, `failed with exit code ${result.code}`);
  }
  return parseRepoDiscovery(result.stdout, cwd);
}

/** `git rev-parse --git-path NAME`, absolute: per-worktree for names git does not share (e.g. `ai-provenance`). */
export async function gitPath(repo: RepoInfo, name: string, runner: GitRunner = defaultGitRunner): Promise<string> {
  if (name === '' || name.startsWith('-') || /[\0\n\r]/.test(name)) {
    throw new Error(`invalid git path name ${JSON.stringify(name)}`);
  }
  const result = await runner.run(['rev-parse', '--git-path', name], { cwd: repo.root });
  return parseGitPath(result.stdout, repo.root);
}

/** The commit HEAD points at, or undefined on an unborn branch (a fresh `git init`). */
export async function headCommit(repo: RepoInfo, runner: GitRunner = defaultGitRunner): Promise<string | undefined> {
  const result = await runner.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    cwd: repo.root,
    okExitCodes: [1],
  });
  const lines = outputLines(result.stdout);
  return result.code === 0 && lines.length === 1 ? lines[0] : undefined;
}

/** The text of `relPath` at `rev` (a commit-ish), or undefined when the rev or the path there does not exist. */
export async function readBlobAt(
  repo: RepoInfo,
  rev: string,
  relPath: string,
  runner: GitRunner = defaultGitRunner,
): Promise<string | undefined> {
  assertSafeRev(rev);
  return readBlob(repo, `${rev}:${assertRepoRelativePath(relPath)}`, runner);
}

/** `absPath` as a repo-relative forward-slash path, or undefined when it is the root itself or outside the work tree. */
export function toRepoRelativePath(repo: RepoInfo, absPath: string): string | undefined {
  const rel = path.relative(repo.root, path.resolve(absPath));
  if (rel === '' || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) {
    return undefined;
  }
  return rel.split(path.sep).join('/');
}

/** Rejects revs that git would read as an option or as a `REV:path` of its own choosing. */
export function assertSafeRev(rev: string): void {
  if (rev === '' || rev.startsWith('-') || /[\s:\0]/.test(rev)) {
    throw new Error(`invalid revision ${JSON.stringify(rev)}`);
  }
}

async function readBlob(repo: RepoInfo, objectName: string, runner: GitRunner): Promise<string | undefined> {
  const args = ['cat-file', 'blob', objectName];
  const result = await runner.run(args, { cwd: repo.root, env: STABLE_MESSAGES_ENV, okExitCodes: [128] });
  if (result.code === 0) {
    return result.stdout;
  }
  if (isMissingObject(result.stderr)) {
    return undefined;
  }
  throw new GitError('exit', args, repo.root, result.code, result.stderr, `failed with exit code ${result.code}`);
}

/** `p` if it is a directory, else the closest existing ancestor directory. */
async function nearestDirectory(p: string): Promise<string> {
  let current = p;
  for (;;) {
    try {
      const stat = await fs.stat(current);
      return stat.isDirectory() ? current : path.dirname(current);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) {
        return current;
      }
      current = parent;
    }
  }
}

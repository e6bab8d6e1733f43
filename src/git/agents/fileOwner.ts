/**
 * The repository that owns a file an agent edited, for files under the work tree the hook ran in: a submodule or a
 * repository nested in that work tree owns its own files (git commits them there, so their records belong there).
 * A file with no `.git` entry between its directory and the hook's root is the hook's repository's without asking git,
 * so the usual file-edit hook still runs one git process; otherwise `git rev-parse --show-toplevel` from the file's
 * directory decides (findRepo), once per directory.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileOwner } from '../../core/agents/fileRouting';
import type { GitRunner } from '../exec';
import { LAUNCHER_NAME } from '../launcher';
import { findRepo, toRepoRelativePath, type RepoInfo } from '../repo';
import { STATE_DIR_NAME } from '../stateLog';

export interface OwnedFile extends FileOwner {
  readonly repo: RepoInfo;
}

export class FileOwnerLookup {
  private readonly byDir = new Map<string, Promise<RepoInfo | undefined>>();
  /** Why a lookup failed, per directory (for the log). */
  readonly failures: string[] = [];

  constructor(
    private readonly home: RepoInfo,
    private readonly runner: GitRunner,
  ) {}

  /** The owner of `homeRel` (a path in the home repository), or undefined when git could not say. */
  async ownerOf(homeRel: string): Promise<OwnedFile | undefined> {
    const abs = path.join(this.home.root, ...homeRel.split('/'));
    const dir = path.dirname(abs);
    const repo = (await this.hasGitEntryBelowHome(dir)) ? await this.lookup(dir) : this.home;
    if (repo === undefined) return undefined;
    if (repo.root === this.home.root) return { repo, root: repo.root, rel: homeRel, installed: true };
    const rel = toRepoRelativePath(repo, abs);
    if (rel === undefined) return undefined;
    return { repo, root: repo.root, rel, installed: await hasLauncher(repo) };
  }

  private lookup(dir: string): Promise<RepoInfo | undefined> {
    let pending = this.byDir.get(dir);
    if (pending === undefined) {
      pending = findRepo(dir, this.runner).catch((err: Error) => {
        this.failures.push(`cannot tell which repository holds ${dir}: ${err.message}`);
        return undefined;
      });
      this.byDir.set(dir, pending);
    }
    return pending;
  }

  /** A `.git` file or directory in `dir` or an ancestor strictly below the home root (a submodule or nested repo). */
  private async hasGitEntryBelowHome(dir: string): Promise<boolean> {
    for (let d = dir; d !== this.home.root && d.startsWith(this.home.root + path.sep); d = path.dirname(d)) {
      const found = await fs.lstat(path.join(d, '.git')).then(
        () => true,
        () => false,
      );
      if (found) return true;
    }
    return false;
  }
}

/** Our launcher in the repository's git dir: git hooks or agent hooks were installed there. */
async function hasLauncher(repo: RepoInfo): Promise<boolean> {
  return fs.stat(path.join(repo.gitDir, STATE_DIR_NAME, 'bin', LAUNCHER_NAME)).then(
    (s) => s.isFile(),
    () => false,
  );
}

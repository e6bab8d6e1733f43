/** The repository (and commit range) a command works on, with bad input reported as usage errors. */
import type { RepoInfo } from '../git/repo';
import { UsageError, type CliIo } from './command';

type ReviewModule = typeof import('../git/review/index.js');

/** The repository holding `cwd`; a usage error outside one. */
export async function repoAt(cwd: string): Promise<RepoInfo> {
  // Loaded on demand: hooks run this CLI on every commit and must not pay for more than they use.
  const { findRepo } = await import('../git/repo.js');
  const repo = await findRepo(cwd);
  if (!repo) throw new UsageError(`not inside a git work tree: ${cwd}`);
  return repo;
}

export async function repoAndRange(spec: string | undefined, io: CliIo): Promise<{ repo: RepoInfo; review: ReviewModule; range: Awaited<ReturnType<ReviewModule['resolveRange']>> }> {
  const repo = await repoAt(io.cwd);
  const review = await import('../git/review/index.js');
  try {
    review.splitRange(spec);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { repo, review, range: await review.resolveRange(repo, spec) };
}

/** The repository and commit range a review command works on, with bad input reported as usage errors. */
import type { RepoInfo } from '../git/repo';
import { UsageError, type CliIo } from './command';

type ReviewModule = typeof import('../git/review/index.js');

export async function repoAndRange(spec: string | undefined, io: CliIo): Promise<{ repo: RepoInfo; review: ReviewModule; range: Awaited<ReturnType<ReviewModule['resolveRange']>> }> {
  // Loaded on demand: hooks run this CLI on every commit and must not pay for the review code.
  const { findRepo } = await import('../git/repo.js');
  const repo = await findRepo(io.cwd);
  if (!repo) throw new UsageError(`not inside a git work tree: ${io.cwd}`);
  const review = await import('../git/review/index.js');
  try {
    review.splitRange(spec);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { repo, review, range: await review.resolveRange(repo, spec) };
}

/**
 * The repository (and commit range) a command works on, with bad input reported as usage errors, and the policy that
 * governs the range.
 */
import * as path from 'node:path';
import type { AnalyzerResult } from '../core/review';
import type { RepoInfo } from '../git/repo';
import type { AnalyzeOptions, RangePolicy } from '../git/review';
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

export async function repoAndRange(
  spec: string | undefined,
  io: CliIo,
): Promise<{ repo: RepoInfo; review: ReviewModule; range: Awaited<ReturnType<ReviewModule['resolveRange']>> }> {
  const repo = await repoAt(io.cwd);
  const review = await import('../git/review/index.js');
  try {
    review.splitRange(spec);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { repo, review, range: await review.resolveRange(repo, spec) };
}

type Range = Awaited<ReturnType<ReviewModule['resolveRange']>>;

/**
 * The range's policy: `file` (relative to the working directory) when given, else the one committed at BASE. An
 * invalid policy fails `check`; `report` and `signoff` (`lenient`) go on without it, with a warning.
 */
export async function rangePolicy(
  review: ReviewModule,
  repo: RepoInfo,
  range: Range,
  io: CliIo,
  options: { file?: string; lenient: boolean },
): Promise<RangePolicy> {
  const file = options.file === undefined ? undefined : path.resolve(io.cwd, options.file);
  if (!options.lenient) return review.loadRangePolicy(repo, range, file);
  const { PolicyError } = await import('../core/policy/index.js');
  try {
    return await review.loadRangePolicy(repo, range, file);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    io.err(`warning: policy ignored: ${err.message}\n`);
    return { policy: undefined, source: 'invalid policy', codeowners: undefined };
  }
}

/** What analyzeBranch needs from a loaded policy (and analyser results, when there are any). */
export function analysisOptions(loaded: RangePolicy, analyzerResults?: readonly AnalyzerResult[]): AnalyzeOptions {
  return {
    ...(loaded.policy ? { policy: loaded.policy } : {}),
    ...(loaded.codeowners !== undefined ? { codeowners: loaded.codeowners } : {}),
    ...(analyzerResults ? { analyzerResults } : {}),
  };
}

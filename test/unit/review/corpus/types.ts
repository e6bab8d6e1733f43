/**
 * The labelled review corpus: pull-request-shaped changes written by this team, modelled on what merged pull
 * requests of public repositories look like (no third-party code copied). Each says which rules a reviewer should
 * get (`expect`) and which it must not get (`forbid`: the near-misses that used to be noise).
 */
import type { ReviewContext } from '../../../../src/core/review/types';
import type { FileSpec } from '../helpers';

export type CorpusLanguage = 'ts' | 'py' | 'rust' | 'go';

export interface CorpusCase {
  readonly id: string;
  readonly lang: CorpusLanguage;
  /** What the pull request does, as its title would say. */
  readonly title: string;
  readonly files: readonly FileSpec[];
  /** Rules a reviewer should get, one finding each (a rule firing twice counts as a duplicate). */
  readonly expect: readonly string[];
  /** Rules that must stay silent on this change. */
  readonly forbid: readonly string[];
  /** All added lines AI-written (agent). */
  readonly ai?: boolean;
  readonly context?: ReviewContext;
}

/** A modified file with one hunk: unchanged lines before, removed, added, unchanged after. */
export function edit(
  path: string,
  before: readonly string[],
  del: readonly string[],
  add: readonly string[],
  after: readonly string[] = [],
  start = 10,
): FileSpec {
  return { path, before, del, add, after, start };
}

export function newFile(path: string, add: readonly string[]): FileSpec {
  return { path, add, status: 'added' };
}

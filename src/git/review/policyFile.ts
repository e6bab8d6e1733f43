/** Reading the committed policy and CODEOWNERS at a revision (the base of a check, so a branch cannot edit its own gate). */
import { promises as fs } from 'node:fs';
import { POLICY_FILE, parsePolicyFile, type Policy } from '../../core/policy';
import { readBlobAt, type RepoInfo } from '../repo';
import type { ResolvedRange } from './range';

const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

export interface LoadedPolicy {
  /** undefined when there is no policy. */
  readonly policy: Policy | undefined;
  /** Where it came from, e.g. `.ai-provenance.json at origin/main`. */
  readonly source: string;
}

/** The policy in `.ai-provenance.json` at `rev`; throws PolicyError when it is invalid. */
export async function readPolicyAt(repo: RepoInfo, rev: string, revLabel = rev): Promise<LoadedPolicy> {
  const source = `${POLICY_FILE} at ${revLabel}`;
  const text = await readBlobAt(repo, rev, POLICY_FILE);
  if (text === undefined) return { policy: undefined, source: `no ${POLICY_FILE} at ${revLabel}` };
  return { policy: parsePolicyFile(text, source), source };
}

/** The policy in a file on disk (`--policy FILE`). */
async function readPolicyFile(file: string): Promise<LoadedPolicy> {
  const text = await fs.readFile(file, 'utf8');
  return { policy: parsePolicyFile(text, file), source: file };
}

/** The first CODEOWNERS file at `rev`, as GitHub looks for it. */
export async function readCodeownersAt(repo: RepoInfo, rev: string): Promise<string | undefined> {
  for (const p of CODEOWNERS_PATHS) {
    const text = await readBlobAt(repo, rev, p);
    if (text !== undefined) return text.length > 1024 * 1024 ? text.slice(0, 1024 * 1024) : text;
  }
  return undefined;
}

export interface RangePolicy extends LoadedPolicy {
  readonly codeowners: string | undefined;
}

/**
 * The policy and CODEOWNERS that govern a range: from `policyFile` when given, else committed at the range's BASE
 * (the branch being merged into), so the branch under check cannot relax them.
 */
export async function loadRangePolicy(
  repo: RepoInfo,
  range: Pick<ResolvedRange, 'base' | 'baseRef'>,
  policyFile?: string,
): Promise<RangePolicy> {
  const [loaded, codeowners] = await Promise.all([
    policyFile ? readPolicyFile(policyFile) : readPolicyAt(repo, range.base, range.baseRef),
    readCodeownersAt(repo, range.base),
  ]);
  return { ...loaded, codeowners };
}

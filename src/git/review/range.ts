/** Resolving `BASE..HEAD` (or `BASE...HEAD`, or `BASE`) to commits and their merge base. */
import { runGit, STABLE_MESSAGES_ENV } from '../exec';
import { assertSafeRev, type RepoInfo } from '../repo';

export interface ResolvedRange {
  /** As the user wrote them. */
  readonly baseRef: string;
  readonly headRef: string;
  readonly base: string;
  readonly head: string;
}

/** Splits a range argument; `undefined` means the current branch against its upstream. */
export function splitRange(spec: string | undefined): { baseRef: string; headRef: string } {
  if (spec === undefined) return { baseRef: '@{upstream}', headRef: 'HEAD' };
  const m = /^(.*?)\.\.\.?(.*)$/.exec(spec);
  const baseRef = m ? m[1] || 'HEAD' : spec;
  const headRef = m ? m[2] || 'HEAD' : 'HEAD';
  for (const ref of [baseRef, headRef]) {
    if (ref.includes('..')) throw new Error(`invalid range ${JSON.stringify(spec)}: expected BASE..HEAD`);
    assertSafeRev(ref);
  }
  return { baseRef, headRef };
}

/** The commit `ref` names; throws a clear error when it names none. */
async function resolveCommit(repo: RepoInfo, ref: string): Promise<string> {
  assertSafeRev(ref);
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
    cwd: repo.root,
    okExitCodes: [1, 128],
    env: STABLE_MESSAGES_ENV,
  });
  const id = result.stdout.trim();
  if (result.code !== 0 || !/^[0-9a-f]{40,64}$/.test(id)) {
    const hint = ref === '@{upstream}' ? ' (the current branch has no upstream: pass BASE..HEAD)' : '';
    throw new Error(`unknown revision ${JSON.stringify(ref)}${hint}`);
  }
  return id;
}

/** Several refs in one rev-parse; on failure each is resolved alone so the error names the bad one. */
export async function resolveCommits(repo: RepoInfo, refs: readonly string[]): Promise<string[]> {
  for (const ref of refs) assertSafeRev(ref);
  const result = await runGit(['rev-parse', '--end-of-options', ...refs.map((r) => `${r}^{commit}`)], {
    cwd: repo.root,
    okExitCodes: [128],
    env: STABLE_MESSAGES_ENV,
  });
  const ids = revParseIds(result.stdout);
  if (result.code === 0 && ids.length === refs.length && ids.every((id) => /^[0-9a-f]{40,64}$/.test(id))) return ids;
  return Promise.all(refs.map((r) => resolveCommit(repo, r)));
}

/**
 * The object ids `git rev-parse --end-of-options REV...` printed. Some git versions (2.39 among them) echo the `--end-of-options`
 * itself as a first line; left in, it made every multi-ref resolution fall back to one process per ref.
 */
export function revParseIds(stdout: string): string[] {
  const lines = stdout.split('\n').filter((l) => l !== '');
  return lines[0] === '--end-of-options' ? lines.slice(1) : lines;
}

/**
 * Both ends as commits. The branch is compared with its merge base, as a pull request is: `git diff BASE...HEAD`
 * and `git log BASE..HEAD` compute it themselves, so it is not resolved here (see mergeBase).
 */
export async function resolveRange(repo: RepoInfo, spec: string | undefined): Promise<ResolvedRange> {
  const { baseRef, headRef } = splitRange(spec);
  const [base, head] = await resolveCommits(repo, [baseRef, headRef]);
  return { baseRef, headRef, base, head };
}

/** The merge base of a range; throws when the two ends share no history. */
export async function mergeBase(repo: RepoInfo, range: ResolvedRange): Promise<string> {
  const result = await runGit(['merge-base', range.base, range.head], { cwd: repo.root, okExitCodes: [1] });
  const id = result.stdout.trim();
  if (result.code !== 0 || !/^[0-9a-f]{40,64}$/.test(id))
    throw new Error(`${range.baseRef} and ${range.headRef} have no common ancestor`);
  return id;
}

/** A name for the review scope of checklist marks: the current branch, or the head commit when detached. */
export async function reviewScope(repo: RepoInfo): Promise<string> {
  const result = await runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], {
    cwd: repo.root,
    okExitCodes: [1, 128],
  });
  const branch = result.stdout.trim();
  if (result.code === 0 && branch) return `branch:${branch}`;
  const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: repo.root, okExitCodes: [1, 128] });
  return `commit:${head.stdout.trim() || 'none'}`;
}

/** `user.name` and `user.email` from git config; throws when either is unset. */
export async function gitIdentity(repo: RepoInfo): Promise<{ name: string; email: string }> {
  const get = async (key: string): Promise<string> =>
    (await runGit(['config', '--get', key], { cwd: repo.root, okExitCodes: [1] })).stdout.trim();
  const [name, email] = await Promise.all([get('user.name'), get('user.email')]);
  if (!name || !email)
    throw new Error('git user.name and user.email must be set to sign off (git config user.email you@example.com)');
  return { name, email };
}

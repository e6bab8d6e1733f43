/**
 * Thin git adapters the review screens need and src/git/review does not offer yet: the default branch, the work
 * tree's diff against HEAD (untracked files included) and the refs to offer in a picker. Every call goes through
 * src/git's runGit; nothing here spawns a process itself. Candidates to move into src/git/review.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PLAIN_DIFF_ARGS } from '../../git/blame';
import { STABLE_MESSAGES_ENV, assertSafeRev, runGit, type RepoInfo } from '../../git';

/** Untracked files shown in a work-tree review at most, and the largest one read. */
const MAX_UNTRACKED_FILES = 200;
const MAX_UNTRACKED_BYTES = 1024 * 1024;

async function verify(repo: RepoInfo, ref: string): Promise<boolean> {
  const r = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
    cwd: repo.root,
    okExitCodes: [1, 128],
    env: STABLE_MESSAGES_ENV,
  });
  return r.code === 0;
}

/** The branch checked out, or undefined when HEAD is detached. */
export async function currentBranch(repo: RepoInfo): Promise<string | undefined> {
  const r = await runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: repo.root, okExitCodes: [1, 128] });
  const name = r.stdout.trim();
  return r.code === 0 && name ? name : undefined;
}

/**
 * The branch pull requests go into: origin's HEAD when known, else `init.defaultBranch`, else the first of main,
 * master, trunk, develop that exists. undefined when none does.
 */
export async function defaultBranch(repo: RepoInfo): Promise<string | undefined> {
  const remote = await runGit(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], {
    cwd: repo.root,
    okExitCodes: [1, 128],
  });
  const remoteHead = remote.stdout.trim();
  if (remote.code === 0 && remoteHead && (await verify(repo, remoteHead))) return remoteHead;
  const configured = (
    await runGit(['config', '--get', 'init.defaultBranch'], { cwd: repo.root, okExitCodes: [1] })
  ).stdout.trim();
  const candidates = [...(configured ? [configured] : []), 'main', 'master', 'trunk', 'develop'];
  for (const name of candidates) {
    try {
      assertSafeRev(name);
    } catch {
      continue;
    }
    if (await verify(repo, `refs/heads/${name}`)) return name;
  }
  return undefined;
}

/** Local branches, remote branches and tags, newest first (for the "two refs" picker). */
export async function listRefs(repo: RepoInfo, max = 200): Promise<string[]> {
  const r = await runGit(
    [
      'for-each-ref',
      '--sort=-committerdate',
      `--count=${max}`,
      '--format=%(refname:short)',
      'refs/heads',
      'refs/remotes',
      'refs/tags',
    ],
    { cwd: repo.root },
  );
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.endsWith('/HEAD'));
}

/** The id of the empty tree in this repository's hash (the base of a review on an unborn branch). */
export async function emptyTree(repo: RepoInfo): Promise<string> {
  return (await runGit(['hash-object', '-t', 'tree', '--stdin'], { cwd: repo.root, input: '' })).stdout.trim();
}

/**
 * `git diff <base>` of the work tree (staged and unstaged changes), followed by one "new file" diff per untracked,
 * not ignored text file (bounded: MAX_UNTRACKED_FILES, MAX_UNTRACKED_BYTES each; others are listed in `skipped`).
 */
export async function worktreeDiff(repo: RepoInfo, base: string): Promise<{ text: string; skipped: string[] }> {
  assertSafeRev(base);
  const big = { cwd: repo.root, maxOutputBytes: 512 * 1024 * 1024, timeoutMs: 300_000 };
  const [tracked, others] = await Promise.all([
    runGit(['diff', ...PLAIN_DIFF_ARGS, '-M', base, '--'], big),
    runGit(['ls-files', '--others', '--exclude-standard', '-z'], big),
  ]);
  const skipped: string[] = [];
  const parts = [tracked.stdout];
  const untracked = others.stdout.split('\0').filter((p) => p !== '');
  for (const [i, rel] of untracked.entries()) {
    if (i >= MAX_UNTRACKED_FILES) {
      skipped.push(`${untracked.length - MAX_UNTRACKED_FILES} more untracked files`);
      break;
    }
    const text = await readSmallText(path.join(repo.root, ...rel.split('/')));
    if (text === undefined) skipped.push(rel);
    else parts.push(newFileDiff(rel, text));
  }
  return { text: parts.join(''), skipped };
}

async function readSmallText(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.lstat(file);
    if (!stat.isFile() || stat.size > MAX_UNTRACKED_BYTES) return undefined;
    const bytes = await fs.readFile(file);
    return bytes.includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/** The diff git would print for a new file `rel` holding `text`. */
export function newFileDiff(rel: string, text: string): string {
  const a = quotePath(`a/${rel}`);
  const b = quotePath(`b/${rel}`);
  if (text === '') return `diff --git ${a} ${b}\nnew file mode 100644\n`;
  const lines = text.split('\n');
  const endsWithNewline = lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  const body = lines.map((l) => `+${l}`).join('\n');
  return `diff --git ${a} ${b}\nnew file mode 100644\n--- /dev/null\n+++ ${b}\n@@ -0,0 +1,${lines.length} @@\n${body}\n${endsWithNewline ? '' : '\\ No newline at end of file\n'}`;
}

/** Git's C-style quoting of a path in diff headers (core.quotePath): quotes, backslashes, controls and non-ASCII. */
export function quotePath(p: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/["\\\u0000-\u001f\u007f-\uffff]/.test(p)) return p;
  let out = '"';
  for (const byte of Buffer.from(p, 'utf8')) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x0a) out += '\\n';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

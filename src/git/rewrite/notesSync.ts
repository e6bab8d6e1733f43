/**
 * Sharing provenance notes: `fetch` copies the remote's notes ref to `refs/notes/remotes/<remote>/ai-provenance`
 * and merges it into ours; `push` merges first, then pushes (retrying when someone pushed meanwhile). Concurrent
 * notes for the same commit lose nothing: `git notes merge -s manual` leaves the conflicts, and each is resolved
 * with the union of both sides' records (unionNoteRecords), or both raw texts when either side is unreadable.
 */
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { formatNoteRecord, parseNoteRecords } from '../../core/rewrite/noteRecords';
import { unionNoteRecords } from '../../core/rewrite/recordUnion';
import { GitError, runGit, type GitResult, type GitRunOptions } from '../exec';
import { MAX_NOTE_BYTES, PROVENANCE_NOTES_REF } from '../notes';
import type { RepoInfo } from '../repo';

export interface SyncReport {
  readonly remote: string;
  /** What happened to the local notes ref. */
  readonly merge: 'none' | 'created' | 'up-to-date' | 'merged';
  /** Commits whose two notes were combined. */
  readonly conflictsResolved: number;
  readonly pushed?: boolean;
}

export class NotesSyncError extends Error {}

function remoteRef(remote: string): string {
  return `refs/notes/remotes/${remote}/ai-provenance`;
}

/** A configured remote's name: it becomes part of a ref name, so never an option, a URL or `..`. */
async function checkRemote(git: Git, remote: string): Promise<void> {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/.test(remote) || remote.includes('..') || remote.endsWith('.lock')) {
    throw new NotesSyncError(`invalid remote name ${JSON.stringify(remote)}`);
  }
  if ((await git(['config', '--get', `remote.${remote}.url`], { okExitCodes: [1] })).code !== 0) {
    throw new NotesSyncError(`no remote named ${JSON.stringify(remote)} (see git remote -v)`);
  }
}

type Git = (args: readonly string[], options?: Omit<GitRunOptions, 'cwd'>) => Promise<GitResult>;

function gitIn(repo: RepoInfo): Git {
  return (args, options = {}) => runGit(args, { timeoutMs: 120_000, ...options, cwd: repo.root, env: { LC_ALL: 'C', ...options.env } });
}

async function refExists(git: Git, ref: string): Promise<boolean> {
  return (await git(['rev-parse', '--verify', '--quiet', ref], { okExitCodes: [1] })).code === 0;
}

async function noteText(git: Git, ref: string, commit: string): Promise<string> {
  const result = await git(['notes', '--ref', ref, 'show', commit], { okExitCodes: [1], maxOutputBytes: MAX_NOTE_BYTES });
  return result.code === 0 ? result.stdout : '';
}

/** The union of two versions of one commit's note. */
export function mergeNoteTexts(local: string, remote: string): string {
  const a = parseNoteRecords(local);
  const b = parseNoteRecords(remote);
  if (a.errors.length > 0 || b.errors.length > 0) {
    // Something we cannot read: keep both texts whole rather than drop a byte.
    return [local.trimEnd(), remote.trimEnd()].filter((t) => t !== '').join('\n\n') + '\n';
  }
  return unionNoteRecords([...a.records, ...b.records]).map(formatNoteRecord).join('\n');
}

async function mergeFetched(repo: RepoInfo, git: Git, remote: string): Promise<Pick<SyncReport, 'merge' | 'conflictsResolved'>> {
  const theirs = remoteRef(remote);
  if (!(await refExists(git, theirs))) return { merge: 'none', conflictsResolved: 0 };
  if (!(await refExists(git, PROVENANCE_NOTES_REF))) {
    await git(['update-ref', PROVENANCE_NOTES_REF, theirs]);
    return { merge: 'created', conflictsResolved: 0 };
  }
  const gitDir = (await git(['rev-parse', '--git-common-dir'])).stdout.trim();
  const worktree = path.resolve(repo.root, gitDir, 'NOTES_MERGE_WORKTREE');
  // A merge left unfinished (e.g. a crash) would block this one.
  if (await fs.stat(path.resolve(repo.root, gitDir, 'NOTES_MERGE_PARTIAL')).then(() => true, () => false)) {
    await git(['notes', '--ref', PROVENANCE_NOTES_REF, 'merge', '--abort'], { okExitCodes: [1, 128] });
  }
  const before = (await git(['rev-parse', PROVENANCE_NOTES_REF])).stdout.trim();
  const result = await git(['notes', '--ref', PROVENANCE_NOTES_REF, 'merge', '-s', 'manual', '-q', theirs], { okExitCodes: [1] });
  if (result.code === 0) {
    const after = (await git(['rev-parse', PROVENANCE_NOTES_REF])).stdout.trim();
    return { merge: after === before ? 'up-to-date' : 'merged', conflictsResolved: 0 };
  }
  let resolved = 0;
  try {
    for (const name of await fs.readdir(worktree)) {
      if (!/^[0-9a-f]{40,64}$/.test(name)) continue;
      const merged = mergeNoteTexts(await noteText(git, PROVENANCE_NOTES_REF, name), await noteText(git, theirs, name));
      await fs.writeFile(path.join(worktree, name), merged);
      resolved++;
    }
    await git(['notes', '--ref', PROVENANCE_NOTES_REF, 'merge', '--commit']);
  } catch (err) {
    await git(['notes', '--ref', PROVENANCE_NOTES_REF, 'merge', '--abort'], { okExitCodes: [1, 128] });
    throw err;
  }
  return { merge: 'merged', conflictsResolved: resolved };
}

/** Fetches `remote`'s provenance notes and merges them into ours. */
export async function fetchNotes(repo: RepoInfo, remote = 'origin'): Promise<SyncReport> {
  const git = gitIn(repo);
  await checkRemote(git, remote);
  const fetched = await git(['fetch', '--quiet', '--no-tags', remote, `+${PROVENANCE_NOTES_REF}:${remoteRef(remote)}`], { okExitCodes: [128] });
  if (fetched.code !== 0) {
    if (/couldn't find remote ref/i.test(fetched.stderr)) return { remote, merge: 'none', conflictsResolved: 0 };
    throw new GitError('exit', ['fetch', remote], repo.root, fetched.code, fetched.stderr, 'failed');
  }
  return { remote, ...(await mergeFetched(repo, git, remote)) };
}

/** Merges the remote's notes into ours, then pushes ours; retries when the remote moved in between. */
export async function pushNotes(repo: RepoInfo, remote = 'origin', attempts = 3): Promise<SyncReport> {
  const git = gitIn(repo);
  await checkRemote(git, remote);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const last = await fetchNotes(repo, remote);
    if (!(await refExists(git, PROVENANCE_NOTES_REF))) return { ...last, pushed: false };
    const pushed = await git(['push', '--quiet', remote, `${PROVENANCE_NOTES_REF}:${PROVENANCE_NOTES_REF}`], { okExitCodes: [1] });
    if (pushed.code === 0) return { ...last, pushed: true };
    if (!/rejected|non-fast-forward|fetch first/i.test(pushed.stderr)) {
      throw new GitError('exit', ['push', remote], repo.root, pushed.code, pushed.stderr, 'failed');
    }
  }
  throw new NotesSyncError(`the remote's notes kept changing; gave up after ${attempts} attempts`);
}

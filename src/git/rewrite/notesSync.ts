/**
 * Sharing provenance and sign-off notes: `fetch` copies the remote's notes refs to
 * `refs/notes/remotes/<remote>/ai-provenance*` and merges them into ours; `push` merges first, then pushes (retrying
 * when someone pushed meanwhile). Concurrent notes for the same commit lose nothing (see notesMerge.ts). The
 * reference-transaction hook calls mergeRemoteNotes when a plain `git fetch` brought them (see notesShare.ts).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { backoffDelayMs, pushRejection } from '../../core/rewrite/retryBackoff';
import { GitError, runGit } from '../exec';
import { withLock } from '../fileLock';
import { NOTES_SYNC_ENV } from '../hooks/hookScripts';
import { PROVENANCE_NOTES_REF, SIGNOFF_NOTES_REF } from '../notes';
import type { RepoInfo } from '../repo';
import { STATE_DIR_NAME, log } from '../stateLog';
import {
  NO_MERGE,
  mergeNoteTexts,
  mergeNotesRef,
  mergeSignoffTexts,
  refExists,
  type Git,
  type KeptUnmerged,
  type RefMerge,
} from './notesMerge';

export { mergeSignoffTexts, type KeptUnmerged } from './notesMerge';

export interface SyncReport extends RefMerge {
  readonly remote: string;
  /** The same for the sign-off notes (refs/notes/ai-provenance-signoff). */
  readonly signoff: RefMerge;
  readonly pushed?: boolean;
  /** Push rounds used (1 when the first push went through). */
  readonly attempts?: number;
}

export interface SyncOptions {
  /** Per git call; default 120 s. */
  readonly timeoutMs?: number;
  /** Push with --no-verify: the automatic push after the user's own must not run their pre-push checks again. */
  readonly noVerify?: boolean;
  /** [0, 1) for the retry jitter; default Math.random. */
  readonly random?: () => number;
  /** Waits between push rounds; default a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Push rounds (fetch -> merge -> push) before pushNotes gives up: enough for a handful of concurrent pushers. */
export const DEFAULT_PUSH_ATTEMPTS = 8;

export class NotesSyncError extends Error {}

/** The notes refs we share, each with how two versions of one commit's note combine. */
export const SHARED_NOTES_REFS: ReadonlyArray<{
  readonly ref: string;
  readonly combine: (local: string, remote: string) => string;
}> = [
  { ref: PROVENANCE_NOTES_REF, combine: mergeNoteTexts },
  { ref: SIGNOFF_NOTES_REF, combine: mergeSignoffTexts },
];

/** Where a fetch keeps `remote`'s copy of notes ref `ref` (refs/notes/X -> refs/notes/remotes/<remote>/X). */
function remoteNotesRef(remote: string, ref = PROVENANCE_NOTES_REF): string {
  return `refs/notes/remotes/${remote}/${ref.slice('refs/notes/'.length)}`;
}

/** The fetch refspec that brings every shared notes ref; a glob, so a remote without notes does not fail the fetch. */
export function notesFetchRefspec(remote: string): string {
  return `+${PROVENANCE_NOTES_REF}*:${remoteNotesRef(remote)}*`;
}

/** A remote's name goes into ref names and config keys: never an option, a URL or `..`. */
export function isValidRemoteName(remote: string): boolean {
  return (
    /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/.test(remote) &&
    !remote.includes('..') &&
    !remote.endsWith('.lock') &&
    remote.length <= 200
  );
}

/** Throws NotesSyncError unless `remote` is a valid name of a configured remote. */
export async function assertRemote(repo: RepoInfo, remote: string): Promise<void> {
  if (!isValidRemoteName(remote)) throw new NotesSyncError(`invalid remote name ${JSON.stringify(remote)}`);
  if ((await gitIn(repo)(['config', '--get', `remote.${remote}.url`], { okExitCodes: [1] })).code !== 0) {
    throw new NotesSyncError(`no remote named ${JSON.stringify(remote)} (see git remote -v)`);
  }
}

/** git in the work tree, with the marker that keeps our own hooks from reacting to these gits. */
function gitIn(repo: RepoInfo, options: SyncOptions = {}): Git {
  return (args, run = {}) =>
    runGit(args, {
      timeoutMs: options.timeoutMs ?? 120_000,
      ...run,
      cwd: repo.root,
      env: { LC_ALL: 'C', [NOTES_SYNC_ENV]: '1', ...run.env },
    });
}

/**
 * Merges the already fetched `refs/notes/remotes/<remote>/...` refs into ours, one merge at a time per repository
 * (a plain fetch's hook and a background push may both get here).
 */
export async function mergeRemoteNotes(
  repo: RepoInfo,
  remote: string,
  refs: readonly string[] = SHARED_NOTES_REFS.map((r) => r.ref),
  options: SyncOptions = {},
): Promise<Omit<SyncReport, 'pushed'>> {
  if (!isValidRemoteName(remote)) throw new NotesSyncError(`invalid remote name ${JSON.stringify(remote)}`);
  const git = gitIn(repo, options);
  const lock = path.join(repo.commonDir, STATE_DIR_NAME, 'notes-merge.lock');
  await fs.mkdir(path.dirname(lock), { recursive: true });
  return withLock(
    lock,
    async () => {
      const results: RefMerge[] = [];
      for (const { ref, combine } of SHARED_NOTES_REFS) {
        const result = refs.includes(ref)
          ? await mergeNotesRef(git, repo.root, ref, remoteNotesRef(remote, ref), combine)
          : NO_MERGE;
        for (const kept of result.keptUnmerged) await log(repo.gitDir, keptUnmergedMessage(ref, remote, kept));
        results.push(result);
      }
      return { remote, ...results[0], signoff: results[1] };
    },
    { maxWaitMs: 60_000, staleMs: 10 * 60_000 },
  );
}

/** The log line for a commit whose two notes could not be combined. */
export function keptUnmergedMessage(ref: string, remote: string, kept: KeptUnmerged): string {
  const other = kept.kept === 'ours' ? `${remote}'s note (blob ${kept.theirs})` : `our note (blob ${kept.ours})`;
  return `notes merge ${ref}: commit ${kept.commit}: kept ${kept.kept === 'ours' ? 'our' : `${remote}'s`} note as it is, not merged with ${other}: ${kept.why}; the other note stays in the notes history (parent of the merge)`;
}

/** Fetches `remote`'s provenance and sign-off notes and merges them into ours. */
export async function fetchNotes(
  repo: RepoInfo,
  remote = 'origin',
  options: SyncOptions = {},
): Promise<Omit<SyncReport, 'pushed'>> {
  await assertRemote(repo, remote);
  const git = gitIn(repo, options);
  const fetched = await git(
    ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', remote, notesFetchRefspec(remote)],
    { okExitCodes: [1, 128] },
  );
  if (fetched.code !== 0)
    throw new GitError('exit', ['fetch', remote], repo.root, fetched.code, fetched.stderr, 'failed');
  return mergeRemoteNotes(repo, remote, undefined, options);
}

/**
 * Merges the remote's notes into ours, then pushes ours; when the remote moved in between, fetches, merges and
 * pushes again after a growing, jittered wait, at most `attempts` rounds. The push is atomic (both notes refs or
 * neither), and our local ref only ever holds complete merges, so a rejected round leaves nothing half-merged.
 */
export async function pushNotes(
  repo: RepoInfo,
  remote = 'origin',
  attempts = DEFAULT_PUSH_ATTEMPTS,
  options: SyncOptions = {},
): Promise<SyncReport> {
  await assertRemote(repo, remote);
  const git = gitIn(repo, options);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let atomic = true;
  const kept: KeptUnmerged[] = [];
  let resolved = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoffDelayMs(attempt - 1, random));
    const last = await fetchNotes(repo, remote, options);
    resolved += last.conflictsResolved;
    kept.push(...last.keptUnmerged);
    const summary = { ...last, conflictsResolved: resolved, keptUnmerged: [...kept], attempts: attempt };
    const refspecs: string[] = [];
    for (const { ref } of SHARED_NOTES_REFS) if (await refExists(git, ref)) refspecs.push(`${ref}:${ref}`);
    if (refspecs.length === 0) return { ...summary, pushed: false };
    const push = (withAtomic: boolean) =>
      git(
        [
          'push',
          '--quiet',
          '--porcelain',
          ...(withAtomic ? ['--atomic'] : []),
          ...(options.noVerify ? ['--no-verify'] : []),
          remote,
          ...refspecs,
        ],
        { okExitCodes: [1, 128] },
      );
    let pushed = await push(atomic);
    if (
      atomic &&
      pushed.code !== 0 &&
      /does not support --atomic|atomic push/i.test(pushed.stderr) &&
      !/\[rejected\]|\[remote rejected\]/.test(pushed.stdout + pushed.stderr)
    ) {
      atomic = false; // an old server: refs one by one (each still fast-forward only)
      pushed = await push(false);
    }
    if (pushed.code === 0) return { ...summary, pushed: true };
    // Only a ref that moved is worth another round; a server hook or missing permission is final.
    if (pushRejection(`${pushed.stdout}\n${pushed.stderr}`) === 'final') {
      throw new GitError(
        'exit',
        ['push', remote],
        repo.root,
        pushed.code,
        `${pushed.stderr}\n${pushed.stdout}`.trim(),
        'failed',
      );
    }
  }
  throw new NotesSyncError(
    `the remote's notes kept changing; gave up after ${attempts} attempts (local notes are merged and intact; push again later)`,
  );
}

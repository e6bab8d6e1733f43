/**
 * Opting a remote in to carry provenance notes with the user's own fetches and pushes (`ai-provenance notes share`).
 * Fetch: a glob fetch refspec in `remote.<r>.fetch` copies the remote's notes refs to refs/notes/remotes/<r>/, and the
 * reference-transaction hook merges them. Push: NOT a `remote.<r>.push` refspec (any such value makes a plain
 * `git push` push only the configured refspecs instead of following push.default); the pre-push hook starts a
 * detached notes push instead. The opted-in remotes are listed in the multi-valued `aiprovenance.shareNotes`.
 */
import { runGit, type GitRunner, type GitRunOptions } from '../exec';
import { SHARE_NOTES_KEY } from '../hooks/hookScripts';
import { hooksStatus, type HookState } from '../hooks/install';
import type { RepoInfo } from '../repo';
import { NotesSyncError, assertRemote, isValidRemoteName, notesFetchRefspec } from './notesSync';

/** Remotes whose fetch refspec `share` added (so `unshare` removes it, and only it). */
const ADDED_FETCH_KEY = 'aiprovenance.shareNotesAddedFetch';

export interface ShareResult {
  readonly fetchRefspecAdded: boolean;
  readonly remoteAdded: boolean;
}

export interface UnshareResult {
  readonly fetchRefspecRemoved: boolean;
  readonly remoteRemoved: boolean;
}

export interface RemoteShareState {
  readonly name: string;
  /** Listed in aiprovenance.shareNotes. */
  readonly shared: boolean;
  /** Our fetch refspec is in remote.<name>.fetch. */
  readonly fetchRefspec: boolean;
}

export interface NotesShareStatus {
  readonly remotes: readonly RemoteShareState[];
  /** The hooks that carry the notes: reference-transaction merges after a fetch, pre-push pushes. */
  readonly hooks: { readonly referenceTransaction: HookState; readonly prePush: HookState };
  /** Both hooks are installed: sharing works for plain git fetch and push. */
  readonly hooksReady: boolean;
}

function git(repo: RepoInfo, args: readonly string[], runner?: GitRunner, okExitCodes: number[] = []) {
  const options: GitRunOptions = { cwd: repo.root, okExitCodes };
  return runner ? runner.run(args, options) : runGit(args, options);
}

async function getAll(repo: RepoInfo, key: string, runner?: GitRunner): Promise<string[]> {
  const result = await git(repo, ['config', '--get-all', key], runner, [1]);
  return result.code === 0 ? result.stdout.split('\n').filter((l) => l !== '') : [];
}

/** Adds `value` to multi-valued `key` unless it is there already; true when added. */
async function addOnce(repo: RepoInfo, key: string, value: string, runner?: GitRunner): Promise<boolean> {
  if ((await getAll(repo, key, runner)).includes(value)) return false;
  await git(repo, ['config', '--add', key, value], runner);
  return true;
}

/** Removes the values of `key` equal to `value` (other values untouched); true when there was one. */
async function removeValue(repo: RepoInfo, key: string, value: string, runner?: GitRunner): Promise<boolean> {
  if (!(await getAll(repo, key, runner)).includes(value)) return false;
  const exact = `^${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
  await git(repo, ['config', '--unset-all', key, exact], runner, [5]);
  return true;
}

/** Names of the configured remotes (`git remote`). */
export async function listRemotes(repo: RepoInfo, runner?: GitRunner): Promise<string[]> {
  return (await git(repo, ['remote'], runner)).stdout.split('\n').filter((l) => l !== '');
}

/** Remotes listed in aiprovenance.shareNotes (configured or not), without duplicates. */
export async function sharedRemotes(repo: RepoInfo, runner?: GitRunner): Promise<string[]> {
  return [...new Set(await getAll(repo, SHARE_NOTES_KEY, runner))];
}

/** Makes plain `git fetch`/`git push` with `remote` carry provenance notes. Idempotent; never touches remote.<r>.push. */
export async function shareNotes(repo: RepoInfo, remote: string, runner?: GitRunner): Promise<ShareResult> {
  await assertRemote(repo, remote);
  const fetchRefspecAdded = await addOnce(repo, `remote.${remote}.fetch`, notesFetchRefspec(remote), runner);
  if (fetchRefspecAdded) await addOnce(repo, ADDED_FETCH_KEY, remote, runner);
  const remoteAdded = await addOnce(repo, SHARE_NOTES_KEY, remote, runner);
  return { fetchRefspecAdded, remoteAdded };
}

/** Undoes shareNotes: its config value, and the fetch refspec only if share added it. Other values stay as they were. */
export async function unshareNotes(repo: RepoInfo, remote: string, runner?: GitRunner): Promise<UnshareResult> {
  // The remote itself may be gone already; its name must still be one share could have written.
  if (!isValidRemoteName(remote)) throw new NotesSyncError(`invalid remote name ${JSON.stringify(remote)}`);
  const remoteRemoved = await removeValue(repo, SHARE_NOTES_KEY, remote, runner);
  let fetchRefspecRemoved = false;
  if (await removeValue(repo, ADDED_FETCH_KEY, remote, runner)) {
    fetchRefspecRemoved = await removeValue(repo, `remote.${remote}.fetch`, notesFetchRefspec(remote), runner);
  }
  return { fetchRefspecRemoved, remoteRemoved };
}

/** Every configured remote with its share state, and whether the hooks that carry the notes are installed. */
export async function notesShareStatus(repo: RepoInfo, runner?: GitRunner): Promise<NotesShareStatus> {
  const shared = new Set(await sharedRemotes(repo, runner));
  const remotes: RemoteShareState[] = [];
  for (const name of await listRemotes(repo, runner)) {
    const fetchRefspec = (await getAll(repo, `remote.${name}.fetch`, runner)).includes(notesFetchRefspec(name));
    remotes.push({ name, shared: shared.has(name), fetchRefspec });
  }
  const states = (await hooksStatus(repo, runner)).hooks;
  const stateOf = (hook: string): HookState => states.find((h) => h.hook === hook)?.state ?? 'missing';
  const hooks = { referenceTransaction: stateOf('reference-transaction'), prePush: stateOf('pre-push') };
  return { remotes, hooks, hooksReady: hooks.referenceTransaction === 'installed' && hooks.prePush === 'installed' };
}

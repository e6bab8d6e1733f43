/**
 * The git config that makes git itself copy provenance notes when commits are rewritten (`notes.rewriteRef`,
 * `notes.rewrite.amend|rebase`). Our post-rewrite hook then recomputes each copy; git's copy is the fallback when
 * the hook cannot run. Only values we add are recorded, so uninstall removes exactly those.
 */
import { runGit, type GitRunner } from '../exec';
import { PROVENANCE_NOTES_REF } from '../notes';
import type { RepoInfo } from '../repo';

export interface NotesConfigChanges {
  /** We added our ref to notes.rewriteRef. */
  readonly rewriteRefAdded: boolean;
  /** Keys we set to true because they were unset. */
  readonly keysSet: readonly string[];
}

export interface NotesConfigState {
  readonly rewriteRef: boolean;
  /** `notes.rewrite.<cmd>` explicitly set to false: git will not copy notes for that command. */
  readonly disabled: readonly string[];
}

const REWRITE_KEYS = ['notes.rewrite.amend', 'notes.rewrite.rebase'];

function git(repo: RepoInfo, args: string[], runner?: GitRunner, okExitCodes: number[] = []) {
  const options = { cwd: repo.root, okExitCodes };
  return runner ? runner.run(args, options) : runGit(args, options);
}

async function getAll(repo: RepoInfo, key: string, runner?: GitRunner): Promise<string[]> {
  const result = await git(repo, ['config', '--get-all', key], runner, [1]);
  return result.code === 0 ? result.stdout.split('\n').filter((l) => l !== '') : [];
}

export async function notesConfigState(repo: RepoInfo, runner?: GitRunner): Promise<NotesConfigState> {
  const refs = await getAll(repo, 'notes.rewriteRef', runner);
  const disabled: string[] = [];
  for (const key of REWRITE_KEYS) {
    const result = await git(repo, ['config', '--type=bool', '--get', key], runner, [1, 128]);
    if (result.code === 0 && result.stdout.trim() === 'false') disabled.push(key);
  }
  return { rewriteRef: refs.includes(PROVENANCE_NOTES_REF), disabled };
}

export async function applyNotesConfig(repo: RepoInfo, runner?: GitRunner): Promise<NotesConfigChanges> {
  let rewriteRefAdded = false;
  if (!(await getAll(repo, 'notes.rewriteRef', runner)).includes(PROVENANCE_NOTES_REF)) {
    await git(repo, ['config', '--add', 'notes.rewriteRef', PROVENANCE_NOTES_REF], runner);
    rewriteRefAdded = true;
  }
  const keysSet: string[] = [];
  for (const key of REWRITE_KEYS) {
    // Unset means true already; setting it explicitly documents the dependency. An explicit false is the user's.
    if ((await getAll(repo, key, runner)).length === 0) {
      await git(repo, ['config', key, 'true'], runner);
      keysSet.push(key);
    }
  }
  return { rewriteRefAdded, keysSet };
}

export async function revertNotesConfig(
  repo: RepoInfo,
  changes: NotesConfigChanges,
  runner?: GitRunner,
): Promise<void> {
  if (changes.rewriteRefAdded) {
    const pattern = `^${PROVENANCE_NOTES_REF.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
    await git(repo, ['config', '--unset-all', 'notes.rewriteRef', pattern], runner, [5]);
  }
  for (const key of changes.keysSet) {
    await git(repo, ['config', '--unset', key], runner, [5]);
  }
}

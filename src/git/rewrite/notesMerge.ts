/**
 * Lossless merge of an already fetched notes ref into ours. `git notes merge -s manual` merges the notes trees and
 * leaves the commits annotated on both sides in NOTES_MERGE_WORKTREE; each is resolved by a per-ref combine:
 * provenance notes by the union of both sides' records, sign-off notes by the union of their entries. The merge
 * commit keeps both sides as parents, so even a text we could not combine stays in the notes history.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mergeNoteTexts, mergeSignoffTexts } from '../../core/rewrite/noteTextMerge';
import type { GitResult, GitRunOptions } from '../exec';
import { MAX_NOTE_BYTES } from '../notes';

export { mergeNoteTexts, mergeSignoffTexts };

export type Git = (args: readonly string[], options?: Omit<GitRunOptions, 'cwd'>) => Promise<GitResult>;

export interface RefMerge {
  /** What happened to the local notes ref. */
  readonly merge: 'none' | 'created' | 'up-to-date' | 'merged';
  /** Commits whose two notes were combined. */
  readonly conflictsResolved: number;
}

export async function refExists(git: Git, ref: string): Promise<boolean> {
  return (await git(['rev-parse', '--verify', '--quiet', ref], { okExitCodes: [1] })).code === 0;
}

async function noteText(git: Git, ref: string, commit: string): Promise<string> {
  const result = await git(['notes', '--ref', ref, 'show', commit], { okExitCodes: [1], maxOutputBytes: MAX_NOTE_BYTES });
  return result.code === 0 ? result.stdout : '';
}

async function gitPathOf(git: Git, root: string, name: string): Promise<string> {
  return path.resolve(root, (await git(['rev-parse', '--git-path', name])).stdout.trim());
}

/**
 * Merges notes ref `theirs` into `ours` (created from it when we have none). The caller serialises merges: git
 * keeps one NOTES_MERGE_WORKTREE per worktree.
 */
export async function mergeNotesRef(git: Git, root: string, ours: string, theirs: string, combine: (local: string, remote: string) => string): Promise<RefMerge> {
  if (!(await refExists(git, theirs))) return { merge: 'none', conflictsResolved: 0 };
  if (!(await refExists(git, ours))) {
    await git(['update-ref', ours, theirs]);
    return { merge: 'created', conflictsResolved: 0 };
  }
  // A merge left unfinished (e.g. a crash) would block this one.
  if (await fs.stat(await gitPathOf(git, root, 'NOTES_MERGE_PARTIAL')).then(() => true, () => false)) {
    await git(['notes', '--ref', ours, 'merge', '--abort'], { okExitCodes: [1, 128] });
  }
  const before = (await git(['rev-parse', ours])).stdout.trim();
  const result = await git(['notes', '--ref', ours, 'merge', '-s', 'manual', '-q', theirs], { okExitCodes: [1] });
  if (result.code === 0) {
    const after = (await git(['rev-parse', ours])).stdout.trim();
    return { merge: after === before ? 'up-to-date' : 'merged', conflictsResolved: 0 };
  }
  const worktree = await gitPathOf(git, root, 'NOTES_MERGE_WORKTREE');
  let resolved = 0;
  try {
    for (const name of await fs.readdir(worktree)) {
      if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(name)) continue;
      const merged = combine(await noteText(git, ours, name), await noteText(git, theirs, name));
      await fs.writeFile(path.join(worktree, name), merged);
      resolved++;
    }
    await git(['notes', '--ref', ours, 'merge', '--commit']);
  } catch (err) {
    await git(['notes', '--ref', ours, 'merge', '--abort'], { okExitCodes: [1, 128] });
    throw err;
  }
  return { merge: 'merged', conflictsResolved: resolved };
}

/**
 * The notes of a ref with their sizes, from one `git ls-tree -r -l`: the listing `git notes list` gives plus the
 * blob sizes, so oversized notes are known before anything is read.
 */
import { runGit, type GitRunner } from '../exec';
import type { RepoInfo } from '../repo';

export interface NoteBlob {
  readonly blob: string;
  readonly size: number;
}

const ENTRY = /^[0-7]{6} blob ([0-9a-f]{40,64}) +(\d+)\t([0-9a-f/]+)$/;

/** Annotated commit -> its note blob and size. Empty when the ref does not exist. */
export async function listNotesSized(repo: RepoInfo, ref: string, runner?: GitRunner): Promise<Map<string, NoteBlob>> {
  const out = new Map<string, NoteBlob>();
  if (!/^refs\/notes\/[A-Za-z0-9._/-]+$/.test(ref) || ref.includes('..'))
    throw new Error(`invalid notes ref ${JSON.stringify(ref)}`);
  const args = ['ls-tree', '-r', '-l', '--full-tree', ref, '--'];
  const result = await (runner ?? { run: runGit }).run(args, {
    cwd: repo.root,
    okExitCodes: [128],
    maxOutputBytes: 512 * 1024 * 1024,
  });
  if (result.code !== 0) return out;
  for (const line of result.stdout.split('\n')) {
    const m = ENTRY.exec(line);
    if (!m) continue;
    // Notes trees fan out by leading digits (ab/cdef...): the path without slashes is the annotated object.
    const commit = m[3].replace(/\//g, '');
    if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commit)) out.set(commit, { blob: m[1], size: Number(m[2]) });
  }
  return out;
}

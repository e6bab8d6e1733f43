/**
 * Git notes that carry provenance: one Agent Trace record (JSON) per commit on `refs/notes/ai-provenance`, and
 * sign-off records on their own ref. Notes come from other people's clones, so reads are size-bounded and callers
 * parse them as hostile input (src/core/commit parseAgentTrace).
 */
import { CatFileBatch } from './catFileBatch';
import { GitError, runGit, type GitRunner } from './exec';
import type { RepoInfo } from './repo';

export const PROVENANCE_NOTES_REF = 'refs/notes/ai-provenance';
export const SIGNOFF_NOTES_REF = 'refs/notes/ai-provenance-signoff';

/** Largest note we read; bigger ones are reported as oversized and never parsed. */
export const MAX_NOTE_BYTES = 8 * 1024 * 1024;

export type NoteRead =
  { readonly commit: string; readonly text: string } | { readonly commit: string; readonly oversized: number };

function run(repo: RepoInfo, args: string[], runner?: GitRunner, input?: string) {
  const options = { cwd: repo.root, ...(input === undefined ? {} : { input }) };
  return runner ? runner.run(args, options) : runGit(args, options);
}

/** Attaches `text` to `commit` (replacing an existing note). */
export async function writeNote(
  repo: RepoInfo,
  commit: string,
  text: string,
  ref = PROVENANCE_NOTES_REF,
  runner?: GitRunner,
): Promise<void> {
  await run(repo, ['notes', '--ref', ref, 'add', '-f', '-F', '-', commit], runner, text);
}

/** Every annotated commit on `ref`: commit id -> note blob id. Empty when the ref does not exist. */
export async function listNotes(
  repo: RepoInfo,
  ref = PROVENANCE_NOTES_REF,
  runner?: GitRunner,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let stdout: string;
  try {
    stdout = (await run(repo, ['notes', '--ref', ref, 'list'], runner)).stdout;
  } catch (err) {
    if (err instanceof GitError && err.kind === 'exit') return out;
    throw err;
  }
  for (const line of stdout.split('\n')) {
    const m = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64})$/.exec(line.trim());
    if (m) out.set(m[2], m[1]);
  }
  return out;
}

/** Reads the notes of `commits` in one `git cat-file --batch` process. Commits without a note are absent. */
export async function readNotes(
  repo: RepoInfo,
  commits: Iterable<string>,
  ref = PROVENANCE_NOTES_REF,
  runner?: GitRunner,
): Promise<Map<string, NoteRead>> {
  const index = await listNotes(repo, ref, runner);
  const wanted = [...new Set(commits)].filter((c) => index.has(c));
  const result = new Map<string, NoteRead>();
  if (wanted.length === 0) return result;
  const batch = new CatFileBatch(repo.root);
  try {
    const objects = await batch.readMany(wanted.map((c) => index.get(c) as string));
    wanted.forEach((commit, i) => {
      const obj = objects[i];
      if (!obj) return;
      result.set(
        commit,
        obj.size > MAX_NOTE_BYTES ? { commit, oversized: obj.size } : { commit, text: obj.content.toString('utf8') },
      );
    });
  } finally {
    batch.close();
  }
  return result;
}

/** The note of one commit, or undefined. */
export async function readNote(
  repo: RepoInfo,
  commit: string,
  ref = PROVENANCE_NOTES_REF,
  runner?: GitRunner,
): Promise<NoteRead | undefined> {
  return (await readNotes(repo, [commit], ref, runner)).get(commit);
}

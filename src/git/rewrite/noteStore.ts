/**
 * Reading and writing provenance notes from the hooks: every note may hold several records (git concatenates on
 * rewrite), each parsed as hostile input; writes always leave exactly one record.
 */
import type { AgentTraceRecord } from '../../core/commit/agentTrace';
import { formatNoteRecord, parseNoteRecords } from '../../core/rewrite/noteRecords';
import { GitError } from '../exec';
import { MAX_NOTE_BYTES, PROVENANCE_NOTES_REF, listNotes } from '../notes';
import type { BlobReader } from '../commit/blobs';
import type { HookContext } from '../commit/hookContext';
import { logDrop } from '../dropLog';
import { notesWriteConfig } from '../hooks/ownHooks';

/** Above this many commits one `git notes list` of the whole ref is cheaper than one lookup per commit. */
const LIST_ALL_THRESHOLD = 8;

async function noteBlobIds(ctx: HookContext, commits: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (commits.length === 0) return out;
  if (commits.length > LIST_ALL_THRESHOLD) {
    const all = await listNotes(ctx.repo, PROVENANCE_NOTES_REF, ctx.runner);
    for (const c of commits) {
      const blob = all.get(c);
      if (blob) out.set(c, blob);
    }
    return out;
  }
  for (const c of commits) {
    const result = await ctx.git(['notes', '--ref', PROVENANCE_NOTES_REF, 'list', c], { okExitCodes: [1] });
    const blob = result.stdout.trim();
    if (result.code === 0 && /^[0-9a-f]{40,64}$/.test(blob)) out.set(c, blob);
  }
  return out;
}

/** Records of each commit that has a note; unreadable parts are logged and skipped. */
export async function readProvenanceRecords(
  ctx: HookContext,
  blobs: BlobReader,
  commits: readonly string[],
): Promise<Map<string, AgentTraceRecord[]>> {
  const ids = await noteBlobIds(ctx, [...new Set(commits)]);
  const out = new Map<string, AgentTraceRecord[]>();
  for (const [commit, blob] of ids) {
    const text = await blobs.raw(blob, MAX_NOTE_BYTES);
    if (text === undefined) {
      await logDrop(ctx, 'notes', `note of ${commit}`, `missing or larger than ${MAX_NOTE_BYTES} bytes; ignored`);
      continue;
    }
    const { records, errors } = parseNoteRecords(text);
    for (const e of errors) await logDrop(ctx, 'notes', `part of the note of ${commit}`, e);
    if (records.length > 0) out.set(commit, records);
  }
  return out;
}

export async function writeProvenanceRecord(ctx: HookContext, commit: string, record: AgentTraceRecord): Promise<void> {
  await ctx.git(
    [...notesWriteConfig(ctx.hooksDir), 'notes', '--ref', PROVENANCE_NOTES_REF, 'add', '-f', '-F', '-', commit],
    { input: formatNoteRecord(record) },
  );
}

export async function removeProvenanceNote(ctx: HookContext, commit: string): Promise<void> {
  try {
    await ctx.git(['notes', '--ref', PROVENANCE_NOTES_REF, 'remove', '--ignore-missing', commit]);
  } catch (err) {
    if (!(err instanceof GitError && err.kind === 'exit')) throw err;
  }
}

/**
 * post-rewrite `amend|rebase` (stdin: `<old> <new>` per rewritten commit). For each new commit, the notes of the
 * commits it replaces are carried onto its content through the line diff (reorders and edits renumber lines;
 * squash and fixup combine several; dropped commits are simply not listed), together with any record post-commit
 * already wrote for the new commit itself. The result replaces whatever note git copied (with
 * notes.rewriteRef, git concatenates the old notes onto the new commit first).
 */
import { randomBytes } from 'node:crypto';
import { buildAgentTrace, type AgentTraceRecord } from '../../core/commit/agentTrace';
import { splitLines, type AttributedFile } from '../../core/commit/lines';
import { parseRewriteList, type Rewrite } from '../../core/rewrite/gitText';
import { overlayLineMaps } from '../../core/rewrite/mapLines';
import { BlobReader } from '../commit/blobs';
import type { HookContext } from '../commit/hookContext';
import { TOOL_VERSION } from '../commit/postCommit';
import { mapRecordsOnto, type MapTarget, type RecordSource } from './mapRecords';
import { readProvenanceRecords, removeProvenanceNote, writeProvenanceRecord } from './noteStore';
import { logDrop } from '../dropLog';

/** The record `rewrite.target` should carry, or undefined when none of its sources has an AI line left in it. */
async function rewrittenRecord(
  ctx: HookContext,
  blobs: BlobReader,
  rewrite: Rewrite,
  notes: ReadonlyMap<string, AgentTraceRecord[]>,
): Promise<AgentTraceRecord | undefined> {
  const { target } = rewrite;
  // Records already about the new commit (post-commit during an amend or an `edit` stop) saw the lines last.
  const fresh = (notes.get(target) ?? [])
    .filter((r) => r.vcs?.revision === target)
    .map((record) => ({ record, commit: target }));
  const olds: RecordSource[] = [...rewrite.olds]
    .reverse()
    .flatMap((commit) => (notes.get(commit) ?? []).map((record) => ({ record, commit })));
  const mapTarget: MapTarget = {
    text: (path) => blobs.text(`${target}:${path}`),
    renameDiffArgs: (revision) => [revision, target],
  };
  const mapped = await mapRecordsOnto(ctx, blobs, [...fresh, ...olds], mapTarget);
  const files: AttributedFile[] = [];
  for (const [path, maps] of [...mapped].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const lines = overlayLineMaps(maps);
    const text = await blobs.text(`${target}:${path}`);
    if (lines.size === 0 || text === undefined) continue;
    files.push({
      path,
      lines: splitLines(text).map((t, i) => {
        const a = lines.get(i + 1);
        return a ? { text: t, cls: a.cls, origins: a.origins } : { text: t, cls: 'human' as const, origins: [] };
      }),
    });
  }
  const record = buildAgentTrace(files, {
    revision: target,
    toolVersion: TOOL_VERSION,
    now: Date.now(),
    randomBytes: (n) => randomBytes(n),
  });
  return record.files.length > 0 ? record : undefined;
}

export async function postRewrite(ctx: HookContext, kind: string, input: string): Promise<void> {
  const rewrites = parseRewriteList(input);
  if (rewrites.length === 0) return;
  const blobs = new BlobReader(ctx.repo.root, ctx.env);
  try {
    const commits = [...new Set(rewrites.flatMap((r) => [r.target, ...r.olds]))];
    const notes = await readProvenanceRecords(ctx, blobs, commits);
    let written = 0;
    for (const rewrite of rewrites) {
      const involved = [rewrite.target, ...rewrite.olds].some((c) => notes.has(c));
      if (!involved) continue;
      try {
        const record = await rewrittenRecord(ctx, blobs, rewrite, notes);
        if (record) {
          await writeProvenanceRecord(ctx, rewrite.target, record);
          written++;
        } else if (notes.has(rewrite.target)) {
          await removeProvenanceNote(ctx, rewrite.target);
        }
      } catch (err) {
        // One commit's failure must not cost the others their notes; git's own copy (if any) stays.
        await logDrop(ctx, `post-rewrite ${kind}`, `the note of ${rewrite.target}`, (err as Error).message);
      }
    }
    await ctx.log(`post-rewrite ${kind}: ${rewrites.length} rewritten commit(s), ${written} note(s) written`);
  } finally {
    await blobs.close();
  }
}

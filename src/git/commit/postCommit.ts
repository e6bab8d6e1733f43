/**
 * post-commit: write the Agent Trace note for the new commit from what prepare-commit-msg stashed for exactly this
 * tree, then settle the working state. Without a stash (prepare-commit-msg did not finish) the attribution is
 * computed again from the working state against the commit itself.
 */
import { randomBytes } from 'node:crypto';
import { buildAgentTrace, type AgentTraceRecord } from '../../core/commit/agentTrace';
import { splitLines, type AttributedFile } from '../../core/commit/lines';
import { amendedCommit, parseReflog } from '../../core/rewrite/gitText';
import { stagedLineMap, type StagedAttribution, type StagedFile } from '../../core/rewrite/stagedAttribution';
import type { Origin } from '../../core/attribution/origin';
import { readProvenanceRecords, writeProvenanceRecord } from '../rewrite/noteStore';
import { BlobReader } from './blobs';
import { reflogTail } from './commitPlan';
import type { HookContext } from './hookContext';
import { settleWorkingState } from './settle';
import { pruneStaleStashes, readStagedAttribution, removeStagedAttribution } from './stagedStore';
import { WorkingStateStore } from '../stateStore';
import { pruneTextSnapshots, SNAPSHOT_MIN_AGE_MS } from '../textSnapshots';
import { parkedContentHashes } from '../rewrite/stashPark';

/** This tool's version for `tool.version` (set by the bundler; tests run the unbundled build). */
declare const AIP_VERSION: string | undefined;
export const TOOL_VERSION = typeof AIP_VERSION === 'string' ? AIP_VERSION : '0.0.0-dev';

interface CommitInfo {
  readonly commit: string;
  readonly tree: string;
  readonly parents: string[];
}

/** The record for `commit` from per-file AI lines of blobs it contains; undefined when no line is AI. */
export async function recordFor(
  blobs: BlobReader,
  commit: string,
  files: readonly StagedFile[],
  origins: readonly Origin[],
): Promise<AgentTraceRecord | undefined> {
  const attributed: AttributedFile[] = [];
  // All blobs asked for at once: one cat-file round trip instead of one per file.
  const texts = await Promise.all(files.map((file) => (file.lines.length === 0 ? undefined : blobs.text(file.blob))));
  for (const [i, file] of files.entries()) {
    const text = texts[i];
    if (text === undefined) continue;
    const lines = stagedLineMap(file, origins);
    attributed.push({
      path: file.path,
      lines: splitLines(text).map((t, i) => {
        const a = lines.get(i + 1);
        return a ? { text: t, cls: a.cls, origins: a.origins } : { text: t, cls: 'human' as const, origins: [] };
      }),
    });
  }
  const record = buildAgentTrace(attributed, {
    revision: commit,
    toolVersion: TOOL_VERSION,
    now: Date.now(),
    randomBytes: (n) => randomBytes(n),
  });
  return record.files.length > 0 ? record : undefined;
}

/** Attribution of the commit itself, for when prepare-commit-msg left nothing (it failed or timed out). */
async function recompute(
  ctx: HookContext,
  blobs: BlobReader,
  info: CommitInfo,
): Promise<Pick<StagedAttribution, 'files' | 'origins' | 'settle'>> {
  const first =
    info.parents[0] ?? (await ctx.git(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).stdout.trim();
  const amended = amendedCommit(parseReflog(await reflogTail(ctx)), info.commit);
  const notes = amended ? await readProvenanceRecords(ctx, blobs, [amended]) : new Map();
  const predecessors = amended
    ? (notes.get(amended) ?? []).map((record: AgentTraceRecord) => ({ record, commit: amended }))
    : [];
  const { attributeChanges } = await import('./stagedCommit.js');
  const result = await attributeChanges(ctx, blobs, {
    diffArgs: [first, info.commit],
    parents: info.parents,
    predecessors,
  });
  return { files: result.staged, origins: result.origins, settle: result.settle };
}

/**
 * After a commit settled the working state, text snapshots (`texts/`) no live or parked record names are removed:
 * nothing can be remapped from them any more. Snapshots younger than SNAPSHOT_MIN_AGE_MS stay (a writer saves the
 * text just before its record).
 */
async function pruneSnapshots(ctx: HookContext, now = Date.now()): Promise<number> {
  const store = WorkingStateStore.at(ctx.stateDir, { blockingReads: true });
  const keep = await parkedContentHashes(ctx.stateDir);
  for (const record of await store.list()) keep.add(record.contentHash);
  const removed = await pruneTextSnapshots(ctx.stateDir, keep, { minAgeMs: SNAPSHOT_MIN_AGE_MS, now });
  if (removed > 0) await ctx.log(`post-commit: removed ${removed} text snapshot(s) no working-state record names`);
  return removed;
}

export async function postCommit(ctx: HookContext): Promise<void> {
  const blobs = new BlobReader(ctx.repo.root, ctx.env);
  try {
    const head = await blobs.commit('HEAD');
    if (!head) return;
    const info: CommitInfo = { commit: head.id, tree: head.tree, parents: head.parents };
    let stash: Pick<StagedAttribution, 'files' | 'origins' | 'settle'> | undefined;
    try {
      stash = await readStagedAttribution(ctx.stateDir, info.tree);
    } catch (err) {
      await ctx.log(`post-commit: unreadable staged attribution (${(err as Error).message}); recomputing`);
    }
    if (!stash) {
      stash = await recompute(ctx, blobs, info);
      if (stash.files.length > 0)
        await ctx.log(`post-commit: no staged attribution for tree ${info.tree}; recomputed from the working state`);
    }
    const record = await recordFor(blobs, info.commit, stash.files, stash.origins);
    // The note and the working state are independent: write both at once.
    await Promise.all([
      record ? writeProvenanceRecord(ctx, info.commit, record) : undefined,
      // The note's blobs are the commit's (the stash is for exactly its tree): settling reads them from the cache.
      settleWorkingState(ctx, blobs, info.commit, stash.settle, new Map(stash.files.map((f) => [f.path, f.blob]))),
    ]);
    await removeStagedAttribution(ctx.stateDir, info.tree);
    await pruneStaleStashes(ctx.stateDir);
    await pruneSnapshots(ctx);
    if (record) await ctx.log(`post-commit: note written for ${info.commit}`);
  } finally {
    // Every read is answered by now; cat-file exits on its own once its input closes, and the hook need not wait.
    blobs.close().catch(() => undefined);
  }
}

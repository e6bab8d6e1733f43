/**
 * After a commit, the working state keeps only what was NOT committed: per record used for the commit, the spans
 * whose characters went into the committed blob are removed, and the rest is re-anchored to the current working
 * text (which may differ from the record's text when the file changed during the commit).
 */
import { compactFileRecord } from '../../core/state/mergeRecords';
import { contentHash } from '../../core/hash';
import { reanchorSpans, spanChars, uncommittedSpans } from '../../core/rewrite/stagedLines';
import { WorkingStateStore } from '../stateStore';
import { saveTextSnapshot } from '../textSnapshots';
import type { BlobReader } from './blobs';
import type { HookContext } from './hookContext';
import { describes, readWorkingText, resolveRecordText } from './recordText';
import { logDrop } from '../dropLog';

export async function settleWorkingState(
  ctx: HookContext,
  blobs: BlobReader,
  commit: string,
  settle: ReadonlyArray<readonly [recordPath: string, committedPath: string]>,
  knownBlobs: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const store = WorkingStateStore.at(ctx.stateDir, { blockingReads: true });
  // The committed blob of a path, by the id the caller already holds (so the reader's cache answers what the note
  // asked for) or by `commit:path`.
  const blobName = (committedPath: string): string => knownBlobs.get(committedPath) ?? `${commit}:${committedPath}`;
  // The committed blobs in one cat-file batch, before the workers ask for them one by one.
  for (const [, committedPath] of settle) blobs.read(blobName(committedPath)).catch(() => undefined);
  // Records are independent files with their own locks: settle several at once.
  let next = 0;
  const worker = async () => {
    while (next < settle.length) {
      const [recordPath, committedPath] = settle[next++];
      await settleOne(ctx, blobs, store, blobName(committedPath), recordPath, committedPath);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, settle.length) }, worker));
}

async function settleOne(
  ctx: HookContext,
  blobs: BlobReader,
  store: WorkingStateStore,
  committedBlob: string,
  recordPath: string,
  committedPath: string,
): Promise<void> {
  const record = await store.read(recordPath);
  if (!record) return;
  const committed = await blobs.text(committedBlob);
  if (committed === undefined) return;
  // The usual case (saved, then committed whole): the record describes the committed text, so every span went in.
  if (describes(record, committed)) {
    await store.delete(recordPath);
    return;
  }
  const current = await readWorkingText(ctx.repo.root, committedPath);
  const text = await resolveRecordText(ctx.stateDir, record, [
    () => Promise.resolve(current),
    () => (recordPath !== committedPath ? readWorkingText(ctx.repo.root, recordPath) : Promise.resolve(undefined)),
  ]);
  if (text === undefined) {
    await ctx.log(`post-commit: record of ${recordPath} describes no text we have; left as it is`);
    return;
  }
  const remaining = uncommittedSpans(text, committed, record.spans);
  const spans = current === undefined ? [] : reanchorSpans(text, current, remaining);
  // Uncommitted AI text that is no longer in the work tree (discarded with `checkout -p`, `restore -p`, an editor
  // outside ours): nothing is left to attribute, and the log says what went.
  const lost = spanChars(remaining) - spanChars(spans);
  if (lost > 0)
    await logDrop(
      ctx,
      'post-commit',
      `${lost} AI character(s) of ${committedPath}`,
      current === undefined ? 'the file is gone from the work tree' : 'no longer in the work tree and not committed',
    );
  if (spans.length === 0 || current === undefined) {
    await store.delete(recordPath);
    return;
  }
  const next = compactFileRecord({
    ...record,
    path: committedPath,
    contentHash: contentHash(current),
    length: current.length,
    spans,
    updated: Math.max(Date.now(), record.updated + 1),
    settled: true,
  });
  await store.write(next, { mode: 'replace' });
  if (recordPath !== committedPath) await store.delete(recordPath);
  await saveTextSnapshot(ctx.stateDir, next.contentHash, current).catch(() => false);
}

/**
 * Working-state spans across `git stash` / `stash pop|apply`. Records describe exact texts; a stash takes the text
 * away and something watching the file (the editor) may rewrite the record for the reverted text meanwhile. So
 * when refs/stash gets a new entry, the records whose text went into that stash are parked in
 * `<state>/parked/<stash commit>.json`; when the text comes back (pop, apply, then any later hook) they are merged
 * back into the working state. Parked files of stashes that no longer exist are pruned once restoring was tried.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseFileRecord, type FileRecord } from '../../core/state/fileRecord';
import { isObjectId, isZeroId, parseRefUpdates, type RefUpdate } from '../../core/rewrite/gitText';
import { writeFileAtomic } from '../atomicFile';
import { WorkingStateStore } from '../stateStore';
import { BlobReader } from '../commit/blobs';
import type { HookContext } from '../commit/hookContext';
import { describes, loadKnownText, readWorkingText } from '../commit/recordText';
import { saveTextSnapshot } from '../textSnapshots';
import { contentHash } from '../../core/hash';
import { compactFileRecord } from '../../core/state/mergeRecords';
import { remapRecord } from '../../core/state/remapRecord';
import { spanChars, unstashedSpans } from '../../core/rewrite/stagedLines';
import { logDrop } from '../dropLog';

interface ParkedFile {
  readonly version: 1;
  readonly stash: string;
  readonly records: FileRecord[];
  /** Parked records that did not parse (the others are kept); not written back. */
  readonly unreadable?: number;
}

const MAX_PARKED_BYTES = 64 * 1024 * 1024;

function parkedDir(stateDir: string): string {
  return path.join(stateDir, 'parked');
}

async function readParked(file: string): Promise<ParkedFile | undefined> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_PARKED_BYTES) return undefined;
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as {
      version?: unknown;
      stash?: unknown;
      records?: unknown;
    };
    if (
      value.version !== 1 ||
      typeof value.stash !== 'string' ||
      !isObjectId(value.stash) ||
      !Array.isArray(value.records)
    )
      return undefined;
    const records: FileRecord[] = [];
    let unreadable = 0;
    for (const r of value.records) {
      try {
        records.push(parseFileRecord(r));
      } catch {
        // One bad record does not spoil the others; restoreParked logs the count.
        unreadable++;
      }
    }
    return { version: 1, stash: value.stash, records, ...(unreadable > 0 ? { unreadable } : {}) };
  } catch {
    return undefined;
  }
}

async function parkedFiles(stateDir: string): Promise<string[]> {
  try {
    return (await fs.readdir(parkedDir(stateDir)))
      .filter((n) => /^[0-9a-f]{40,64}\.json$/.test(n))
      .map((n) => path.join(parkedDir(stateDir), n));
  } catch {
    return [];
  }
}

/** The content hashes parked records describe (their text snapshots must stay for the pop). */
export async function parkedContentHashes(stateDir: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const file of await parkedFiles(stateDir)) {
    for (const r of (await readParked(file))?.records ?? []) out.add(r.contentHash);
  }
  return out;
}

/** Parked records of `relPath` (any stash), newest file first. */
export async function parkedRecordsFor(stateDir: string, relPath: string): Promise<FileRecord[]> {
  const out: FileRecord[] = [];
  for (const file of await parkedFiles(stateDir)) {
    const parked = await readParked(file);
    for (const r of parked?.records ?? []) if (r.path === relPath) out.push(r);
  }
  return out.sort((a, b) => b.updated - a.updated);
}

/** Parks every record whose text is in `stash` (tracked files, or untracked ones in its third parent). */
async function parkForStash(ctx: HookContext, blobs: BlobReader, stash: string): Promise<number> {
  const file = path.join(parkedDir(ctx.stateDir), `${stash}.json`);
  if (await readParked(file)) return 0;
  const records: FileRecord[] = [];
  for (const record of await WorkingStateStore.at(ctx.stateDir, { blockingReads: true }).list()) {
    if (record.spans.length === 0) continue;
    for (const name of [`${stash}:${record.path}`, `${stash}^3:${record.path}`]) {
      const text = await blobs.text(name);
      // A record that lags behind the stashed text (edited outside the editor since) is carried onto it first.
      const known =
        text !== undefined && !describes(record, text) ? await loadKnownText(ctx.stateDir, record) : undefined;
      const parked = known !== undefined && text !== undefined ? remapRecord(record, known, text) : record;
      if (describes(parked, text)) {
        records.push(parked);
        // The stashed text, so the spans can be remapped if the stash comes back onto a changed base.
        await saveTextSnapshot(ctx.stateDir, parked.contentHash, text).catch(() => false);
        break;
      }
    }
  }
  if (records.length === 0) return 0;
  await fs.mkdir(parkedDir(ctx.stateDir), { recursive: true });
  await writeFileAtomic(file, JSON.stringify({ version: 1, stash, records } satisfies ParkedFile) + '\n');
  // The text went into the stash: a live record left for it would be remapped onto whatever the work tree holds
  // now (the next commit, the blame) and lend its characters to lines that merely look alike. Parked, it comes back
  // with the text. A record rewritten since (the editor) is not ours to remove.
  const store = WorkingStateStore.at(ctx.stateDir, { blockingReads: true });
  for (const record of records) {
    const live = await store.read(record.path);
    if (live && live.updated <= record.updated && !describes(live, await readWorkingText(ctx.repo.root, record.path)))
      await store.delete(record.path);
  }
  return records.length;
}

/**
 * Merges parked records back where the work tree holds their text again. A park whose stash is gone (popped onto a
 * changed base, dropped) gets one last try: its spans remapped onto the work tree, keeping what HEAD does not have;
 * what cannot be placed is logged, then the park is pruned.
 */
async function restoreParked(ctx: HookContext, blobs: BlobReader, liveStashes: ReadonlySet<string>): Promise<number> {
  const store = WorkingStateStore.at(ctx.stateDir, { blockingReads: true });
  let restored = 0;
  for (const file of await parkedFiles(ctx.stateDir)) {
    const parked = await readParked(file);
    if (!parked) {
      await logDrop(ctx, 'stash', `parked records ${path.basename(file)}`, 'unreadable or too large; removed');
      await fs.rm(file, { force: true });
      continue;
    }
    if (parked.unreadable)
      await logDrop(ctx, `stash ${parked.stash.slice(0, 12)}`, `${parked.unreadable} parked record(s)`, 'unreadable');
    const gone = !liveStashes.has(parked.stash);
    for (const record of parked.records) {
      const work = await readWorkingText(ctx.repo.root, record.path);
      let next: FileRecord | undefined = describes(record, work) ? record : undefined;
      if (!next && gone) next = await remapUnstashed(ctx, blobs, parked.stash, record, work);
      if (!next) continue;
      // A record carried onto the popped text describes a text nobody kept (the stashed one is parked, the agent's
      // cache holds its own last write): without a copy, the next edit outside the editor would leave readers (blame,
      // the commit, the editor adopting the record) no text to carry its spans from, and every AI line would be lost.
      if (next !== record && work !== undefined)
        await saveTextSnapshot(ctx.stateDir, next.contentHash, work).catch(() => false);
      // A later `updated` makes the parked spans win over a record the editor wrote for other text meanwhile;
      // for the same text the two are unioned.
      await store.write({ ...next, updated: Math.max(Date.now(), record.updated + 1) }, { mode: 'merge' });
      restored++;
    }
    if (gone) await fs.rm(file, { force: true });
  }
  return restored;
}

/** The parked record carried onto `work` (see unstashedSpans), or undefined; logs what could not be placed. */
async function remapUnstashed(
  ctx: HookContext,
  blobs: BlobReader,
  stash: string,
  record: FileRecord,
  work: string | undefined,
): Promise<FileRecord | undefined> {
  const total = spanChars(record.spans);
  const stashed = await loadKnownText(ctx.stateDir, record);
  if (work === undefined || stashed === undefined) {
    await logDrop(
      ctx,
      `stash ${stash.slice(0, 12)}`,
      `${total} AI character(s) of ${record.path}`,
      work === undefined ? 'the file is gone from the work tree' : 'no copy of the stashed text is kept',
    );
    return undefined;
  }
  const spans = unstashedSpans(stashed, work, await blobs.text(`HEAD:${record.path}`), record.spans);
  const kept = spanChars(spans);
  if (kept < total)
    await logDrop(
      ctx,
      `stash ${stash.slice(0, 12)}`,
      `${total - kept} of ${total} AI character(s) of ${record.path}`,
      'not in the work tree after the stash went (dropped, or changed when applied)',
    );
  if (spans.length === 0) return undefined;
  return compactFileRecord({ ...record, contentHash: contentHash(work), length: work.length, spans });
}

async function liveStashes(ctx: HookContext): Promise<Set<string>> {
  const result = await ctx.git(['log', '-g', '--format=%H', 'refs/stash', '--'], { okExitCodes: [128] });
  return new Set(result.code === 0 ? result.stdout.split('\n').filter(isObjectId) : []);
}

/** reference-transaction (committed): react to refs/stash updates. */
async function onRefUpdates(ctx: HookContext, blobs: BlobReader, updates: readonly RefUpdate[]): Promise<void> {
  const stashUpdates = updates.filter((u) => u.ref === 'refs/stash');
  if (stashUpdates.length === 0) return;
  // Drain before any record is read: the agent calls the launcher queued are records before restoring merges into
  // them and before parking lists them (a call queued just before `git stash` wrote the text going into the stash;
  // this hook runs before git resets the work tree, and the drain attributes against the call's own after-copies).
  await WorkingStateStore.at(ctx.stateDir, { blockingReads: true }).drainQueued();
  const live = await liveStashes(ctx);
  const restored = await restoreParked(ctx, blobs, live);
  let parked = 0;
  for (const u of stashUpdates) {
    if (!isZeroId(u.new) && live.has(u.new)) parked += await parkForStash(ctx, blobs, u.new);
  }
  if (restored + parked > 0) await ctx.log(`stash: parked ${parked} record(s), restored ${restored}`);
}

/** reference-transaction entry: stdin as git gave it. */
export async function onStashRefUpdates(ctx: HookContext, input: string): Promise<void> {
  const updates = parseRefUpdates(input);
  if (!updates.some((u) => u.ref === 'refs/stash')) return;
  const blobs = new BlobReader(ctx.repo.root, ctx.env);
  try {
    await onRefUpdates(ctx, blobs, updates);
  } finally {
    await blobs.close();
  }
}

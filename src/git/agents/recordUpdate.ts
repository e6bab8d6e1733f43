/**
 * Read-modify-write of one working-state record under the store's own per-record lock, so an agent hook's update
 * (remap the old spans, add the agent's) cannot interleave with the editor's or another hook's write and lose spans.
 * The store's `write` merges blindly; a hook must decide from what is stored *now*, hence this.
 */
import { promises as fs } from 'node:fs';
import { FileRecord, parseFileRecordText, serializeFileRecord } from '../../core/state/fileRecord';
import { compactFileRecord } from '../../core/state/mergeRecords';
import { writeFileAtomic } from '../atomicFile';
import { LockOptions, withLock } from '../fileLock';
import type { WorkingStateStore } from '../stateStore';
import { logDrop } from '../dropLog';

const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** What the update function decides: a record to store, `null` to delete it, `undefined` to leave it alone. */
export type RecordDecision = FileRecord | null | undefined;

/**
 * Runs `decide` on the stored record of `relPath` (undefined when there is none or it is unreadable) while holding
 * the record's lock, and applies its decision. Returns what was done.
 */
export async function updateRecord(
  store: WorkingStateStore,
  relPath: string,
  decide: (existing: FileRecord | undefined) => RecordDecision,
  lock: LockOptions = { maxWaitMs: 10_000 },
): Promise<'written' | 'deleted' | 'kept'> {
  const file = store.recordFile(relPath);
  await fs.mkdir(store.filesDir, { recursive: true });
  return withLock(
    `${file}.lock`,
    async () => {
      const decision = decide(await loadRecord(store, file, relPath));
      if (decision === undefined) return 'kept';
      if (decision === null) {
        await fs.unlink(file).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
        return 'deleted';
      }
      await writeFileAtomic(file, serializeFileRecord(compactFileRecord(decision)));
      return 'written';
    },
    lock,
  );
}

async function loadRecord(store: WorkingStateStore, file: string, relPath: string): Promise<FileRecord | undefined> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_RECORD_BYTES) {
      await logDrop(
        store,
        'agent hook',
        `record for ${relPath}`,
        `${stat.size} bytes, over the limit; ignored and replaced`,
      );
      return undefined;
    }
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const record = parseFileRecordText(text);
    if (record.path === relPath) return record;
    await logDrop(
      store,
      'agent hook',
      `record file for ${relPath}`,
      `it holds ${JSON.stringify(record.path)}; ignored and replaced`,
    );
  } catch (err) {
    await logDrop(
      store,
      'agent hook',
      `unreadable record for ${relPath}`,
      `${(err as Error).message}; ignored and replaced`,
    );
  }
  return undefined;
}

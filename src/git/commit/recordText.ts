/**
 * Finding the text a working-state record describes. Spans only mean something against the exact text they were
 * recorded for (`contentHash` + `length`); when the working file changed since, that text may still exist as the
 * saved snapshot, a parked (stashed) copy, the staged blob or the base version.
 */
import * as fsSync from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../core/hash';
import type { FileRecord } from '../../core/state/fileRecord';
import { RecordTextCache } from '../agents/textCache';
import { loadTextSnapshot } from '../textSnapshots';
import { MAX_ATTRIBUTED_BYTES } from './blobs';

/**
 * A work-tree file's text, or undefined when absent, not a regular file, too large or binary. Read with blocking calls:
 * only git hooks (short-lived processes with nothing else to do meanwhile) use this, and for them a direct read of a
 * source file is much cheaper than the thread-pool round trips of the promise API.
 */
export async function readWorkingText(
  root: string,
  relPath: string,
  maxBytes = MAX_ATTRIBUTED_BYTES,
): Promise<string | undefined> {
  try {
    const file = path.join(root, ...relPath.split('/'));
    const stat = fsSync.lstatSync(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = fsSync.readFileSync(file);
    if (bytes.subarray(0, 8000).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

export function describes(
  record: Pick<FileRecord, 'contentHash' | 'length'>,
  text: string | undefined,
): text is string {
  return text !== undefined && text.length === record.length && contentHash(text) === record.contentHash;
}

/**
 * The text `record` describes from what the state dir keeps: the snapshot by content hash (the editor and post-commit
 * save one) or the last text an agent hook wrote the record for (agent-texts, by path). Undefined when neither is it.
 */
export async function loadKnownText(
  stateDir: string,
  record: Pick<FileRecord, 'contentHash' | 'length' | 'path'>,
): Promise<string | undefined> {
  const snapshot = await loadTextSnapshot(stateDir, record.contentHash);
  if (describes(record, snapshot)) return snapshot;
  const agentText = await new RecordTextCache(stateDir).read(record.path);
  return describes(record, agentText) ? agentText : undefined;
}

/** The first candidate text the record describes; candidates are tried lazily, in order, then the kept texts. */
export async function resolveRecordText(
  stateDir: string,
  record: FileRecord,
  candidates: ReadonlyArray<() => Promise<string | undefined>>,
): Promise<string | undefined> {
  for (const candidate of candidates) {
    const text = await candidate();
    if (describes(record, text)) return text;
  }
  return loadKnownText(stateDir, record);
}

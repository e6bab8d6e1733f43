/**
 * Content-addressed copies of the texts that working-state records describe, kept beside the records
 * (`<state dir>/texts/<contentHash>.txt`). When a file changed while nobody watched (edited with the editor closed,
 * checked out, rewritten by a tool without hooks), the old text is what lets its spans be remapped through a diff
 * instead of dropped.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicFile';

/** Texts above this size are not kept: a record for such a file cannot be remapped once the file changes. */
export const MAX_SNAPSHOT_CHARS = 8 * 1024 * 1024;

const SAFE_HASH = /^[a-z0-9]+:[0-9a-f]{8,64}$/;

function fileFor(stateDir: string, contentHash: string): string | undefined {
  if (!SAFE_HASH.test(contentHash)) return undefined;
  return path.join(stateDir, 'texts', `${contentHash.replace(':', '-')}.txt`);
}

/** Stores `text` under its hash unless already there. Returns false when it was too large or the hash is malformed. */
export async function saveTextSnapshot(stateDir: string, contentHash: string, text: string): Promise<boolean> {
  const file = fileFor(stateDir, contentHash);
  if (!file || text.length > MAX_SNAPSHOT_CHARS) return false;
  try {
    await fs.access(file);
    return true;
  } catch {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, text);
    return true;
  }
}

export async function loadTextSnapshot(stateDir: string, contentHash: string): Promise<string | undefined> {
  const file = fileFor(stateDir, contentHash);
  if (!file) return undefined;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_SNAPSHOT_CHARS * 4) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Snapshots younger than this are never pruned: a writer saves the text just before the record that names it. */
export const SNAPSHOT_MIN_AGE_MS = 10 * 60 * 1000;

/**
 * Deletes snapshots whose hash no record uses any more (and that are older than `minAgeMs`). Returns how many were
 * removed.
 */
export async function pruneTextSnapshots(
  stateDir: string,
  keep: ReadonlySet<string>,
  options: { readonly minAgeMs?: number; readonly now?: number } = {},
): Promise<number> {
  const dir = path.join(stateDir, 'texts');
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  const minAge = options.minAgeMs ?? 0;
  const now = options.now ?? Date.now();
  const keepFiles = new Set([...keep].map((h) => `${h.replace(':', '-')}.txt`));
  let removed = 0;
  for (const name of names) {
    if (keepFiles.has(name) || !name.endsWith('.txt')) continue;
    const file = path.join(dir, name);
    if (minAge > 0) {
      const mtime = await fs.stat(file).then(
        (st) => st.mtimeMs,
        () => now,
      );
      if (now - mtime < minAge) continue;
    }
    await fs.rm(file, { force: true });
    removed++;
  }
  return removed;
}

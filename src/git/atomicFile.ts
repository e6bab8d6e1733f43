/** Crash-safe file replacement: readers see the old content or the new, never a torn write. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uniqueHex } from './uniqueHex';

/** Writes a temp file in the target's directory, fsyncs it, renames it over `target`, then fsyncs the directory. */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${uniqueHex(4)}`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
}

/** Whether `name` is a temp file left by writeFileAtomic (e.g. after a crash). */
export function isAtomicTempName(name: string): boolean {
  return name.startsWith('.') && /\.tmp-\d+-[0-9a-f]{8}$/.test(name);
}

// Windows refuses to replace a file another process (a reader, a virus scanner) has open for a moment.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
    }
  }
}

/** Makes the rename durable. Not possible on every platform (Windows cannot open directories): best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Whether a hook in a hooks folder is ours with nothing chained to it. `git notes add` of our notes ref fires
 * reference-transaction twice, and ours ends at once for that ref (hookScripts.ts' input filter): when no hook of the
 * user's is chained behind it, the note is written without starting it (two shells per commit). The precomputed sh
 * path makes the same decision (precomputedPath.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHAINED_SUFFIX, HOOK_MARKER, type ManagedHook } from './hookScripts';

/** Blocking: two small file checks in a short-lived hook process. Any doubt (unreadable, not ours) says no. */
export function isOurHookAlone(hooksDir: string, hook: ManagedHook): boolean {
  const file = path.join(hooksDir, hook);
  try {
    fs.accessSync(`${file}${CHAINED_SUFFIX}`, fs.constants.X_OK);
    return false;
  } catch {
    // Nothing chained (or nothing we could run, which git would not run either).
  }
  try {
    if (!fs.statSync(file).isFile()) return false;
    const head = fs.readFileSync(file, 'utf8').slice(0, 4096).split('\n', 2);
    return head.length === 2 && head[1].startsWith(`${HOOK_MARKER} `);
  } catch {
    return false;
  }
}

/** git's `-c` arguments for writing our notes ref from a hook run: none unless only our no-op hook would run. */
export function notesWriteConfig(hooksDir: string | undefined): string[] {
  return hooksDir !== undefined && isOurHookAlone(hooksDir, 'reference-transaction')
    ? ['-c', 'core.hooksPath=/dev/null']
    : [];
}

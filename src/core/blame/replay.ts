/**
 * Line replay: follows every line through a linear sequence of commit patches (oldest first), remembering for each
 * line which commit's added line it is. On a first-parent history this gives what blame gives, for every file at
 * once, at the cost of reading the log once. Lines that predate the replay are left undefined.
 */
import type { FilePatch } from './logPatch';

export class LineReplay<T> {
  private readonly files = new Map<string, (T | undefined)[]>();

  /** Applies one file's patch; `added(line)` gives the value of the added line at new-side `line`. */
  apply(patch: FilePatch, added: (line: number) => T): void {
    const state = patch.oldPath === null ? [] : (this.files.get(patch.oldPath) ?? []);
    if (patch.oldPath !== null && patch.oldPath !== patch.newPath) this.files.delete(patch.oldPath);
    if (patch.newPath === null) return;
    if (patch.binary) {
      this.files.delete(patch.newPath); // the lines of a binary version are unknown
      return;
    }
    for (const h of patch.hunks) {
      // -U0 hunks come in order; new-side numbers already account for the hunks applied before this one.
      const at = h.newCount === 0 ? h.newStart : h.newStart - 1;
      while (state.length < at) state.push(undefined);
      const inserted = new Array<T>(h.newCount);
      for (let k = 0; k < h.newCount; k++) inserted[k] = added(h.newStart + k);
      spliceArray(state, at, h.oldCount, inserted);
    }
    this.files.set(patch.newPath, state);
  }

  /** The lines of `path` as far as the replay knows them (index = line - 1); undefined when never touched. */
  get(path: string): readonly (T | undefined)[] | undefined {
    return this.files.get(path);
  }
}

/** `array.splice(start, remove, ...items)` without spreading (large hunks would overflow the call stack). */
function spliceArray<T>(array: T[], start: number, remove: number, items: readonly T[]): void {
  const removed = Math.max(0, Math.min(remove, array.length - start));
  const delta = items.length - removed;
  if (delta > 0) {
    array.length += delta;
    for (let i = array.length - 1; i >= start + items.length; i--) array[i] = array[i - delta];
  } else if (delta < 0) {
    for (let i = start + items.length; i < array.length + delta; i++) array[i] = array[i - delta];
    array.length += delta;
  }
  for (let i = 0; i < items.length; i++) array[start + i] = items[i];
}

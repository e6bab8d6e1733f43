/**
 * Recently removed attributed text, keyed by the text itself, so undo and redo can put attribution back.
 *
 * Editors report undo/redo only as a reason on an ordinary change, with no link to the change being undone.
 * What links them is the text: undoing an AI insertion deletes exactly that text (which we remember here), redoing
 * it inserts exactly that text again (which we look up); undoing the deletion of AI text likewise re-inserts text
 * we saw removed.
 *
 * Rules (the property test's reference model restates them):
 * - `remember(text, runs)`: drops any entry for `text`; stores `runs` as the newest entry only when they hold AI
 *   and `text` fits `maxChars`. A later human removal of the same text therefore supersedes an older AI one.
 * - `recall(text)`: returns the entry's runs and makes it the newest.
 * - Oldest entries are evicted beyond `maxEntries` entries or `maxChars` characters of keys in total.
 */
import { runsHoldAi, type Run } from './runs';

export interface RemovedTextCacheOptions {
  /** Most entries kept (default 64). */
  readonly maxEntries?: number;
  /** Most characters of removed text kept over all entries (default 1,000,000). */
  readonly maxChars?: number;
}

export class RemovedTextCache {
  private readonly entries = new Map<string, readonly Run[]>();
  private chars = 0;
  private readonly maxEntries: number;
  private readonly maxChars: number;

  constructor(options: RemovedTextCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 64;
    this.maxChars = options.maxChars ?? 1_000_000;
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 0)
      throw new Error(`attribution: invalid maxEntries ${this.maxEntries}`);
    if (!Number.isSafeInteger(this.maxChars) || this.maxChars < 0)
      throw new Error(`attribution: invalid maxChars ${this.maxChars}`);
  }

  /** Records that `text`, attributed as `runs` (covering it exactly), was removed. */
  remember(text: string, runs: readonly Run[]): void {
    this.forget(text);
    if (text.length === 0 || text.length > this.maxChars || this.maxEntries === 0 || !runsHoldAi(runs)) return;
    this.entries.set(
      text,
      runs.map((r) => ({ length: r.length, origin: r.origin })),
    );
    this.chars += text.length;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.forget(key);
    }
  }

  /** Attribution of `text` when it was removed recently, else undefined. */
  recall(text: string): readonly Run[] | undefined {
    const runs = this.entries.get(text);
    if (runs === undefined) return undefined;
    this.entries.delete(text);
    this.entries.set(text, runs);
    return runs;
  }

  forget(text: string): void {
    if (this.entries.delete(text)) this.chars -= text.length;
  }

  get size(): number {
    return this.entries.size;
  }
}

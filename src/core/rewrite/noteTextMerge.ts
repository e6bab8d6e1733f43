/**
 * How two versions of one commit's note combine when clones annotated the same commit (notes fetch/push and the
 * merge after every fetch): nothing either side recorded is lost, and the result does not depend on which side is
 * "ours", so every clone converges on the same text.
 */
// Specific files, not the policy index: the hook bundle must not pull in the review rules.
import { reviewerKey } from '../policy/identity';
import {
  SIGNOFF_LIMITS,
  SIGNOFF_VERSION,
  parseSignoffNote,
  serializeSignoffNote,
  type SignoffEntry,
  type SignoffNote,
} from '../policy/signoff';
import { formatNoteRecord, parseNoteRecords } from './noteRecords';
import { unionNoteRecords } from './recordUnion';

/** The union of two versions of one commit's provenance note. */
export function mergeNoteTexts(local: string, remote: string): string {
  const a = parseNoteRecords(local);
  const b = parseNoteRecords(remote);
  if (a.errors.length > 0 || b.errors.length > 0) {
    // Something we cannot read: keep both texts whole rather than drop a byte.
    return [local.trimEnd(), remote.trimEnd()].filter((t) => t !== '').join('\n\n') + '\n';
  }
  return unionNoteRecords([...a.records, ...b.records])
    .map(formatNoteRecord)
    .join('\n');
}

function readSignoff(text: string): SignoffNote | undefined {
  try {
    return parseSignoffNote(text);
  } catch {
    return undefined;
  }
}

/**
 * The union of two versions of one commit's sign-off note: every reviewer's newest entry (JSON, so not
 * line-oriented: cat_sort_uniq would corrupt it). Order-independent, so both clones converge on the same text.
 * An unreadable side yields the readable one (readers would ignore a mixed text entirely).
 */
export function mergeSignoffTexts(local: string, remote: string): string {
  const a = readSignoff(local);
  const b = readSignoff(remote);
  if (!a || !b) return a ? local : b ? remote : local >= remote ? local : remote;
  const newest = new Map<string, SignoffEntry>();
  for (const entry of [...a.signoffs, ...b.signoffs]) {
    const key = reviewerKey(entry.reviewer.email);
    const seen = newest.get(key);
    if (!seen || compareEntries(entry, seen) > 0) newest.set(key, entry);
  }
  const signoffs = [...newest.values()].sort(compareEntries).slice(-SIGNOFF_LIMITS.maxEntries);
  return serializeSignoffNote({ version: SIGNOFF_VERSION, signoffs });
}

/** By time, then by content: a total order, so the merge does not depend on which side is "ours". */
function compareEntries(x: SignoffEntry, y: SignoffEntry): number {
  const byTime = Date.parse(x.time) - Date.parse(y.time);
  if (byTime !== 0) return byTime;
  const [sx, sy] = [JSON.stringify(x), JSON.stringify(y)];
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

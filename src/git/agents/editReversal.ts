/**
 * Rebuilding the text a file had before an agent's search/replace edits, from the text after them and the edits it
 * reported (pure). Needed when there was no PRE snapshot: Cursor's `afterFileEdit` has no "before" event.
 */
import type { ReportedEdit } from '../../core/agents/types';

/** Most occurrences of a replacement examined per edit; more means the position cannot be known cheaply. */
const MAX_CANDIDATES = 64;

/**
 * The text before `edits` (applied in order, each replacing the first occurrence of its old string) turned it into
 * `after`; undefined when that cannot be known for certain: an edit whose new text is missing or appears at more
 * than one position that fits.
 */
export function textBeforeEdits(
  after: string,
  edits: ReadonlyArray<Pick<ReportedEdit, 'oldString' | 'newString'>>,
): string | undefined {
  let text = after;
  for (let i = edits.length - 1; i >= 0; i--) {
    const { oldString, newString } = edits[i];
    if (oldString === newString) continue;
    // A pure deletion leaves nothing to find the place by.
    if (newString === '') return undefined;
    let found: string | undefined;
    let candidates = 0;
    for (let p = text.indexOf(newString); p !== -1; p = text.indexOf(newString, p + 1)) {
      if (++candidates > MAX_CANDIDATES) return undefined;
      const previous = text.slice(0, p) + oldString + text.slice(p + newString.length);
      // Applying the edit forward must give `text` back: its old string first occurs exactly here.
      if (oldString !== '' && previous.indexOf(oldString) !== p) continue;
      if (found !== undefined) return undefined;
      found = previous;
    }
    if (found === undefined) return undefined;
    text = found;
  }
  return text;
}

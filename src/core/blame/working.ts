/**
 * Overlay for lines not committed yet: the working-state record of the file, mapped to lines through lineView, but
 * only when the record describes exactly the current text (its content hash matches).
 */
import { lineView, type SpanTuple } from '../attribution';
import { contentHash } from '../hash';
import type { FileRecord } from '../state/fileRecord';
import { lineOrigin } from './sources';
import { HUMAN_LINE, type LineSource } from './types';

export type WorkingOverlay = { readonly lines: readonly LineSource[] } | { readonly reason: string };

/** Line sources for `text` from its working-state record; `reason` says why there are none. */
export function workingOverlay(text: string, record: FileRecord | undefined): WorkingOverlay {
  if (!record) return { reason: 'no working state for this file' };
  if (record.length !== text.length || record.contentHash !== contentHash(text)) {
    return { reason: 'the working state describes another version of the file (unsaved or unrecorded edits)' };
  }
  // git splits lines at LF only, lineView also at a lone CR: the numbering would disagree.
  if (/\r(?!\n)/.test(text)) return { reason: 'the file has bare CR line breaks' };
  let view;
  try {
    view = lineView(text, record.spans as unknown as readonly SpanTuple[]);
  } catch (err) {
    return { reason: `unusable working state: ${err instanceof Error ? err.message : String(err)}` };
  }
  const lines = view.map((l): LineSource => {
    if (l.kind === 'human') return HUMAN_LINE;
    const origins = l.origins.flatMap((i) => (record.origins[i] ? [lineOrigin(record.origins[i])] : []));
    return { authorship: l.kind, evidence: 'working-state', origins };
  });
  return { lines };
}

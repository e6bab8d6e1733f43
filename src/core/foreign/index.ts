/** Records from other tools (git-ai, other Agent Trace writers): parsing, conversion to our record, use as evidence. */
export { FOREIGN_LIMITS, subtractRanges, type ForeignConversion, type ForeignFormat } from './foreignRecord';
export { parseGitAiLog } from './gitAiLog';
export { parseForeignAgentTrace } from './foreignAgentTrace';
export { clipRecord, coveredLines, recordAiLines, withForeignEvidence, type ForeignEvidence } from './evidence';

import type { ForeignConversion, ForeignFormat } from './foreignRecord';
import { parseGitAiLog } from './gitAiLog';
import { parseForeignAgentTrace } from './foreignAgentTrace';

/** A foreign note as read from git: its text, or only its size when over the read limit. */
export type ForeignNoteContent = { readonly text: string } | { readonly oversized: number };

/** Reads one foreign note of `format` on `commit` (time in ms dates a git-ai record). Never throws. */
export function convertForeignNote(
  format: ForeignFormat,
  commit: string,
  note: ForeignNoteContent,
  time = 0,
): ForeignConversion {
  if ('oversized' in note)
    return { rejected: `note of ${note.oversized} bytes exceeds the read limit`, skipped: [], aiLines: 0 };
  return format === 'git-ai' ? parseGitAiLog(note.text, commit, time) : parseForeignAgentTrace(note.text, commit);
}

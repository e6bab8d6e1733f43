/**
 * Carrying a working-state record through a text change nobody recorded (a formatter run from the terminal,
 * `echo >>`, a second tool): its spans are remapped from the text it describes onto the current text by a diff.
 * Characters only in the new text are human (bar inherited whitespace); the result describes the new text.
 */
import type { DiffLimits } from '../attribution/align';
import { remapSpans } from '../attribution/remap';
import { contentHash } from '../hash';
import { FILE_RECORD_VERSION, type FileRecord } from './fileRecord';

/**
 * Whole-file remaps through changes nobody recorded align lines first, then characters inside changed line blocks:
 * a character diff of the whole middle may pair `ai();\n` + an inserted `h();\n` the other way round and hand the
 * AI line's characters to the human line below it.
 */
export const LINE_FIRST: Partial<DiffLimits> = Object.freeze({ directCharDiffMax: 0, wholeLineEnds: true });

/** `record` (whose text is `recordText`) carried onto `text`; `updated` stays, so a newer writer still wins. */
export function remapRecord(record: FileRecord, recordText: string, text: string): FileRecord {
  if (recordText === text) return record;
  const spans = remapSpans(
    recordText,
    text,
    record.spans.map(([s, e, o]) => [s, e, o]),
    LINE_FIRST,
  );
  return {
    version: FILE_RECORD_VERSION,
    path: record.path,
    contentHash: contentHash(text),
    length: text.length,
    origins: record.origins,
    spans,
    updated: record.updated,
    ...(record.settled ? { settled: true as const } : {}),
  };
}

/**
 * Carrying a working-state record through a text change nobody recorded (a formatter run from the terminal,
 * `echo >>`, a second tool): its spans are remapped from the text it describes onto the current text by a diff.
 * Characters only in the new text are human (bar inherited whitespace); the result describes the new text.
 */
import { remapSpans } from '../attribution/remap';
import { contentHash } from '../hash';
import { FILE_RECORD_VERSION, type FileRecord } from './fileRecord';

/** `record` (whose text is `recordText`) carried onto `text`; `updated` stays, so a newer writer still wins. */
export function remapRecord(record: FileRecord, recordText: string, text: string): FileRecord {
  if (recordText === text) return record;
  const spans = remapSpans(recordText, text, record.spans.map(([s, e, o]) => [s, e, o]));
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

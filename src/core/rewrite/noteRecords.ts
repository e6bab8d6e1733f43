/**
 * The text of a provenance note. We always write ONE Agent Trace record (JSON) per commit, but git itself may put
 * several in one note: `notes.rewriteMode=concatenate` (the default) joins the old note and an existing one with a
 * blank line on amend/rebase, and `git notes merge -s union|cat_sort_uniq` does the same. So a reader splits the
 * text into top-level JSON values and parses each as hostile input.
 */
import type { AgentTraceRecord } from '../commit/agentTrace';
import { parseAgentTrace, type ParseLimits } from '../commit/agentTraceParse';

export interface NoteRecords {
  readonly records: AgentTraceRecord[];
  /** One message per piece of the note that is not a valid record. */
  readonly errors: string[];
}

/** At most this many records are read from one note (a hostile note cannot make us parse without end). */
export const MAX_RECORDS_PER_NOTE = 64;

/** Splits `text` into the source text of each top-level JSON object; anything else becomes an error. */
export function splitJsonObjects(text: string): { objects: string[]; errors: string[] } {
  const objects: string[] = [];
  const errors: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    if (c !== 0x7b /* { */) {
      const lineEnd = text.indexOf('\n', i);
      const end = lineEnd < 0 ? n : lineEnd;
      errors.push(`unexpected text at offset ${i}: ${JSON.stringify(text.slice(i, Math.min(end, i + 40)))}`);
      i = end;
      continue;
    }
    const end = endOfObject(text, i);
    if (end < 0) {
      errors.push(`unterminated JSON object at offset ${i}`);
      break;
    }
    objects.push(text.slice(i, end));
    i = end;
  }
  return { objects, errors };
}

/** Index just past the object that starts at `start` (`{`), or -1 when it never closes. */
function endOfObject(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Every valid record in a note, in note order. */
export function parseNoteRecords(text: string, limits: Partial<ParseLimits> = {}): NoteRecords {
  const { objects, errors } = splitJsonObjects(text);
  const records: AgentTraceRecord[] = [];
  for (const [index, source] of objects.entries()) {
    if (records.length >= MAX_RECORDS_PER_NOTE) {
      errors.push(`more than ${MAX_RECORDS_PER_NOTE} records in one note; the rest are ignored`);
      break;
    }
    try {
      const problems: string[] = [];
      records.push(parseAgentTrace(source, limits, problems));
      for (const problem of problems) errors.push(`record ${index + 1}: ${problem}`);
    } catch (err) {
      errors.push(`record ${index + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { records, errors };
}

/** The note text for one record: compact JSON and a final newline (what `git notes show` prints back). */
export function formatNoteRecord(record: AgentTraceRecord): string {
  return JSON.stringify(record) + '\n';
}

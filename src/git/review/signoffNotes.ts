/** Sign-off notes on refs/notes/ai-provenance-signoff: read for a range (hostile input), written for the head. */
import {
  SignoffParseError,
  parseSignoffNote,
  serializeSignoffNote,
  upsertSignoff,
  type SignoffEntry,
  type SignoffNote,
} from '../../core/policy/signoff';
import type { SignoffFound } from '../../core/policy/evaluate';
import type { NoteBlob, ProvenanceReader } from '../blame';
import { SIGNOFF_NOTES_REF, readNote, writeNote } from '../notes';
import type { RepoInfo } from '../repo';

export interface SignoffsRead {
  readonly found: SignoffFound[];
  readonly ignored: { readonly commit: string; readonly reason: string }[];
}

function parse(text: string): SignoffNote | string {
  try {
    return parseSignoffNote(text);
  } catch (err) {
    return err instanceof SignoffParseError ? err.message : `unreadable sign-off note (${(err as Error).message})`;
  }
}

/** Every sign-off entry on the notes of `commits` (`index`: listNotes of the sign-off ref), through `reader`'s batch. */
export async function readSignoffs(
  index: ReadonlyMap<string, NoteBlob>,
  commits: readonly string[],
  reader: ProvenanceReader,
): Promise<SignoffsRead> {
  const notes = await reader.notesOf(index, commits);
  const found: SignoffFound[] = [];
  const ignored: { commit: string; reason: string }[] = [];
  for (const [commit, note] of notes) {
    if ('oversized' in note) {
      ignored.push({ commit, reason: `sign-off note of ${note.oversized} bytes is too large` });
      continue;
    }
    const parsed = parse(note.text);
    if (typeof parsed === 'string') ignored.push({ commit, reason: parsed });
    else for (const entry of parsed.signoffs) found.push({ commit, entry });
  }
  return { found, ignored };
}

/** Adds (or replaces) the reviewer's entry in the head commit's sign-off note. Returns what was replaced, if anything. */
export async function writeSignoff(
  repo: RepoInfo,
  entry: SignoffEntry,
): Promise<{ note: SignoffNote; replacedInvalid?: string }> {
  const existing = await readNote(repo, entry.head, SIGNOFF_NOTES_REF);
  let current: SignoffNote | undefined;
  let replacedInvalid: string | undefined;
  if (existing && 'text' in existing) {
    const parsed = parse(existing.text);
    if (typeof parsed === 'string') replacedInvalid = parsed;
    else current = parsed;
  } else if (existing) {
    replacedInvalid = `an oversized note (${existing.oversized} bytes)`;
  }
  const note = upsertSignoff(current, entry);
  await writeNote(repo, entry.head, serializeSignoffNote(note), SIGNOFF_NOTES_REF);
  return { note, ...(replacedInvalid ? { replacedInvalid } : {}) };
}

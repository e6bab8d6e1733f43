/**
 * Three-way merge of two notes trees, entry by entry (commit -> note blob), decided here and carried out by
 * src/git/rewrite/notesMerge.ts with plumbing. Unlike `git notes merge`, nothing here can abort the whole merge: a
 * commit annotated differently on both sides is resolved on its own (combined when both notes can be read, otherwise
 * one side kept as it is and reported), and every other entry merges.
 */

/** One entry of a notes tree: a note blob, or anything else git let someone put there (kept as it is). */
export interface NotesEntry {
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
}

/** Entries by key: the annotated commit id for notes, the tree path for anything else. */
export type NotesTreeEntries = ReadonlyMap<string, NotesEntry>;

export interface NotesMergePlan {
  /** Entries decided without reading any note. */
  readonly merged: Map<string, NotesEntry>;
  /** Keys changed differently on both sides: ours and theirs (both present), resolved by the caller. */
  readonly conflicts: ReadonlyArray<{ readonly key: string; readonly ours: NotesEntry; readonly theirs: NotesEntry }>;
}

function same(a: NotesEntry | undefined, b: NotesEntry | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.oid === b.oid && a.mode === b.mode);
}

/**
 * Per key: unchanged on one side takes the other side's version; a deletion wins only over an unchanged note (a
 * note changed on one side and deleted on the other is kept: losing it would lose attribution); different
 * versions on both sides are conflicts.
 */
export function planNotesMerge(
  base: NotesTreeEntries,
  ours: NotesTreeEntries,
  theirs: NotesTreeEntries,
): NotesMergePlan {
  const merged = new Map<string, NotesEntry>();
  const conflicts: Array<{ key: string; ours: NotesEntry; theirs: NotesEntry }> = [];
  const keys = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const key of [...keys].sort()) {
    const b = base.get(key);
    const o = ours.get(key);
    const t = theirs.get(key);
    let result: NotesEntry | undefined;
    if (same(o, t)) result = o;
    else if (same(o, b))
      result = t; // only they changed it (or deleted it)
    else if (same(t, b))
      result = o; // only we did
    else if (o === undefined)
      result = t; // we deleted, they changed: keep theirs
    else if (t === undefined)
      result = o; // they deleted, we changed: keep ours
    else {
      conflicts.push({ key, ours: o, theirs: t });
      continue;
    }
    if (result !== undefined) merged.set(key, result);
  }
  return { merged, conflicts };
}

/** What we could learn about one side's note without reading more than the limit. */
export type NoteBlobState =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'oversized'; readonly size: number }
  | { readonly kind: 'unreadable'; readonly why: string };

export type ConflictResolution =
  | { readonly kind: 'combined'; readonly text: string }
  /** One side kept as it is; `why` is the log line's reason. */
  | { readonly kind: 'kept'; readonly side: 'ours' | 'theirs'; readonly why: string };

function describe(state: NoteBlobState, limit: number): string {
  return state.kind === 'oversized'
    ? `${(state.size / (1024 * 1024)).toFixed(1)} MB, over the ${(limit / (1024 * 1024)).toFixed(0)} MB limit`
    : state.kind === 'unreadable'
      ? state.why
      : 'readable';
}

/**
 * Resolves one conflicting commit. Both readable: `combine`d (unless the result itself would be over the limit).
 * Otherwise the readable side is kept (readers ignore an oversized or unreadable note, so keeping it instead would
 * hide the readable one); with neither readable, ours. The side not kept stays in the notes history (the merge
 * commit's other parent).
 */
export function resolveNoteConflict(
  ours: NoteBlobState,
  theirs: NoteBlobState,
  combine: (local: string, remote: string) => string,
  limitBytes: number,
  byteLength: (text: string) => number,
): ConflictResolution {
  if (ours.kind === 'text' && theirs.kind === 'text') {
    const text = combine(ours.text, theirs.text);
    if (byteLength(text) <= limitBytes) return { kind: 'combined', text };
    return {
      kind: 'kept',
      side: 'ours',
      why: `the combined note would be over the ${(limitBytes / (1024 * 1024)).toFixed(0)} MB limit`,
    };
  }
  if (ours.kind === 'text') return { kind: 'kept', side: 'ours', why: `their note is ${describe(theirs, limitBytes)}` };
  if (theirs.kind === 'text') return { kind: 'kept', side: 'theirs', why: `our note is ${describe(ours, limitBytes)}` };
  return {
    kind: 'kept',
    side: 'ours',
    why: `neither note can be read (ours: ${describe(ours, limitBytes)}; theirs: ${describe(theirs, limitBytes)})`,
  };
}

/** A notes tree path (`ab/cdef...` with any fanout) -> the annotated object id, or undefined for other files. */
export function noteKeyOfPath(path: string): string | undefined {
  const hex = path.replace(/\//g, '');
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(hex) && /^(?:[0-9a-f]{2}\/)*[0-9a-f]+$/.test(path) ? hex : undefined;
}

/** The tree path for note `key` with `fanout` two-character directory levels (git's own layout). */
export function notePath(key: string, fanout: number): string {
  const parts: string[] = [];
  for (let i = 0; i < fanout; i++) parts.push(key.slice(i * 2, i * 2 + 2));
  parts.push(key.slice(fanout * 2));
  return parts.join('/');
}

/** The fanout of existing note paths (the most common one), so a merged tree keeps the layout git chose. */
export function fanoutOf(paths: Iterable<string>): number {
  const counts = new Map<number, number>();
  for (const p of paths) {
    if (noteKeyOfPath(p) === undefined) continue;
    const levels = p.split('/').length - 1;
    counts.set(levels, (counts.get(levels) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = -1;
  for (const [levels, count] of counts) if (count > bestCount) [best, bestCount] = [levels, count];
  return best;
}

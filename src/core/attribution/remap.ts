/**
 * Moves attribution from an old text to a new one through a character alignment: unchanged characters keep
 * their origin, inserted characters get the inserting origin (human by default), and inserted whitespace may
 * inherit a neighbouring AI origin so that formatting AI code never turns it human nor fragments its spans.
 * When the inserting origin is human (a replace with no known source), words count whole: a new word that is not an
 * old word unchanged is inserted text, even where some of its letters were matched (tokenMatch.ts).
 */
import { alignTexts, type DiffLimits } from './align';
import { HUMAN, RunBuilder, runsFromSpans, spansFromRuns, validateSpans, type Run, type SpanTuple } from './runs';
import { hasLineBreak, isWhitespaceCode } from './text';
import { keepWholeWords } from './tokenMatch';

/**
 * Origin for a piece of inserted human whitespace, from the origins of the characters right before and after it
 * (`HUMAN` also stands for "no character": the start or end of the document).
 * - Between two characters of one AI origin: that origin.
 * - With `besideAllowed` (coarse replaces only), whitespace without a line break that touches AI of one origin on
 *   one side and human text (or the document edge) on the other also takes that origin: a formatter adding
 *   indentation or a space before AI code.
 * - Otherwise human. Plain typing passes `besideAllowed = false`, so typing at the edge of a span never grows it.
 */
export function inheritedWhitespaceOrigin(
  before: number,
  after: number,
  pieceHasLineBreak: boolean,
  besideAllowed: boolean,
): number {
  if (before !== HUMAN && before === after) return before;
  if (besideAllowed && !pieceHasLineBreak) {
    if (before !== HUMAN && after === HUMAN) return before;
    if (after !== HUMAN && before === HUMAN) return after;
  }
  return HUMAN;
}

export interface RemapOptions {
  /** Origin of inserted characters; `HUMAN` (default) enables whitespace inheritance. */
  readonly insertedOrigin?: number;
  /** Origin of the character just before the remapped range (`HUMAN` at the document start). */
  readonly before?: number;
  /** Origin of the character just after the remapped range (`HUMAN` at the document end). */
  readonly after?: number;
  readonly limits?: Partial<DiffLimits>;
}

/** Walks old runs by ascending offset. */
class RunCursor {
  private index = 0;
  private runStart = 0;

  constructor(private readonly runs: readonly Run[]) {}

  /** Origin of old character `offset`; offsets must not decrease between calls. */
  originAt(offset: number): number {
    this.seek(offset);
    const r = this.runs[this.index];
    return r ? r.origin : HUMAN;
  }

  /** Pushes the origins of old `[offset, offset + length)` into `out`. */
  copy(offset: number, length: number, out: RunBuilder): void {
    let pos = offset;
    const end = offset + length;
    while (pos < end) {
      this.seek(pos);
      const r = this.runs[this.index];
      if (!r) throw new Error('attribution: runs are shorter than the old text');
      const take = Math.min(end, this.runStart + r.length) - pos;
      out.push(take, r.origin);
      pos += take;
    }
  }

  private seek(offset: number): void {
    while (this.index < this.runs.length && this.runStart + this.runs[this.index].length <= offset) {
      this.runStart += this.runs[this.index].length;
      this.index++;
    }
  }
}

/** Runs for `newText` given runs covering `oldText`. */
export function remapRuns(
  oldText: string,
  newText: string,
  oldRuns: readonly Run[],
  options: RemapOptions = {},
): Run[] {
  const inserted = options.insertedOrigin ?? HUMAN;
  const before = options.before ?? HUMAN;
  const after = options.after ?? HUMAN;
  const cursor = new RunCursor(oldRuns);
  const out = new RunBuilder();

  // Unmatched new characters [from, to); `next` is the origin of the character that follows them.
  const emitInserted = (from: number, to: number, next: number): void => {
    if (inserted !== HUMAN) {
      out.push(to - from, inserted);
      return;
    }
    let p = from;
    while (p < to) {
      const ws = isWhitespaceCode(newText.charCodeAt(p));
      let q = p + 1;
      while (q < to && isWhitespaceCode(newText.charCodeAt(q)) === ws) q++;
      if (ws) {
        // Inside the gap, a neighbour that is not matched text is an inserted (human) non-whitespace character.
        const prev = p === from ? out.lastOrigin(before) : HUMAN;
        const following = q === to ? next : HUMAN;
        out.push(q - p, inheritedWhitespaceOrigin(prev, following, hasLineBreak(newText, p, q), true));
      } else {
        out.push(q - p, HUMAN);
      }
      p = q;
    }
  };

  let newPos = 0;
  // With no known source (human insertion), new words are new as a whole: only unchanged words keep their
  // authorship (tokenMatch.ts). An AI replace keeps character matches: a completion replacing the typed prefix
  // `tot` with `total` leaves the typed letters human.
  const aligned = alignTexts(oldText, newText, options.limits);
  for (const b of inserted === HUMAN ? keepWholeWords(oldText, newText, aligned) : aligned) {
    if (b.newStart > newPos) emitInserted(newPos, b.newStart, cursor.originAt(b.oldStart));
    cursor.copy(b.oldStart, b.length, out);
    newPos = b.newStart + b.length;
  }
  if (newPos < newText.length) emitInserted(newPos, newText.length, after);
  return out.build();
}

/**
 * Whole-document remap: spans over `oldText` to spans over `newText` (a file changed on disk while closed,
 * working-copy spans onto a staged blob). Text only in `newText` is human, except inherited whitespace.
 * Throws an Error when `spans` are not valid for `oldText`.
 */
export function remapSpans(
  oldText: string,
  newText: string,
  spans: readonly SpanTuple[],
  limits?: Partial<DiffLimits>,
): SpanTuple[] {
  validateSpans(spans, oldText.length);
  if (oldText === newText) return spans.map(([s, e, o]) => [s, e, o]);
  return spansFromRuns(remapRuns(oldText, newText, runsFromSpans(spans, oldText.length), { limits }));
}

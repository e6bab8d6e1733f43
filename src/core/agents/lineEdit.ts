/**
 * The similarity rule that decides whether a changed line was edited *in place* (then only the inserted words are the
 * agent's) or rewritten (then the whole line is). Counted over a token diff of the two lines, in non-whitespace
 * characters, so indentation and spacing never weigh in:
 *
 *   kept     = characters of the old line still present, in order, in the new line
 *   deleted  = characters of the old line that are gone          (old = kept + deleted)
 *   inserted = characters of the new line that are new           (new = kept + inserted)
 *
 * The pair is an in-place edit when the old line survives almost whole and the new line is mostly old text:
 *   deleted <= old / 4                                   (at most a quarter of the old line removed), and
 *   kept >= new / 2  or  (deleted = 0 and kept >= 4)     (mostly old text, or a pure append/insert to a real line).
 *
 * `return a + b;` -> `const s = a + b;` deletes `return` (6 of 10): a rewrite, the whole new line is the agent's.
 * `return a + b;` -> `return s;` deletes `a + b` (3 of 10): also a rewrite.
 * `foo(a)` -> `foo(a, b)` keeps all 6 and adds 2: in place, only `, b` is the agent's.
 * Whitespace-only differences (reindentation, spacing) are in place with nothing inserted.
 * Tokens are identifier/number runs (Unicode letters, digits, marks, `_`, `$`), whitespace runs, or single code
 * points, so a range never splits a surrogate pair. Each inserted run is trimmed of surrounding whitespace.
 */
import { diffArrays } from 'diff';
import { isSpace } from './textLines';

export const LINE_EDIT_RULE = Object.freeze({
  /** Largest share of the old line's characters an in-place edit may delete. */
  maxDeletedShare: 1 / 4,
  /** Smallest share of the new line's characters that must be old text... */
  minKeptShare: 1 / 2,
  /** ...unless nothing was deleted and at least this many old characters were kept (appending a comment). */
  minKeptForPureInsert: 4,
  /** Lines longer than this (either side) are never split: minified or generated text is judged whole-line. */
  maxLineChars: 1000,
  /** Token edits beyond this mean the lines are too different to be an in-place edit. */
  maxTokenEdits: 64,
});

/**
 * Shared work allowance across one file's line pairs; exhausted => remaining lines are judged whole. Costs: one unit
 * per character pre-screened, DIFF_BASE_COST + DIFF_CHAR_COST per character for a pair that reaches the token diff.
 */
export interface EditBudget {
  remaining: number;
}

const DIFF_BASE_COST = 500;
const DIFF_CHAR_COST = 8;

const TOKEN = /[\p{L}\p{N}\p{M}_$]+|\s+|[^]/gu;

function tokenize(line: string): string[] {
  return line.match(TOKEN) ?? [];
}

function nonSpace(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) n++;
  return n;
}

/**
 * Half-open ranges (relative to `newLine`) of the characters the agent inserted, when `oldLine` -> `newLine` is an
 * in-place edit; `[]` when it is in place but inserts nothing visible (whitespace-only change); `null` when the new
 * line is a rewrite and belongs to the agent whole.
 */
export function inPlaceInsertions(
  oldLine: string,
  newLine: string,
  budget?: EditBudget,
): Array<[number, number]> | null {
  if (oldLine.length > LINE_EDIT_RULE.maxLineChars || newLine.length > LINE_EDIT_RULE.maxLineChars) return null;
  const size = oldLine.length + newLine.length;
  if (!spend(budget, size)) return null;
  const oldChars = nonSpace(oldLine);
  const newChars = nonSpace(newLine);
  if (oldChars === 0 || newChars === 0) return oldChars === newChars ? [] : null;
  // Cheap necessary condition first: the kept characters are common to both lines, so if the lines do not even
  // share enough characters as multisets, the token diff cannot find an in-place edit.
  if (sharedNonSpace(oldLine, newLine) < oldChars * (1 - LINE_EDIT_RULE.maxDeletedShare)) return null;
  if (!spend(budget, DIFF_BASE_COST + DIFF_CHAR_COST * size)) return null;
  const changes = diffArrays(tokenize(oldLine), tokenize(newLine), { maxEditLength: LINE_EDIT_RULE.maxTokenEdits });
  if (changes === undefined) return null;

  let kept = 0;
  let deleted = 0;
  const inserted: Array<[number, number]> = [];
  let offset = 0;
  for (const change of changes) {
    const text = change.value.join('');
    if (change.removed) {
      deleted += nonSpace(text);
      continue;
    }
    if (change.added) {
      const last = inserted[inserted.length - 1];
      if (last !== undefined && last[1] === offset) last[1] += text.length;
      else inserted.push([offset, offset + text.length]);
    } else {
      kept += nonSpace(text);
    }
    offset += text.length;
  }

  const survives = deleted <= oldChars * LINE_EDIT_RULE.maxDeletedShare;
  const mostlyOld =
    kept >= newChars * LINE_EDIT_RULE.minKeptShare || (deleted === 0 && kept >= LINE_EDIT_RULE.minKeptForPureInsert);
  if (!survives || !mostlyOld) return null;
  return inserted.map(([s, e]) => trimRange(newLine, s, e)).filter((r): r is [number, number] => r !== undefined);
}

function spend(budget: EditBudget | undefined, cost: number): boolean {
  if (budget === undefined) return true;
  budget.remaining -= cost;
  return budget.remaining >= 0;
}

// One counter per UTF-16 code unit, reused across calls and zeroed after each (lines are at most maxLineChars).
const histogram = new Int32Array(65536);

/** Size of the multiset intersection of the two lines' non-whitespace code units. */
function sharedNonSpace(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) histogram[a.charCodeAt(i)]++;
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (histogram[c] > 0) {
      histogram[c]--;
      if (!isSpace(c)) shared++;
    }
  }
  for (let i = 0; i < a.length; i++) histogram[a.charCodeAt(i)] = 0;
  return shared;
}

function trimRange(text: string, start: number, end: number): [number, number] | undefined {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? [start, end] : undefined;
}

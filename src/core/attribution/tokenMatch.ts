/**
 * The token rule on top of a character alignment: a word (identifier or number, see `isWordCode`) of the new text
 * keeps its old characters' authorship only when it is an old word unchanged as a whole, i.e. all its characters are
 * matched, contiguously, onto a whole word of the old text. Any other new word is new text as a whole: a character
 * diff must not leave `con` of a new `const` labelled AI because those letters were matched inside `function`, nor
 * `foo` of a renamed `fooBar`. Punctuation and whitespace keep their character-level matches.
 *
 * Ends of the remapped range count as word boundaries on both sides: the text outside it is the same before and after.
 */
import type { MatchBlock } from './align';
import { isWordCode } from './text';

/** `blocks` (sorted, as `alignTexts` returns them) without the characters of new words that are not unchanged words. */
export function keepWholeWords(oldText: string, newText: string, blocks: readonly MatchBlock[]): MatchBlock[] {
  const out: MatchBlock[] = [];
  const word = (text: string, i: number): boolean => i >= 0 && i < text.length && isWordCode(text.charCodeAt(i));
  let i = 0;
  while (i < blocks.length) {
    const { oldStart: os, newStart: ns } = blocks[i];
    let len = blocks[i].length;
    // Blocks contiguous on both sides are one match (the aligner usually joins them already).
    while (i + 1 < blocks.length && blocks[i + 1].oldStart === os + len && blocks[i + 1].newStart === ns + len)
      len += blocks[++i].length;
    i++;
    let l = ns;
    let r = ns + len;
    // Inside the block old and new characters are equal, so only a word touching an end can differ: it continues
    // past the block on the new side (unmatched or matched elsewhere) or on the old side (it was part of a longer word).
    if (word(newText, l) && (word(newText, l - 1) || word(oldText, os - 1))) while (l < r && word(newText, l)) l++;
    if (r > l && word(newText, r - 1) && (word(newText, r) || word(oldText, os + len)))
      while (r > l && word(newText, r - 1)) r--;
    if (r > l) out.push({ oldStart: os + (l - ns), newStart: l, length: r - l });
  }
  return out;
}

/** A replace in a document's coordinates (what `widenToWords` reads and returns). */
export interface PlainReplace {
  readonly start: number;
  readonly deleteLength: number;
  readonly text: string;
}

/**
 * A replace with no known source that starts or ends inside a word, widened to the whole words it touches. The text
 * outside a change is the same before and after, so the words extend equally on both sides: `fooBar` → `fooBaz`
 * delivered as `r` → `z` becomes the replace of `fooBar` by `fooBaz`, which the token rule (`keepWholeWords`) then
 * leaves human as a whole instead of keeping `fooBa` AI. Pure inserts and deletes are typing: left as they are.
 */
export function widenToWords(doc: string, change: PlainReplace): PlainReplace {
  const { start, deleteLength: del, text } = change;
  if (del === 0 || text.length === 0) return change;
  const end = start + del;
  const word = (s: string, i: number): boolean => i >= 0 && i < s.length && isWordCode(s.charCodeAt(i));
  let left = start;
  if (word(doc, start - 1) && (word(doc, start) || word(text, 0))) while (word(doc, left - 1)) left--;
  let right = end;
  if (word(doc, end) && (word(doc, end - 1) || word(text, text.length - 1))) while (word(doc, right)) right++;
  if (left === start && right === end) return change;
  return {
    start: left,
    deleteLength: right - left,
    text: doc.slice(left, start) + text + doc.slice(end, right),
  };
}

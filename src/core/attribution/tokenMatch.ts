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

/**
 * Line structure of a text without copying it: each line is its content range plus its line ending. `\r\n`, `\n`
 * and a lone `\r` all end a line, so files that switch line-ending style still line up line for line.
 */

export interface TextLine {
  /** First code unit of the line. */
  readonly start: number;
  /** End of the content (exclusive), before the line ending. */
  readonly end: number;
  /** End of the line including its line ending (exclusive); equals `end` for a last line without one. */
  readonly next: number;
}

/** Lines of `text`. A final line ending does not start another (empty) line; `''` has no lines. */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    lines.push({ start, end: i, next });
    start = next;
    i = next - 1;
  }
  if (start < text.length) lines.push({ start, end: text.length, next: text.length });
  return lines;
}

/** The comparison key of a line: content without surrounding whitespace, inner whitespace runs collapsed. */
export function lineKey(text: string, line: TextLine): string {
  // Hot path (every line of both texts): a char scan, with the regex only for lines that need collapsing.
  let first = line.start;
  let last = line.end;
  while (first < last && isSpace(text.charCodeAt(first))) first++;
  while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
  for (let i = first; i < last; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) && (c !== 32 || isSpace(text.charCodeAt(i + 1)))) {
      return text.slice(first, last).replace(/\s+/g, ' ');
    }
  }
  return text.slice(first, last);
}

/** Whether a UTF-16 code unit is whitespace in the sense of `\s`. */
export function isSpace(c: number): boolean {
  // ASCII whitespace inline; the rest of Unicode's \s via the regex (rare in code).
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && /\s/.test(String.fromCharCode(c));
}

/** How many characters sniffed by `isProbablyBinary`, like git's heuristic. */
const BINARY_SNIFF_CHARS = 8000;

/**
 * True for text that is really binary: a NUL in the first BINARY_SNIFF_CHARS code units (git's rule), or more than
 * 10% of them being replacement characters (bytes that were not valid UTF-8) or control characters other than the
 * usual whitespace, backspace and escape. Callers skip such files instead of attributing them.
 */
export function isProbablyBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_SNIFF_CHARS);
  let suspicious = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 8 && c !== 27))
      suspicious++;
  }
  return n > 0 && suspicious * 10 > n;
}

/** Character classes used by attribution rules. "Whitespace" is exactly JavaScript's `\s`. */

export function isWhitespaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True for a non-empty string made only of whitespace. */
export function isAllWhitespace(text: string, from = 0, to = text.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

export function hasLineBreak(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

const WHITESPACE_RUNS = /\s+/g;

/** `text` with every whitespace character removed (a native replace yields flat strings that hash fast). */
export function stripWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUNS, '');
}

/** Splits into lines that keep their end-of-line (`\n`, `\r\n` or `\r`), so the pieces concatenate back to `text`. */
export function splitLinesKeepEol(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

const WORD_PATTERN = /[\p{L}\p{N}\p{M}]/u;

/**
 * A code unit of an identifier or number token: ASCII letters, digits, `_` and `$`, Unicode letters, digits and
 * marks, and either half of a surrogate pair (so a token never splits one). The same classes as the agent diff's
 * tokens (agents/lineEdit.ts).
 */
export function isWordCode(c: number): boolean {
  if (c < 0x80)
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return WORD_PATTERN.test(String.fromCharCode(c));
}

/**
 * Display strings that come from notes, commits and other clones (tool, model, author names) are hostile: control
 * characters could drive a terminal, bidi and invisible characters could disguise text. cleanLabel makes them inert
 * plain text once, where they enter, so every output format starts from safe strings.
 */

// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, zero-width and other invisible format characters,
// line/paragraph separators, variation selectors and the BOM.
const UNSAFE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const LABEL_MAX = 120;

/** Unsafe characters become U+FFFD, whitespace runs one space, and the result is cut to `max` characters. */
export function cleanLabel(text: string, max = LABEL_MAX): string {
  const cleaned = String(text)
    .replace(UNSAFE, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : '\ufffd'))
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  let cut = cleaned.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}

/** For source text shown in a terminal: controls other than tab become U+FFFD; length is kept. */
export function cleanSourceLine(text: string): string {
  // One pass over the char codes first: almost every line is clean, and a regular expression per line of a large
  // file costs more than printing it.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && c !== 9) ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    )
      // eslint-disable-next-line no-control-regex
      return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  }
  return text;
}

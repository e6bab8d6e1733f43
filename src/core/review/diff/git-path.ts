/**
 * Paths as git prints them in diff headers: C-style quoted when they hold control characters, quotes, backslashes or
 * non-ASCII bytes (core.quotePath), with octal escapes of UTF-8 bytes; otherwise raw, possibly with spaces.
 */

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Reads a quoted path starting at `start` (which must be a `"`). Returns the decoded path and the index after it. */
export function readQuoted(text: string, start: number): { value: string; end: number } | null {
  if (text[start] !== '"') return null;
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { value: decodeUtf8(bytes), end: i + 1 };
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) return null;
      if (next >= '0' && next <= '7') {
        const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))![0];
        bytes.push(parseInt(oct, 8) & 0xff);
        i += 1 + oct.length;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple === undefined) return null;
      bytes.push(simple);
      i += 2;
      continue;
    }
    const cp = text.codePointAt(i)!;
    pushUtf8(bytes, cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return null;
}

/**
 * Path from a `---`/`+++`/`rename from` value: unquotes, drops a trailing tab (git adds one after paths with spaces;
 * plain `diff -u` puts a timestamp after it) and the `a/`/`b/` prefix when asked. Returns null for /dev/null.
 */
export function headerPath(raw: string, prefix: string | null): string | null {
  let value: string;
  if (raw.startsWith('"')) {
    const q = readQuoted(raw, 0);
    value = q ? q.value : raw;
  } else {
    const tab = raw.indexOf('\t');
    value = tab >= 0 ? raw.slice(0, tab) : raw.replace(/\s+$/, '');
  }
  if (value === '/dev/null') return null;
  return prefix && value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/**
 * Splits the rest of a `diff --git ` line into the two paths, prefixes removed. Unquoted paths may hold spaces, so
 * when both sides are equal (the common case) the line is split in half; otherwise at the last " b/".
 */
export function splitGitHeader(rest: string): { a: string; b: string } | null {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest, 0);
    if (!first || rest[first.end] !== ' ') return null;
    const second = rest.slice(first.end + 1);
    const b = second.startsWith('"') ? readQuoted(second, 0)?.value : second;
    if (b === undefined) return null;
    return { a: stripPrefix(first.value, 'a/'), b: stripPrefix(b, 'b/') };
  }
  const quotedB = rest.lastIndexOf(' "');
  if (quotedB > 0 && rest.endsWith('"')) {
    const b = readQuoted(rest, quotedB + 1);
    if (b) return { a: stripPrefix(rest.slice(0, quotedB), 'a/'), b: stripPrefix(b.value, 'b/') };
  }
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (rest[half] === ' ' && stripPrefix(a, 'a/') === stripPrefix(b, 'b/')) {
      return { a: stripPrefix(a, 'a/'), b: stripPrefix(b, 'b/') };
    }
  }
  const at = rest.lastIndexOf(' b/');
  if (at > 0) return { a: stripPrefix(rest.slice(0, at), 'a/'), b: rest.slice(at + 3) };
  const space = rest.indexOf(' ');
  if (space > 0) return { a: rest.slice(0, space), b: rest.slice(space + 1) };
  return null;
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

/** Decodes UTF-8 bytes; invalid sequences become U+FFFD (paths need not be valid UTF-8). */
export function decodeUtf8(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (need === 0) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    if (need < 0 || i + need >= bytes.length) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 63);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

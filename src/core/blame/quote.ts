/** Paths as git prints them in blame and diff headers: C-quoted (octal escapes of UTF-8 bytes) when unusual. */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });
const SIMPLE: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Decodes a path that may be C-quoted; undefined when the quoting is malformed. */
export function unquoteGitPath(text: string): string | undefined {
  if (!text.startsWith('"')) return text;
  if (text.length < 2 || !text.endsWith('"')) return undefined;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') return undefined;
    if (ch !== '\\') {
      for (const b of encoder.encode(ch)) bytes.push(b);
      continue;
    }
    const next = body[i + 1];
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += 3;
    } else if (next !== undefined && SIMPLE[next] !== undefined) {
      bytes.push(SIMPLE[next]);
      i += 1;
    } else {
      return undefined;
    }
  }
  return decoder.decode(Uint8Array.from(bytes));
}

/** A diff header path (`a/x`, `b/x`, `"b/x"`, `/dev/null`) without its prefix; null for /dev/null. */
export function diffHeaderPath(raw: string, prefix: 'a/' | 'b/'): string | null | undefined {
  const trimmed = raw.replace(/\t$/, '');
  if (trimmed === '/dev/null') return null;
  const path = unquoteGitPath(trimmed);
  if (path === undefined || !path.startsWith(prefix)) return undefined;
  return path.slice(prefix.length);
}

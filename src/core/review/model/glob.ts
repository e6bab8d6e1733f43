/**
 * Gitignore-style globs, as CODEOWNERS uses them: a pattern without an inner slash matches at any depth, a leading or
 * inner slash anchors it to the repository root, a match on a directory covers everything beneath it.
 */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  const key = (ignoreCase ? 'i:' : 's:') + glob;
  const hit = cache.get(key);
  if (hit) return hit;
  let pattern = glob.trim();
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.replace(/\/+$/, '');
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  pattern = pattern.replace(/^\/+/, '');
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        if (atSegmentStart && pattern[i + 2] === '/') {
          body += '(?:.*/)?';
          i += 2;
        } else {
          body += '.*';
          i += 1;
        }
      } else {
        body += '[^/]*';
      }
    } else if (ch === '?') {
      body += '[^/]';
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close > i + 1) {
        body +=
          '[' +
          pattern
            .slice(i + 1, close)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = close;
      } else {
        body += '\\[';
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      body += escapeRe(pattern[++i]);
    } else {
      body += escapeRe(ch);
    }
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  // "docs/*" covers the files directly in docs/ only (GitHub's documented CODEOWNERS behaviour).
  const suffix = dirOnly ? '/.*$' : pattern.endsWith('/*') ? '$' : '(?:/.*)?$';
  const re = new RegExp(prefix + body + suffix, ignoreCase ? 'i' : '');
  if (cache.size > 2000) cache.clear();
  cache.set(key, re);
  return re;
}

function escapeRe(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? '\\' + ch : ch;
}

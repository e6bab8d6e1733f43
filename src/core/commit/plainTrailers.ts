/**
 * When adding trailers needs no `git interpret-trailers`: for a message git would find no trailer block in, the tool
 * only adds a blank line and `<key>: <value>` lines at the end. Saying so exactly is cheaper than a git process in a
 * hook (node's, and the sh precomputed path's own test of the same rules); anything less plain goes to git.
 */
import type { Trailer } from './message';

/** Lines git counts as trailer-like without a ':' (its git-generated prefixes; Signed-off-by has a ':' anyway). */
const GIT_GENERATED_PREFIX = '(cherry picked from commit ';

/**
 * Whether `git interpret-trailers --trailer "<key>: <value>"` writes each trailer back exactly as `<key>: <value>`
 * (a plain key, a value without surrounding or control whitespace).
 */
export function trailersAppendVerbatim(trailers: readonly Trailer[]): boolean {
  return trailers.every(
    (t) => /^[A-Za-z0-9-]+$/.test(t.key) && t.value !== '' && t.value === t.value.trim() && !/\p{Cc}/u.test(t.value),
  );
}

/**
 * The message with `trailers` added as `git -c trailer.separators=: interpret-trailers --no-divider --where end`
 * adds them, or undefined when that is not plain to see: a line with a ':' or a control character (tabs and CRs
 * included), a git-generated trailer line, a line starting with `#` or the comment character (git's comment rules
 * decide then), no final newline, a blank last line, or trailers not written back verbatim. The caller makes sure no
 * trailer.* config applies (git would add configured trailers too).
 */
export function appendPlainTrailers(
  message: string,
  trailers: readonly Trailer[],
  commentChar: string,
): string | undefined {
  if (trailers.length === 0 || !trailersAppendVerbatim(trailers) || !message.endsWith('\n')) return undefined;
  const lines = message.slice(0, -1).split('\n');
  if (!/\S/.test(lines[lines.length - 1] ?? '')) return undefined;
  for (const line of lines) {
    if (/[:\p{Cc}]/u.test(line) || line.startsWith(GIT_GENERATED_PREFIX) || line.startsWith('#')) return undefined;
    if (commentChar !== '' && line.startsWith(commentChar)) return undefined;
  }
  return `${message}\n${trailers.map((t) => `${t.key}: ${t.value}\n`).join('')}`;
}

/**
 * The one wording of a log line that says attribution was dropped, so `grep 'dropped attribution:' log.txt` finds
 * every loss (and `ai-provenance doctor` shows them). Every code path that discards spans, records, notes or files
 * says so through `logDrop` (src/git/dropLog.ts), which writes this line; test/unit/layering/dropLog.test.ts fails
 * when a discard path in src/ does not.
 */

export const DROP_PREFIX = 'dropped attribution:';

/** `dropped attribution: <where>: <what> (<why>)`, e.g. `post-commit: 16 AI character(s) of f.js (…)`. */
export function dropLine(where: string, what: string, why: string): string {
  return `${DROP_PREFIX} ${where}: ${what} (${why})`;
}

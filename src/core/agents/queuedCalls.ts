/**
 * The plain-data side of the launcher's sh snapshots (src/git/launcher.ts): the `paths` listing both the PRE
 * (`<state>/agent-pre/p<pid>/`) and the queued POST (`<state>/agent-post/c<pid>/`) write, and the order queued calls
 * are attributed in. A queued call is a Claude Code POST whose attribution the launcher left for node to do later
 * from two snapshots (before: the PRE's copies; after: the POST's), so doing it later gives the record doing it at
 * once would have.
 */

/** One line of a `paths` listing: `<mark>\t<absolute path>`, the copy being file `<index>` beside it. */
export interface ListedPath {
  /** `t` copied, `a` absent, `s` not a regular file (skipped), `u` the copy failed (unknown). */
  readonly mark: 't' | 'a' | 's' | 'u';
  readonly path: string;
  /** 1-based line number: the name of the copy when the mark is `t`. */
  readonly index: number;
}

/** A queued call's directory name: `c` and the launcher's pid (names of unfinished ones start with a dot). */
export const QUEUED_CALL_NAME = /^c[0-9]+$/;

/** Parses a `paths` listing; throws on a line that is not `<mark>\t/<path>` (the listing was damaged). */
export function parsePathListing(text: string): ListedPath[] {
  const out: ListedPath[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const mark = line.slice(0, 1);
    if ((mark !== 't' && mark !== 'a' && mark !== 's' && mark !== 'u') || line[1] !== '\t' || line[2] !== '/')
      throw new Error(`line ${i + 1} of the path listing is not "<mark>\\t<absolute path>"`);
    out.push({ mark, path: line.slice(2), index: i + 1 });
  }
  return out;
}

export interface QueuedCallStamp {
  readonly name: string;
  /** When the POST wrote its payload (the file's mtime, ms). */
  readonly time: number;
}

/**
 * The order to attribute queued calls in: the order their POSTs ran. Ties (file systems with coarse times) go by the
 * launcher's pid, which grows between two calls unless the pid space wrapped.
 */
export function orderQueuedCalls<T extends QueuedCallStamp>(calls: readonly T[]): T[] {
  const pid = (name: string): number => Number(name.slice(1));
  return [...calls].sort((a, b) => a.time - b.time || pid(a.name) - pid(b.name) || (a.name < b.name ? -1 : 1));
}

/**
 * The message of a squash or fixup (`rebase -i`, `--autosquash`): git concatenates the picked messages, so each
 * brings its own trailer block, and our summary trailer of every picked commit ends up duplicated or in the middle of
 * the message where git no longer reads it as a trailer. Before the recomputed trailers are added at the end:
 * - our summary trailers (any version) are taken out of every trailer block: they described other commits;
 * - trailers in our other shapes (Assisted-by, our co-author lines) are taken out of the blocks before the last and
 *   returned, so the caller adds them once at the end (they may be a person's own words: never dropped);
 * - every other trailer (Signed-off-by, the user's own) stays where it is, byte for byte.
 * A block left empty goes with the blank line before it.
 */
import type { Trailer } from '../commit/message';
import { isOwnSummaryTrailer, isOwnTrailer } from '../commit/trailers';

const TRAILER_LINE = /^([A-Za-z0-9-]+)[ \t]*:(.*)$/;

interface LocatedTrailer extends Trailer {
  readonly first: number;
  readonly last: number;
}

export interface SquashCleanup {
  readonly message: string;
  /** Our non-summary trailers taken out of earlier blocks, in order, without duplicates. */
  readonly moved: readonly Trailer[];
}

/** Trailers of the paragraph lines[start, end), or undefined when it is not a trailer block (git's rule). */
function blockTrailers(lines: readonly string[], start: number, end: number): LocatedTrailer[] | undefined {
  const found: LocatedTrailer[] = [];
  let prose = 0;
  let gitPrefix = false;
  for (let i = start; i < end; i++) {
    const line = lines[i];
    const previous = found[found.length - 1];
    if (/^[ \t]/.test(line) && previous && previous.last === i - 1) {
      found[found.length - 1] = { ...previous, value: `${previous.value} ${line.trim()}`, last: i };
      continue;
    }
    if (line.startsWith('Signed-off-by: ') || line.startsWith('(cherry picked from commit ')) gitPrefix = true;
    const match = TRAILER_LINE.exec(line);
    if (match) found.push({ key: match[1], value: match[2].trim(), first: i, last: i });
    else prose++;
  }
  return found.length > 0 && (prose === 0 || (gitPrefix && found.length * 3 >= prose)) ? found : undefined;
}

export function cleanSquashedMessage(message: string, commentChar: string): SquashCleanup {
  const lines = message.split('\n');
  const isComment = (i: number) => commentChar !== '' && lines[i].startsWith(commentChar);
  const isBlank = (i: number) => lines[i].trim() === '';
  const paragraphs: Array<[number, number]> = [];
  for (let i = 0; i < lines.length;) {
    if (isBlank(i) || isComment(i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < lines.length && !isBlank(i) && !isComment(i)) i++;
    paragraphs.push([start, i]);
  }
  const doomed = new Set<number>();
  const moved: Trailer[] = [];
  // The first paragraph is a title, never trailers.
  for (let p = 1; p < paragraphs.length; p++) {
    const [start, end] = paragraphs[p];
    const trailers = blockTrailers(lines, start, end);
    if (!trailers) continue;
    const final = p === paragraphs.length - 1;
    let kept = trailers.length;
    for (const t of trailers) {
      const own = isOwnSummaryTrailer(t) || (!final && isOwnTrailer(t));
      if (!own) continue;
      if (
        !isOwnSummaryTrailer(t) &&
        !moved.some((m) => m.key.toLowerCase() === t.key.toLowerCase() && m.value === t.value)
      )
        moved.push({ key: t.key, value: t.value });
      for (let i = t.first; i <= t.last; i++) doomed.add(i);
      kept--;
    }
    // Prose lines of a block (beside Signed-off-by) count as kept too.
    const prose = end - start - trailers.reduce((n, t) => n + t.last - t.first + 1, 0);
    if (kept === 0 && prose === 0 && start > 0 && isBlank(start - 1)) doomed.add(start - 1);
  }
  if (doomed.size === 0) return { message, moved };
  return { message: lines.filter((_, i) => !doomed.has(i)).join('\n'), moved };
}

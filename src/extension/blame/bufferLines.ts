/**
 * Puts AI blame on the lines of what the editor shows. Blame describes the file on disk (or at a commit); an edited
 * buffer is aligned to it line by line (src/core/rewrite matchLines), and lines that are not committed, or exist
 * only in the buffer, take the live attribution when the editor tracks the document.
 */
import type { Authorship, BlameLine, LineOrigin } from '../../core/blame';
import { matchLines } from '../../core/rewrite';
import type { LineMark } from './lineMarkStyles';

export interface LiveLine {
  readonly kind: 'ai' | 'mixed' | 'human';
  readonly origins: readonly LineOrigin[];
}

export interface BufferLine {
  readonly mark: LineMark | undefined;
  /** The blamed line this buffer line continues; undefined for a line only the buffer has. */
  readonly blame: BlameLine | undefined;
  /** False for lines not committed yet (the live or stored attribution decided). */
  readonly committed: boolean;
  readonly origins: readonly LineOrigin[];
}

export function markOf(authorship: Authorship | LiveLine['kind']): LineMark | undefined {
  switch (authorship) {
    case 'ai':
      return 'ai';
    case 'mixed':
      return 'mixed';
    case 'ai-assisted':
      return 'assisted';
    default:
      return undefined;
  }
}

/** One entry per buffer line. `live` (per buffer line) overrides uncommitted and buffer-only lines. */
export function mapToBuffer(
  blame: readonly BlameLine[],
  buffer: readonly string[],
  live?: readonly LiveLine[],
): BufferLine[] {
  const same = blame.length === buffer.length && blame.every((b, i) => b.text === buffer[i]);
  // A file ending in a newline has one more (empty) line in the editor than in blame.
  const trailing =
    !same &&
    blame.length + 1 === buffer.length &&
    buffer[buffer.length - 1] === '' &&
    blame.every((b, i) => b.text === buffer[i]);
  let newToOld: ArrayLike<number>;
  if (same || trailing) newToOld = Array.from(buffer, (_, i) => (i < blame.length ? i : -1));
  else
    newToOld = matchLines(
      blame.map((b) => b.text),
      buffer,
    ).newToOld;
  return Array.from(buffer, (_, i): BufferLine => {
    const o = newToOld[i];
    const b = o >= 0 ? blame[o] : undefined;
    const committed = b !== undefined && b.commit !== null;
    const liveLine = live?.[i];
    if (!committed && liveLine)
      return { mark: markOf(liveLine.kind), blame: b, committed: false, origins: liveLine.origins };
    if (!b) return { mark: undefined, blame: undefined, committed: false, origins: [] };
    return { mark: markOf(b.authorship), blame: b, committed, origins: b.origins };
  });
}

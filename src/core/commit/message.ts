/**
 * Commit message text handling that `git interpret-trailers` does not do for the prepare-commit-msg hook: which
 * comment character is in force, whether the message is effectively empty, and where its trailer block is.
 * Trailer-block rules follow git's trailer.c: the last paragraph, never the title, all trailers or (with a
 * git-generated prefix) at least 25% trailers; comment lines are ignored and a scissors line ends the message.
 */

export interface Trailer {
  readonly key: string;
  readonly value: string;
}

/** The candidates git tries, in order, for `core.commentChar=auto`. */
const AUTO_CANDIDATES = '#;@!$%^&|:';
const SCISSORS_TEXT = ' ------------------------ >8 ------------------------';

/**
 * The comment prefix in force. `setting` is core.commentChar / core.commentString (undefined when unset).
 * For `auto`, git chose the character before it appended its comment template, so we recognise that template: a
 * scissors line, or a trailing block of at least two lines starting with one candidate. Without a template (e.g.
 * `git commit -m`) we repeat git's own choice over the message.
 */
export function resolveCommentChar(setting: string | undefined, message: string): string {
  if (setting === undefined || setting === '' || /[\r\n]/.test(setting)) {
    return '#';
  }
  if (setting.toLowerCase() !== 'auto') {
    return setting;
  }
  const lines = message.split('\n').map((l) => l.replace(/\r$/, ''));
  for (const c of AUTO_CANDIDATES) {
    if (lines.includes(c + SCISSORS_TEXT)) {
      return c;
    }
  }
  const templateChar = trailingCommentBlockChar(lines);
  if (templateChar) {
    return templateChar;
  }
  return gitAutoChoice(lines, message);
}

function trailingCommentBlockChar(lines: readonly string[]): string | undefined {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') {
    end--;
  }
  if (end === 0) {
    return undefined;
  }
  const c = lines[end - 1][0];
  if (!AUTO_CANDIDATES.includes(c)) {
    return undefined;
  }
  let count = 0;
  for (let i = end - 1; i >= 0 && lines[i].startsWith(c); i--) {
    count++;
  }
  return count >= 2 ? c : undefined;
}

function gitAutoChoice(lines: readonly string[], message: string): string {
  if (!message.includes('#')) {
    return '#';
  }
  const used = new Set(lines.map((l) => l[0]));
  for (const c of AUTO_CANDIDATES) {
    if (!used.has(c)) {
      return c;
    }
  }
  return '#';
}

/** The message's lines without line terminators, cut at the scissors line (everything below it is not message). */
function messageLines(message: string, commentChar: string): string[] {
  const lines = message.split('\n').map((l) => l.replace(/\r$/, ''));
  const scissors = commentChar === '' ? -1 : lines.indexOf(commentChar + SCISSORS_TEXT);
  return scissors >= 0 ? lines.slice(0, scissors) : lines;
}

/**
 * True when nothing but whitespace and comment lines remains: git would abort such a commit as empty.
 * `commentChar` '' means the text has no comments (a stored commit message).
 */
export function isMessageEmpty(message: string, commentChar: string): boolean {
  return messageLines(message, commentChar).every(
    (line) => (commentChar !== '' && line.startsWith(commentChar)) || line.trim() === '',
  );
}

interface LocatedTrailer extends Trailer {
  /** Message line indices [first, last] the trailer occupies (continuation lines included). */
  readonly firstLine: number;
  readonly lastLine: number;
}

const TRAILER_LINE = /^([A-Za-z0-9-]+)[ \t]*:(.*)$/;
/** Prefixes git itself writes; their presence lets a block with some free text still count as trailers. */
const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];

function locateTrailers(message: string, commentChar: string): LocatedTrailer[] {
  const lines = messageLines(message, commentChar);
  const isComment = (i: number) => commentChar !== '' && lines[i].startsWith(commentChar);
  const isBlank = (i: number) => lines[i].trim() === '';
  // The first paragraph is the title and never holds trailers.
  let endOfTitle = 0;
  while (endOfTitle < lines.length && (isComment(endOfTitle) || !isBlank(endOfTitle))) {
    endOfTitle++;
  }
  let end = lines.length;
  while (end > endOfTitle && (isBlank(end - 1) || isComment(end - 1))) {
    end--;
  }
  let start = end;
  while (start > endOfTitle && !isBlank(start - 1)) {
    start--;
  }
  if (start >= end) {
    return [];
  }
  const found: LocatedTrailer[] = [];
  let nonTrailerLines = 0;
  let recognizedPrefix = false;
  let current: { key: string; value: string; firstLine: number; lastLine: number } | undefined;
  const flush = () => {
    if (current) {
      found.push({ ...current, value: current.value.trim() });
      current = undefined;
    }
  };
  for (let i = start; i < end; i++) {
    const line = lines[i];
    if (isComment(i)) {
      continue;
    }
    if (/^[ \t]/.test(line) && current) {
      current.value += ' ' + line.trim();
      current.lastLine = i;
      continue;
    }
    flush();
    if (GIT_GENERATED_PREFIXES.some((p) => line.startsWith(p))) {
      recognizedPrefix = true;
    }
    const match = TRAILER_LINE.exec(line);
    if (match) {
      current = { key: match[1], value: match[2], firstLine: i, lastLine: i };
    } else {
      nonTrailerLines++;
    }
  }
  flush();
  const isBlock =
    found.length > 0 && (nonTrailerLines === 0 || (recognizedPrefix && found.length * 3 >= nonTrailerLines));
  return isBlock ? found : [];
}

/**
 * The trailers of a commit message, in order, continuation lines unfolded. Pass the comment prefix for a message
 * being edited (hook input); '' for a stored commit message, where a leading `#` is content.
 */
export function parseTrailers(message: string, commentChar = '#'): Trailer[] {
  return locateTrailers(message, commentChar).map(({ key, value }) => ({ key, value }));
}

/** Compares trailers the way a reader would: key case-insensitively, value with whitespace runs collapsed. */
export function sameTrailer(a: Trailer, b: Trailer): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  return a.key.toLowerCase() === b.key.toLowerCase() && norm(a.value).toLowerCase() === norm(b.value).toLowerCase();
}

/** Removes the given trailers from the message's trailer block; everything else stays byte-for-byte. */
export function removeTrailers(message: string, remove: readonly Trailer[], commentChar = '#'): string {
  if (remove.length === 0) {
    return message;
  }
  const doomed = new Set<number>();
  for (const t of locateTrailers(message, commentChar)) {
    if (remove.some((r) => sameTrailer(r, t))) {
      for (let i = t.firstLine; i <= t.lastLine; i++) {
        doomed.add(i);
      }
    }
  }
  if (doomed.size === 0) {
    return message;
  }
  return message
    .split('\n')
    .filter((_, i) => !doomed.has(i))
    .join('\n');
}

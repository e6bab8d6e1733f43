/**
 * A deliberately small lexer: splits a line into code and comment text so rules can ask "is this said in a comment?"
 * without a parser per language. String contents stay in the code part (secrets and SQL live there). State carries
 * block comments and Python docstrings across the lines of one hunk. It jumps between interesting characters
 * instead of walking every character: most lines have none and come back untouched.
 */
import type { CommentStyle } from './paths';

export interface LexState {
  /** Closing token of the open block comment or docstring, or null. */
  readonly blockEnd: string | null;
}

export const START_STATE: LexState = { blockEnd: null };

export interface LexedLine {
  readonly code: string;
  readonly comment: string;
  readonly state: LexState;
}

/** Characters that can start a string or a comment, per style. */
const INTERESTING: Record<Exclude<CommentStyle, 'none'>, RegExp> = {
  slash: /["'`/]/g,
  hash: /["'`#]/g,
  sql: /["'`/-]/g,
  markup: /["'`<]/g,
};
const STATES = new Map<string, LexState>([
  ['*/', { blockEnd: '*/' }],
  ['"""', { blockEnd: '"""' }],
  ["'''", { blockEnd: "'''" }],
  ['-->', { blockEnd: '-->' }],
]);

export function lexLine(text: string, style: CommentStyle, state: LexState): LexedLine {
  if (style === 'none') return { code: text, comment: '', state: START_STATE };
  let blockEnd = state.blockEnd;
  if (blockEnd === null && style === 'slash' && /^\s*\*(?:\s|\/|$)/.test(text)) {
    // A hunk that starts inside a block comment: "* text" lines are comment text.
    return { code: '', comment: text, state: text.includes('*/') ? START_STATE : STATES.get('*/')! };
  }
  const interesting = INTERESTING[style];
  let code = '';
  let comment = '';
  let i = 0;
  while (i < text.length) {
    if (blockEnd !== null) {
      const end = text.indexOf(blockEnd, i);
      if (end < 0) {
        comment += text.slice(i);
        break;
      }
      comment += text.slice(i, end);
      i = end + blockEnd.length;
      blockEnd = null;
      continue;
    }
    interesting.lastIndex = i;
    const hit = interesting.exec(text);
    if (!hit) {
      code += text.slice(i);
      break;
    }
    const at = hit.index;
    code += text.slice(i, at);
    const ch = text[at];
    const next = text[at + 1];
    if (ch === '"' || ch === "'" || ch === '`') {
      if (style === 'hash' && ch !== '`' && text.startsWith(ch.repeat(3), at) && code.trim() === '') {
        blockEnd = ch.repeat(3);
        i = at + 3;
        continue;
      }
      const close = stringEnd(text, at + 1, ch);
      code += text.slice(at, close);
      i = close;
      continue;
    }
    if ((style === 'slash' || style === 'sql') && ch === '/' && next === '*') {
      blockEnd = '*/';
      i = at + 2;
      continue;
    }
    if ((style === 'slash' && ch === '/' && next === '/') || (style === 'sql' && ch === '-' && next === '-')) {
      comment += text.slice(at + 2);
      break;
    }
    if (style === 'hash' && ch === '#' && (at === 0 || text[at - 1] === ' ' || text[at - 1] === '\t')) {
      comment += text.slice(at + 1);
      break;
    }
    if (style === 'markup' && text.startsWith('<!--', at)) {
      blockEnd = '-->';
      i = at + 4;
      continue;
    }
    code += ch;
    i = at + 1;
  }
  return { code, comment, state: blockEnd === null ? START_STATE : (STATES.get(blockEnd) ?? { blockEnd }) };
}

/** Index just after the closing quote (or the line's end for an unterminated string), honouring backslashes. */
function stringEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
  }
  return text.length;
}

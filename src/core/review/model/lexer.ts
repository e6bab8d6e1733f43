/**
 * A deliberately small lexer: splits a line into code and comment text so rules can ask "is this said in a comment?"
 * without a parser per language. String contents stay in the code part (secrets and SQL live there). State carries
 * block comments, Python docstrings and multi-line string values across the lines of one hunk; for `#` languages a
 * hunk starts in the state the head's text gives its first line (statesAt). It jumps between interesting characters
 * instead of walking every character: most lines have none and come back untouched.
 */
import type { CommentStyle } from './paths';

export interface LexState {
  /** Closing token of the open block comment, docstring or multi-line string, or null. */
  readonly blockEnd: string | null;
  /** The open block is a string value (`x = """...`), whose text is code, not a docstring. */
  readonly string?: boolean;
}

export const START_STATE: LexState = { blockEnd: null };

export interface LexedLine {
  readonly code: string;
  /**
   * `code` with the text inside string literals replaced by STRING_TEXT, character for character (quotes, prefixes
   * and `${...}` of templates kept): an index into `code` falls inside a string exactly when `bare` has STRING_TEXT
   * there. The rules that read what code does ask it, since a help text saying "subprocess.run" runs nothing.
   */
  readonly bare: string;
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
const STRING_STATES = new Map<string, LexState>([
  ['"""', { blockEnd: '"""', string: true }],
  ["'''", { blockEnd: "'''", string: true }],
]);

/** Inside a template literal (a backtick string) that spans lines. */
const TEMPLATE_STATE: LexState = { blockEnd: '`', string: true };

/** What `bare` holds in place of each character of a string literal's text. */
const STRING_TEXT = '\u0000';

/** Whether the character of `code` at `index` is text inside a string literal (see LexedLine.bare). */
function inStringText(bare: string, index: number): boolean {
  return bare.charCodeAt(index) === 0;
}

/** `s` as string text, a template's `${...}` kept as the code it is. */
function blank(s: string, template: boolean): string {
  if (template && s.includes('${')) {
    return s.replace(/\$\{[^}]*\}?|[^$]+|\$/g, (m) => (m.startsWith('${') ? m : STRING_TEXT.repeat(m.length)));
  }
  return STRING_TEXT.repeat(s.length);
}

export function lexLine(text: string, style: CommentStyle, state: LexState): LexedLine {
  if (style === 'none') return { code: text, bare: text, comment: '', state: START_STATE };
  let blockEnd = state.blockEnd;
  let inString = state.string === true;
  if (blockEnd === null && style === 'slash' && /^\s*\*(?:\s|\/|$)/.test(text)) {
    // A hunk that starts inside a block comment: "* text" lines are comment text.
    return { code: '', bare: '', comment: text, state: text.includes('*/') ? START_STATE : STATES.get('*/')! };
  }
  const interesting = INTERESTING[style];
  let code = '';
  let bare = '';
  let comment = '';
  let i = 0;
  while (i < text.length) {
    if (blockEnd === '`') {
      // Inside a template literal opened on an earlier line: its text runs to the next unescaped backtick.
      const close = stringEnd(text, i, '`');
      const closed = close > i && text[close - 1] === '`' && !escapedAt(text, close - 1);
      const inner = text.slice(i, closed ? close - 1 : close);
      code += text.slice(i, close);
      bare += blank(inner, true) + (closed ? '`' : '');
      i = close;
      if (!closed) break;
      blockEnd = null;
      inString = false;
      continue;
    }
    if (blockEnd !== null) {
      const end = text.indexOf(blockEnd, i);
      if (end < 0) {
        if (inString) {
          code += text.slice(i);
          bare += blank(text.slice(i), false);
        } else comment += text.slice(i);
        break;
      }
      if (inString) {
        code += text.slice(i, end + blockEnd.length);
        bare += blank(text.slice(i, end), false) + blockEnd;
      } else comment += text.slice(i, end);
      i = end + blockEnd.length;
      blockEnd = null;
      inString = false;
      continue;
    }
    interesting.lastIndex = i;
    const hit = interesting.exec(text);
    if (!hit) {
      code += text.slice(i);
      bare += text.slice(i);
      break;
    }
    const at = hit.index;
    code += text.slice(i, at);
    bare += text.slice(i, at);
    const ch = text[at];
    const next = text[at + 1];
    if (ch === '"' || ch === "'" || ch === '`') {
      if (style === 'hash' && ch !== '`' && text.startsWith(ch.repeat(3), at)) {
        // A docstring opens a statement; after code (`x = """`, `f("""`) it is a string value, kept as code.
        blockEnd = ch.repeat(3);
        inString = code.trim() !== '';
        if (inString) {
          code += blockEnd;
          bare += blockEnd;
        }
        i = at + 3;
        continue;
      }
      const close = stringEnd(text, at + 1, ch);
      code += text.slice(at, close);
      // The quotes stay code. A quote never closed on its line is no one-line string: a Rust lifetime (`&'a str`) or
      // a stray apostrophe, whose rest is still code; only a template (`) runs on to the next lines.
      const closed = close - at >= 2 && text[close - 1] === ch;
      if (closed || ch === '`')
        bare += ch + blank(text.slice(at + 1, closed ? close - 1 : close), ch === '`') + (closed ? ch : '');
      else bare += text.slice(at, close);
      i = close;
      if (ch === '`' && !closed && style === 'slash') {
        // A JS/TS template (or a Go raw string) left open runs on: the next lines are its text, not code.
        blockEnd = '`';
        inString = true;
      }
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
    bare += ch;
    i = at + 1;
  }
  const open = inString
    ? (STRING_STATES.get(blockEnd!) ?? TEMPLATE_STATE)
    : blockEnd === null
      ? START_STATE
      : STATES.get(blockEnd);
  return { code, bare: bare === code ? code : bare, comment, state: open ?? { blockEnd, string: inString } };
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

/** Whether the character at `index` is escaped by an odd run of backslashes before it. */
function escapedAt(text: string, index: number): boolean {
  let n = 0;
  for (let k = index - 1; k >= 0 && text[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/** Whether lexing `text` could leave `state` different: most lines hold no block opener or closer. */
export function mayChangeState(text: string, style: CommentStyle, state: LexState): boolean {
  if (state.blockEnd !== null) return text.includes(state.blockEnd);
  switch (style) {
    case 'slash':
      return text.includes('/*') || text.includes('`');
    case 'sql':
      return text.includes('/*');
    case 'hash':
      return text.includes('"""') || text.includes("'''");
    case 'markup':
      return text.includes('<!--');
    default:
      return false;
  }
}

/**
 * The state at the start of each wanted 1-based line of a whole file (the head), so a hunk that begins inside a
 * Python docstring opened above it lexes its lines as the docstring they are. Only for `#` languages, where
 * triple quotes are the only multi-line construct and strings are lexed exactly; a `/*` inside a JS regex literal
 * could open a false comment for the rest of a file, so `//` languages keep starting hunks outside comments.
 */
export function statesAt(text: string, style: CommentStyle, lines: readonly number[], maxLength: number): LexState[] {
  if (style !== 'hash' || lines.length === 0) return lines.map(() => START_STATE);
  const want = [...lines].sort((a, b) => a - b);
  const out = new Map<number, LexState>();
  let state = START_STATE;
  let lineNo = 1;
  let k = 0;
  for (let at = 0; k < want.length && at <= text.length; lineNo++) {
    while (k < want.length && want[k] <= lineNo) out.set(want[k++], state);
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = end - at > maxLength ? text.slice(at, at + maxLength) : text.slice(at, end);
    if (mayChangeState(line, style, state)) state = lexLine(line, style, state).state;
    at = end + 1;
  }
  return lines.map((n) => out.get(n) ?? START_STATE);
}

/**
 * A line whose code is a pattern definition: a JS/TS regular expression literal or `String.raw` template, a
 * `new RegExp(...)`, a Python `re.compile(r"...")`, alone or as a property or variable. It names what a detector looks
 * for (`--privileged`, `eval\s*\(`), it does none of it: the rules that read what code does leave it alone.
 */
export function definesPattern(code: string, language: string): boolean {
  // Only where that syntax means a pattern: `key: /var/lib/` in YAML is a path.
  return (language === 'js' || language === 'py') && PATTERN_LINE.test(code);
}

const PATTERN_LINE =
  /^\s*(?:(?:export\s+)?(?:const|let|var)\s+\w+(?:\s*:\s*\w+)?\s*=\s*|[\w$]+\s*:\s*|\w+\s*=\s*)?(?:\/(?![/*\s]).*\/[dgimsuvy]*|String\.raw`.*`|new RegExp\(.*\)|re\.compile\(\s*[rbuRBU]{0,2}["'].*\))\s*[,;)]?\s*(?:\.join\([^)]*\)\s*[,;)]?\s*)?$/;

const GLOBAL = new WeakMap<RegExp, RegExp>();

/**
 * The first match of `re` in `code` that starts outside a string literal's text (a quote that opens a string is
 * code), or inside a string of one word: `subprocess.run` named in a help text, a prompt or an error message is prose,
 * while `"child_process"` or a Go import path `"mvdan.cc/sh/v3/syntax"` names the module the code uses.
 */
export function execInCode(re: RegExp, code: string, bare: string): RegExpExecArray | null {
  if (bare === code) return re.exec(code);
  let g = GLOBAL.get(re);
  if (!g) GLOBAL.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')));
  g.lastIndex = 0;
  for (let m = g.exec(code); m; m = g.exec(code)) {
    if (!inStringText(bare, m.index) || oneWordString(code, bare, m.index)) return m;
    if (m[0] === '') g.lastIndex++;
  }
  return null;
}

/** Whether the string literal whose text holds `index` is one word (a name or a path), not prose. */
function oneWordString(code: string, bare: string, index: number): boolean {
  let from = index;
  while (from > 0 && inStringText(bare, from - 1)) from--;
  let to = index;
  while (to < bare.length && inStringText(bare, to)) to++;
  // Both quotes on this line: a line inside a multi-line string is part of a text, whatever its words.
  return from > 0 && to < bare.length && !/\s/.test(code.slice(from, to));
}

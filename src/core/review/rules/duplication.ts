/**
 * Duplicated blocks: the same window of code lines (trimmed) added in more than one place of the change, long enough
 * in tokens to be copy-paste a person would call duplication. Production code only: tests repeat setup on purpose,
 * and data (JSON/YAML fixtures, tables of literals) is not logic. Lines that are mostly literals (table rows, ports
 * of one pattern to many constants) do not count towards a window.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { grammarFor, type SyntaxNode } from '../syntax/tree';
import { FindingSink, RuleFamily, RuleMeta, newRange } from './rule';

const DUPLICATED: RuleMeta = {
  id: 'duplicated-block',
  claims: { languages: 'any', kinds: ['source'] },
  category: 'duplication',
  title: 'Duplicated block',
  whatToDo: 'Extract the repeated logic once; copies drift and a fix lands in only one of them.',
};

const WINDOW = 6;
const MIN_CHARS = 120;
/** Identifier and operator tokens a window needs, literals not counted. */
const MIN_TOKENS = 40;

interface Seen {
  readonly file: ChangeFile;
  readonly lines: readonly ChangeLine[];
  readonly at: number;
}

export const duplicationRules: RuleFamily = {
  name: 'duplication',
  rules: [DUPLICATED],
  run(change: Change, sink: FindingSink): void {
    // Each distinct trimmed line gets a small id (one native string hash per line); a window is keyed by a number
    // built from its five ids, and confirmed by comparing the texts on a hit.
    const ids = new Map<string, number>();
    const seen = new Map<number, Seen[]>();
    const text = new StringRows(change);
    for (const file of change.files) {
      if (!file.cls.source || file.cls.generated) continue;
      // Meaningful code lines only, so blank lines, lone braces and literal table rows do not make unrelated code alike.
      // Literals are stripped once per line, for both the data-row test and the token count.
      const lines: ChangeLine[] = [];
      const tokens: number[] = [];
      // `name: Type = default,` is a parameter only in Python; in Go, TS or Rust it is also a struct or object field.
      const python = file.cls.language === 'py';
      for (const l of file.added) {
        if (!WORDY.test(l.code)) continue;
        const code = l.code.replace(LITERALS, '');
        if (tableRow(code) || FORWARDING.test(code) || (python && PARAMETER.test(code))) continue;
        lines.push(l);
        tokens.push(tokensOf(code));
      }
      const hashes = lines.map((l) => {
        const t = l.text.trim();
        let id = ids.get(t);
        if (id === undefined) ids.set(t, (id = ids.size + 1));
        return id;
      });
      for (let i = 0; i + WINDOW <= lines.length; i++) {
        if (lines[i + WINDOW - 1].line - lines[i].line > WINDOW * 3) continue;
        let chars = 0;
        let key = 0;
        let count = 0;
        for (let k = i; k < i + WINDOW; k++) {
          chars += lines[k].text.length;
          count += tokens[k];
          key = (Math.imul(key, 0x01000193) ^ hashes[k]) >>> 0;
        }
        if (chars < MIN_CHARS || count < MIN_TOKENS) continue;
        const bucket = seen.get(key);
        const first = bucket?.find((s) => sameWindow(s.lines, s.at, lines, i));
        if (!first) {
          if (bucket) bucket.push({ file, lines, at: i });
          else seen.set(key, [{ file, lines, at: i }]);
        } else if (
          (first.file !== file || lines[i].line > first.lines[first.at].line + WINDOW) &&
          // A new file's multi-line strings (sandbox profiles embedded as template literals, prompts) hold data
          // whose entries share lines, not copied logic. Lines added into several strings of existing files stay
          // reported: that is one policy pasted N times, where a later fix must reach every copy (gemini-cli
          // #28935's deny list in six profiles, a reviewer's U?). Asked on a hit only: a file is parsed only then.
          !(
            text.holds(file, lines.slice(i, i + WINDOW)) &&
            text.holds(first.file, first.lines.slice(first.at, first.at + WINDOW))
          )
        ) {
          const firstLine = first.lines[first.at].line;
          const where = first.file === file ? `line ${firstLine}` : `${first.file.path}:${firstLine}`;
          sink.add(
            DUPLICATED,
            file,
            newRange(lines[i].line, lines[i + WINDOW - 1].line),
            'low',
            `${WINDOW} lines repeat the block added at ${where}`,
          );
        }
      }
    }
  },
};

const WORDY = /\w\w\w/;
const LITERALS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|\b\d[\w.]*\b/g;

/** A run of text between punctuation that holds a name or a word. */
const NAMED_RUN = /[^\s,:;=()[\]{}]*\w[^\s,:;=()[\]{}]*/g;

/**
 * A line that only hands a value on under its own name (`timeout=timeout,`, `model: this.model,`, `**kwargs,`):
 * calls forwarding the same options look alike by necessity, not by copy-paste.
 */
/**
 * A typed parameter of a Python signature written one per line (`usage_limits: UsageLimits | None = None,`): an
 * override, an abstract method and its wrapper must each spell the same parameter list out; that is a signature, not
 * copied logic.
 */
const PARAMETER = /^\s*\*{0,2}[A-Za-z_$][\w$]*\??\s*:\s*[^=;{}]+?(?:=\s*[^,;{}]*)?,\s*$/;
const FORWARDING =
  /^\s*(?:\*\*\w+|([A-Za-z_$][\w$]*)\s*[=:]\s*(?:(?:self|this|cls|options|opts|kwargs)\.)?\1)\s*,?\s*$/;

/**
 * A line that is mostly data: with its literals removed (`code`), little but punctuation and at most one name is
 * left. Stops at the second name.
 */
function tableRow(code: string): boolean {
  NAMED_RUN.lastIndex = 0;
  return !(NAMED_RUN.test(code) && NAMED_RUN.test(code));
}

/**
 * Identifier and operator tokens of one line with its literals removed (once per line, summed per window): each run
 * of word characters is one, and so is every other character that is not whitespace.
 */
function tokensOf(code: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
    if (word) {
      if (!inWord) n++;
    } else if (!(c === 32 || (c >= 9 && c <= 13) || (c > 127 && SPACE.test(code[i])))) n++;
    inWord = word;
  }
  return n;
}
const SPACE = /\s/;

function sameWindow(a: readonly ChangeLine[], i: number, b: readonly ChangeLine[], j: number): boolean {
  for (let k = 0; k < WINDOW; k++) if (a[i + k].text.trim() !== b[j + k].text.trim()) return false;
  return true;
}

/** Node types of string literals that can span lines, per grammar family (template literals, triple quotes, raw). */
const STRING_TYPES = new Set(['template_string', 'string', 'raw_string_literal', 'string_literal', 'text_block']);

/**
 * Which head rows of a file lie inside a string literal spanning several lines, read from the file's tree at the head
 * when the review has a parser and the text (otherwise nothing is: the line rules stay as they were).
 */
class StringRows {
  private readonly rows = new Map<string, ReadonlySet<number> | null>();

  constructor(private readonly change: Change) {}

  /** The file is new in the change and every line of the window sits inside a multi-line string. */
  holds(file: ChangeFile, window: readonly ChangeLine[]): boolean {
    if (file.diff.status !== 'added') return false;
    const rows = this.rowsOf(file);
    return rows !== null && window.every((l) => rows.has(l.line - 1));
  }

  private rowsOf(file: ChangeFile): ReadonlySet<number> | null {
    if (this.rows.has(file.path)) return this.rows.get(file.path)!;
    let out: Set<number> | null = null;
    const parser = this.change.context.syntax;
    const text = this.change.context.headText?.get(file.path);
    const grammar = grammarFor(file.path, file.cls.language);
    if (parser && text !== undefined && grammar && parser.grammars.has(grammar)) {
      const tree = parser.parse(grammar, text);
      if (tree) {
        try {
          out = new Set<number>();
          for (const n of tree.rootNode.descendantsOfType([...STRING_TYPES])) addInnerRows(n, out);
        } finally {
          tree.dispose();
        }
      }
    }
    this.rows.set(file.path, out);
    return out;
  }
}

/** The rows strictly after a multi-line string's opening row, up to its closing row: its content lines. */
function addInnerRows(n: SyntaxNode | null, out: Set<number>): void {
  if (!n) return;
  const start = n.startPosition.row;
  const end = n.endPosition.row;
  for (let r = start + 1; r <= end; r++) out.add(r);
}

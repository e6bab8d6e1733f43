/**
 * Comments and messages that contradict the code next to them, narrowly: a doc comment naming a parameter the
 * function no longer has (or, in Go, opening with the function's old name) after the change touched the signature
 * or the doc; a comment stating a duration, count or default the adjacent line contradicts (comment-numbers.ts);
 * an error or log message reading a value cleared just before it. Only where the change added the comment or the code.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { START_STATE, lexLine } from '../model/lexer';
import type { FunctionDoc } from '../syntax/docs';
import { numberContradiction } from './comment-numbers';
import { FindingSink, RuleFamily, RuleMeta, newRange, quote } from './rule';

const DOC_PARAMS: RuleMeta = {
  id: 'doc-names-missing-parameter',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'api-claims',
  title: 'Doc comment names a parameter the function does not have',
  whatToDo: 'Update the doc comment to the signature: rename, remove or add the parameters it describes.',
};
const NUMBER: RuleMeta = {
  id: 'comment-contradicts-code',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'api-claims',
  title: 'Comment states a value the code next to it contradicts',
  whatToDo: 'Decide which is intended (the comment or the code), fix the other, and test the value if it matters.',
};
const CLEARED: RuleMeta = {
  id: 'message-reads-cleared-value',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'error-handling',
  title: 'Error or log message reads a value cleared just before',
  whatToDo:
    'Build the message before clearing (or keep what it reports in a local): as written it always reports the emptied value.',
};

export const commentDriftRules: RuleFamily = {
  name: 'comment-drift',
  rules: [DOC_PARAMS, NUMBER, CLEARED],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source) continue;
      if (file.syntax) docDrift(sink, file, file.syntax.functionDocs);
      numberDrift(sink, file);
      clearedMessages(sink, file);
    }
  },
};

function docDrift(sink: FindingSink, file: ChangeFile, docs: readonly FunctionDoc[]): void {
  const added = new Set(file.added.map((l) => l.line));
  const removed = file.removed.map((l) => l.code).join('\n');
  const wasWord = (w: string): boolean => new RegExp(`(?<![\\w$])${w.replace(/\$/g, '\\$')}(?![\\w$])`).test(removed);
  for (const fd of docs) {
    const sigLine = file.added.find((l) => l.line >= fd.start && l.line <= fd.bodyStart);
    if (fd.params) {
      // Stale when the change wrote the doc line, or rewrote the signature that used to take the name.
      const stale = fd.documented.filter(
        (d) =>
          !fd.params!.includes(d.name) &&
          d.name !== 'self' &&
          d.name !== 'cls' &&
          (added.has(d.line) || (sigLine !== undefined && wasWord(d.name))),
      );
      if (stale.length > 0) {
        const at = stale.find((d) => added.has(d.line))?.line ?? sigLine!.line;
        const names = stale.map((d) => `"${d.name}"`).join(', ');
        sink.add(
          DOC_PARAMS,
          file,
          newRange(at),
          'low',
          `the doc of ${fd.name || 'this function'} names ${names}, but it takes (${fd.params.join(', ')})`,
        );
      }
    }
    // Go doc comments open with the function's name: a rename that left the old one.
    if (
      fd.lead &&
      sigLine &&
      fd.name &&
      fd.lead.word !== fd.name &&
      new RegExp(`\\bfunc\\s+(?:\\([^)]*\\)\\s*)?${fd.lead.word}\\s*[[(]`).test(removed)
    ) {
      sink.add(
        DOC_PARAMS,
        file,
        newRange(fd.lead.line),
        'low',
        `the doc comment still opens with "${fd.lead.word}", the name before ${fd.name}`,
      );
    }
  }
}

/** Comment lines directly above a code line, or trailing it, paired with that line; one of the two added. */
function numberDrift(sink: FindingSink, file: ChangeFile): void {
  const seen = new Set<number>();
  for (const l of file.added) {
    for (const [comment, code, at] of pairsOf(file, l)) {
      if (seen.has(at.line)) continue;
      const why = numberContradiction(file.cls.language, comment, code);
      if (why) {
        seen.add(at.line);
        sink.add(NUMBER, file, newRange(at.line), 'low', `${quote(comment, 50)} but ${quote(code, 50)}: ${why}`);
      }
    }
  }
}

/** A `//` or `#` comment (its marker right before the comment text), not a block comment or a docstring line. */
function isLineComment(l: ChangeLine): boolean {
  const at = l.text.lastIndexOf(l.comment);
  return at >= 0 && /(?:\/\/|#)[/!#]*\s*$/.test(l.text.slice(0, at));
}

/** [comment, code, line to report] pairs an added line takes part in. */
function pairsOf(file: ChangeFile, l: ChangeLine): [string, string, ChangeLine][] {
  const out: [string, string, ChangeLine][] = [];
  // Line comments only: a docstring or block comment goes on over the next lines, which are not code.
  if (l.comment !== '' && !isLineComment(l)) return out;
  if (l.comment !== '' && l.code.trim() !== '') out.push([l.comment, l.code, l]);
  const lines = file.diff.hunks[l.hunk].lines;
  const isAdded = (i: number): boolean => lines[i].kind === 'add';
  if (l.comment !== '' && l.code.trim() === '') {
    // A comment line: the code line after the comment block it belongs to.
    let i = l.index + 1;
    while (i < lines.length && (lines[i].kind === 'del' || /^\s*(?:\/\/|#|\*|\/\*)/.test(lines[i].text))) i++;
    const next = i < lines.length ? codeLine(file, l.hunk, i) : undefined;
    if (next && /^\s*[\w$({[]/.test(next.code)) out.push([l.comment, next.code, l]);
  } else if (l.code.trim() !== '') {
    // A code line: the comment line right above it, when it is a whole-line comment.
    let i = l.index - 1;
    while (i >= 0 && lines[i].kind === 'del') i--;
    if (i >= 0 && !isAdded(i) && /^\s*(?:\/\/|#)/.test(lines[i].text)) {
      const text = lines[i].text.replace(/^\s*(?:\/\/+|#+)\s?/, '');
      out.push([text, l.code, l]);
    }
  }
  return out;
}

/** The new-side line at hunk index `i` of `l`'s hunk, split into code and comment (context lines are not lexed). */
function codeLine(file: ChangeFile, hunk: number, i: number): { code: string } {
  return { code: lexLine(file.diff.hunks[hunk].lines[i].text, file.cls.comments, START_STATE).code };
}

/** What clears a value: `.clear()`, `= []`, `= ""`, `= None`, `.Reset()`, `mem::take(&mut v)`... */
function clearedName(code: string): string | undefined {
  const m =
    /^\s*(?:let\s+\w+\s*=\s*)?(?:std::)?mem::take\(\s*&mut\s+([\w.]+)\s*\)/.exec(code) ??
    /^\s*([\w.]+?)\s*(?:\.(?:clear|Reset|truncate\(0|splice\(0)\b|\.length\s*=\s*0\b)/.exec(code) ??
    /^\s*(?:del\s+)([\w.]+)\[:\]/.exec(code) ??
    /^\s*([\w.]+)\s*=\s*(?:\[\]|""|''|b""|None|null|undefined|nil|\{\}|Vec::new\(\)|String::new\(\)|new Map\(\)|new Set\(\)|\w+\[:0\])\s*;?\s*$/.exec(
      code,
    );
  return m?.[1];
}

const MESSAGE =
  /\b(?:raise\s+[\w.]+|throw\s+new\s+\w+|Err|bail!|anyhow!|panic!|errors\.New|fmt\.Errorf|log(?:ger)?\.\w+|logging\.\w+|console\.(?:error|warn|log|info)|(?:warn|error|info|debug)!|new\s+\w*Error)\s*\(/;

/**
 * An added message (raise, throw, Err, a log call) that reads a value the lines just above it cleared, in the same
 * straight-line block (same indentation, nothing reassigning it in between). Either line added.
 */
function clearedMessages(sink: FindingSink, file: ChangeFile): void {
  const reported = new Set<number>();
  for (const h of file.diff.hunks) {
    const lines = h.lines.map((x, i) => ({ x, i })).filter(({ x }) => x.kind !== 'del');
    for (let k = 0; k < lines.length; k++) {
      const msg = lines[k].x;
      const m = MESSAGE.exec(msg.text);
      if (!m) continue;
      const indent = /^\s*/.exec(msg.text)![0].length;
      const args = msg.text.slice(m.index + m[0].length);
      for (let j = k - 1; j >= 0 && j >= k - 4; j--) {
        const prev = lines[j].x;
        if (prev.text.trim() === '') continue;
        const pIndent = /^\s*/.exec(prev.text)![0].length;
        if (pIndent < indent) break;
        if (pIndent > indent) continue;
        const name = clearedName(prev.text);
        if (!name) continue;
        const esc = name.replace(/[.$]/g, '\\$&');
        if (!new RegExp(`(?<![\\w.$])${esc}(?![\\w$])`).test(args)) break;
        // Refilled in between: the message reads the new value.
        const refill = new RegExp(
          `(?<![\\w.$])${esc}\\s*(?:[-+]?=(?!=)|\\.(?:append|push|extend|write|insert|add|set|WriteString|Write)\\b)`,
        );
        if (lines.slice(j + 1, k).some(({ x }) => refill.test(x.text))) break;
        if (msg.kind !== 'add' && prev.kind !== 'add') break;
        const at = msg.kind === 'add' ? msg.newLine! : prev.newLine!;
        if (reported.has(at)) break;
        reported.add(at);
        sink.add(
          CLEARED,
          file,
          newRange(at),
          'medium',
          `${quote(msg.text, 60)} reports ${name} right after ${quote(prev.text, 40)} emptied it`,
        );
        break;
      }
    }
  }
}

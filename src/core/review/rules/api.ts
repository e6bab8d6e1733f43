/**
 * A library's public surface: public functions removed or renamed, parameters inserted before existing ones or
 * removed, and changed functions whose only remaining callers are tests (from `git grep` at the head, given as
 * `context.references` by src/git). Per language: `export` in TS/JS, no leading underscore in Python, `pub` in Rust,
 * a capital letter in Go, `public` in Java.
 */
import type { DiffFile, ParsedDiff } from '../diff/types';
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { inlineTestRanges } from '../model/inlineTests';
import { classifyPath, type Language } from '../model/paths';
import { FindingSink, RuleFamily, RuleMeta, newRange, oldRange, quote } from './rule';

const API: RuleMeta = {
  id: 'public-api-changed',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'api',
  title: 'Public API changed',
  whatToDo:
    'Callers outside this repository break: keep the old name or order with a deprecation, or record the break in the changelog and version.',
};
const TEST_ONLY: RuleMeta = {
  id: 'test-only-callers',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'api',
  title: 'Changed function only tests call',
  whatToDo: 'Delete it with its tests, or wire it up where it was meant to be used: code only tests reach is dead.',
};

/** A definition line: group 1 the name, group 2 the parameter text after `(` (maybe cut at the line end). */
const PUBLIC_DEF: Partial<Record<Language, RegExp>> = {
  js: /^\s*export\s+(?:default\s+)?(?:async\s+)?function\*?\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\((.*)$|^\s*export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?\((.*)$/,
  py: /^(?: {4})?(?:async\s+)?def\s+([A-Za-z][\w]*)\s*\((.*)$/,
  rust: /^\s*pub\s+(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+([A-Za-z_]\w*)\s*(?:<[^>]*>)?\s*\((.*)$/,
  go: /^func\s+(?:\([^)]*\)\s*)?([A-Z]\w*)\s*(?:\[[^\]]*\])?\s*\((.*)$/,
  java: /^\s*public\s+(?:static\s+|final\s+|synchronized\s+|abstract\s+)*[\w<>[\],.? ]+\s+([a-zA-Z_]\w*)\s*\((.*)$/,
};
/** Any function definition, for the names a hunk changed (its @@ section or a definition line). */
const ANY_DEF =
  /\b(?:function\*?|def|fn|func(?:\s*\([^)]*\))?)\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>|\[[^\]]*\])?\s*\(|^\s*(?:export\s+)?(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:\([^)]*\)|\w+)\s*=>|^\s*(?:public|private|protected|static|async|\s)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::\s*[\w<>[\]|, ]+)?\s*\{\s*$/;

interface Def {
  readonly name: string;
  readonly params: string[];
  readonly line: ChangeLine;
}

export const apiRules: RuleFamily = {
  name: 'api',
  rules: [API, TEST_ONLY],
  run(change: Change, sink: FindingSink): void {
    const addedAnywhere = new Set<string>();
    for (const file of change.files) for (const d of publicDefs(file, file.added)) addedAnywhere.add(d.name);
    for (const file of change.files) {
      if (!libraryFile(file)) continue;
      const added = new Map(publicDefs(file, file.added).map((d) => [d.name, d]));
      for (const old of publicDefs(file, file.removed)) {
        const now = added.get(old.name);
        if (!now) {
          if (!addedAnywhere.has(old.name))
            sink.add(
              API,
              file,
              oldRange(old.line.line),
              'medium',
              `public ${quote(old.name, 40)} removed or renamed: ${quote(old.line.text, 60)}`,
            );
          continue;
        }
        const problem = incompatible(old.params, now.params);
        if (problem)
          sink.add(
            API,
            file,
            newRange(now.line.line),
            'medium',
            `${quote(old.name, 40)}: ${problem} (${quote(old.params.join(', '), 40)} -> ${quote(now.params.join(', '), 40)})`,
          );
      }
    }
    testOnlyCallers(change, sink);
  },
};

/** Code a library exposes: production files outside private modules, scripts, examples and Go's internal/. */
function libraryFile(file: ChangeFile): boolean {
  if (!file.cls.source || !PUBLIC_DEF[file.cls.language]) return false;
  return (
    !/(?:^|\/)(?:_[^/]*\.py|internal\/|scripts?\/|examples?\/|cmd\/|bin\/|benches?\/|tools?\/)/.test(file.path) &&
    !/(?:^|\/)(?:main|__main__)\.\w+$/.test(file.path)
  );
}

function publicDefs(file: ChangeFile, lines: readonly ChangeLine[]): Def[] {
  const re = PUBLIC_DEF[file.cls.language];
  if (!re || !file.cls.source) return [];
  const out: Def[] = [];
  lines.forEach((l, i) => {
    const m = re.exec(l.code);
    if (!m) return;
    const name = m[1] ?? m[3];
    if (file.cls.language === 'py' && name.startsWith('_')) return;
    // Parameters may run over several lines: join the following lines of the same side until `)` closes.
    let text = m[2] ?? m[4] ?? '';
    for (let k = i + 1; k < lines.length && k < i + 12 && !closes(text); k++) {
      if (lines[k].line !== lines[k - 1].line + 1) break;
      text += ' ' + lines[k].code;
    }
    if (!closes(text)) return;
    out.push({ name, params: paramsOf(text), line: l });
  });
  return out;
}

function closes(text: string): boolean {
  let depth = 1;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{' || ch === '<') depth++;
    else if (ch === ')' || ch === ']' || ch === '}' || ch === '>') depth--;
    if (depth === 0) return true;
  }
  return false;
}

/** Parameter names (without types and defaults, `self`/receivers dropped); a trailing `=`/`?` marks optional. */
function paramsOf(text: string): string[] {
  let depth = 1;
  let cur = '';
  const parts: string[] = [];
  for (const ch of text) {
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    if (depth === 0) break;
    if (ch === ',' && depth === 1) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^&?(?:mut\s+)?self\b|^cls$|^\*$|^\/$/.test(p))
    .map((p) => {
      const optional = /=|\?\s*:/.test(p) || /^\*\*?\w/.test(p);
      const name = (
        /^(?:\.\.\.)?\*{0,2}([A-Za-z_$][\w$]*)/.exec(p.replace(/^(?:mut|final|readonly|public|private)\s+/, ''))?.[1] ??
        p
      ).trim();
      return optional ? `${name}?` : name;
    });
}

/** Why a new parameter list breaks callers of the old one, or null when it does not (same, or optional ones added at the end). */
function incompatible(before: readonly string[], after: readonly string[]): string | null {
  const req = (p: string): boolean => !p.endsWith('?');
  const name = (p: string): string => p.replace(/\?$/, '');
  if (before.join(',') === after.join(',')) return null;
  const oldNames = before.map(name);
  const newNames = after.map(name);
  const firstNew = newNames.findIndex((n) => !oldNames.includes(n));
  if (firstNew >= 0 && firstNew < oldNames.length && newNames.slice(firstNew + 1).some((n) => oldNames.includes(n)))
    return 'parameter inserted before existing ones';
  const removed = oldNames.filter((n) => !newNames.includes(n));
  if (removed.length > 0) return `parameter${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed`;
  const common = oldNames.filter((n) => newNames.includes(n));
  if (common.join(',') !== newNames.filter((n) => oldNames.includes(n)).join(',')) return 'parameters reordered';
  if (after.slice(before.length).some(req)) return 'new required parameter';
  return null;
}

/** Names of functions the change touched: definitions on changed lines and the functions hunks sit in. */
export function changedFunctionNames(diff: ParsedDiff): string[] {
  const names = new Set<string>();
  for (const f of diff.files) {
    const cls = classifyPath(f.path);
    if (!cls.source || f.status === 'deleted') continue;
    for (const n of functionsTouched(f).keys()) names.add(n);
  }
  return [...names]
    .filter((n) => n.length >= 5 && !COMMON.has(n) && !/^(?:test|Test)/.test(n) && !n.startsWith('__'))
    .slice(0, 40);
}

const COMMON = new Set([
  'constructor',
  'render',
  'toString',
  'equals',
  'hashCode',
  'default',
  'handle',
  'update',
  'setup',
  'main',
  'close',
  'start',
  'value',
  'build',
  'parse',
  'apply',
  'write',
  'flush',
  'clone',
  'delete',
  'create',
  'while',
  'catch',
  'function',
  'return',
  'switch',
]);

/** Functions a file's change touched, by name, with the new-side line to point at: defined on an added line, or
 * enclosing a hunk's first change (the nearest definition above it in the hunk, else the hunk's @@ section). */
function functionsTouched(diff: DiffFile): Map<string, number> {
  const out = new Map<string, number>();
  const nameOf = (text: string): string | undefined => {
    const m = ANY_DEF.exec(text);
    return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  };
  for (const h of diff.hunks) {
    for (const l of h.lines) {
      const n = l.kind === 'add' ? nameOf(l.text) : undefined;
      if (n && !out.has(n)) out.set(n, l.newLine!);
    }
  }
  for (const h of diff.hunks) {
    const first = h.lines.findIndex((l) => l.kind !== 'context');
    if (first < 0) continue;
    let name: string | undefined;
    for (let i = first - 1; i >= 0 && !name; i--) name = nameOf(h.lines[i].text);
    name ??= nameOf(h.section);
    const at = h.lines.slice(first).find((l) => l.kind === 'add')?.newLine ?? h.newStart;
    if (name && !out.has(name)) out.set(name, at);
  }
  return out;
}

function definesName(text: string, name: string): boolean {
  const m = ANY_DEF.exec(text);
  return m !== null && (m[1] ?? m[2] ?? m[3]) === name;
}

/** A reference at the head is a test when its file is a test file or it sits in an inline test module. */
function testOnlyCallers(change: Change, sink: FindingSink): void {
  const refs = change.context.references;
  if (!refs) return;
  const headText = change.context.headText;
  const ranges = new Map<string, [number, number][]>();
  const isTest = (path: string, line: number): boolean => {
    const cls = classifyPath(path);
    if (cls.test) return true;
    if (cls.language !== 'rust') return false;
    let r = ranges.get(path);
    if (!r) ranges.set(path, (r = inlineTestRanges('rust', headText?.get(path) ?? '')));
    return r.some(([a, b]) => line >= a && line <= b);
  };
  for (const file of change.files) {
    if (!file.cls.source || file.inlineTests) continue;
    for (const [name, at] of functionsTouched(file.diff)) {
      const hits = refs.get(name);
      if (!hits) continue;
      const callers = hits.filter(
        (h) =>
          !definesName(h.text, name) &&
          !/^\s*(?:\/\/|#|\*|\/\*)/.test(h.text) &&
          !/\bimport\b|\buse\s+[\w:]+|^\s*from\s/.test(h.text),
      );
      if (callers.length === 0 || !callers.every((h) => isTest(h.path, h.line))) continue;
      const files = [...new Set(callers.map((h) => h.path))];
      sink.add(
        TEST_ONLY,
        file,
        newRange(at),
        'low',
        `${quote(name, 40)} is called only from tests at the head (${callers.length} call${callers.length > 1 ? 's' : ''} in ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', ...' : ''})`,
      );
    }
  }
}

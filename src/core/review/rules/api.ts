/**
 * A library's public surface. Files whose both sides were read as syntax trees are judged by rules/signatures.ts;
 * the rest (no grammar, no base text) by the line rules below: public functions removed or renamed, parameters
 * inserted before existing ones or removed. Per language: `export` in TS/JS, no leading underscore in Python, `pub` in
 * Rust, a capital letter in Go, `public` in Java. Changed functions whose only callers are tests: rules/callers.ts.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { libraryModule } from '../model/library';
import type { PackageIndex } from '../model/packages';
import type { Language } from '../model/paths';
import { testOnlyCallers } from './callers';
import { FindingSink, RuleFamily, RuleMeta, newRange, oldRange, quote } from './rule';
import { treeApiChanges } from './signatures';

export { changedFunctionNames } from './touched';

const API: RuleMeta = {
  id: 'public-api-changed',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java'] },
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
/** A word every match of PUBLIC_DEF needs, tested before the pattern. */
const DEF_WORD: Partial<Record<Language, string>> = { js: 'export', py: 'def', rust: 'fn', go: 'func', java: 'public' };
interface Def {
  readonly name: string;
  readonly params: string[];
  readonly line: ChangeLine;
}

export const apiRules: RuleFamily = {
  name: 'api',
  rules: [API, TEST_ONLY],
  run(change: Change, sink: FindingSink): void {
    const byTree = treeApiChanges(change, sink, API);
    const addedDefs = new Map(change.files.map((f) => [f, publicDefs(f, f.added)]));
    const addedAnywhere = new Set([...addedDefs.values()].flatMap((defs) => defs.map((d) => d.name)));
    for (const file of change.files) {
      if (!libraryFile(file, change.context) || byTree.has(file.path)) continue;
      const added = new Map(addedDefs.get(file)!.map((d) => [d.name, d]));
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
    testOnlyCallers(change, sink, TEST_ONLY);
  },
};

/** Code a library exposes: production files outside private modules, scripts, examples and Go's internal/. */
function libraryFile(file: ChangeFile, packages: PackageIndex): boolean {
  return (
    PUBLIC_DEF[file.cls.language] !== undefined &&
    !file.inlineTests &&
    libraryModule(file.path, file.cls, false, packages)
  );
}

function publicDefs(file: ChangeFile, lines: readonly ChangeLine[]): Def[] {
  const re = PUBLIC_DEF[file.cls.language];
  if (!re || !file.cls.source) return [];
  const word = DEF_WORD[file.cls.language] ?? '';
  const out: Def[] = [];
  lines.forEach((l, i) => {
    const m = l.code.includes(word) ? re.exec(l.code) : null;
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
  let start = 0;
  let end = text.length;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{' || ch === '<') depth++;
    else if (ch === ')' || ch === ']' || ch === '}' || ch === '>') depth--;
    if (depth === 0) {
      end = i;
      break;
    }
    if (ch === ',' && depth === 1) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start, end));
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

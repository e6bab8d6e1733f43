/**
 * Changed (or new) functions whose only users at the head are tests: dead code kept alive by its tests. src/git greps
 * the head once for the names (`context.references`) and reads the files that mention them (`context.headText`);
 * each mention is then read in that file's syntax tree, so comments, strings, the definition itself, imports and the
 * function calling itself are not callers, and test code is known per language (test files, Rust `#[cfg(test)]`
 * modules and `#[test]` functions, Java `@Test` methods). A file without a tree is read line by line as before.
 * A name a production file re-exports (`export { f }`, `pub use`, a package `__init__.py`, `__all__`) is public API:
 * its users are outside the repository, so it is never reported.
 */
import type { Change } from '../model/change';
import { inlineTestRanges } from '../model/inlineTests';
import { classifyPath } from '../model/paths';
import { testCaseOf, testModule } from '../syntax/tests';
import { grammarFor, type Grammar, type SyntaxNode, type SyntaxParser } from '../syntax/tree';
import { ANY_DEF, functionsTouched } from './touched';
import { FindingSink, RuleMeta, newRange, quote } from './rule';

type Hit = { readonly path: string; readonly line: number; readonly text: string };
type Use = 'test' | 'code' | 'none' | 'export';

const DEFINITIONS = new Set([
  'function_item',
  'function_definition',
  'function_declaration',
  'generator_function_declaration',
  'method_declaration',
  'method_definition',
  'constructor_declaration',
  'function_signature_item',
  'variable_declarator',
  'class_definition',
  'class_declaration',
]);
const IMPORTS =
  /^(?:import_statement|import_from_statement|import_declaration|import_spec|use_declaration|future_import_statement)$/;
const NOT_CODE = /comment|string|char|escape|heredoc|regex/;

export function testOnlyCallers(change: Change, sink: FindingSink, meta: RuleMeta): void {
  const refs = change.context.references;
  if (!refs) return;
  const reader = new UseReader(change);
  const changed = new Set(change.files.map((f) => f.path));
  try {
    for (const file of change.files) {
      if (!file.cls.source || file.inlineTests || SAMPLES.test(file.path) || TEST_SUPPORT.test(file.path)) continue;
      // A module new in this change, tested but not yet called, is laid down for the next change to wire up (judged
      // so on gemini-cli's staged foundation pull requests): dead code is code whose production callers went away.
      if (file.diff.status === 'added') continue;
      const head = change.context.headText?.get(file.path)?.split('\n');
      for (const [name, at] of functionsTouched(file.diff)) {
        const hits = refs.get(name);
        if (!hits || !needsReading(name, hits, changed) || (head && registered(head, name))) continue;
        if (
          TEST_HOOK_NAME.test(name) ||
          (head && (forTests(head, name) || interfaceMethod(file.cls.language, head, name)))
        )
          continue;
        const uses = reader.uses(name, hits);
        if (uses === undefined) continue;
        const callers = uses.filter((u) => u.use === 'test');
        if (callers.length === 0) continue;
        const files = [...new Set(callers.map((h) => h.path))];
        sink.add(
          meta,
          file,
          newRange(at),
          'low',
          `${quote(name, 40)} is called only from tests at the head (${callers.length} call${callers.length > 1 ? 's' : ''} in ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', ...' : ''})`,
        );
      }
    }
  } finally {
    reader.dispose();
  }
}

/**
 * Test-support packages (a `uv-test` crate, `internal/testutil`, a `test-helpers` package): their functions exist to be
 * called from tests.
 */
const TEST_SUPPORT =
  /(?:^|\/)(?:[\w.]+[-_])?(?:test(?:s|ing|kit)?|test[-_]?(?:utils?|helpers?|support)|testutils?)(?:[-_][\w.]+)?\//i;
/** Examples, docs and scripts: their functions are shown or run, not called. */
const SAMPLES = /(?:^|\/)(?:examples?|docs?|scripts?|benches|benchmarks?|demo)\//;
/** Annotations that only describe a function; any other decorator or attribute registers it with a framework. */
const DESCRIPTIVE =
  /^(?:@(?:Override|Deprecated|SuppressWarnings|staticmethod|classmethod|property|overload|override|functools\.\w+|wraps\b|cache\b|lru_cache\b)|#\[(?:test|cfg|inline|must_use|allow|deny|warn|doc|deprecated|track_caller|cold)\b)/;

/** The rows of `lines` that define `name` (a function, method or class header). */
function* definitionRows(lines: readonly string[], name: string): Generator<number> {
  for (let i = 0; i < lines.length; i++) {
    const m = ANY_DEF.exec(lines[i]);
    if (m && (m[1] ?? m[2] ?? m[3]) === name) yield i;
  }
}

/**
 * A function registered with a framework by a decorator or attribute (`@mcp.tool()`, `@app.get(..)`, `#[tauri::command]`,
 * `@Bean`): the framework calls it, so tests being its only callers in the source says nothing.
 */
function registered(lines: readonly string[], name: string): boolean {
  for (const i of definitionRows(lines, name)) {
    for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
      const l = lines[k].trim();
      if (l === '' || l.startsWith('//') || l.startsWith('///')) continue;
      if (!/^(?:@|#\[)/.test(l)) break;
      if (!DESCRIPTIVE.test(l)) return true;
    }
  }
  return false;
}

/** Names that say they exist for tests: `SetClockForTesting`, `reset_for_tests`, `TestOnlyFlush`. */
const TEST_HOOK_NAME =
  /(?:For|_for_)Test(?:ing|s)?$|ForTesting|TestOnly$|^(?:testOnly|TestOnly|test_only_)|_for_tests?$/;
/** A doc comment saying the function is there for tests (a test hook, a seam): tests are its intended callers. */
const FOR_TESTS =
  /\b(?:for|in|by|from) (?:the )?(?:unit |integration )?tests?\b|\btest(?:ing)? (?:hook|seam|helper|only)\b|\b(?:only )?for testing\b|\btests? (?:can |may |use |call |override|set|replace)/i;

function forTests(lines: readonly string[], name: string): boolean {
  for (const i of definitionRows(lines, name)) {
    for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
      const l = lines[k].trim();
      if (!/^(?:\/\/|#(?!\[)|\*|\/\*|@|#\[)/.test(l)) break;
      if (FOR_TESTS.test(l)) return true;
    }
    // Python: the docstring on the lines after the header.
    for (let k = i + 1; k < lines.length && k <= i + 4; k++) if (FOR_TESTS.test(lines[k])) return true;
  }
  return false;
}

/**
 * A Go method with an exported name: Go types meet interfaces implicitly, so a library (an SDK's auth handler, an
 * `io.Writer` consumer) may be its production caller without naming it anywhere in this repository (crush #3348's
 * `Authorize`, called by the MCP SDK).
 */
function interfaceMethod(language: string, lines: readonly string[], name: string): boolean {
  if (language !== 'go' || !/^[A-Z]/.test(name)) return false;
  const def = new RegExp(`^func\\s*\\([^)]*\\)\\s*${name}\\s*[(\\[]`);
  return lines.some((l) => def.test(l));
}

/**
 * Whether the mentions of `name` can make it a test-only function, so their files are worth reading: some mention is
 * in a test file or a Rust file (inline tests), and no production file plainly calls it (`name(` outside strings and
 * comments on a line that does not define it, outside the changed files). Shared with src/git, which reads only the
 * files this needs.
 */
export function needsReading(
  name: string,
  hits: readonly { readonly path: string; readonly text: string }[],
  changed: ReadonlySet<string>,
): boolean {
  if (!hits.some((h) => classifyPath(h.path).test || h.path.endsWith('.rs'))) return false;
  const call = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`);
  return !hits.some((h) => {
    // Changed files may hold the definition, where the function calling itself is no caller: read those.
    if (classifyPath(h.path).test || h.path.endsWith('.rs') || changed.has(h.path)) return false;
    const code = h.text.replace(/\/\*.*?\*\/|(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\/\/.*$|#.*$/, '');
    const def = ANY_DEF.exec(code);
    return call.test(code) && !(def && (def[1] ?? def[2] ?? def[3]) === name);
  });
}

function inError(node: SyntaxNode): boolean {
  for (let a: SyntaxNode | null = node; a; a = a.parent) if (a.type === 'ERROR') return true;
  return false;
}

/** Reads mentions of names in their files' trees; one parse per file per review. */
class UseReader {
  private readonly trees = new Map<string, { grammar: Grammar; root: SyntaxNode; dispose(): void } | null>();
  private readonly ranges = new Map<string, [number, number][]>();
  constructor(private readonly change: Change) {}

  /** Each mention's use; undefined as soon as one is production code or a re-export (no finding then). */
  uses(name: string, hits: readonly Hit[]): (Hit & { use: Use })[] | undefined {
    const out = hits.map((h) => ({ ...h, use: this.useOf(name, h) }));
    // A function calling itself is no caller: drop mentions inside the definition's own span.
    const spans = out.filter((u) => u.use === 'none').flatMap((u) => this.definitionSpan(name, u));
    const kept = out.filter(
      (u) => !spans.some((s) => s.path === u.path && u.line > s.start && u.line <= s.end && u.use !== 'export'),
    );
    return kept.some((u) => u.use === 'export' || u.use === 'code') ? undefined : kept;
  }

  private useOf(name: string, hit: Hit): Use {
    const tree = this.tree(hit.path);
    if (!tree) return this.lineUse(name, hit);
    const lineText = this.lineOf(hit.path, hit.line) ?? hit.text;
    const def = ANY_DEF.exec(lineText);
    if (def && (def[1] ?? def[2] ?? def[3]) === name) return 'none';
    const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    let best: Use = 'none';
    for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
      const node = tree.root.namedDescendantForPosition({ row: hit.line - 1, column: m.index });
      // Where the parser had to guess (an ERROR around the mention), the line rules judge it.
      const use = !node ? 'none' : inError(node) ? this.lineUse(name, hit) : this.nodeUse(tree.grammar, node, hit.path);
      if (use === 'export') return use;
      if (use === 'code' || (use === 'test' && best === 'none')) best = use;
    }
    return best;
  }

  private nodeUse(grammar: Grammar, node: SyntaxNode, path: string): Use {
    if (NOT_CODE.test(node.type)) return this.inDunderAll(node) && !classifyPath(path).test ? 'export' : 'none';
    if (!/identifier$/.test(node.type)) return 'none';
    const parent = node.parent;
    if (parent && DEFINITIONS.has(parent.type) && parent.childForFieldName('name')?.startIndex === node.startIndex)
      return 'none';
    const test = classifyPath(path).test;
    for (let a: SyntaxNode | null = parent; a; a = a.parent) {
      if (a.type === 'export_statement' || (a.type === 'use_declaration' && /^pub\b/.test(a.text)))
        return test ? 'none' : 'export';
      if (IMPORTS.test(a.type)) return /(?:^|\/)__init__\.py$/.test(path) ? 'export' : 'none';
      if (!test && (testModule(grammar, a) || testCaseOf(grammar, a, false) !== undefined)) return 'test';
    }
    return test ? 'test' : 'code';
  }

  private inDunderAll(node: SyntaxNode): boolean {
    for (let a = node.parent; a; a = a.parent)
      if (a.type === 'assignment' || a.type === 'augmented_assignment')
        return a.childForFieldName('left')?.text === '__all__';
    return false;
  }

  /** The span of the definition of `name` a mention stands on, to leave out the function's own body. */
  private definitionSpan(name: string, hit: Hit): { path: string; start: number; end: number }[] {
    const tree = this.tree(hit.path);
    const lineText = this.lineOf(hit.path, hit.line);
    const col = lineText?.search(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`)) ?? -1;
    if (!tree || col < 0) return [];
    const node = tree.root.namedDescendantForPosition({ row: hit.line - 1, column: col });
    const def = node?.parent;
    if (!def || !DEFINITIONS.has(def.type)) return [];
    const whole = def.type === 'variable_declarator' ? (def.parent ?? def) : def;
    return [{ path: hit.path, start: whole.startPosition.row + 1, end: whole.endPosition.row + 1 }];
  }

  private readonly lines = new Map<string, readonly string[] | undefined>();

  private lineOf(path: string, line: number): string | undefined {
    if (!this.lines.has(path)) this.lines.set(path, this.change.context.headText?.get(path)?.split('\n'));
    return this.lines.get(path)?.[line - 1];
  }

  private tree(path: string): { grammar: Grammar; root: SyntaxNode; dispose(): void } | null {
    if (this.trees.has(path)) return this.trees.get(path)!;
    const parser: SyntaxParser | undefined = this.change.context.syntax;
    const text = this.change.context.headText?.get(path);
    const grammar = grammarFor(path, classifyPath(path).language);
    let tree: { grammar: Grammar; root: SyntaxNode; dispose(): void } | null = null;
    if (parser && text !== undefined && grammar && parser.grammars.has(grammar)) {
      const t = parser.parse(grammar, text);
      if (t) tree = { grammar, root: t.rootNode, dispose: () => t.dispose() };
    }
    this.trees.set(path, tree);
    return tree;
  }

  /** Without a tree: the line rules (a definition, a comment or an import line is no caller). */
  private lineUse(name: string, h: Hit): Use {
    const m = ANY_DEF.exec(h.text);
    if (m && (m[1] ?? m[2] ?? m[3]) === name) return 'none';
    if (/^\s*(?:\/\/|#|\*|\/\*)/.test(h.text) || /\bimport\b|\buse\s+[\w:]+|^\s*from\s/.test(h.text)) return 'none';
    const cls = classifyPath(h.path);
    if (cls.test) return 'test';
    if (cls.language !== 'rust') return 'code';
    let r = this.ranges.get(h.path);
    if (!r) this.ranges.set(h.path, (r = inlineTestRanges('rust', this.change.context.headText?.get(h.path) ?? '')));
    return r.some(([a, b]) => h.line >= a && h.line <= b) ? 'test' : 'code';
  }

  dispose(): void {
    for (const t of this.trees.values()) t?.dispose();
  }
}

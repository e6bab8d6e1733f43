/**
 * Both sides of each changed library file as public surfaces (signatures.ts), read once per change and shared by the
 * rules that compare them. A file is here only when the parser has its grammar and both texts are known (an added
 * file's base and a deleted file's head are empty); the rest keep the line rules.
 */
import type { DiffFile } from '../diff/types';
import type { Change, ChangeFile } from '../model/change';
import { libraryModule, mayChangeSurface, pythonInitFor } from '../model/library';
import { rustReexportsOf } from '../model/rustModules';
import { DELETE_HINT } from './deletions';
import { baseTouch, blockRows, headTouch, keepOnly, touchedTops, type Touch } from './regions';
import { readSurface, type FileSurface, type PublicSymbol } from './signatures';
import { TreeCache } from './treeCache';
import { grammarFor, type Grammar, type ParsedTree, type SyntaxNode, type SyntaxParser } from './tree';
import { settledRows } from './valueEdits';

export interface SurfacePair {
  readonly file: ChangeFile;
  readonly grammar: Grammar;
  readonly base: FileSurface;
  readonly head: FileSurface;
  /**
   * When runs that only gave constants new values were left unread (syntax/valueEdits.ts): the head's touched
   * declarations counting those runs, read on demand (rules/signatures.ts asks before calling a symbol removed rather
   * than moved to another file).
   */
  readonly fullHead?: () => FileSurface | undefined;
}

const cache = new WeakMap<Change, ReadonlyMap<string, SurfacePair>>();

/** By path, the changed library files read as trees on both sides. */
export function surfacesOf(change: Change): ReadonlyMap<string, SurfacePair> {
  let out = cache.get(change);
  if (!out) cache.set(change, (out = readSurfaces(change)));
  return out;
}

function readSurfaces(change: Change): Map<string, SurfacePair> {
  const out = new Map<string, SurfacePair>();
  const { syntax, baseText, headText } = change.context;
  if (!syntax || !baseText) return out;
  for (const file of change.files) {
    if (file.inlineTests || !libraryModule(file.path, file.cls, true, change.context)) continue;
    if (!mayChangeSurface(file.diff, headText?.get(file.path))) continue;
    const grammar = grammarFor(file.path, file.cls.language);
    if (!grammar || !syntax.grammars.has(grammar)) continue;
    const status = file.diff.status;
    const before = status === 'added' ? '' : baseText.get(file.path);
    const after = status === 'deleted' ? '' : headText?.get(file.path);
    if (before === undefined || after === undefined) continue;
    const init = pythonInitFor(file.path);
    // A private module's names are public only where the module above it says so: a Python package's `__init__.py`,
    // the `pub use` items above a private Rust module (model/rustModules.ts).
    const exported =
      init !== undefined
        ? (headText?.get(init) ?? baseText.get(init))
        : grammar === 'rust'
          ? rustReexportsOf(file.path, (p) => headText?.get(p) ?? baseText.get(p))
          : undefined;
    if (init !== undefined && exported === undefined) continue; // a private module nothing says is public
    if (!mayExport(grammar, before) && !mayExport(grammar, after)) {
      out.set(file.path, { file, grammar, base: NOTHING, head: NOTHING });
      continue;
    }
    const pair = wholeFile(grammar, status, before, after)
      ? { base: surface(syntax, grammar, before, exported), head: surface(syntax, grammar, after, exported) }
      : touchedSurfaces(syntax, grammar, file.diff, before, after, exported);
    if (pair?.base && pair.head) out.set(file.path, { file, grammar, ...pair, base: pair.base, head: pair.head });
  }
  return out;
}

/** The keyword every public declaration of a language carries: a file without it on either side exports nothing. */
const VISIBILITY: Partial<Record<Grammar, RegExp>> = {
  javascript: /\bexports?\b/,
  typescript: /\bexports?\b/,
  tsx: /\bexports?\b/,
  rust: /\bpub\b/,
  java: /\bpublic\b/,
};

function mayExport(grammar: Grammar, text: string): boolean {
  return VISIBILITY[grammar]?.test(text) ?? true;
}

/**
 * Whether a file's surface is read whole rather than from its touched declarations: added and deleted files, and
 * files where a declaration's visibility is said elsewhere in the file (`export { f }`, CommonJS `exports`, Python's
 * `__all__`), or where a public function may reach a deletion through a helper the diff did not touch.
 */
function wholeFile(grammar: Grammar, status: string, base: string, head: string): boolean {
  if (status === 'added' || status === 'deleted' || DELETE_HINT.test(head)) return true;
  if (grammar === 'python') return base.includes('__all__') || head.includes('__all__');
  if (grammar === 'javascript' || grammar === 'typescript' || grammar === 'tsx')
    return JS_EXPORT_LIST.test(base) || JS_EXPORT_LIST.test(head);
  return false;
}

const JS_EXPORT_LIST =
  /\bexport\s*(?:\{|\*|=|default\s+[A-Za-z_$][\w$]*\s*;?\s*$)|\bmodule\.exports\b|\bexports\.[A-Za-z_$]/m;

/**
 * Both sides' surfaces from the declarations the hunks touch (syntax/regions.ts): the head parsed whole (its touched
 * declarations found in its tree), the base parsed with only the lines those declarations and the removed lines were
 * on; the whole base when that cut does not parse cleanly. Runs that only give constants new values are left out of
 * both sides (syntax/valueEdits.ts): neither side of them can differ in the surface.
 */
function touchedSurfaces(
  parser: SyntaxParser,
  grammar: Grammar,
  diff: DiffFile,
  before: string,
  after: string,
  initText: string | undefined,
): { base?: FileSurface; head?: FileSurface; fullHead?: () => FileSurface | undefined } | undefined {
  // Files naming a deletion API keep every run: their functions' deletion facts are read from the same trees.
  const settled = DELETE_HINT.test(before) || DELETE_HINT.test(after) ? undefined : settledRows(grammar, diff);
  const changed = headTouch(diff, settled?.head);
  const fullHead = settled
    ? lazy(() => headSide(parser, grammar, diff, after, initText, headTouch(diff))?.head ?? NOTHING)
    : undefined;
  if (fullHead && changed.rows.length === 0 && changed.gaps.length === 0)
    return { base: NOTHING, head: NOTHING, fullHead };
  const side = headSide(parser, grammar, diff, after, initText, changed, settled?.base);
  if (!side) return undefined;
  const { head, touch } = side;
  if (!touch) return { base: NOTHING, head: NOTHING };
  if (touch.rows.length === 0) return { base: NOTHING, head, fullHead };
  const baseTree = parseCut(parser, grammar, before, touch.rows);
  if (!baseTree) return undefined;
  try {
    return {
      base: surfaceOf(grammar, baseTree.rootNode, initText, touchedTops(baseTree.rootNode, touch)),
      head,
      fullHead,
    };
  } finally {
    baseTree.dispose();
  }
}

/**
 * The head's touched declarations read from its tree, and the base rows they map to; no `touch` for a Go program.
 * Undefined when the head does not parse.
 */
function headSide(
  parser: SyntaxParser,
  grammar: Grammar,
  diff: DiffFile,
  after: string,
  initText: string | undefined,
  changed: Touch,
  settledBase?: ReadonlySet<number>,
): { head?: FileSurface; touch?: Touch } | undefined {
  // The head's whole tree when another rule parsed it already; else only its touched blocks.
  const parsed = parser instanceof TreeCache && parser.has(grammar, after);
  // Go: the package clause too, which says whether the file is a program.
  const pkg = grammar === 'go' ? [after.search(/^package\s/m)].filter((i) => i >= 0).map((i) => lineOf(after, i)) : [];
  const headTree = parsed
    ? parser.parse(grammar, after)
    : parseCut(parser, grammar, after, blockRows(after, [...changed.rows, ...changed.gaps, ...pkg]));
  if (!headTree) return undefined;
  try {
    if (grammar === 'go' && goMain(headTree.rootNode)) return {};
    const tops = touchedTops(headTree.rootNode, changed);
    const head = surfaceOf(grammar, headTree.rootNode, initText, tops);
    const touch = baseTouch(
      diff,
      tops.map((t) => [t.startPosition.row, t.endPosition.row]),
      settledBase,
    );
    return { head, touch };
  } finally {
    headTree.dispose();
  }
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) [value, made] = [make(), true];
    return value as T;
  };
}

/** `text` parsed with only `rows` kept (regions.ts), or whole when that cut does not parse cleanly. */
function parseCut(
  parser: SyntaxParser,
  grammar: Grammar,
  text: string,
  rows: readonly number[],
): ParsedTree | undefined {
  const cut = (parser instanceof TreeCache ? parser.parser : parser).parse(grammar, keepOnly(text, rows));
  if (!cut?.rootNode.hasError) return cut;
  cut.dispose();
  return parser.parse(grammar, text);
}

function lineOf(text: string, index: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** No public symbol: a side with no touched declaration, a Go program. */
const NOTHING: FileSurface = { symbols: new Map(), functions: [] };

/** A Go file of `package main`: a program, nothing imports it (judged here, so no line rule reads it either). */
function goMain(root: SyntaxNode): boolean {
  return root.descendantsOfType(['package_clause']).some((c) => c !== null && /\bmain$/.test(c.text.trim()));
}

function surface(
  parser: SyntaxParser,
  grammar: Grammar,
  text: string,
  initText: string | undefined,
): FileSurface | undefined {
  const tree = parser.parse(grammar, text);
  if (!tree) return undefined;
  try {
    if (grammar === 'go' && goMain(tree.rootNode)) return NOTHING;
    return surfaceOf(grammar, tree.rootNode, initText);
  } finally {
    tree.dispose();
  }
}

function surfaceOf(
  grammar: Grammar,
  root: SyntaxNode,
  initText: string | undefined,
  tops?: readonly SyntaxNode[],
): FileSurface | undefined {
  try {
    const s = readSurface(grammar, root, tops);
    return initText === undefined ? s : reexported(s, initText);
  } catch {
    return undefined;
  }
}

/**
 * A private module's symbols whose top-level name the module above mentions: its package's `__init__.py` (imports or
 * lists), or the `pub use` items above a private Rust module.
 */
function reexported(s: FileSurface, initText: string): FileSurface {
  const symbols = new Map<string, PublicSymbol>();
  for (const [k, sym] of s.symbols) {
    const top = sym.name.split('.')[0].replace(/[*$]/g, '\\$&');
    if (new RegExp(`(?<![\\w.])${top}(?!\\w)`).test(initText)) symbols.set(k, sym);
  }
  return { symbols, functions: s.functions };
}

/**
 * Both sides of each changed library file as public surfaces (signatures.ts), read once per change and shared by the
 * rules that compare them. A file is here only when the parser has its grammar and both texts are known (an added
 * file's base and a deleted file's head are empty); the rest keep the line rules.
 */
import type { Change, ChangeFile } from '../model/change';
import { libraryModule, mayChangeSurface, pythonInitFor } from '../model/library';
import { readSurface, type FileSurface, type PublicSymbol } from './signatures';
import { grammarFor, type Grammar, type SyntaxParser } from './tree';

export interface SurfacePair {
  readonly file: ChangeFile;
  readonly grammar: Grammar;
  readonly base: FileSurface;
  readonly head: FileSurface;
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
    if (file.inlineTests || !libraryModule(file.path, file.cls, true, change.context.jsPackages)) continue;
    if (!mayChangeSurface(file.diff, headText?.get(file.path))) continue;
    const grammar = grammarFor(file.path, file.cls.language);
    if (!grammar || !syntax.grammars.has(grammar)) continue;
    const status = file.diff.status;
    const before = status === 'added' ? '' : baseText.get(file.path);
    const after = status === 'deleted' ? '' : headText?.get(file.path);
    if (before === undefined || after === undefined) continue;
    const init = pythonInitFor(file.path);
    const exported = init !== undefined ? (headText?.get(init) ?? baseText.get(init)) : undefined;
    if (init !== undefined && exported === undefined) continue; // a private module nothing says is public
    const base = surface(syntax, grammar, before, exported);
    const head = surface(syntax, grammar, after, exported);
    if (base && head) out.set(file.path, { file, grammar, base, head });
  }
  return out;
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
    const s = readSurface(grammar, tree.rootNode);
    return initText === undefined ? s : reexported(s, initText);
  } catch {
    return undefined;
  } finally {
    tree.dispose();
  }
}

/** A private module's symbols whose top-level name its package's `__init__.py` mentions (imports or lists). */
function reexported(s: FileSurface, initText: string): FileSurface {
  const symbols = new Map<string, PublicSymbol>();
  for (const [k, sym] of s.symbols) {
    const top = sym.name.split('.')[0];
    if (new RegExp(`(?<![\\w.])${top}(?!\\w)`).test(initText)) symbols.set(k, sym);
  }
  return { symbols, functions: s.functions };
}

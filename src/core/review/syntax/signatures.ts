/**
 * The public surface of one file read from its syntax tree, per grammar: exported or public functions, methods,
 * classes, types and constants with their parameters and return types, and, for every function (public or not), the
 * calls in it that delete files and the names it calls. Base and head are read the same way; rules compare the two
 * (rules/signatures.ts, rules/public-deletes.ts). What "public" means per language: `export` (and CommonJS
 * `module.exports`) in TS/JS; module-level names without a leading underscore, or the names in `__all__` when the
 * module has one, in Python; `pub` (not `pub(crate)`, `pub(super)`) in Rust; capitalised names in Go; public members
 * of public types in Java (protected ones reach subclasses only).
 */
import { DELETE_HINT, JS_FS_IMPORT, USER_DIRS, callerValues, deletion } from './deletions';
import { headerOf, named, paramsOf, returnsOf, type Param } from './params';
import { goSurface, javaType, jsSurface, pythonSurface, rustItems } from './publicSymbols';
import { callee } from './tests';
import type { Grammar, SyntaxNode } from './tree';

export type SymbolKind = 'function' | 'method' | 'class' | 'type' | 'constant' | 'export';

export interface PublicSymbol {
  /** Unique in the file: "get", "Client.get"; a second overload of a name gets "#2". */
  readonly key: string;
  /** Dotted name without the overload suffix. */
  readonly name: string;
  readonly kind: SymbolKind;
  /** Functions and methods only (receivers, `self` and `cls` left out). */
  readonly params?: readonly Param[];
  /** Return type as written, whitespace removed; '' when not written. */
  readonly returns?: string;
  /** The declaration's header on one line, for the finding. */
  readonly signature: string;
  /** 1-based, inclusive. */
  readonly start: number;
  readonly end: number;
}

export interface DeleteCall {
  readonly line: number;
  readonly callee: string;
  /** Removes a directory tree (rmtree, RemoveAll, remove_dir_all, recursive rm). */
  readonly recursive: boolean;
  /**
   * The path comes from the caller (a parameter, or a local computed from one) or names the user's home or working
   * directory: a user's files, not the function's own resources (`self._socket_path`).
   */
  readonly userPath: boolean;
}

export interface FunctionFacts {
  /** Same naming as PublicSymbol.key without the overload suffix ("Client.close", "cleanup"). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly deletes: readonly DeleteCall[];
  /** Last segment of every callee in the body ("self._wipe" -> "_wipe"), and whether a call passes it a caller's value. */
  readonly calls: ReadonlyMap<string, boolean>;
}

export interface FileSurface {
  readonly symbols: ReadonlyMap<string, PublicSymbol>;
  readonly functions: readonly FunctionFacts[];
}

/** `tops`: the top-level nodes to read (syntax/regions.ts), all of them when absent. Go's `package main`: surfaces.ts. */
export function readSurface(grammar: Grammar, root: SyntaxNode, tops?: readonly SyntaxNode[]): FileSurface {
  const out = new SurfaceBuilder(grammar, root);
  const items = tops ?? [...named(root)];
  switch (grammar) {
    case 'python':
      pythonSurface(out, root, items);
      break;
    case 'rust':
      rustItems(out, items, '');
      break;
    case 'go':
      goSurface(out, items);
      break;
    case 'java':
      for (const c of items) javaType(out, c, '', true);
      break;
    default:
      jsSurface(out, items, tops === undefined);
  }
  out.readFunctions();
  return { symbols: out.symbols, functions: out.functions };
}

/** Where the per-language readers (publicSymbols.ts) put each public name they find. */
export interface SymbolSink {
  add(kind: SymbolKind, name: string, decl: SyntaxNode, fn?: SyntaxNode, signature?: string): void;
}

class SurfaceBuilder implements SymbolSink {
  readonly symbols = new Map<string, PublicSymbol>();
  readonly functions: FunctionFacts[] = [];
  /** Function nodes by their start, with the name to give them (public ones get their dotted name). */
  private readonly names = new Map<number, string>();
  constructor(
    readonly grammar: Grammar,
    readonly root: SyntaxNode,
  ) {}

  add(kind: SymbolKind, name: string, decl: SyntaxNode, fn?: SyntaxNode, signature?: string): void {
    let key = name;
    for (let i = 2; this.symbols.has(key); i++) key = `${name}#${i}`;
    const f = fn ?? decl;
    const params = fn ? paramsOf(this.grammar, fn) : undefined;
    const ret = fn ? returnsOf(this.grammar, fn) : undefined;
    this.symbols.set(key, {
      key,
      name,
      kind,
      ...(params ? { params } : {}),
      ...(ret !== undefined ? { returns: ret } : {}),
      signature: signature ?? headerOf(f),
      start: decl.startPosition.row + 1,
      end: decl.endPosition.row + 1,
    });
    if (fn) this.names.set(fn.startIndex, name);
  }

  /**
   * Every function of the file: deletion calls and callees, named like the public symbols when public. One pass over
   * the calls, each credited to the functions around it; a file that names no deletion API is not walked at all.
   */
  readFunctions(): void {
    const text = this.root.text;
    if (!DELETE_HINT.test(text)) return;
    const fsImported = JS_FS_IMPORT.test(text.slice(0, 8000));
    const facts = new Map<number, { fn: SyntaxNode; body: SyntaxNode; facts: MutableFacts; from?: RegExp }>();
    for (const fn of this.root.descendantsOfType([...FUNCTION_NODES])) {
      const body = fn?.childForFieldName('body');
      const name = fn && (this.names.get(fn.startIndex) ?? localName(fn));
      if (!fn || !body || !name) continue;
      const f: MutableFacts = {
        name,
        start: fn.startPosition.row + 1,
        end: fn.endPosition.row + 1,
        deletes: [],
        calls: new Map(),
      };
      facts.set(fn.startIndex, { fn, body, facts: f });
      this.functions.push(f);
    }
    for (const call of this.root.descendantsOfType(['call_expression', 'call', 'method_invocation'])) {
      const c = call ? callee(call) : undefined;
      if (!call || c === undefined) continue;
      const args = call.childForFieldName('arguments')?.text ?? '';
      const d = deletion(this.grammar, c, args, fsImported);
      const short = c.replace(/^.*[.:]/, '');
      for (let a = call.parent; a; a = a.parent) {
        const entry = FUNCTION_NODES.has(a.type) ? facts.get(a.startIndex) : undefined;
        if (!entry || entry.fn.type !== a.type) continue;
        entry.from ??= callerValues(this.grammar, entry.fn, entry.body);
        const passes = entry.from.test(args);
        entry.facts.calls.set(short, (entry.facts.calls.get(short) ?? false) || passes);
        if (d)
          entry.facts.deletes.push({
            line: call.startPosition.row + 1,
            callee: c.slice(0, 40),
            recursive: d === 'tree',
            userPath: passes || entry.from.test(c.replace(/\.\w+$/, '')) || USER_DIRS.test(args),
          });
      }
    }
  }
}

type MutableFacts = FunctionFacts & { deletes: DeleteCall[]; calls: Map<string, boolean> };

const FUNCTION_NODES = new Set([
  'function_item',
  'function_definition',
  'function_declaration',
  'method_declaration',
  'method_definition',
  'constructor_declaration',
  'arrow_function',
  'function_expression',
  'generator_function_declaration',
]);

/** The name a private function goes by in calls: its own, or the variable an arrow function is assigned to. */
function localName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const p = fn.parent;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  return undefined;
}

/**
 * Syntax trees as the review rules see them: the few node reads they need, so core stays pure. The node side
 * (src/syntax) loads tree-sitter's wasm runtime and grammars and hands core a parser; a web-tree-sitter node already
 * has this shape. Core extracts plain facts from a tree (structure.ts) and lets it go.
 */
import type { Language } from '../model/paths';

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  /** Byte offsets: two nodes are the same when type and offsets are (wasm node objects are not kept). */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: { readonly row: number };
  readonly endPosition: { readonly row: number };
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly parent: SyntaxNode | null;
  readonly previousNamedSibling: SyntaxNode | null;
  readonly nextNamedSibling: SyntaxNode | null;
  /** The subtree holds a syntax error or a missing token. */
  readonly hasError: boolean;
  childForFieldName(name: string): SyntaxNode | null;
  /** Descendants of the given types in document order, found inside the parser (no node object for the rest). */
  descendantsOfType(types: string[]): readonly (SyntaxNode | null)[];
  /** The smallest named node at a point (row 0-based, column in UTF-16 units, as JavaScript indexes a line). */
  namedDescendantForPosition(start: { row: number; column: number }): SyntaxNode | null;
}

/** Grammars the review reads trees with; every other language keeps the line rules. */
export type Grammar = 'rust' | 'go' | 'python' | 'javascript' | 'typescript' | 'tsx' | 'java';

export const GRAMMARS: readonly Grammar[] = ['rust', 'go', 'python', 'javascript', 'typescript', 'tsx', 'java'];

/** A parsed file; `dispose` frees the tree's memory (wasm memory is not garbage-collected). */
export interface ParsedTree {
  readonly rootNode: SyntaxNode;
  dispose(): void;
}

export interface SyntaxParser {
  /** Grammars loaded and ready: parse is synchronous once a grammar is loaded. */
  readonly grammars: ReadonlySet<Grammar>;
  /** Undefined when the grammar is not loaded or the parser gave up (time or size limit). */
  parse(grammar: Grammar, text: string): ParsedTree | undefined;
}

/** The grammar for a path of a language, or undefined when the review has none for it. */
export function grammarFor(path: string, language: Language): Grammar | undefined {
  switch (language) {
    case 'rust':
      return 'rust';
    case 'go':
      return 'go';
    case 'py':
      return 'python';
    case 'java':
      return 'java';
    case 'js':
      if (/\.tsx$/i.test(path)) return 'tsx';
      if (/\.(?:ts|mts|cts)$/i.test(path)) return 'typescript';
      return /\.(?:jsx?|mjs|cjs)$/i.test(path) ? 'javascript' : undefined;
    default:
      return undefined;
  }
}

/**
 * One review's parse trees, shared by the rules that read the same text: the head of a changed file is read for its
 * structure when the change is built (read.ts), for its public surface (surfaces.ts) and maybe for the callers of a
 * changed name (rules/callers.ts). Trees live until the review ends (`dispose`), within a budget of parsed text: past
 * it, parses are not kept (wasm memory is not garbage-collected).
 */
import type { Grammar, ParsedTree, SyntaxParser } from './tree';

/** Text kept parsed at once, in characters: a tree takes several times its text in wasm memory (2 MiB: tens of MB). */
const BUDGET_CHARS = 2 * 1024 * 1024;

export class TreeCache implements SyntaxParser {
  private readonly trees = new Map<string, Map<string, ParsedTree | undefined>>();
  private kept = 0;

  /** `parser`: parses nothing keeps (a one-off text, such as a cut of a file). */
  constructor(readonly parser: SyntaxParser) {}

  get grammars(): ReadonlySet<Grammar> {
    return this.parser.grammars;
  }

  /** A tree of `text`, parsed once per review; its `dispose` does nothing (the cache frees it). */
  parse(grammar: Grammar, text: string): ParsedTree | undefined {
    const byText = this.trees.get(grammar);
    if (byText?.has(text)) return shared(byText.get(text));
    const tree = this.parser.parse(grammar, text);
    if (this.kept + text.length > BUDGET_CHARS) return tree;
    this.kept += text.length;
    if (byText) byText.set(text, tree);
    else this.trees.set(grammar, new Map([[text, tree]]));
    return shared(tree);
  }

  /** Whether `text` was parsed already: reading its tree again costs nothing. */
  has(grammar: Grammar, text: string): boolean {
    return this.trees.get(grammar)?.has(text) ?? false;
  }

  dispose(): void {
    for (const byText of this.trees.values()) for (const t of byText.values()) t?.dispose();
    this.trees.clear();
    this.kept = 0;
  }
}

function shared(tree: ParsedTree | undefined): ParsedTree | undefined {
  return tree && { rootNode: tree.rootNode, dispose: () => {} };
}

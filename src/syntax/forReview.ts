/** The syntax parser a review needs: the grammars of the changed files whose text it has, loaded on first use. */
import { classifyPath } from '../core/review/model/paths';
import { grammarFor, type Grammar, type SyntaxParser } from '../core/review/syntax/tree';
import { loadSyntaxParser } from './wasmParser';

export async function syntaxFor(
  texts: ReadonlyMap<string, string> | undefined,
  log: (message: string) => void,
): Promise<SyntaxParser | undefined> {
  if (!texts || texts.size === 0) return undefined;
  const grammars = new Set<Grammar>();
  for (const p of texts.keys()) {
    const g = grammarFor(p, classifyPath(p).language);
    if (g) grammars.add(g);
  }
  return grammars.size > 0 ? loadSyntaxParser(grammars, log) : undefined;
}

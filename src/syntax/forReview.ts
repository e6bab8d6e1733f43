/**
 * The syntax parser a review needs: the grammars of the changed files whose text it has and whose tree can change a
 * finding (needsTree), loaded on first use; undefined when no file needs one (nothing loads).
 */
import type { ParsedDiff } from '../core/review/diff/types';
import { classifyPath } from '../core/review/model/paths';
import { needsTree } from '../core/review/syntax/read';
import { grammarFor, type Grammar, type SyntaxParser } from '../core/review/syntax/tree';
import { loadSyntaxParser } from './wasmParser';

export async function syntaxFor(
  diff: ParsedDiff,
  texts: ReadonlyMap<string, string> | undefined,
  log: (message: string) => void,
): Promise<SyntaxParser | undefined> {
  if (!texts || texts.size === 0) return undefined;
  const grammars = new Set<Grammar>();
  for (const f of diff.files) {
    if (!texts.has(f.path)) continue;
    const cls = classifyPath(f.path);
    const g = grammarFor(f.path, cls.language);
    if (g && needsTree(f, cls)) grammars.add(g);
  }
  return grammars.size > 0 ? loadSyntaxParser(grammars, log) : undefined;
}

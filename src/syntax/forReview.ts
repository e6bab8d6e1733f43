/**
 * The syntax parser a review needs: the grammars of the files whose tree can change a finding, loaded on first use;
 * undefined when no file needs one (nothing loads). Those are changed files whose head tree matters (needsTree),
 * changed library files with both sides' text (public signatures, file deletions), and the files that mention a
 * changed function (test-only callers).
 */
import type { ParsedDiff } from '../core/review/diff/types';
import { libraryModule, mayChangeSurface } from '../core/review/model/library';
import { classifyPath } from '../core/review/model/paths';
import { needsTree } from '../core/review/syntax/read';
import { grammarFor, type Grammar, type SyntaxParser } from '../core/review/syntax/tree';
import type { ReviewContext } from '../core/review/types';
import { loadSyntaxParser } from './wasmParser';

export async function syntaxFor(
  diff: ParsedDiff,
  texts: Pick<ReviewContext, 'headText' | 'baseText' | 'references'>,
  log: (message: string) => void,
): Promise<SyntaxParser | undefined> {
  const { headText, baseText, references } = texts;
  if (!headText || headText.size === 0) return undefined;
  const grammars = new Set<Grammar>();
  for (const f of diff.files) {
    const cls = classifyPath(f.path);
    const g = grammarFor(f.path, cls.language);
    if (!g) continue;
    if (headText.has(f.path) && needsTree(f, cls, headText.get(f.path))) grammars.add(g);
    if (baseText?.has(f.path) && libraryModule(f.path, cls, true) && mayChangeSurface(f, headText.get(f.path)))
      grammars.add(g);
  }
  for (const hits of references?.values() ?? [])
    for (const h of hits) {
      const g = headText.has(h.path) ? grammarFor(h.path, classifyPath(h.path).language) : undefined;
      if (g) grammars.add(g);
    }
  return grammars.size > 0 ? loadSyntaxParser(grammars, log) : undefined;
}

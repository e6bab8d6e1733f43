/** Reads one changed file's structure through the parser the caller loaded; undefined means "line rules only". */
import type { FileClass } from '../model/paths';
import { readStructure, type FileSyntax } from './structure';
import { grammarFor, type SyntaxParser } from './tree';

export function fileSyntax(
  parser: SyntaxParser | undefined,
  path: string,
  cls: FileClass,
  text: string,
): FileSyntax | undefined {
  const grammar = grammarFor(path, cls.language);
  if (!parser || !grammar || !parser.grammars.has(grammar)) return undefined;
  const tree = parser.parse(grammar, text);
  if (!tree) return undefined;
  try {
    return readStructure(grammar, tree.rootNode, cls.test);
  } catch {
    return undefined;
  } finally {
    tree.dispose();
  }
}

/**
 * Changed lines that only give a top-level constant a new value (`export const LIMIT = 10;` -> `= 20;`), maybe on
 * another row: the declaration's public surface (its name, its kind and the text before `=`, syntax/signatures.ts)
 * is the same on both sides, so syntax/surfaces.ts parses neither side of it. Judged on the text alone, before any
 * parsing, and conservatively: a removed line and an added line pair up only when both start in column 0 with the
 * same declaration head up to `=` and a value that cannot make the declaration a function or a class, declare a
 * second name, or open a string that runs over the following lines. Everything else is parsed as before.
 */
import type { DiffFile } from '../diff/types';
import type { Grammar } from './tree';

/** JS/TS `const`/`let`/`var`, optionally exported and annotated: group 1 its head through `=`, group 2 its value. */
const JS = /^((?:export\s+)?(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*(?::[^=(){}'"`]*)?=)\s*(\S.*)$/;

/** Per grammar, a one-line top-level constant: group 1 its head through `=`, group 2 its value. */
const CONSTANT: Partial<Record<Grammar, RegExp>> = {
  javascript: JS,
  typescript: JS,
  tsx: JS,
  // Python: CONSTANT_CASE names only (the assignments the surface lists when the module has no `__all__`).
  python: /^([A-Z][A-Z0-9_]*\s*(?::[^=(){}'"]*)?=)\s*(\S.*)$/,
  rust: /^((?:pub(?:\([\w: ]*\))?\s+)?(?:const|static)\s+(?:mut\s+)?[A-Za-z_]\w*\s*:[^=(){}'"]*=)\s*(\S.*)$/,
  go: /^((?:var|const)\s+[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*(?:\s+[^=(){}'"`]+)?\s*=)\s*(\S.*)$/,
};

/**
 * A value that keeps the declaration a plain constant of one name: no `=` (arrow functions, a second declarator,
 * keyword arguments), no function or class, no string that may continue on the next lines, no trailing comma or
 * backslash (a parameter list, a continued line).
 */
const UNSAFE_VALUE = /=|\bfunction\b|\bclass\b|\blambda\b|`|"""|'''|[,\\]\s*$/;

/**
 * The 0-based rows, on each side, of removed and added lines that are the same top-level constant with a new value:
 * a removed line pairs with the first unpaired added line of the same declaration head. Undefined when there is none.
 * Callers rule out files that name a deletion API (their functions' facts are read from the same trees).
 */
export function settledRows(
  grammar: Grammar,
  file: DiffFile,
): { readonly base: ReadonlySet<number>; readonly head: ReadonlySet<number> } | undefined {
  const re = CONSTANT[grammar];
  if (!re) return undefined;
  const removed = new Map<string, number[]>();
  for (const h of file.hunks)
    for (const l of h.lines) {
      if (l.kind !== 'del' || l.oldLine === undefined) continue;
      const m = re.exec(l.text);
      if (!m || UNSAFE_VALUE.test(m[2])) continue;
      const rows = removed.get(m[1]);
      if (rows) rows.push(l.oldLine - 1);
      else removed.set(m[1], [l.oldLine - 1]);
    }
  if (removed.size === 0) return undefined;
  const base = new Set<number>();
  const head = new Set<number>();
  for (const h of file.hunks)
    for (const l of h.lines) {
      if (l.kind !== 'add' || l.newLine === undefined) continue;
      const m = re.exec(l.text);
      const row = m && !UNSAFE_VALUE.test(m[2]) ? removed.get(m[1])?.shift() : undefined;
      if (row === undefined) continue;
      base.add(row);
      head.add(l.newLine - 1);
    }
  return head.size > 0 ? { base, head } : undefined;
}

/**
 * Names of the functions a change touched, read from the diff's lines (no tree needed: src/git greps the head for
 * them before any parsing): definitions on added or removed lines and the functions hunks sit in.
 */
import type { DiffFile, ParsedDiff } from '../diff/types';
import { classifyPath } from '../model/paths';

/** Any function definition, for the names a hunk changed (its @@ section or a definition line). */
export const ANY_DEF =
  /\b(?:function\*?|def|fn|func(?:\s*\([^)]*\))?)\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>|\[[^\]]*\])?\s*\(|^\s*(?:export\s+)?(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:\([^)]*\)|\w+)\s*=>|^\s*(?:public|private|protected|static|async|\s)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::\s*[\w<>[\]|, ]+)?\s*\{\s*$/;

/** Names of functions the change touched: definitions on changed lines and the functions hunks sit in. */
export function changedFunctionNames(diff: ParsedDiff): string[] {
  const names = new Set<string>();
  for (const f of diff.files) {
    const cls = classifyPath(f.path);
    if (!cls.source || f.status === 'deleted') continue;
    for (const n of functionsTouched(f).keys()) names.add(n);
    // Definitions removed (or renamed away): who still uses the old name decides how far a public break reaches.
    for (const h of f.hunks)
      for (const l of h.lines) {
        const m = l.kind === 'del' ? ANY_DEF.exec(l.text) : null;
        const n = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
        if (n) names.add(n);
      }
  }
  return [...names]
    .filter((n) => n.length >= 5 && !COMMON.has(n) && !/^(?:test|Test)/.test(n) && !n.startsWith('__'))
    .slice(0, 40);
}

const COMMON = new Set([
  'constructor',
  'render',
  'toString',
  'equals',
  'hashCode',
  'default',
  'handle',
  'update',
  'setup',
  'main',
  'close',
  'start',
  'value',
  'build',
  'parse',
  'apply',
  'write',
  'flush',
  'clone',
  'delete',
  'create',
  'while',
  'catch',
  'function',
  'return',
  'switch',
]);

/** Functions a file's change touched, by name, with the new-side line to point at: defined on an added line, or
 * enclosing a hunk's first change (the nearest definition above it in the hunk, else the hunk's @@ section). */
export function functionsTouched(diff: DiffFile): Map<string, number> {
  const out = new Map<string, number>();
  const nameOf = (text: string): string | undefined => {
    const m = ANY_DEF.exec(text);
    return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  };
  for (const h of diff.hunks) {
    for (const l of h.lines) {
      const n = l.kind === 'add' ? nameOf(l.text) : undefined;
      if (n && !out.has(n)) out.set(n, l.newLine!);
    }
  }
  for (const h of diff.hunks) {
    const first = h.lines.findIndex((l) => l.kind !== 'context');
    if (first < 0) continue;
    let name: string | undefined;
    for (let i = first - 1; i >= 0 && !name; i--) name = nameOf(h.lines[i].text);
    name ??= nameOf(h.section);
    const at = h.lines.slice(first).find((l) => l.kind === 'add')?.newLine ?? h.newStart;
    if (name && !out.has(name)) out.set(name, at);
  }
  return out;
}

/**
 * Which top-level declarations of a file a diff touches, on each side, so the public-API rules read and compare only
 * those (syntax/surfaces.ts). A declaration no hunk touches is the same text on both sides: it cannot change the
 * surface, so extracting it (and parsing it on the base side) is wasted work. The base side is parsed as its text with
 * every line outside the touched declarations blanked (line numbers kept); a blanked text that does not parse cleanly
 * means the cut fell inside a declaration, and the whole base is parsed instead.
 */
import type { DiffFile } from '../diff/types';
import type { SyntaxNode } from './tree';

/** Rows (0-based) a side's lines changed on, and gaps: row g where the other side's lines sit between g - 1 and g. */
export interface Touch {
  readonly rows: readonly number[];
  readonly gaps: readonly number[];
}

/** One run of changed lines in a hunk: where it starts on each side (0-based rows) and how many lines each side has. */
interface Block {
  readonly oldRow: number;
  readonly dels: number;
  readonly newRow: number;
  readonly adds: number;
}

function blocksOf(file: DiffFile): Block[] {
  const out: Block[] = [];
  for (const h of file.hunks) {
    // The next line number each side would give: a side with no lines in the hunk starts after `start`.
    let oldNext = h.oldLines === 0 ? h.oldStart + 1 : h.oldStart;
    let newNext = h.newLines === 0 ? h.newStart + 1 : h.newStart;
    let cur: { oldRow: number; dels: number; newRow: number; adds: number } | undefined;
    for (const l of h.lines) {
      if (l.kind === 'context') {
        if (cur) out.push(cur);
        cur = undefined;
        oldNext = (l.oldLine ?? oldNext) + 1;
        newNext = (l.newLine ?? newNext) + 1;
        continue;
      }
      cur ??= { oldRow: oldNext - 1, dels: 0, newRow: newNext - 1, adds: 0 };
      if (l.kind === 'del') {
        cur.dels++;
        oldNext = (l.oldLine ?? oldNext) + 1;
      } else {
        cur.adds++;
        newNext = (l.newLine ?? newNext) + 1;
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

/**
 * The head side's changed rows and the gaps where only base lines were removed. `settled`: changed rows left out
 * because they cannot change the surface (syntax/valueEdits.ts).
 */
export function headTouch(file: DiffFile, settled?: ReadonlySet<number>): Touch {
  const rows: number[] = [];
  const gaps: number[] = [];
  for (const b of blocksOf(file)) {
    for (let i = 0; i < b.adds; i++) if (!settled?.has(b.newRow + i)) rows.push(b.newRow + i);
    if (b.adds === 0) gaps.push(b.newRow);
  }
  return { rows, gaps };
}

/**
 * The base rows that hold what the head's touched declarations were before (each head range mapped through the
 * hunks), plus every removed row: the base text to parse; gaps where only head lines were inserted. `settled`: base
 * rows left out, like headTouch's (a head declaration mapped onto a whole run of changed lines would cover them).
 */
export function baseTouch(
  file: DiffFile,
  headRanges: readonly (readonly [number, number])[],
  settled?: ReadonlySet<number>,
): Touch {
  const blocks = blocksOf(file);
  const keep = new Set<number>();
  for (const b of blocks) for (let i = 0; i < b.dels; i++) keep.add(b.oldRow + i);
  /** Old row of a head row: `start` side of a changed block maps to its first old row, else to its last. */
  const toOld = (row: number, start: boolean): number => {
    let delta = 0;
    for (const b of blocks) {
      if (row < b.newRow) break;
      if (row < b.newRow + b.adds) return start ? b.oldRow : b.oldRow + b.dels - 1;
      delta += b.dels - b.adds;
    }
    return row + delta;
  };
  for (const [s, e] of headRanges) for (let r = toOld(s, true), end = toOld(e, false); r <= end; r++) keep.add(r);
  for (const r of settled ?? []) keep.delete(r);
  const gaps = blocks.filter((b) => b.dels === 0).map((b) => b.oldRow);
  return { rows: [...keep].sort((a, b) => a - b), gaps };
}

/**
 * The rows of the column-0 blocks holding `rows`: a block starts at a line beginning in column 0 (not a closing
 * bracket) together with the decorator, attribute and comment lines right above it, and runs to the next start. In
 * formatted code that is one top-level declaration; where it is not (text at column 0 inside a string), the cut
 * does not parse cleanly and the caller parses the whole text.
 */
export function blockRows(text: string, rows: readonly number[]): number[] {
  const lines = text.split('\n');
  const starts = (i: number): boolean => /^[^\s})\]]/.test(lines[i]) && !ATTACHED.test(lines[i - 1] ?? '');
  const keep = new Set<number>();
  for (const row of rows) {
    if (row >= lines.length || keep.has(row)) continue;
    let s = row;
    while (s > 0 && !starts(s)) s--;
    let e = row + 1;
    while (e < lines.length && !starts(e)) e++;
    for (let r = s; r < e; r++) keep.add(r);
  }
  return [...keep].sort((a, b) => a - b);
}

/** A line that belongs to the declaration below it: a decorator, an attribute, a comment. */
const ATTACHED = /^\s*(?:@|#\[|\/\/|\/\*|\*|#(?!\[))/;

/** `text` with every line not in `rows` emptied: same line numbers, only the kept lines to parse. */
export function keepOnly(text: string, rows: readonly number[]): string {
  const lines = text.split('\n');
  const keep = new Set(rows);
  return lines.map((l, i) => (keep.has(i) ? l : '')).join('\n');
}

/**
 * The top-level declarations that hold a changed row or span a gap, in file order, with the overloads next to them
 * (TypeScript `function f(a: string): void;` lines, Python `@overload` definitions): a signature is judged against
 * all of its name's declarations.
 */
export function touchedTops(root: SyntaxNode, touch: Touch): SyntaxNode[] {
  const rows = [...touch.rows].sort((a, b) => a - b);
  const tops = root.namedChildren.filter((c): c is SyntaxNode => c !== null);
  const hit = tops.map((t) => {
    const [s, e] = [t.startPosition.row, t.endPosition.row];
    return rows[lowerBound(rows, s)] <= e || touch.gaps.some((g) => g > s && g <= e);
  });
  hit.forEach((h, i) => {
    const name = h ? overloadName(tops[i]) : undefined;
    if (name === undefined) return;
    for (let k = i - 1; k >= 0 && !hit[k] && overloadName(tops[k]) === name; k--) hit[k] = true;
    for (let k = i + 1; k < tops.length && !hit[k] && overloadName(tops[k]) === name; k++) hit[k] = true;
  });
  return tops.filter((_, i) => hit[i]);
}

/** The first index of sorted `xs` whose value is >= x. */
function lowerBound(xs: readonly number[], x: number): number {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The name of a top-level function declaration that may have overloads beside it. */
function overloadName(n: SyntaxNode): string | undefined {
  if (!/^(?:export_statement|function_signature|function_declaration|decorated_definition)$/.test(n.type)) return;
  const decl = n.type === 'export_statement' ? n.childForFieldName('declaration') : n;
  const fn = decl?.type === 'decorated_definition' ? decl.childForFieldName('definition') : decl;
  if (!fn || !/^(?:function_signature|function_declaration|function_definition)$/.test(fn.type)) return undefined;
  return fn.childForFieldName('name')?.text;
}

/**
 * Tests that live inside production files: Rust's `#[cfg(test)] mod tests { ... }` (and `#[cfg(test)]` items) sit in
 * `src/` next to the code. Rules must read them as tests (assertions, expectations) and not as production code
 * (concurrency, error handling), so buildChange gives such a file two views: its code and its tests.
 */
import type { DiffHunk } from '../diff/types';
import type { Language } from './paths';

/** New-side line ranges (inclusive) of inline test modules in a file's full text at the head. */
export function inlineTestRanges(language: Language, text: string): [number, number][] {
  if (language !== 'rust') return [];
  const lines = text.split('\n');
  const out: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!CFG_TEST.test(lines[i])) continue;
    // The item the attribute applies to starts on the next non-attribute line; a module runs to its closing brace.
    let j = i + 1;
    while (j < lines.length && /^\s*(?:#\[|\/\/|$)/.test(lines[j])) j++;
    const end = blockEnd(lines, j);
    out.push([i + 1, end + 1]);
    i = end;
  }
  return out;
}

const CFG_TEST = /^\s*#\[cfg\((?:test|all\(test\b[^\]]*)\)\]/;
const MOD_TESTS = /^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+tests?\s*\{/;

/** Index of the line closing the brace block opened on or after `start` (counting braces outside strings roughly). */
function blockEnd(lines: readonly string[], start: number): number {
  let depth = 0;
  let opened = false;
  for (let k = start; k < lines.length; k++) {
    const code = lines[k].replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)'|\/\/.*$/g, '');
    for (const ch of code) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') depth--;
    }
    if (opened && depth <= 0) return k;
    if (!opened && /;\s*$/.test(code)) return k;
  }
  return lines.length - 1;
}

/**
 * Which lines of each hunk are inside inline tests: by the head's ranges for new-side lines when known, otherwise
 * from the hunk itself (from a `#[cfg(test)]` or `mod tests {` line on, to the hunk's end: test modules close files).
 * A removed line takes the state of the new-side line before it. Indexes match `hunk.lines`.
 */
export function testLinesOfHunk(
  language: Language,
  hunk: DiffHunk,
  headRanges: readonly [number, number][] | undefined,
): boolean[] {
  const out: boolean[] = [];
  if (language !== 'rust') return hunk.lines.map(() => false);
  let newFlag = false;
  let oldFlag = false;
  let lastNew = false;
  for (const l of hunk.lines) {
    const marks = CFG_TEST.test(l.text) || MOD_TESTS.test(l.text);
    if (l.kind !== 'add' && marks) oldFlag = true;
    if (l.kind !== 'del') {
      if (marks) newFlag = true;
      lastNew = headRanges ? inRanges(headRanges, l.newLine ?? 0) : newFlag;
      out.push(lastNew);
    } else {
      out.push(oldFlag || lastNew);
    }
  }
  return out;
}

function inRanges(ranges: readonly [number, number][], line: number): boolean {
  for (const [a, b] of ranges) if (line >= a && line <= b) return true;
  return false;
}

/**
 * Review hunks: the blocks of consecutive added lines of a branch diff. A hunk's key hashes its path and normalised
 * text, not its position or commit, so a reviewer's "reviewed" mark survives rebases, reordering and line shifts,
 * and is lost exactly when the text changes.
 */
import { contentHash } from '../hash';
import type { ParsedDiff } from '../review';

const HUNK_KEY_PREFIX = 'h1:';
const HUNK_KEY = /^h1:fnv64:[0-9a-f]{16}$/;

export interface AddedBlock {
  /** New-side path. */
  readonly path: string;
  /** 1-based, inclusive, new side. */
  readonly startLine: number;
  readonly endLine: number;
  readonly lines: readonly string[];
}

export interface ReviewHunk extends AddedBlock {
  readonly key: string;
}

/** Trailing whitespace and CRs removed; blank lines at either end dropped (they move around in rebases). */
function normalizeHunkLines(lines: readonly string[]): string[] {
  const out = lines.map((l) => l.replace(/\s+$/, ''));
  while (out.length > 0 && out[0] === '') out.shift();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The stable key of a block of added lines in `path`. */
export function hunkKey(path: string, addedLines: readonly string[]): string {
  return HUNK_KEY_PREFIX + contentHash(`${path}\n\u0000\n${normalizeHunkLines(addedLines).join('\n')}`);
}

export function isHunkKey(value: unknown): value is string {
  return typeof value === 'string' && HUNK_KEY.test(value);
}

/**
 * Blocks of consecutive added lines per file. Removed lines do not end a block (a replacement is one block);
 * unchanged lines do. Binary and deleted files have none.
 */
export function addedBlocks(diff: ParsedDiff): AddedBlock[] {
  const blocks: AddedBlock[] = [];
  for (const file of diff.files) {
    if (file.binary || file.newPath === null) continue;
    for (const hunk of file.hunks) {
      let start = 0;
      let lines: string[] = [];
      const close = (): void => {
        if (lines.length > 0)
          blocks.push({ path: file.newPath!, startLine: start, endLine: start + lines.length - 1, lines });
        lines = [];
      };
      for (const line of hunk.lines) {
        if (line.kind === 'add' && line.newLine !== undefined) {
          if (lines.length > 0 && line.newLine !== start + lines.length) close();
          if (lines.length === 0) start = line.newLine;
          lines.push(line.text);
        } else if (line.kind === 'context') {
          close();
        }
      }
      close();
    }
  }
  return blocks;
}

/** The blocks with their keys. */
export function reviewHunks(diff: ParsedDiff): ReviewHunk[] {
  return addedBlocks(diff).map((b) => ({ ...b, key: hunkKey(b.path, b.lines) }));
}

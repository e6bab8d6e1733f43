/**
 * Carries line attribution from one version of a file to another (a commit and its rewrite, a picked commit and
 * the pick, squashed commits and the squash). Lines follow the line diff first, so reordered or shifted code keeps
 * its attribution line by line; AI lines the diff could not place (moved blocks) are re-found by content hash where
 * the new text has unmatched lines.
 */
import { refindRanges } from '../commit/agentTraceRefind';
import { rangeContentHash, type LineAttribution } from '../commit/lines';
import { matchLines, type LineMatchOptions } from './lineMatch';

/** 1-based line number -> attribution; lines not present are human. */
export type LineMap = ReadonlyMap<number, LineAttribution>;

export interface MappedLines {
  readonly lines: Map<number, LineAttribution>;
  /** AI lines of the old version that have no place in the new one (changed or deleted since). */
  readonly dropped: number;
}

export interface MapLinesOptions extends LineMatchOptions {
  /** Bound on characters hashed by the content-hash fallback. */
  readonly maxRefindWork?: number;
}

export function mapLineAttributions(
  oldLines: readonly string[],
  newLines: readonly string[],
  attributions: LineMap,
  options: MapLinesOptions = {},
): MappedLines {
  const out = new Map<number, LineAttribution>();
  if (attributions.size === 0) return { lines: out, dropped: 0 };
  const match = matchLines(oldLines, newLines, {
    maxEdits: options.maxEdits,
    whitespaceInsensitive: options.whitespaceInsensitive ?? true,
  });
  const unplaced: number[] = [];
  for (const [line, attribution] of attributions) {
    const oldIndex = line - 1;
    if (oldIndex < 0 || oldIndex >= oldLines.length) continue; // past the end: the record did not fit this text
    const newIndex = match.oldToNew[oldIndex];
    if (newIndex >= 0) out.set(newIndex + 1, attribution);
    else unplaced.push(oldIndex);
  }
  if (unplaced.length === 0) return { lines: out, dropped: 0 };

  // Runs of consecutive unplaced old lines, looked for as blocks among new lines the diff left unmatched.
  unplaced.sort((a, b) => a - b);
  const ranges: Array<{ start_line: number; end_line: number; content_hash: string }> = [];
  for (let k = 0; k < unplaced.length;) {
    let end = k;
    while (end + 1 < unplaced.length && unplaced[end + 1] === unplaced[end] + 1) end++;
    const first = unplaced[k];
    const last = unplaced[end];
    ranges.push({
      start_line: first + 1,
      end_line: last + 1,
      content_hash: rangeContentHash(oldLines, first, last + 1),
    });
    k = end + 1;
  }
  const found = refindRanges(ranges, newLines, { maxWork: options.maxRefindWork });
  let placed = 0;
  for (const hit of found.found) {
    let free = true;
    for (let line = hit.start_line; line <= hit.end_line && free; line++) {
      free = match.newToOld[line - 1] < 0 && !out.has(line);
    }
    if (!free) continue;
    for (let k = 0; k <= hit.end_line - hit.start_line; k++) {
      const attribution = attributions.get(hit.range.start_line + k);
      if (attribution) out.set(hit.start_line + k, attribution);
    }
    placed += hit.end_line - hit.start_line + 1;
  }
  return { lines: out, dropped: unplaced.length - placed };
}

/**
 * Layers line maps: the first map that attributes a line decides it (callers pass the newest source first, since
 * it saw the line last). Human lines never override: absence is not evidence.
 */
export function overlayLineMaps(maps: readonly LineMap[]): Map<number, LineAttribution> {
  const out = new Map<number, LineAttribution>();
  for (const map of maps) {
    for (const [line, attribution] of map) {
      if (!out.has(line) && attribution.cls !== 'human') out.set(line, attribution);
    }
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

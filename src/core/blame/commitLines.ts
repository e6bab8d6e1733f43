/** The source of every line a commit added, from its patch and its provenance: shared by stats and the branch replay. */
import { DEFAULT_REFIND_WORK } from '../commit/agentTraceRefind';
import type { FilePatch, CommitPatch } from './logPatch';
import { placeRecordRanges, type PlacedLine } from './place';
import type { CommitProvenance } from './provenance';
import { commitLineSource, LineTally } from './sources';
import type { LineSource } from './types';

export interface AddedLines {
  readonly file: FilePatch;
  /** Source of an added line by its new-side line number. */
  source(line: number): LineSource;
}

export interface CommitAddedLines {
  readonly files: AddedLines[];
  /** Hash-search work spent. */
  readonly work: number;
}

/** Every added line of the patch's files with its source; deleted and binary files have none. */
export function commitAddedLines(
  patch: CommitPatch,
  provenance: CommitProvenance | undefined,
  options: { maxWork?: number } = {},
): CommitAddedLines {
  const files: AddedLines[] = [];
  const budget = options.maxWork ?? DEFAULT_REFIND_WORK;
  let work = 0;
  for (const file of patch.files) {
    if (file.newPath === null || file.binary) continue;
    const ranges = provenance?.ranges?.get(file.newPath) ?? [];
    let placed: Map<number, PlacedLine> | undefined;
    if (ranges.length > 0) {
      const known = new Map<number, string>();
      let texts = true;
      for (const h of file.hunks) {
        for (let k = 0; k < h.newCount; k++) {
          known.set(h.newStart + k, h.added?.[k] ?? '');
          if (!h.added) texts = false;
        }
      }
      // Without the added text nothing can be verified: line numbers are all there is.
      const usable = texts ? ranges : ranges.map((r) => ({ ...r, content_hash: undefined }));
      const result = placeRecordRanges(usable, known, {
        trusted: provenance?.trusted ?? false,
        maxWork: Math.max(0, budget - work),
      });
      work += result.work;
      // Ranges left unplaced are expected: records describe whole files, and only added lines are known here.
      placed = result.lines;
    }
    files.push({ file, source: (line) => commitLineSource(provenance, placed?.get(line)) });
  }
  return { files, work };
}

/** Tallies the added lines of one commit. */
export function tallyCommit(lines: CommitAddedLines): LineTally {
  const tally = new LineTally();
  for (const { file, source } of lines.files) {
    for (const h of file.hunks) {
      for (let k = 0; k < h.newCount; k++) tally.add(source(h.newStart + k));
    }
  }
  return tally;
}

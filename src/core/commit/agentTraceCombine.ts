/**
 * Combines the records of several commits into one record for the content that replaced them (squash, fixup,
 * rebase with conflicts). Each record's ranges are re-found in the final text by content hash; where records
 * disagree about a line, the newest record that finds it wins, since it saw the line last.
 */
import { buildAgentTrace, type AgentTraceRecord, type BuildOptions } from './agentTrace';
import { LineAttributionMap, recordRanges, type RecordRange } from './agentTraceRead';
import { DEFAULT_REFIND_WORK, refindRanges, type MissReason, type RefindOptions } from './agentTraceRefind';
import { splitLines, type AttributedFile } from './lines';

export interface FinalFile {
  readonly path: string;
  readonly text: string;
}

export interface CombineMiss {
  /** Index of the record in the input list. */
  readonly record: number;
  readonly path: string;
  /** Absent when the whole file is gone from the final content. */
  readonly range?: RecordRange;
  readonly reason: MissReason | 'file-absent';
}

export interface CombineResult {
  readonly record: AgentTraceRecord;
  /** Attributions that could not be placed in the final content. */
  readonly missing: CombineMiss[];
  /** The final files with their recovered attribution (only files with some AI line). */
  readonly files: AttributedFile[];
}

/**
 * `options.maxWork` bounds the hash search over the whole combine.
 * `records` oldest first (commit order). `finalFiles` = the content of the resulting commit for every path that
 * should carry attribution; paths of a record missing from it are reported `file-absent` (map renames beforehand).
 */
export function combineAgentTraces(
  records: readonly AgentTraceRecord[],
  finalFiles: readonly FinalFile[],
  options: BuildOptions & RefindOptions,
): CombineResult {
  const perRecord = records.map((r) => new Map(recordRanges(r).map((f) => [f.path, f.ranges] as const)));
  const finalPaths = new Set(finalFiles.map((f) => f.path));
  const missing: CombineMiss[] = [];
  perRecord.forEach((files, record) => {
    for (const path of files.keys()) {
      if (!finalPaths.has(path) && (files.get(path)?.length ?? 0) > 0)
        missing.push({ record, path, reason: 'file-absent' });
    }
  });

  const attributed: AttributedFile[] = [];
  let budget = options.maxWork ?? DEFAULT_REFIND_WORK;
  for (const file of finalFiles) {
    const lines = splitLines(file.text);
    const acc = new LineAttributionMap();
    for (let record = perRecord.length - 1; record >= 0; record--) {
      const ranges = perRecord[record].get(file.path);
      if (!ranges || ranges.length === 0) continue;
      const result = refindRanges(ranges, lines, { maxWork: budget });
      for (const miss of result.missing)
        missing.push({ record, path: file.path, range: miss.range, reason: miss.reason });
      // Lines claimed by a newer record stay with it; within one record, every conversation on a line counts.
      const claimedBefore = new Set<number>();
      for (const found of result.found) {
        for (let line = found.start_line; line <= found.end_line; line++) if (acc.has(line)) claimedBefore.add(line);
      }
      for (const found of result.found) {
        for (let line = found.start_line; line <= found.end_line; line++) {
          if (!claimedBefore.has(line)) acc.add(line, found.range.cls, found.range.origin);
        }
      }
      budget = Math.max(0, budget - result.work);
    }
    const classes = acc.toMap();
    if (classes.size === 0) continue;
    attributed.push({
      path: file.path,
      lines: lines.map((text, i) => {
        const c = classes.get(i + 1);
        return c ? { text, cls: c.cls, origins: c.origins } : { text, cls: 'human' as const, origins: [] };
      }),
    });
  }
  return { record: buildAgentTrace(attributed, options), missing, files: attributed };
}

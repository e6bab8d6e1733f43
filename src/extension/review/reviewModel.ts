/**
 * What the review screens show, built once per loaded review: the changed files with their AI share, each file's
 * hunks (blocks of added lines, keyed by content so a "reviewed" mark survives rebases) classed AI / mixed / human,
 * and the checklist findings placed in the hunk they point into. Pure: no editor, no git (a candidate for
 * src/core/report).
 */
import { isAiAuthorship, type LineSource } from '../../core/blame';
import { reviewHunks } from '../../core/policy/hunks';
import type { DiffFileStatus, Finding, ParsedDiff } from '../../core/review';

export type HunkKind = 'ai' | 'mixed' | 'human';

export interface FindingEntry {
  /** Index in ReviewModel.findings: the id the views and the webview use. */
  readonly id: number;
  readonly finding: Finding;
}

export interface HunkEntry {
  readonly key: string;
  readonly path: string;
  /** 1-based, inclusive, new side. */
  readonly startLine: number;
  readonly endLine: number;
  readonly aiLines: number;
  readonly kind: HunkKind;
  /** Tools named by the hunk's AI lines, first seen first. */
  readonly tools: readonly string[];
  readonly findings: readonly FindingEntry[];
}

export interface FileEntry {
  /** New path, or the old one for a deletion. */
  readonly path: string;
  readonly oldPath: string | null;
  readonly newPath: string | null;
  readonly status: DiffFileStatus;
  readonly binary: boolean;
  readonly addedLines: number;
  readonly aiLines: number;
  /** AI share of the added lines (0 when none were added). */
  readonly share: number;
  readonly hunks: readonly HunkEntry[];
  /** Findings on removed lines or outside every hunk. */
  readonly otherFindings: readonly FindingEntry[];
}

export interface ReviewModel {
  readonly files: readonly FileEntry[];
  readonly findings: readonly FindingEntry[];
  /** Findings about the change as a whole (size, AI share). */
  readonly changeFindings: readonly FindingEntry[];
  /** Hunks with any AI line, in file order then line order. */
  readonly aiHunks: readonly HunkEntry[];
  /** Who wrote each added line: path -> new-side line -> source (human lines omitted). */
  readonly addedLines: ReadonlyMap<string, ReadonlyMap<number, LineSource>>;
}

export function hunkKind(sources: readonly LineSource[]): HunkKind {
  const ai = sources.filter((s) => isAiAuthorship(s.authorship));
  if (ai.length === 0) return 'human';
  return ai.length === sources.length && ai.every((s) => s.authorship !== 'mixed') ? 'ai' : 'mixed';
}

function overlaps(f: Finding, path: string, start: number, end: number): boolean {
  return f.file === path && f.range !== null && f.range.side === 'new' && f.range.start <= end && f.range.end >= start;
}

export function buildReviewModel(
  diff: ParsedDiff,
  lineSource: (path: string, line: number) => LineSource,
  findings: readonly Finding[],
): ReviewModel {
  const entries: FindingEntry[] = findings.map((finding, id) => ({ id, finding }));
  const placed = new Set<number>();
  const addedLines = new Map<string, Map<number, LineSource>>();
  const hunksByPath = new Map<string, HunkEntry[]>();
  for (const h of reviewHunks(diff)) {
    const sources: LineSource[] = [];
    const lines = addedLines.get(h.path) ?? new Map<number, LineSource>();
    addedLines.set(h.path, lines);
    for (let line = h.startLine; line <= h.endLine; line++) {
      const source = lineSource(h.path, line);
      sources.push(source);
      if (isAiAuthorship(source.authorship)) lines.set(line, source);
    }
    const inHunk = entries.filter((e) => overlaps(e.finding, h.path, h.startLine, h.endLine));
    for (const e of inHunk) placed.add(e.id);
    const tools = [...new Set(sources.flatMap((s) => s.origins.map((o) => o.tool)))];
    const list = hunksByPath.get(h.path) ?? [];
    list.push({
      key: h.key,
      path: h.path,
      startLine: h.startLine,
      endLine: h.endLine,
      aiLines: sources.filter((s) => isAiAuthorship(s.authorship)).length,
      kind: hunkKind(sources),
      tools,
      findings: inHunk,
    });
    hunksByPath.set(h.path, list);
  }
  const files: FileEntry[] = diff.files.map((file) => {
    const hunks = file.newPath === null ? [] : (hunksByPath.get(file.newPath) ?? []);
    const addedCount = hunks.reduce((n, h) => n + h.endLine - h.startLine + 1, 0);
    const aiCount = hunks.reduce((n, h) => n + h.aiLines, 0);
    const other = entries.filter(
      (e) =>
        !placed.has(e.id) &&
        e.finding.file !== null &&
        (e.finding.file === file.newPath || e.finding.file === file.oldPath || e.finding.file === file.path),
    );
    for (const e of other) placed.add(e.id);
    return {
      path: file.path,
      oldPath: file.oldPath,
      newPath: file.newPath,
      status: file.status,
      binary: file.binary,
      addedLines: addedCount,
      aiLines: aiCount,
      share: addedCount > 0 ? aiCount / addedCount : 0,
      hunks,
      otherFindings: other,
    };
  });
  // Most AI first, as the report orders them: that is where review attention goes.
  files.sort(
    (a, b) => b.share - a.share || b.addedLines - a.addedLines || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  const changeFindings = entries.filter((e) => !placed.has(e.id));
  const aiHunks = files.flatMap((f) => f.hunks.filter((h) => h.kind !== 'human'));
  return { files, findings: entries, changeFindings, aiHunks, addedLines };
}

/** "N of M AI hunks reviewed". */
export function progress(model: ReviewModel, reviewed: ReadonlySet<string>): { reviewed: number; total: number } {
  return { reviewed: model.aiHunks.filter((h) => reviewed.has(h.key)).length, total: model.aiHunks.length };
}

/** The hunk of `path` holding new-side `line`. */
export function hunkAt(model: ReviewModel, path: string, line: number): HunkEntry | undefined {
  return model.files.find((f) => f.newPath === path)?.hunks.find((h) => h.startLine <= line && line <= h.endLine);
}

/**
 * The next AI hunk not reviewed, in view order, after `from` (a path and new-side line) and wrapping around; from the
 * start without `from`. undefined when every AI hunk is reviewed.
 */
export function nextUnreviewed(
  model: ReviewModel,
  reviewed: ReadonlySet<string>,
  from?: { path: string; line: number },
): HunkEntry | undefined {
  const open = model.aiHunks.filter((h) => !reviewed.has(h.key));
  if (open.length === 0) return undefined;
  if (!from) return open[0];
  const order = new Map(model.files.map((f, i) => [f.newPath ?? f.path, i]));
  const fileIndex = order.get(from.path) ?? -1;
  const after = open.find((h) => {
    const i = order.get(h.path) ?? -1;
    return i > fileIndex || (i === fileIndex && h.startLine > from.line);
  });
  return after ?? open[0];
}

/** "src/a.ts:4-6", "src/a.ts (removed lines 3-4)" or "whole change". */
export function findingWhere(f: Finding): string {
  if (f.file === null) return 'whole change';
  if (!f.range) return f.file;
  const lines = f.range.start === f.range.end ? `${f.range.start}` : `${f.range.start}-${f.range.end}`;
  return f.range.side === 'new'
    ? `${f.file}:${lines}`
    : `${f.file} (removed line${f.range.start === f.range.end ? '' : 's'} ${lines})`;
}

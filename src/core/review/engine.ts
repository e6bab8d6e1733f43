/**
 * The review pipeline: parse -> build the change -> run every rule family -> merge adjacent hits -> combine
 * severities -> cap -> tier -> checklist. Pure: same input, same report.
 */
import { parseUnifiedDiff } from './diff/parse';
import type { DiffParseLimits, ParsedDiff } from './diff/types';
import { Change, ChangeFile, ChangeStats, aiEvidenceIn, aiKindsIn, buildChange } from './model/change';
import { TriggerIndex } from './model/triggers';
import { RULE_FAMILIES } from './registry';
import { FindingSink, RuleFamily } from './rules/rule';
import { ChecklistItem, buildChecklist } from './checklist';
import { changeAiClaim } from './claim';
import { combineFindings } from './combine';
import { surfacesOf } from './syntax/surfaces';
import { TreeCache } from './syntax/treeCache';
import { BlastRadius, blastRadius } from './tier';
import {
  AnalyzerResult,
  Finding,
  LineRange,
  MAX_LOCATIONS,
  Place,
  ProvenanceSource,
  ReviewContext,
  severityRank,
} from './types';

export interface ReviewInput {
  /** `git diff` text, or a diff already parsed with parseUnifiedDiff. */
  readonly diff: string | ParsedDiff;
  readonly provenance?: ProvenanceSource;
  readonly context?: ReviewContext;
  readonly parseLimits?: DiffParseLimits;
}

export interface ReviewReport {
  /** Highest severity first, then by file and line; one per rule and file, with a count (see foldPerFile). */
  readonly findings: readonly Finding[];
  /** Size and AI share: the head of the checklist, not findings (they describe the whole change, not a place). */
  readonly header: ReviewHeader;
  /** Findings dropped per rule id beyond `maxFindingsPerRule`. */
  readonly omitted: Readonly<Record<string, number>>;
  readonly checklist: readonly ChecklistItem[];
  readonly blastRadius: BlastRadius;
  readonly stats: ChangeStats;
  /** Parser warnings and rule failures, as text. */
  readonly warnings: readonly string[];
  /** External analyser results given in the context: how many touched added lines, how many did not (dropped). */
  readonly analyzers: { readonly inChange: number; readonly outsideChange: number };
}

export interface ReviewHeader {
  readonly files: number;
  readonly additions: number;
  readonly deletions: number;
  /** Changed lines a human must read (lockfiles, generated, vendored and binary files left out). */
  readonly reviewLines: number;
  /** Over the "large change" threshold: review quality drops past it. */
  readonly large: boolean;
  readonly largeLines: number;
  /** Added lines with AI provenance (line records or AI-assisted commits), and the share of all added lines. */
  readonly aiLines: number;
  readonly aiShare: number;
  /** Of `aiLines`, those known only from their commit's metadata (a trailer, an AI account, an agent's marker line). */
  readonly commitLevelAiLines: number;
  /** Whether any provenance was given: without it the AI share is unknown, not zero. */
  readonly provenanceKnown: boolean;
  /**
   * The AI share in words sized to the evidence (claim.ts): "AI-written" only for lines a record names, "in
   * AI-assisted commits" for lines known from commit metadata alone, "no AI evidence in this change" when no line
   * has any (never "0% AI-written"). Null when provenance is unknown.
   */
  readonly aiClaim: string | null;
  /** How structure was read: syntax trees for which languages, line rules for the rest; named so no one assumes more. */
  readonly analysis: string;
}

export function reviewChange(input: ReviewInput): ReviewReport {
  // The review's trees are shared by the rules that read the same text, and freed when it ends.
  const trees = input.context?.syntax ? new TreeCache(input.context.syntax) : undefined;
  try {
    return reviewWith(trees ? { ...input, context: { ...input.context, syntax: trees } } : input);
  } finally {
    trees?.dispose();
  }
}

function reviewWith(input: ReviewInput): ReviewReport {
  const diff = typeof input.diff === 'string' ? parseUnifiedDiff(input.diff, input.parseLimits) : input.diff;
  const change = buildChange(diff, input.provenance, input.context, triggerIndexFor(RULE_FAMILIES));
  const warnings = diff.warnings.map((w) => (w.line > 0 ? `diff line ${w.line}: ${w.message}` : w.message));
  const external = analyzerFindings(change, input.context?.analyzerResults ?? []);
  const raw = [...runRules(change, RULE_FAMILIES, warnings), ...external.findings];
  const combined = combineFindings(foldAcrossFiles(foldPerFile(mergeAdjacent(raw))), change);
  const { kept, omitted } = cap(sortFindings(combined), change.options.maxFindingsPerRule);
  const radius = blastRadius(change, kept);
  const header = headerOf(change);
  const t = change.options.thresholds;
  return {
    findings: kept,
    header,
    omitted,
    checklist: buildChecklist(
      kept,
      radius.tier,
      header.provenanceKnown && header.aiLines >= t.aiLinesMin && header.aiShare >= t.aiShareHigh,
    ),
    blastRadius: radius,
    stats: change.stats,
    warnings,
    analyzers: { inChange: external.findings.length, outsideChange: external.outsideChange },
  };
}

/**
 * External analyser results as findings: kept when their lines overlap added lines (a result naming only the file
 * needs the file to have any), since the reviewer checks this change; the rest are counted. They go through the same
 * merging, AI escalation and tiering as our own findings. Disabled by exact rule id or by `sarif/<tool>`.
 */
function analyzerFindings(
  change: Change,
  results: readonly AnalyzerResult[],
): { findings: Finding[]; outsideChange: number } {
  const files = new Map(change.files.map((f) => [f.path, f]));
  const disabled = new Set(change.options.disabledRules);
  const findings: Finding[] = [];
  let outsideChange = 0;
  for (const r of results) {
    const file = files.get(r.file);
    const range: LineRange | null = r.lines ? { side: 'new', start: r.lines.start, end: r.lines.end } : null;
    if (!file || !touchesAdded(file, range)) {
      outsideChange++;
      continue;
    }
    const tool = toolSlug(r.tool);
    const ruleId = `sarif/${tool}/${r.ruleId}`;
    if (disabled.has(ruleId) || disabled.has(`sarif/${tool}`)) continue;
    const added = file.added;
    const span = range ?? { side: 'new' as const, start: added[0].line, end: added[added.length - 1].line };
    const kinds = aiKindsIn(file, span);
    const where = aiEvidenceIn(file, span) === 'commit' ? 'in an AI-assisted commit' : 'in AI-written lines';
    findings.push({
      ruleId,
      category: 'analyzer',
      title: `${r.tool}: ${r.title}`,
      why: kinds ? `${r.message} [${where}${kinds.length > 0 ? `: ${kinds.join(', ')}` : ''}]` : r.message,
      file: file.path,
      range,
      severity: r.severity,
      inAi: kinds !== null,
      whatToDo: r.whatToDo,
      analyzer: { tool: r.tool, ruleId: r.ruleId },
    });
  }
  return { findings, outsideChange };
}

/** Whether an added line of `file` falls in `range` (any added line when the range is the whole file). */
function touchesAdded(file: ChangeFile, range: LineRange | null): boolean {
  const added = file.added;
  if (added.length === 0) return false;
  if (!range) return true;
  let lo = 0;
  let hi = added.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (added[mid].line < range.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < added.length && added[lo].line <= range.end;
}

/** A tool name as a rule id segment: "Semgrep OSS" -> "semgrep-oss". */
export function toolSlug(tool: string): string {
  return (
    tool
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tool'
  );
}

function headerOf(change: Change): ReviewHeader {
  const s = change.stats;
  const t = change.options.thresholds;
  return {
    files: s.files,
    additions: s.additions,
    deletions: s.deletions,
    reviewLines: s.reviewLines,
    large: s.reviewLines > t.largeLines || s.files > t.manyFiles,
    largeLines: t.largeLines,
    aiLines: s.aiLines,
    aiShare: s.additions > 0 ? s.aiLines / s.additions : 0,
    commitLevelAiLines: s.commitLevelAiLines,
    provenanceKnown: change.hasProvenance,
    aiClaim: change.hasProvenance ? changeAiClaim(s) : null,
    analysis: analysisOf(change),
  };
}

const LINE_RULES =
  'language-aware line rules for TypeScript/JavaScript, Python, Rust, Go and Java (tests, assertions and public signatures recognised per language), generic line rules for other languages';

/** How the change was read, said plainly: which languages had syntax trees and which fell back to line rules. */
function analysisOf(change: Change): string {
  const { lines } = change.analysis;
  const compared = [...new Set([...surfacesOf(change).values()].map((p) => p.grammar))];
  const trees = [...new Set([...change.analysis.trees, ...compared])].sort();
  if (trees.length === 0) return `${LINE_RULES}; no syntax trees`;
  const fallback = lines.length > 0 ? `; line rules only for ${lines.join(', ')} (no grammar or text)` : '';
  const sides =
    compared.length > 0
      ? `, public signatures and file deletions compared between base and head (${compared.sort().join(', ')})`
      : '';
  return `syntax trees (tree-sitter) for ${trees.join(', ')}: tests, assertions that cannot fail and concurrency read from the tree${sides}; ${LINE_RULES}${fallback}`;
}

/** Runs rule families over a built change; a family that throws is reported in `warnings`, never fatal. */
export function runRules(
  change: Change,
  families: readonly RuleFamily[] = RULE_FAMILIES,
  warnings: string[] = [],
): Finding[] {
  const disabled = new Set(change.options.disabledRules);
  const sink = new FindingSink();
  for (const family of families) {
    if (family.rules.length > 0 && family.rules.every((r) => disabled.has(r.id))) continue;
    sink.triggerBit = change.triggerIndex?.bits.get(family.name) ?? 0;
    try {
      family.run(change, sink);
    } catch (err) {
      warnings.push(
        `rule family "${family.name}" failed and was skipped: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return disabled.size > 0 ? sink.findings.filter((f) => !disabled.has(f.ruleId)) : sink.findings;
}

const indexes = new WeakMap<readonly RuleFamily[], TriggerIndex>();

/** The trigger index over the families' trigger words, built once per family list. */
export function triggerIndexFor(families: readonly RuleFamily[]): TriggerIndex {
  let index = indexes.get(families);
  if (!index) {
    index = new TriggerIndex(new Map(families.map((f) => [f.name, f.triggers ?? []])));
    indexes.set(families, index);
  }
  return index;
}

/** One finding per run of touching or overlapping lines of the same rule, so a 20-line PEM key is one item. */
export function mergeAdjacent(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!f.file || !f.range) {
      out.push(f);
      continue;
    }
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.range.side}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => a.range!.start - b.range!.start);
    let cur = list[0];
    let extra = 0;
    const flush = (): void => {
      out.push(extra > 0 ? { ...cur, count: (cur.count ?? 1) + extra } : cur);
    };
    for (let i = 1; i < list.length; i++) {
      const f = list[i];
      if (f.range!.start <= cur.range!.end + 1) {
        cur = {
          ...cur,
          range: { ...cur.range!, end: Math.max(cur.range!.end, f.range!.end) },
          severity: severityRank(f.severity) > severityRank(cur.severity) ? f.severity : cur.severity,
          inAi: cur.inAi || f.inAi,
          why: severityRank(f.severity) > severityRank(cur.severity) ? f.why : cur.why,
        };
        extra++;
      } else {
        flush();
        cur = f;
        extra = 0;
      }
    }
    flush();
  }
  return out;
}

/**
 * One finding per rule and file: the places it fired become `count` and `locations` (first place first), so a
 * concurrency hit per field of one struct or an error-handling hit per call site of one change is one item. The
 * kept `why` is the most severe place's; severity and inAi are the highest of all places.
 */
function foldPerFile(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!f.file) {
      out.push(f);
      continue;
    }
    const key = `${f.ruleId}\u0000${f.file}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const list of groups.values()) {
    if (list.length === 1) {
      out.push(list[0]);
      continue;
    }
    const ordered = [...list].sort(
      (a, b) => sideRank(a) - sideRank(b) || (a.range?.start ?? 0) - (b.range?.start ?? 0),
    );
    let top = ordered[0];
    for (const f of ordered) if (severityRank(f.severity) > severityRank(top.severity)) top = f;
    const count = ordered.reduce((n, f) => n + (f.count ?? 1), 0);
    const locations = ordered
      .filter((f) => f.range)
      .map((f) => f.range!)
      .slice(0, MAX_LOCATIONS);
    out.push({ ...top, range: ordered[0].range, inAi: ordered.some((f) => f.inAi), count, locations });
  }
  return out;
}

/**
 * The same finding word for word in several files (a `pyright: ignore` added at the same call in five providers, one
 * pattern applied across a package) is one item naming the other files: the reviewer checks the pattern once. The
 * first file in path order keeps its place and locations; `count` covers every file.
 */
function foldAcrossFiles(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.file ? `${f.ruleId}\u0000${f.severity}\u0000${f.why}` : `\u0001${groups.size}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const out: Finding[] = [];
  for (const list of groups.values()) {
    if (list.length === 1) {
      out.push(list[0]);
      continue;
    }
    const [first, ...rest] = [...list].sort((a, b) => a.file!.localeCompare(b.file!));
    const shown = rest.slice(0, 3).map((f) => f.file);
    const more = rest.length > shown.length ? `, ${rest.length - shown.length} more` : '';
    // "Show all" lists every file's places, not only the first file's: each other file's place carries its path.
    const locations = [first, ...rest]
      .flatMap((f) => placesOf(f).map((r): Place => (f === first ? r : { ...r, file: f.file! })))
      .slice(0, MAX_LOCATIONS);
    out.push({
      ...first,
      why: `${first.why}; the same in ${rest.length} more file${rest.length > 1 ? 's' : ''}: ${shown.join(', ')}${more}`,
      inAi: list.some((f) => f.inAi),
      count: list.reduce((n, f) => n + (f.count ?? 1), 0),
      ...(locations.length > 0 ? { locations } : {}),
    });
  }
  return out;
}

/** A finding's own places: its folded locations, else its one range. */
function placesOf(f: Finding): readonly Place[] {
  return f.locations ?? (f.range ? [f.range] : []);
}

function sideRank(f: Finding): number {
  return f.range === null ? 2 : f.range.side === 'new' ? 0 : 1;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      Number(b.inAi) - Number(a.inAi) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.range?.start ?? 0) - (b.range?.start ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function cap(findings: readonly Finding[], max: number): { kept: Finding[]; omitted: Record<string, number> } {
  const counts = new Map<string, number>();
  const omitted: Record<string, number> = {};
  const kept: Finding[] = [];
  for (const f of findings) {
    const n = (counts.get(f.ruleId) ?? 0) + 1;
    counts.set(f.ruleId, n);
    if (n <= max) kept.push(f);
    else omitted[f.ruleId] = (omitted[f.ruleId] ?? 0) + 1;
  }
  return { kept, omitted };
}

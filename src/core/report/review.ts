/**
 * The seam to the checklist engine (src/core/review): the report needs only a ReviewSummary, so a caller can pass
 * one computed elsewhere, or none. reviewBranch fills it from the engine's public API.
 */
import { cleanLabel, type LineSource } from '../blame';
import {
  reviewChange,
  type ChecklistItem,
  type Finding,
  type LineProvenance,
  type ParsedDiff,
  type ReviewContext,
  type ReviewHeader,
  type Tier,
} from '../review';

export interface ReviewSummary {
  readonly tier: Tier;
  /** Each starts with the tier it calls for, e.g. "T3: touches auth path src/auth.ts". */
  readonly reasons: readonly string[];
  /** What sign-off the tier asks for. */
  readonly signOff: string;
  /** CODEOWNERS owners of the changed files. */
  readonly owners: readonly string[];
  readonly findings: readonly Finding[];
  /** Size and AI share of the change: the checklist's header (absent in summaries made before it existed). */
  readonly header?: ReviewHeader;
  readonly omitted: Readonly<Record<string, number>>;
  readonly checklist: readonly ChecklistItem[];
  readonly warnings: readonly string[];
  /** Present when external analyser results were given: how many touched added lines, how many were dropped. */
  readonly analyzers?: { readonly inChange: number; readonly outsideChange: number };
}

/**
 * What the engine is told about an added line. Commit-level AI-assisted lines count as AI lines with `commit`
 * evidence: nothing says which of the commit's lines the AI wrote, so they are "in an AI-assisted commit", never
 * "untouched AI lines"; a commit that also names a human co-author is mixed.
 */
function lineProvenance(source: LineSource): LineProvenance {
  if (source.authorship === 'human') return { authorship: 'human' };
  const first = source.origins[0];
  if (source.authorship === 'ai-assisted') {
    return {
      authorship: source.commitMixed ? 'mixed' : 'ai',
      evidence: 'commit',
      ...(first?.tool ? { tool: first.tool } : {}),
    };
  }
  return {
    authorship: source.authorship === 'mixed' ? 'mixed' : 'ai',
    ...(first?.kind ? { kind: first.kind } : {}),
    ...(first?.tool ? { tool: first.tool } : {}),
  };
}

/** Runs the checklist engine over the branch diff with per-line provenance. */
export function reviewBranch(
  diff: ParsedDiff,
  lineSource: (path: string, line: number) => LineSource,
  context: ReviewContext = {},
): ReviewSummary {
  const report = reviewChange({ diff, provenance: (path, line) => lineProvenance(lineSource(path, line)), context });
  // Evidence quotes the change's own text: make it inert once for every consumer (JSON readers included).
  return {
    tier: report.blastRadius.tier,
    reasons: report.blastRadius.reasons.map((r) => cleanLabel(r, 500)),
    signOff: report.blastRadius.signOff,
    owners: report.blastRadius.owners.map((o) => cleanLabel(o, 200)),
    findings: report.findings.map((f) => ({ ...f, title: cleanLabel(f.title, 300), why: cleanLabel(f.why, 1000) })),
    header: report.header,
    omitted: report.omitted,
    checklist: report.checklist,
    warnings: report.warnings.map((w) => cleanLabel(w, 500)),
    ...(context.analyzerResults ? { analyzers: report.analyzers } : {}),
  };
}

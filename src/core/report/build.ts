/** Assembles the branch report from git facts, the review summary and the policy: the one model every format renders. */
import {
  LineTally,
  aiShare,
  aiShareClaim,
  cleanLabel,
  isAiAuthorship,
  type AuthorshipCounts,
  type CommitProvenance,
  type LineSource,
  type ModelCount,
  type ToolCount,
} from '../blame';
import {
  addedBlocks,
  evaluatePolicy,
  hunkKey,
  judgeSignoffs,
  type JudgedSignoff,
  type ReviewHunk,
  type Policy,
  type PolicyFacts,
  type PolicyOutcome,
  type SignoffFound,
} from '../policy';
import type { ParsedDiff, Tier } from '../review';
import type { ReviewSummary } from './review';

export interface BranchFacts {
  readonly base: { readonly ref: string; readonly commit: string };
  readonly head: { readonly ref: string; readonly commit: string };
  /** `git diff BASE...HEAD` (against the merge base), parsed. */
  readonly diff: ParsedDiff;
  /** Who wrote an added line (new-side path and line). */
  readonly lineSource: (path: string, line: number) => LineSource;
  /** Every commit of the range. */
  readonly commits: readonly CommitProvenance[];
  readonly signoffs: readonly SignoffFound[];
  readonly warnings: readonly string[];
}

export interface ReportFile {
  readonly path: string;
  readonly counts: AuthorshipCounts;
  readonly share: number;
}

export interface ReportHunk {
  readonly key: string;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly lines: number;
  readonly aiLines: number;
  /** Emails of accepted sign-offs that reviewed it. */
  readonly reviewedBy: readonly string[];
}

export interface BranchReport {
  readonly version: 1;
  readonly base: { readonly ref: string; readonly commit: string };
  readonly head: { readonly ref: string; readonly commit: string };
  readonly commits: {
    readonly total: number;
    readonly withRecords: number;
    readonly commitLevelAi: number;
    /** Of those, commits that name a person as co-author too (mixed at commit level). */
    readonly commitLevelMixed: number;
    /**
     * Commits with no AI evidence authored by bot accounts (`renovate[bot]`, a project's release bot): a fact of its
     * own, never counted as AI. `accounts`: their logins, sorted, at most 10.
     */
    readonly botAuthored: { readonly commits: number; readonly accounts: readonly string[] };
    readonly ignoredNotes: readonly { readonly commit: string; readonly reason: string }[];
  };
  readonly totals: AuthorshipCounts;
  /** Added lines known only from commits that name an AI and a person as co-authors (part of `totals.aiAssisted`). */
  readonly mixedCommitLines: number;
  /** The AI share in words sized to the evidence (see aiShareClaim). */
  readonly aiClaim: string;
  readonly share: number;
  readonly byTool: readonly ToolCount[];
  readonly byModel: readonly ModelCount[];
  readonly files: readonly ReportFile[];
  /** null when no review summary was given (the engine did not run). */
  readonly review: ReviewSummary | null;
  readonly hunks: {
    readonly total: number;
    readonly ai: number;
    readonly aiReviewed: number;
    readonly list: readonly ReportHunk[];
  };
  readonly signoffs: readonly JudgedSignoff[];
  /** Present when a policy was evaluated. */
  readonly policy: PolicyOutcome | null;
  readonly warnings: readonly string[];
}

export function buildBranchReport(
  facts: BranchFacts,
  review: ReviewSummary | null,
  options: { policy?: Policy } = {},
): BranchReport {
  const warnings = [...facts.warnings];
  const total = new LineTally();
  const files: ReportFile[] = [];
  let mixedCommitLines = 0;
  for (const file of facts.diff.files) {
    if (file.binary || file.newPath === null) continue;
    const tally = new LineTally();
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (line.kind !== 'add' || line.newLine === undefined) continue;
        const source = facts.lineSource(file.newPath, line.newLine);
        tally.add(source);
        if (source.commitMixed) mixedCommitLines++;
      }
    }
    if (tally.counts.total === 0) continue;
    total.merge(tally);
    files.push({ path: file.newPath, counts: { ...tally.counts }, share: aiShare(tally.counts) });
  }
  files.sort((a, b) => b.share - a.share || b.counts.total - a.counts.total || (a.path < b.path ? -1 : 1));

  const blocks = addedBlocks(facts.diff);
  // Only AI hunks are listed and judged, so only they need a key (a hash of their text).
  const aiOnly: (ReviewHunk & { aiLines: number })[] = [];
  for (const b of blocks) {
    let aiLines = 0;
    for (let line = b.startLine; line <= b.endLine; line++)
      if (isAiAuthorship(facts.lineSource(b.path, line).authorship)) aiLines++;
    if (aiLines > 0) aiOnly.push({ ...b, key: hunkKey(b.path, b.lines), aiLines });
  }
  const tier: Tier = review?.tier ?? 'T3';
  if (!review)
    warnings.push('the checklist engine did not run: no findings, and the tier is taken as T3 for the policy');
  const policyFacts: PolicyFacts = {
    head: facts.head.commit,
    share: aiShare(total.counts),
    tier,
    aiHunks: aiOnly,
    owners: review?.owners ?? [],
    signoffs: facts.signoffs,
  };
  const policy = options.policy ? evaluatePolicy(options.policy, policyFacts) : null;
  const signoffs = policy?.signoffs ?? judgeSignoffs(undefined, policyFacts);
  const accepted = signoffs.filter((s) => s.accepted);
  const list: ReportHunk[] = aiOnly.map((h) => ({
    key: h.key,
    path: h.path,
    startLine: h.startLine,
    endLine: h.endLine,
    lines: h.lines.length,
    aiLines: h.aiLines,
    reviewedBy: accepted
      .filter((s) => s.entry.aiHunks.reviewed.includes(h.key))
      .map((s) => cleanLabel(s.entry.reviewer.email, 254)),
  }));
  const ignoredNotes = facts.commits.filter((c) => c.rejected).map((c) => ({ commit: c.commit, reason: c.rejected! }));
  return {
    version: 1,
    base: facts.base,
    head: facts.head,
    commits: {
      total: facts.commits.length,
      withRecords: facts.commits.filter((c) => c.record).length,
      commitLevelAi: facts.commits.filter((c) => !c.record && c.recognition?.aiAssisted).length,
      commitLevelMixed: facts.commits.filter((c) => !c.record && c.recognition?.mixed).length,
      botAuthored: botAuthored(facts.commits),
      ignoredNotes,
    },
    totals: { ...total.counts },
    mixedCommitLines,
    aiClaim: aiShareClaim(total.counts, { mixedCommitLines }),
    share: aiShare(total.counts),
    byTool: total.byTool(),
    byModel: total.byModel(),
    files,
    review,
    hunks: {
      total: blocks.length,
      ai: list.length,
      aiReviewed: list.filter((h) => h.reviewedBy.length > 0).length,
      list,
    },
    signoffs,
    policy,
    warnings,
  };
}

/** Commits with no record and no AI evidence whose author is a bot account, and those accounts. */
function botAuthored(commits: readonly CommitProvenance[]): BranchReport['commits']['botAuthored'] {
  const bots = commits.flatMap((c) => (!c.record && c.recognition?.botAuthor ? [c.recognition.botAuthor] : []));
  const accounts = [...new Set(bots)].sort().slice(0, 10);
  return { commits: bots.length, accounts: accounts.map((a) => cleanLabel(a, 100)) };
}

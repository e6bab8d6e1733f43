/**
 * The AI share of a reviewed change in words sized to the evidence: lines a record or live capture attributes are
 * "AI-written" (and, when untouched since, "never edited by a person"); lines known only from their commit's
 * metadata are "in AI-assisted commits", mixed when the commit names a person as co-author too. With no evidence at
 * all the claim says so: "0% AI-written" would assert what nobody knows (an agent that leaves no trace is not ruled
 * out).
 */
import type { ChangeStats } from './model/change';

/** What the checklist says of a change with provenance read and none of its added lines carrying AI evidence. */
const NO_AI_EVIDENCE = 'no AI evidence in this change';

export function changeAiClaim(stats: ChangeStats): string {
  const { aiLines, additions, untouchedAiLines, commitLevelAiLines, commitLevelMixedLines } = stats;
  if (aiLines === 0)
    return `${NO_AI_EVIDENCE} (no provenance record, AI account, agent trailer or agent marker for its ${additions} added line${additions === 1 ? '' : 's'})`;
  const pct = additions > 0 ? Math.round((aiLines / additions) * 100) : 0;
  const lineLevel = aiLines - commitLevelAiLines;
  if (commitLevelAiLines === 0)
    return `${pct}% of added lines are AI-written (${aiLines} of ${additions}; ${untouchedAiLines} never edited by a person)`;
  const mixed =
    commitLevelMixedLines > 0 ? `, ${commitLevelMixedLines} of them in commits with a human co-author too` : '';
  const commit = `${commitLevelAiLines} in AI-assisted commits, known from commit metadata only${mixed}`;
  if (lineLevel === 0)
    return `${pct}% of added lines are in AI-assisted commits (${aiLines} of ${additions}: ${commit})`;
  return `${pct}% of added lines are AI-written or in AI-assisted commits (${aiLines} of ${additions}: ${lineLevel} AI-written by line record, ${untouchedAiLines} of them never edited by a person; ${commit})`;
}

/** The header's AI share in a few words for a one-line summary (the checklist webview), sized like changeAiClaim. */
export function shortAiClaim(h: {
  readonly aiLines: number;
  readonly aiShare: number;
  readonly commitLevelAiLines: number;
}): string {
  if (h.aiLines === 0) return NO_AI_EVIDENCE;
  const pct = `${Math.round(h.aiShare * 100)}% of added lines`;
  if (h.commitLevelAiLines === 0) return `${pct} AI-written`;
  if (h.commitLevelAiLines >= h.aiLines) return `${pct} in AI-assisted commits`;
  return `${pct} AI-written or in AI-assisted commits`;
}

/**
 * The AI share of a reviewed change in words sized to the evidence: lines a record or live capture attributes are
 * "AI-written" (and, when untouched since, "never edited by a person"); lines known only from their commit's
 * metadata are "in AI-assisted commits", mixed when the commit names a person as co-author too.
 */
import type { ChangeStats } from './model/change';

export function changeAiClaim(stats: ChangeStats): string {
  const { aiLines, additions, untouchedAiLines, commitLevelAiLines, commitLevelMixedLines } = stats;
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

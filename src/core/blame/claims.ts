/**
 * The AI share in words sized to the evidence. Line-level records say which lines AI wrote ("AI-written"); commit
 * metadata (a trailer, a bot author) only says AI took part in the commit ("in AI-assisted commits"), and a commit
 * that names a person as co-author too is mixed. Nothing here says "never edited by a person" unless a line-level
 * record says so.
 */
import type { AuthorshipCounts } from './sources';

function pct(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const p = (100 * part) / whole;
  return `${p === 0 || p === 100 || p >= 10 ? Math.round(p) : p.toFixed(1)}%`;
}

/** What the lines are called: "AI-written" only when line records say so, else "in AI-assisted commits", or both. */
export function aiClaimVerb(counts: Pick<AuthorshipCounts, 'ai' | 'mixed' | 'aiAssisted'>): string {
  if (counts.aiAssisted === 0) return 'AI-written';
  return counts.ai + counts.mixed === 0 ? 'in AI-assisted commits' : 'AI-written or in AI-assisted commits';
}

/** "12% of 200 added lines involve AI: 10 AI-written, 4 mixed, 10 in AI-assisted commits (no line record)". */
export function aiShareClaim(counts: AuthorshipCounts, options: { mixedCommitLines?: number } = {}): string {
  const lines = counts.ai + counts.mixed + counts.aiAssisted;
  // Not "0% AI": nothing rules out an agent that left no trace, so say what is known.
  if (lines === 0) return `no AI evidence for the ${counts.total} added line${counts.total === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (counts.ai > 0) parts.push(`${counts.ai} AI-written`);
  if (counts.mixed > 0) parts.push(`${counts.mixed} mixed (AI text edited by a person)`);
  if (counts.aiAssisted > 0) {
    const mixed = options.mixedCommitLines ?? 0;
    parts.push(
      `${counts.aiAssisted} in AI-assisted commits (no line record${mixed > 0 ? `; ${mixed} of them in commits with a human co-author too` : ''})`,
    );
  }
  const verb = aiClaimVerb(counts);
  return parts.length === 1 && counts.mixed === 0
    ? `${pct(lines, counts.total)} of ${counts.total} added lines ${verb}`
    : `${pct(lines, counts.total)} of ${counts.total} added lines ${verb}: ${parts.join(', ')}`;
}

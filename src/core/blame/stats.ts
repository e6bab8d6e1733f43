/** `ai-provenance stats`: AI, mixed and human ADDED lines per commit and over a range, by tool and model. */
import { commitAddedLines, tallyCommit } from './commitLines';
import type { CommitPatch } from './logPatch';
import type { CommitProvenance } from './provenance';
import { aiShare, LineTally, type AuthorshipCounts, type ModelCount, type ToolCount } from './sources';

export interface CommitStat {
  readonly commit: string;
  readonly counts: AuthorshipCounts;
  /** What the counts rest on: a line-level record, commit-level evidence, or nothing (all human). */
  readonly evidence: 'record' | 'commit' | 'none';
  /** Why the commit's note was ignored. */
  readonly rejected?: string;
}

export interface StatsReport {
  readonly commits: readonly CommitStat[];
  readonly totals: AuthorshipCounts;
  /** AI share of added lines (ai + mixed + ai-assisted over all). */
  readonly share: number;
  readonly byTool: readonly ToolCount[];
  readonly byModel: readonly ModelCount[];
  readonly ignoredNotes: readonly { readonly commit: string; readonly reason: string }[];
}

export class StatsBuilder {
  private readonly total = new LineTally();
  private readonly commits: CommitStat[] = [];
  private readonly ignored: { commit: string; reason: string }[] = [];

  add(patch: CommitPatch, provenance: CommitProvenance | undefined): void {
    const tally = tallyCommit(commitAddedLines(patch, provenance));
    this.total.merge(tally);
    const evidence = provenance?.record ? 'record' : provenance?.recognition?.aiAssisted ? 'commit' : 'none';
    if (provenance?.rejected) this.ignored.push({ commit: patch.commit, reason: provenance.rejected });
    this.commits.push({
      commit: patch.commit,
      counts: { ...tally.counts },
      evidence,
      ...(provenance?.rejected ? { rejected: provenance.rejected } : {}),
    });
  }

  result(): StatsReport {
    const totals = { ...this.total.counts };
    return {
      commits: this.commits,
      totals,
      share: aiShare(totals),
      byTool: this.total.byTool(),
      byModel: this.total.byModel(),
      ignoredNotes: this.ignored,
    };
  }
}

/**
 * Everything the reviewer commands know about a branch: its diff against the merge base, who wrote each added line
 * (a first-parent replay of `git log -p -U0` with each commit's record: blame's answer for every file from one log
 * read), the checklist review, AI hunks, sign-offs and the policy outcome.
 */
import { HUMAN_LINE, LineReplay, commitAddedLines, type CommitProvenance, type LineSource } from '../../core/blame';
import type { Policy } from '../../core/policy';
import { buildBranchReport, reviewBranch, type BranchFacts, type BranchReport, type ReviewSummary } from '../../core/report';
import { parseUnifiedDiff, type AnalyzerResult, type ParsedDiff, type ReviewContext } from '../../core/review';
import { PLAIN_DIFF_ARGS, ProvenanceReader, listNotesSized, logPatchArgs, parseLogPatches, type NoteBlob } from '../blame';
import { runGit } from '../exec';
import { SIGNOFF_NOTES_REF } from '../notes';
import type { RepoInfo } from '../repo';
import { resolveRange, type ResolvedRange } from './range';
import { readSignoffs } from './signoffNotes';

export interface AnalyzeOptions {
  /** Evaluated into `report.policy` when given. */
  readonly policy?: Policy;
  /** CODEOWNERS text (for tier reasons and code-owner signers). */
  readonly codeowners?: string;
  readonly notesRef?: string;
  /** External analyser results (parseSarif): those on added lines become findings. */
  readonly analyzerResults?: readonly AnalyzerResult[];
}

export interface BranchAnalysis {
  readonly range: ResolvedRange;
  readonly facts: BranchFacts;
  readonly review: ReviewSummary;
  readonly report: BranchReport;
}

function reviewContext(policy: Policy | undefined, codeowners: string | undefined, analyzerResults?: readonly AnalyzerResult[]): ReviewContext {
  const r = policy?.review;
  return {
    ...(codeowners !== undefined ? { codeowners } : {}),
    ...(analyzerResults ? { analyzerResults } : {}),
    ...(r?.criticalPaths ? { criticalPaths: r.criticalPaths } : {}),
    options: { ...(r?.disabledRules ? { disabledRules: r.disabledRules } : {}), ...(r?.thresholds ? { thresholds: r.thresholds } : {}) },
  };
}

/** Analyses `spec` (`BASE..HEAD`, `BASE...HEAD`, `BASE`, undefined for the upstream, or an already resolved range). */
export async function analyzeBranch(repo: RepoInfo, spec: string | undefined | ResolvedRange, options: AnalyzeOptions = {}): Promise<BranchAnalysis> {
  const notes = listBranchNotes(repo, options.notesRef);
  notes.catch(() => undefined); // awaited in branchFacts; resolving the range may fail first
  const range = typeof spec === 'object' ? spec : await resolveRange(repo, spec);
  const facts = await branchFacts(repo, range, { notes });
  const review = reviewBranch(facts.diff, facts.lineSource, reviewContext(options.policy, options.codeowners, options.analyzerResults));
  const report = buildBranchReport(facts, review, options.policy ? { policy: options.policy } : {});
  return { range, facts, review, report };
}

interface BranchNotes {
  readonly reader: ProvenanceReader;
  readonly signoffs: Map<string, NoteBlob>;
}

/** Both notes listings; they do not depend on the range, so they can start before it is resolved. */
function listBranchNotes(repo: RepoInfo, notesRef: string | undefined): Promise<BranchNotes> {
  return Promise.all([ProvenanceReader.open(repo, notesRef ? { notesRef } : {}), listNotesSized(repo, SIGNOFF_NOTES_REF)]).then(([reader, signoffs]) => ({ reader, signoffs }));
}

/** The git facts of a resolved range (no review, no policy). */
export async function branchFacts(repo: RepoInfo, range: ResolvedRange, options: { notesRef?: string; notes?: Promise<BranchNotes> } = {}): Promise<BranchFacts> {
  const span = `${range.base}..${range.head}`;
  const big = { cwd: repo.root, maxOutputBytes: 512 * 1024 * 1024, timeoutMs: 300_000 };
  // Independent reads run together; a branch's log fits in memory, so it is read whole rather than streamed.
  const [diffText, logText, { reader, signoffs: signoffIndex }] = await Promise.all([
    runGit(['diff', ...PLAIN_DIFF_ARGS, '-M', `${range.base}...${range.head}`, '--'], big),
    runGit(logPatchArgs([span], { firstParent: true, reverse: true }), big),
    options.notes ?? listBranchNotes(repo, options.notesRef),
  ]);
  try {
    const log = parseLogPatches(logText.stdout, (c) => reader.hasNote(c));
    // Without merges on the first-parent chain the log holds every commit of the range; with them, ask rev-list.
    const merged = log.patches.some((p) => p.parents.length > 1);
    const commits = merged ? (await runGit(['rev-list', span, '--'], big)).stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)) : log.patches.map((p) => p.commit).reverse();
    const identities = new Map(log.patches.flatMap((p) => (p.identity ? [[p.commit, p.identity] as const] : [])));
    const [provenance, signoffs] = await Promise.all([reader.provenance(commits, { identities }), readSignoffs(signoffIndex, commits, reader)]);
    const replay = new LineReplay<LineSource>();
    // Lines a merge brings in from another branch count as the merge's; a distinct (equal) object marks them so the
    // report can say when such lines reach the diff.
    const mergeLine: LineSource = { ...HUMAN_LINE };
    for (const patch of log.patches) {
      const merge = patch.parents.length > 1;
      for (const added of commitAddedLines(patch, provenance.get(patch.commit)).files) {
        replay.apply(added.file, merge ? (line) => (added.source(line) === HUMAN_LINE ? mergeLine : added.source(line)) : added.source);
      }
    }
    const lineSource = (path: string, line: number): LineSource => replay.get(path)?.[line - 1] ?? HUMAN_LINE;
    const diff = parseUnifiedDiff(diffText.stdout);
    const fromMerges = countAddedLines(diff, (path, line) => lineSource(path, line) === mergeLine);
    const warnings = [
      ...log.warnings.map((w) => `git log: ${w}`),
      ...(fromMerges > 0 ? [`${fromMerges} added line(s) came in through merge commits and count as human: analyse the branch head, not a merge ref`] : []),
      ...signoffs.ignored.map((s) => `sign-off note on ${s.commit.slice(0, 12)} ignored: ${s.reason}`),
    ];
    return {
      base: { ref: range.baseRef, commit: range.base },
      head: { ref: range.headRef, commit: range.head },
      diff,
      lineSource,
      commits: commits.map((c) => provenance.get(c) as CommitProvenance),
      signoffs: signoffs.found,
      warnings,
    };
  } finally {
    await reader.close();
  }
}

/** Added lines of `diff` for which `test` holds. */
function countAddedLines(diff: ParsedDiff, test: (path: string, line: number) => boolean): number {
  let n = 0;
  for (const f of diff.files) {
    if (f.newPath === null) continue;
    for (const h of f.hunks) for (const l of h.lines) if (l.kind === 'add' && l.newLine !== undefined && test(f.newPath, l.newLine)) n++;
  }
  return n;
}

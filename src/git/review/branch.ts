/**
 * Everything the reviewer commands know about a branch: its diff against the merge base, who wrote each added line
 * (a first-parent replay of `git log -p -U0` with each commit's record: blame's answer for every file from one log
 * read), the checklist review, AI hunks, sign-offs and the policy outcome.
 */
import { HUMAN_LINE, type CommitProvenance, type LineSource } from '../../core/blame';
import type { Policy } from '../../core/policy';
import { buildBranchReport, reviewBranch, type BranchFacts, type BranchReport, type ReviewSummary } from '../../core/report';
import { parseUnifiedDiff, type AnalyzerResult, type ParsedDiff, type ReviewContext } from '../../core/review';
import { PLAIN_DIFF_ARGS, ProvenanceReader, listNotesSized, replayRange, type NoteBlob } from '../blame';
import { CatFileBatch } from '../catFileBatch';
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
  const range = typeof spec === 'object' ? spec : await resolveRange(repo, spec);
  const facts = await branchFacts(repo, range, options.notesRef ? { notesRef: options.notesRef } : {});
  const review = reviewBranch(facts.diff, facts.lineSource, reviewContext(options.policy, options.codeowners, options.analyzerResults));
  const report = buildBranchReport(facts, review, options.policy ? { policy: options.policy } : {});
  return { range, facts, review, report };
}

interface BranchNotes {
  readonly reader: ProvenanceReader;
  readonly signoffs: Map<string, NoteBlob>;
}

/**
 * Both notes listings. Most repositories have no sign-off notes: whether that ref exists is asked through `batch`,
 * which runs anyway, and only an existing ref is listed (one git process fewer).
 */
function listBranchNotes(repo: RepoInfo, notesRef: string | undefined, batch: CatFileBatch): Promise<BranchNotes> {
  const signoffs = batch.read(SIGNOFF_NOTES_REF).then((ref) => (ref ? listNotesSized(repo, SIGNOFF_NOTES_REF) : new Map<string, NoteBlob>()));
  return Promise.all([ProvenanceReader.open(repo, notesRef ? { notesRef } : {}), signoffs]).then(([reader, signoffIndex]) => ({ reader, signoffs: signoffIndex }));
}

/** The git facts of a resolved range (no review, no policy). */
export async function branchFacts(repo: RepoInfo, range: ResolvedRange, options: { notesRef?: string } = {}): Promise<BranchFacts> {
  // One cat-file for every object read on the way: notes as the log names their commits, and the sign-off ref.
  const batch = new CatFileBatch(repo.root);
  try {
    return await readBranchFacts(repo, range, batch, options.notesRef);
  } finally {
    await batch.close();
  }
}

async function readBranchFacts(repo: RepoInfo, range: ResolvedRange, batch: CatFileBatch, notesRef: string | undefined): Promise<BranchFacts> {
  const span = `${range.base}..${range.head}`;
  const big = { cwd: repo.root, maxOutputBytes: 512 * 1024 * 1024, timeoutMs: 300_000 };
  // Independent reads run together. The log is the long one, so it starts first (each start blocks this thread for
  // a moment) and is replayed as it streams, notes read as their commits appear: little is left when git finishes.
  let notes: Promise<BranchNotes> | undefined;
  const listNotes = (): Promise<BranchNotes> => (notes ??= listBranchNotes(repo, notesRef, batch));
  const log = replayRange(repo, span, () => listNotes().then((n) => n.reader), batch, { timeoutMs: big.timeoutMs });
  const diff = runGit(['diff', ...PLAIN_DIFF_ARGS, '-M', `${range.base}...${range.head}`, '--'], big).then((r) => parseUnifiedDiff(r.stdout));
  const [{ reader, signoffs: signoffIndex }, replayed, parsedDiff] = await Promise.all([listNotes(), log, diff]);
  try {
    // Without merges on the first-parent chain the log holds every commit of the range; with them, ask rev-list.
    const commits = replayed.merges ? (await runGit(['rev-list', span, '--'], big)).stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)) : replayed.chain;
    const offChain = commits.filter((c) => !replayed.provenance.has(c));
    const [read, signoffs] = await Promise.all([reader.provenance(offChain), readSignoffs(signoffIndex, commits, reader)]);
    const provenanceOf = (c: string): CommitProvenance => (replayed.provenance.get(c) ?? read.get(c)) as CommitProvenance;
    const lineSource = (path: string, line: number): LineSource => replayed.lines.get(path)?.[line - 1] ?? HUMAN_LINE;
    const fromMerges = countAddedLines(parsedDiff, (path, line) => lineSource(path, line) === replayed.mergeLine);
    const warnings = [
      ...replayed.warnings.map((w) => `git log: ${w}`),
      ...(fromMerges > 0 ? [`${fromMerges} added line(s) came in through merge commits and count as human: analyse the branch head, not a merge ref`] : []),
      ...signoffs.ignored.map((s) => `sign-off note on ${s.commit.slice(0, 12)} ignored: ${s.reason}`),
      ...(reader.identityWarning ? [reader.identityWarning] : []),
    ];
    return {
      base: { ref: range.baseRef, commit: range.base },
      head: { ref: range.headRef, commit: range.head },
      diff: parsedDiff,
      lineSource,
      commits: commits.map(provenanceOf),
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

/**
 * Everything the reviewer commands know about a branch: its diff against the merge base, who wrote each added line
 * (a replay of `git log -p -U0` over the whole range, merges included, with each commit's record: blame's answer for
 * every file from one log read), the checklist review, AI hunks, sign-offs and the policy outcome.
 */
import { HUMAN_LINE, type CommitProvenance, type LineSource } from '../../core/blame';
import type { Policy } from '../../core/policy';
import {
  buildBranchReport,
  reviewBranch,
  type BranchFacts,
  type BranchReport,
  type ReviewSummary,
} from '../../core/report';
import { parseUnifiedDiff, type AnalyzerResult, type ParsedDiff, type ReviewContext } from '../../core/review';
import { syntaxFor } from '../../syntax/forReview';
import { PLAIN_DIFF_ARGS, ProvenanceReader, listNotesSized, replayRange, type NoteBlob } from '../blame';
import { CatFileBatch } from '../catFileBatch';
import { runGit } from '../exec';
import { SIGNOFF_NOTES_REF } from '../notes';
import type { RepoInfo } from '../repo';
import { readHeadContext } from './headContext';
import { mergeBase, resolveRange, type ResolvedRange } from './range';
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

function reviewContext(
  policy: Policy | undefined,
  codeowners: string | undefined,
  analyzerResults?: readonly AnalyzerResult[],
): ReviewContext {
  const r = policy?.review;
  return {
    ...(codeowners !== undefined ? { codeowners } : {}),
    ...(analyzerResults ? { analyzerResults } : {}),
    ...(r?.criticalPaths ? { criticalPaths: r.criticalPaths } : {}),
    options: {
      ...(r?.disabledRules ? { disabledRules: r.disabledRules } : {}),
      ...(r?.thresholds ? { thresholds: r.thresholds } : {}),
    },
  };
}

/** Analyses `spec` (`BASE..HEAD`, `BASE...HEAD`, `BASE`, undefined for the upstream, or an already resolved range). */
export async function analyzeBranch(
  repo: RepoInfo,
  spec: string | undefined | ResolvedRange,
  options: AnalyzeOptions = {},
): Promise<BranchAnalysis> {
  const range = typeof spec === 'object' ? spec : await resolveRange(repo, spec);
  const headWarnings: string[] = [];
  // The diff's old side is the merge base (`git diff base...head`): base texts are read there.
  const oldSide = mergeBase(repo, range);
  oldSide.catch(() => undefined); // a range without one reads no base text
  // The head's context needs only the diff: it is read while the log is still being replayed.
  let head: Promise<Awaited<ReturnType<typeof readHeadContext>>> | undefined;
  const read = await branchFacts(repo, range, {
    ...(options.notesRef ? { notesRef: options.notesRef } : {}),
    onDiff: (diff) => {
      head = readHeadContext(repo, range.head, diff, (m) => headWarnings.push(m), oldSide);
      head.catch(() => undefined); // awaited below; not unhandled should the log fail first
    },
  });
  const headContext = await (head ??
    readHeadContext(repo, range.head, read.diff, (m) => headWarnings.push(m), oldSide));
  const syntax = await syntaxFor(read.diff, headContext, (m) => headWarnings.push(m));
  const facts = headWarnings.length > 0 ? { ...read, warnings: [...read.warnings, ...headWarnings] } : read;
  const review = reviewBranch(facts.diff, facts.lineSource, {
    ...reviewContext(options.policy, options.codeowners, options.analyzerResults),
    ...headContext,
    ...(syntax ? { syntax } : {}),
  });
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
  const signoffs = batch
    .read(SIGNOFF_NOTES_REF)
    .then((ref) => (ref ? listNotesSized(repo, SIGNOFF_NOTES_REF) : new Map<string, NoteBlob>()));
  return Promise.all([ProvenanceReader.open(repo, notesRef ? { notesRef } : {}), signoffs]).then(
    ([reader, signoffIndex]) => ({ reader, signoffs: signoffIndex }),
  );
}

/** The git facts of a resolved range (no review, no policy). */
export async function branchFacts(
  repo: RepoInfo,
  range: ResolvedRange,
  options: { notesRef?: string; onDiff?: (diff: ParsedDiff) => void } = {},
): Promise<BranchFacts> {
  // One cat-file for every object read on the way: notes as the log names their commits, and the sign-off ref.
  const batch = new CatFileBatch(repo.root);
  try {
    return await readBranchFacts(repo, range, batch, options.notesRef, options.onDiff);
  } finally {
    await batch.close();
  }
}

async function readBranchFacts(
  repo: RepoInfo,
  range: ResolvedRange,
  batch: CatFileBatch,
  notesRef: string | undefined,
  onDiff: ((diff: ParsedDiff) => void) | undefined,
): Promise<BranchFacts> {
  const span = `${range.base}..${range.head}`;
  const big = { cwd: repo.root, maxOutputBytes: 512 * 1024 * 1024, timeoutMs: 300_000 };
  // Independent reads run together. The log is the long one, so it starts first (each start blocks this thread for
  // a moment) and is replayed as it streams, notes read as their commits appear: little is left when git finishes.
  let notes: Promise<BranchNotes> | undefined;
  const listNotes = (): Promise<BranchNotes> => (notes ??= listBranchNotes(repo, notesRef, batch));
  const log = replayRange(repo, span, () => listNotes().then((n) => n.reader), batch, { timeoutMs: big.timeoutMs });
  const diff = runGit(['diff', ...PLAIN_DIFF_ARGS, '-M', `${range.base}...${range.head}`, '--'], big).then((r) => {
    const parsed = parseUnifiedDiff(r.stdout);
    onDiff?.(parsed);
    return parsed;
  });
  const [{ reader, signoffs: signoffIndex }, replayed, parsedDiff] = await Promise.all([listNotes(), log, diff]);
  try {
    const commits = replayed.commits;
    const signoffs = await readSignoffs(signoffIndex, commits, reader);
    const provenanceOf = (c: string): CommitProvenance => replayed.provenance.get(c)!;
    const lineSource = (path: string, line: number): LineSource => replayed.lines.get(path)?.[line - 1] ?? HUMAN_LINE;
    const warnings = [
      ...replayed.warnings.map((w) => `git log: ${w}`),
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

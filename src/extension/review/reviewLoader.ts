/**
 * Loads what one review looks at: a branch against its merge base with the default branch (or any BASE..HEAD), or
 * the work tree against HEAD. Branch reviews go through src/git/review's analyzeBranch (blame's answer for every
 * added line, the checklist engine, hunks); the work tree has no commits, so its lines come from the live
 * attribution or the working-state store, and the same engine runs over `git diff HEAD`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { HUMAN_LINE, workingOverlay, type LineSource } from '../../core/blame';
import {
  buildBranchReport,
  reviewBranch,
  type BranchFacts,
  type BranchReport,
  type ReviewSummary,
} from '../../core/report';
import type { Policy } from '../../core/policy';
import { parseUnifiedDiff, type AnalyzerResult, type ReviewContext } from '../../core/review';
import { WorkingStateStore, headCommit, type RepoInfo } from '../../git';
import {
  analyzeBranch,
  mergeBase,
  readCodeownersAt,
  readHeadContext,
  readPolicyAt,
  readSarifFiles,
  reviewScope,
  WORKTREE,
} from '../../git/review';
import { syntaxFor } from '../../syntax/forReview';
import { buildReviewModel, type ReviewModel } from './reviewModel';
import { currentBranch, defaultBranch, emptyTree, worktreeDiff } from './reviewGit';

export type ReviewTarget =
  | { readonly kind: 'branch' }
  | { readonly kind: 'refs'; readonly base: string; readonly head: string }
  | { readonly kind: 'worktree' };

export interface LoadedReview {
  readonly repo: RepoInfo;
  readonly target: ReviewTarget;
  /** One line for the view's title, e.g. "feature/x vs merge base with main". */
  readonly label: string;
  /** The commit the diff's old side is (the merge base for branches). */
  readonly baseCommit: string;
  /** The commit of the new side; null for the work tree. */
  readonly headCommit: string | null;
  /** Where checklist marks are kept (src/git/review reviewScope for the current branch). */
  readonly scope: string;
  readonly facts: BranchFacts;
  readonly review: ReviewSummary;
  readonly report: BranchReport;
  readonly model: ReviewModel;
  /** Things the reviewer should know (skipped files, an unreadable policy, ignored notes). */
  readonly warnings: readonly string[];
}

/** Live line sources of an open, unmodified document at `absPath`, when the editor tracks its attribution. */
export type LiveLines = (absPath: string, diskText: string) => readonly LineSource[] | undefined;

export interface LoadDeps {
  /** Writes pending working-state records, so the store describes what the editor shows. */
  readonly flush: () => Promise<void>;
  readonly liveLines: LiveLines;
  /** SARIF files of other analysers (repository-relative), from the settings. */
  readonly sarifFiles: (repo: RepoInfo) => readonly string[];
}

export async function loadReview(repo: RepoInfo, target: ReviewTarget, deps: LoadDeps): Promise<LoadedReview> {
  return target.kind === 'worktree' ? loadWorktree(repo, deps) : loadRange(repo, target, deps);
}

async function loadRange(
  repo: RepoInfo,
  target: Exclude<ReviewTarget, { kind: 'worktree' }>,
  deps: LoadDeps,
): Promise<LoadedReview> {
  let spec: string;
  let label: string;
  let scope: string;
  if (target.kind === 'branch') {
    const [branch, main] = await Promise.all([currentBranch(repo), defaultBranch(repo)]);
    if (!main) throw new Error('no default branch found (no origin/HEAD, main or master): choose two refs to compare');
    if (branch !== undefined && (branch === main || `origin/${branch}` === main)) {
      throw new Error(
        `${branch} is the default branch: check out a feature branch, or choose two refs or the working tree`,
      );
    }
    spec = `${main}..HEAD`;
    label = `${branch ?? 'HEAD'} vs merge base with ${main}`;
    scope = await reviewScope(repo);
  } else {
    spec = `${target.base}..${target.head}`;
    label = `${target.head} vs merge base with ${target.base}`;
    scope = `range:${target.base}..${target.head}`;
  }
  const warnings: string[] = [];
  // The policy and CODEOWNERS come from the base, so a branch cannot edit its own gate.
  const baseRef = spec.slice(0, spec.indexOf('..'));
  const [policy, codeowners, analyzerResults] = await Promise.all([
    readPolicyAt(repo, baseRef).catch((err: Error) => {
      warnings.push(`policy ignored: ${err.message}`);
      return undefined;
    }),
    readCodeownersAt(repo, baseRef).catch(() => undefined),
    analyzerResultsFor(repo, deps, warnings),
  ]);
  const analysis = await analyzeBranch(repo, spec, {
    ...(policy?.policy ? { policy: policy.policy } : {}),
    ...(codeowners !== undefined ? { codeowners } : {}),
    ...(analyzerResults ? { analyzerResults } : {}),
  });
  const base = await mergeBase(repo, analysis.range);
  warnings.push(...analysis.report.warnings);
  return {
    repo,
    target,
    label,
    baseCommit: base,
    headCommit: analysis.range.head,
    scope: scope.length > 256 ? scope.slice(0, 256) : scope,
    facts: analysis.facts,
    review: analysis.review,
    report: analysis.report,
    model: buildReviewModel(analysis.facts.diff, analysis.facts.lineSource, analysis.review.findings),
    warnings,
  };
}

async function loadWorktree(repo: RepoInfo, deps: LoadDeps): Promise<LoadedReview> {
  await deps.flush();
  const head = await headCommit(repo);
  const base = head ?? (await emptyTree(repo));
  const warnings: string[] = [];
  const [{ text, skipped }, store, branch, policy, codeowners, analyzerResults] = await Promise.all([
    worktreeDiff(repo, base),
    WorkingStateStore.open(repo.root),
    currentBranch(repo),
    head
      ? readPolicyAt(repo, head, 'HEAD').catch((err: Error) => void warnings.push(`policy ignored: ${err.message}`))
      : undefined,
    head ? readCodeownersAt(repo, head).catch(() => undefined) : undefined,
    analyzerResultsFor(repo, deps, warnings),
  ]);
  const diff = parseUnifiedDiff(text);
  const sources = new Map<string, readonly LineSource[]>();
  warnings.push(...skipped.map((p) => `not shown (binary, too large or unreadable): ${p}`));
  for (const file of diff.files) {
    if (file.newPath === null || file.binary) continue;
    const lines = await worktreeLines(repo, file.newPath, store, deps.liveLines);
    if ('reason' in lines) warnings.push(`${file.newPath}: lines show as human (${lines.reason})`);
    else sources.set(file.newPath, lines.lines);
  }
  const lineSource = (p: string, line: number): LineSource => sources.get(p)?.[line - 1] ?? HUMAN_LINE;
  const facts: BranchFacts = {
    base: { ref: 'HEAD', commit: base },
    head: { ref: 'working tree', commit: head ?? base },
    diff,
    lineSource,
    commits: [],
    signoffs: [],
    warnings,
  };
  // The files on disk are the head: the same tree rules as a branch review (signatures against HEAD, tests, callers).
  const texts = await readHeadContext(repo, WORKTREE, diff, (m) => warnings.push(m), head ?? undefined);
  const syntax = await syntaxFor(diff, texts, (m) => warnings.push(m));
  const review = reviewBranch(diff, lineSource, {
    ...reviewContext(policy?.policy, codeowners),
    ...(analyzerResults ? { analyzerResults } : {}),
    ...texts,
    ...(syntax ? { syntax } : {}),
  });
  const report = buildBranchReport(facts, review, policy?.policy ? { policy: policy.policy } : {});
  return {
    repo,
    target: { kind: 'worktree' },
    label: `working tree vs ${head ? 'HEAD' : 'empty repository'}`,
    baseCommit: base,
    headCommit: null,
    scope: `worktree:${branch ?? head ?? 'unborn'}`.slice(0, 256),
    facts,
    review,
    report,
    model: buildReviewModel(diff, lineSource, review.findings),
    warnings,
  };
}

/** Sources of every line of the file on disk: the live editor's when it shows exactly that text, else the store's. */
async function worktreeLines(
  repo: RepoInfo,
  rel: string,
  store: WorkingStateStore,
  live: LiveLines,
): Promise<{ lines: readonly LineSource[] } | { reason: string }> {
  const abs = path.join(repo.root, ...rel.split('/'));
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (err) {
    return { reason: `cannot read it: ${(err as Error).message}` };
  }
  const fromEditor = live(abs, text);
  if (fromEditor) return { lines: fromEditor };
  const record = await store.read(rel).catch(() => undefined);
  if (!record) return { lines: [] };
  return workingOverlay(text, record);
}

/** The configured analysers' results (undefined when none is configured); unreadable files become warnings. */
async function analyzerResultsFor(
  repo: RepoInfo,
  deps: LoadDeps,
  warnings: string[],
): Promise<AnalyzerResult[] | undefined> {
  const files = deps.sarifFiles(repo);
  if (files.length === 0) return undefined;
  return readSarifFiles(files, repo.root, repo.root, (message) => warnings.push(`SARIF ${message}`));
}

/** What the checklist engine takes from the policy and CODEOWNERS (as src/git/review analyzeBranch does). */
function reviewContext(policy: Policy | undefined, codeowners: string | undefined): ReviewContext {
  const r = policy?.review;
  return {
    ...(codeowners !== undefined ? { codeowners } : {}),
    ...(r?.criticalPaths ? { criticalPaths: r.criticalPaths } : {}),
    options: {
      ...(r?.disabledRules ? { disabledRules: r.disabledRules } : {}),
      ...(r?.thresholds ? { thresholds: r.thresholds } : {}),
    },
  };
}

/** Public data shapes of the review checklist engine: inputs (provenance, context, options) and outputs (findings). */
import type { OriginKind } from '../attribution/origin';
import type { SyntaxParser } from './syntax/tree';

export type Severity = 'info' | 'low' | 'medium' | 'high';
const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Signal families from the reference table (docs: shared/reference/review-resistant-code.md). */
export type Category =
  | 'dependencies'
  | 'tests'
  | 'test-gaming'
  | 'error-handling'
  | 'suppressed-checks'
  | 'placeholders'
  | 'secrets'
  | 'dangerous-sinks'
  | 'weakened-security'
  | 'auth'
  | 'hidden-characters'
  | 'agent-config'
  | 'ci-config'
  | 'destructive'
  | 'infrastructure'
  | 'resilience'
  | 'concurrency'
  | 'api-claims'
  | 'endpoints'
  | 'size'
  | 'generated'
  | 'duplication'
  | 'provenance'
  | 'critical-paths'
  /** Log levels: what operators see. */
  | 'observability'
  /** A library's public surface: signatures, exports, callers. */
  | 'api'
  /** Results of external analysers (SARIF), on changed lines. */
  | 'analyzer';

/** Who wrote an added line: `ai` untouched by a human since, `mixed` AI text a human edited, `human`. */
export type Authorship = 'ai' | 'mixed' | 'human';

export interface LineProvenance {
  readonly authorship: Authorship;
  /**
   * How the authorship is known: `line` (a record or live capture says which lines) or `commit` (only the commit's
   * metadata says AI took part: the line is "in an AI-assisted commit", not known to be AI-written). Default `line`.
   */
  readonly evidence?: 'line' | 'commit';
  /** How the AI text arrived, when known. */
  readonly kind?: OriginKind;
  readonly tool?: string;
}

/**
 * Provenance of added lines, by new-side path then new-side line number; or a lookup function. Lines with no entry
 * are treated as unknown (not AI).
 */
export type ProvenanceSource =
  | ReadonlyMap<string, ReadonlyMap<number, LineProvenance>>
  | ((path: string, newLine: number) => LineProvenance | undefined);

export interface LineRange {
  /** `new` for added or kept lines, `old` for lines the change removed. */
  readonly side: 'new' | 'old';
  readonly start: number;
  readonly end: number;
}

/** One place of a folded finding; `file` is set when it is not the finding's own file (folded across files). */
export interface Place extends LineRange {
  readonly file?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly category: Category;
  readonly title: string;
  /** One line: what fired and the evidence (secrets redacted). */
  readonly why: string;
  /** Null for change-wide findings (size, AI share). */
  readonly file: string | null;
  readonly range: LineRange | null;
  readonly severity: Severity;
  /** True when any line in the range was written by AI (`ai` or `mixed`). */
  readonly inAi: boolean;
  readonly whatToDo: string;
  /** Set for findings of an external analyser: its name and its own rule id (ruleId is `sarif/<tool>/<rule>`). */
  readonly analyzer?: { readonly tool: string; readonly ruleId: string };
  /**
   * How many places this finding stands for: a rule reports once per file and region, with a count, not once per
   * line or call site; the same finding word for word in several files is one, naming the others. Absent means one.
   */
  readonly count?: number;
  /**
   * Every place, in order, when `count` > 1 (at most MAX_LOCATIONS; `count` is the true total): those in `file` first,
   * then, for a finding folded across files, the other files' places with their `file`.
   */
  readonly locations?: readonly Place[];
}

/** Places listed per folded finding; the count goes on past it. */
export const MAX_LOCATIONS = 50;

/**
 * One result of an external analyser (parsed from SARIF by parseSarif), not yet matched against the change: the
 * engine keeps it only when it touches added lines. Every string is plain, inert text.
 */
export interface AnalyzerResult {
  readonly tool: string;
  /** The tool's own rule id. */
  readonly ruleId: string;
  readonly title: string;
  readonly message: string;
  readonly whatToDo: string;
  readonly severity: Severity;
  /** Repository-relative path on the head version. */
  readonly file: string;
  /** New-side lines, inclusive; null when the result names the whole file. */
  readonly lines: { readonly start: number; readonly end: number } | null;
}

/** A file of the repository given as text (lockfiles after the change). */
export interface RepoFile {
  readonly path: string;
  readonly text: string;
}

/** A critical path: a gitignore-style glob (as in CODEOWNERS) and what it guards. */
export interface CriticalPath {
  readonly glob: string;
  readonly label: string;
}

export interface Thresholds {
  /** Changed lines (added + removed, lockfiles and generated files excluded) for T1. */
  readonly t1Lines: number;
  /** Changed lines for T2 and for the "large change" finding. */
  readonly largeLines: number;
  /** Changed lines that make the size finding high. */
  readonly hugeLines: number;
  readonly manyFiles: number;
  readonly bigHunkAdded: number;
  readonly bigNewFile: number;
  /** Share of added lines written by AI (0..1) above which the change counts as mostly AI. */
  readonly aiShareHigh: number;
  /** AI lines needed before the share matters at all. */
  readonly aiLinesMin: number;
  /** Lines both removed and added in existing production code that make a change a rework of it (T3). */
  readonly reworkLines: number;
}

export interface ReviewOptions {
  readonly thresholds: Thresholds;
  /** Rule ids to skip. */
  readonly disabledRules: readonly string[];
  /** Extra well-known package names per ecosystem, merged with the shipped lists. */
  readonly wellKnownPackages: Readonly<Partial<Record<Ecosystem, readonly string[]>>>;
  /** Findings kept per rule; the rest are counted in `omitted`. */
  readonly maxFindingsPerRule: number;
  /** Characters of each line that rules look at (bounds regex work on minified or hostile lines). */
  readonly maxLineLength: number;
}

export type Ecosystem = 'npm' | 'pypi' | 'go' | 'cargo' | 'maven' | 'nuget';

export interface ReviewContext {
  /** Lockfiles of the repository as they are after the change. */
  readonly lockfiles?: readonly RepoFile[];
  /** Replaces the default critical paths. Plain strings are globs labelled by themselves. */
  readonly criticalPaths?: readonly (string | CriticalPath)[];
  /** CODEOWNERS text, when the repository has one. */
  readonly codeowners?: string;
  /** The root `.gitattributes` at the head: files marked `linguist-generated` are not counted as size. */
  readonly gitattributes?: string;
  /**
   * Full text at the head of changed files, when the caller could read it (src/git does): finds tests inside
   * production files (Rust `#[cfg(test)]`) beyond what the hunks show.
   */
  readonly headText?: ReadonlyMap<string, string>;
  /**
   * Full text at the base (the diff's old side) of changed source files, keyed like `headText` by the file's path in
   * the diff (a renamed file's old text under its new path): rules that compare both sides as syntax trees (public
   * signatures, what public functions delete) read it. Absent for a file: those rules fall back to the diff's lines.
   */
  readonly baseText?: ReadonlyMap<string, string>;
  /**
   * The package.json files above changed JS/TS files, by directory ('' for the root): whether each marks its package
   * private (never published). Modules of a private package are no library's API (model/library.ts). Absent: unknown,
   * every production module counts as a library's.
   */
  readonly jsPackages?: ReadonlyMap<string, boolean>;
  /**
   * By the directory of each published package.json above changed JS/TS files: the modules its entry points reach
   * through re-exports (model/packages.ts). A module outside that set is no library's API. Absent: unknown.
   */
  readonly jsExports?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The Cargo.toml files above changed Rust files, by directory: whether the crate is kept out of other crates'
   * dependencies (`publish = false` or `[]`, a binary only, or a workspace member at 0.0.x). Absent: unknown,
   * every crate is a library.
   */
  readonly crates?: ReadonlyMap<string, boolean>;
  /**
   * The manifests above changed Python files that declare a package (pyproject.toml `[project]`, setup.py,
   * setup.cfg), by directory: whether it is kept private. Present when they were looked for: Python code under none
   * of them is no library's API. Absent: unknown, every production module counts.
   */
  readonly pythonPackages?: ReadonlyMap<string, boolean>;
  /**
   * Where names of functions the change touched are used at the head (`git grep -w`), by name: each hit's path and
   * line. Lets rules see a changed function whose only remaining callers are tests.
   */
  readonly references?: ReadonlyMap<
    string,
    readonly { readonly path: string; readonly line: number; readonly text: string }[]
  >;
  /**
   * Syntax trees for the files in `headText` (src/syntax loads tree-sitter's grammars): rules that need structure read
   * them; files without a grammar, or when absent, keep the line rules.
   */
  readonly syntax?: SyntaxParser;
  /**
   * CI workflow files at the head (.github/workflows/*.yml), read by src/git when a manifest changed (whether a job
   * tests a moved minimum version) or a text file that may be an agent's prompt did (which agent step reads it).
   * Absent: not read (those rules are silent); empty: the repository has none.
   */
  readonly workflows?: readonly RepoFile[];
  /**
   * Full text of each changed GitHub workflow (.github/workflows/*.yml) at the head and at the base, by path, read by
   * src/git whenever a workflow changed: the CI rules and the tier judge an edit inside the job it lands in (what
   * that job may write, which secrets and untrusted text it holds), not from the hunk alone. Absent for a file: the
   * hunks are judged alone.
   */
  readonly ciText?: ReadonlyMap<string, { readonly head?: string; readonly base?: string }>;
  /**
   * The owner of the repository (from the `origin` remote's URL, read by src/git when a workflow changed): its own
   * actions (`<owner>/*`) are first-party like GitHub's `actions/*`. Absent: only GitHub's own are.
   */
  readonly repositoryOwner?: string;
  /** Results of external analysers; those touching added lines become findings, the rest are only counted. */
  readonly analyzerResults?: readonly AnalyzerResult[];
  readonly options?: Partial<Omit<ReviewOptions, 'thresholds'>> & { readonly thresholds?: Partial<Thresholds> };
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  t1Lines: 100,
  largeLines: 400,
  hugeLines: 1000,
  manyFiles: 20,
  bigHunkAdded: 200,
  bigNewFile: 300,
  aiShareHigh: 0.5,
  aiLinesMin: 20,
  reworkLines: 150,
};

export function resolveOptions(context: ReviewContext | undefined): ReviewOptions {
  const o = context?.options ?? {};
  return {
    thresholds: { ...DEFAULT_THRESHOLDS, ...(o.thresholds ?? {}) },
    disabledRules: o.disabledRules ?? [],
    wellKnownPackages: o.wellKnownPackages ?? {},
    maxFindingsPerRule: o.maxFindingsPerRule ?? 50,
    maxLineLength: o.maxLineLength ?? 2000,
  };
}

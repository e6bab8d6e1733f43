/**
 * Public API of the review-resistance checklist engine (pure: no I/O).
 *
 *   const report = reviewChange({
 *     diff: gitDiffText,                                   // or parseUnifiedDiff(text)
 *     provenance: (path, newLine) => ({ authorship: 'ai', kind: 'agent' }),   // or Map<path, Map<line, ...>>
 *     context: { lockfiles: [{ path: 'package-lock.json', text }], codeowners, criticalPaths, options },
 *   });
 *   report.findings      // Finding[]: rule, why (with evidence), file + line range, severity, inAi, whatToDo
 *   report.checklist     // every checklist item, `triggered` or `folded`
 *   report.blastRadius   // { tier: 'T0'..'T3', reasons, owners, signOff }
 *
 * External analysers: `context.analyzerResults = parseSarif(sarifText, { repoRoot }).results`; the results on added
 * lines become findings (`sarif/<tool>/<rule>`, category `analyzer`), the rest are counted in `report.analyzers`.
 */
export { parseUnifiedDiff } from './diff/parse';
export type {
  DiffFile,
  DiffFileStatus,
  DiffHunk,
  DiffLine,
  DiffLineKind,
  DiffParseLimits,
  DiffWarning,
  ParsedDiff,
} from './diff/types';
export { reviewChange, sortFindings, toolSlug } from './engine';
export { parseSarif, SarifInputError, DEFAULT_SARIF_LIMITS } from './sarifInput';
export type { SarifIngest, SarifLimits, SarifSkipped } from './sarifInput';
export type { ReviewInput, ReviewReport, ReviewHeader } from './engine';
export type { Change, ChangeFile, ChangeLine, ChangeStats } from './model/change';
export { classifyPath } from './model/paths';
export { isGithubWorkflow } from './model/workflowChange';
export { mayBePrompt } from './rules/agent-prompts';
export { isPolicyFile } from './rules/agent-policy';
export { isSandboxPolicyFile } from './model/surface';
export { repositoryOwnerOf } from './model/repoOwner';
export { changedFunctionNames } from './rules/api';
export { needsReading } from './rules/callers';
export { libraryModule, pythonInitFor } from './model/library';
export { rustModuleDeclarers } from './model/rustModules';
export {
  cargoWorkspace,
  jsEntryCandidates,
  jsModuleCandidates,
  jsReExports,
  manifestCandidates,
  manifestDir,
  privateCrate,
  privatePackage,
  privatePythonPackage,
  type PackageIndex,
} from './model/packages';
export { grammarFor } from './syntax/tree';
export type { FileClass, Language } from './model/paths';
export type { CodeownersRule } from './model/codeowners';
export { ruleById } from './registry';
export type { RuleFamily, RuleMeta } from './rules/rule';
export type { SurfaceHit, SurfaceKind } from './model/surface';
export type { BlastRadius, Tier } from './tier';
export type { ChecklistItem } from './checklist';
export { DEFAULT_THRESHOLDS } from './types';
export type {
  AnalyzerResult,
  Authorship,
  Category,
  CriticalPath,
  Ecosystem,
  Finding,
  LineProvenance,
  LineRange,
  Place,
  ProvenanceSource,
  RepoFile,
  ReviewContext,
  ReviewOptions,
  Severity,
  Thresholds,
} from './types';

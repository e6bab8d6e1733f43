/** Git side of review: branch analysis, sign-off notes, the policy file and the per-reviewer review state. */
export { analyzeBranch, branchFacts, type AnalyzeOptions, type BranchAnalysis } from './branch';
export { readHeadContext, WORKTREE } from './headContext';
export {
  gitIdentity,
  mergeBase,
  resolveCommit,
  resolveCommits,
  resolveRange,
  reviewScope,
  splitRange,
  type ResolvedRange,
} from './range';
export {
  CODEOWNERS_PATHS,
  loadRangePolicy,
  readCodeownersAt,
  readPolicyAt,
  readPolicyFile,
  type LoadedPolicy,
  type RangePolicy,
} from './policyFile';
export { readSignoffs, writeSignoff, type SignoffsRead } from './signoffNotes';
export { ReviewStateStore, type ReviewStoreOptions } from './reviewStore';
export { readSarifFiles } from './sarifFiles';

/** Git side of review: branch analysis, sign-off notes, the policy file and the per-reviewer review state. */
export { analyzeBranch, branchFacts, type AnalyzeOptions, type BranchAnalysis } from './branch';
export { gitIdentity, mergeBase, resolveCommits, resolveRange, reviewScope, splitRange, type ResolvedRange } from './range';
export { loadRangePolicy, readCodeownersAt, readPolicyAt, type LoadedPolicy, type RangePolicy } from './policyFile';
export { writeSignoff, type SignoffsRead } from './signoffNotes';
export { ReviewStateStore, type ReviewStoreOptions } from './reviewStore';
export { readSarifFiles } from './sarifFiles';

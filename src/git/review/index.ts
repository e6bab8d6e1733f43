/** Git side of review: branch analysis, sign-off notes, the policy file and the per-reviewer review state. */
export { analyzeBranch, branchFacts, type AnalyzeOptions } from './branch';
export { gitIdentity, mergeBase, resolveCommits, resolveRange, reviewScope, splitRange } from './range';
export { loadRangePolicy, readCodeownersAt, readPolicyAt, type RangePolicy } from './policyFile';
export { writeSignoff } from './signoffNotes';
export { ReviewStateStore } from './reviewStore';
export { readHeadContext, WORKTREE } from './headContext';
export { readSarifFiles } from './sarifFiles';

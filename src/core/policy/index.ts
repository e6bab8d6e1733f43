/** Public API of the repository policy, sign-off records, reviewer identities and review hunks (pure). */
export { POLICY_FILE, PolicyError, parsePolicyFile, type Policy, type ReviewSettings, type SignoffRequirement } from './policy';
export {
  SignoffParseError,
  parseSignoffNote,
  serializeSignoffNote,
  upsertSignoff,
  type ChecklistState,
  type SignoffEntry,
  type SignoffNote,
} from './signoff';
export { emailProblem, nameProblem, reviewedByTrailer, reviewerKey, type Reviewer } from './identity';
export { addedBlocks, hunkKey, isHunkKey, reviewHunks, type AddedBlock, type ReviewHunk } from './hunks';
export {
  evaluatePolicy,
  judgeSignoffs,
  signerMatches,
  type HunkRef,
  type JudgedSignoff,
  type PolicyFacts,
  type PolicyOutcome,
  type SignoffFound,
  type SignoffStatus,
} from './evaluate';
export {
  CHECKLIST_ID,
  ReviewStateError,
  emptyReviewState,
  parseReviewState,
  scopeProblem,
  serializeReviewState,
  type ReviewState,
} from './reviewState';

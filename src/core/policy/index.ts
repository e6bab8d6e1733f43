/** Public API of the repository policy, sign-off records, reviewer identities and review hunks (pure). */
export {
  POLICY_FILE,
  POLICY_KEY,
  PolicyError,
  parsePolicyFile,
  type Policy,
  type ReviewSettings,
  type SignoffRequirement,
} from './policy';
export {
  SIGNOFF_LIMITS,
  SIGNOFF_VERSION,
  SignoffParseError,
  TIERS,
  parseSignoffNote,
  serializeSignoffNote,
  upsertSignoff,
  type ChecklistState,
  type SignoffEntry,
  type SignoffNote,
} from './signoff';
export {
  EMAIL_MAX,
  NAME_MAX,
  emailProblem,
  nameProblem,
  reviewedByTrailer,
  reviewerKey,
  type Reviewer,
} from './identity';
export {
  HUNK_KEY,
  HUNK_KEY_PREFIX,
  addedBlocks,
  hunkKey,
  isHunkKey,
  normalizeHunkLines,
  reviewHunks,
  type AddedBlock,
  type ReviewHunk,
} from './hunks';
export {
  evaluatePolicy,
  judgeSignoffs,
  signerMatches,
  tierRank,
  type HunkRef,
  type JudgedSignoff,
  type PolicyFacts,
  type PolicyOutcome,
  type SignoffFound,
  type SignoffStatus,
} from './evaluate';
export {
  CHECKLIST_ID,
  REVIEW_STATE_LIMITS,
  REVIEW_STATE_VERSION,
  ReviewStateError,
  emptyReviewState,
  parseReviewState,
  scopeProblem,
  serializeReviewState,
  type ReviewState,
} from './reviewState';

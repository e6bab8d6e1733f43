/** Public API of the repository policy, sign-off records, reviewer identities and review hunks (pure). */
export { POLICY_FILE, PolicyError, parsePolicyFile, type Policy } from './policy';
export { SignoffParseError, parseSignoffNote, serializeSignoffNote, upsertSignoff, type SignoffEntry } from './signoff';
export { emailProblem, nameProblem, reviewedByTrailer } from './identity';
export { addedBlocks, hunkKey, isHunkKey, reviewHunks, type ReviewHunk } from './hunks';
export {
  evaluatePolicy,
  judgeSignoffs,
  signerMatches,
  type JudgedSignoff,
  type PolicyFacts,
  type PolicyOutcome,
  type SignoffFound,
} from './evaluate';
export { emptyReviewState, parseReviewState, serializeReviewState } from './reviewState';

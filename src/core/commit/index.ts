/** Public API of the commit-provenance core: trailers, commit-level AI recognition and Agent Trace records. */
export {
  rangeContentHash,
  gitPathProblem,
  repoPathProblem,
  splitLines,
  type AttributedFile,
  type AttributedLine,
  type CommittedFile,
  type CommittedLine,
  type LineAttribution,
  type LineClass,
} from './lines';
export { isMessageEmpty, parseTrailers, removeTrailers, resolveCommentChar, type Trailer } from './message';
export {
  TRAILER_VALUE_MAX,
  buildTrailers,
  formatSummary,
  isOwnSummaryTrailer,
  isOwnTrailer,
  parseTrailerPresets,
  planTrailerUpdate,
  summarizeAddedLines,
  type AddedLineSummary,
  type TrailerPreset,
  type TrailerUpdate,
} from './trailers';
export {
  AgentMarkerCollector,
  agentMarkerLines,
  recognizeCommitAi,
  type AiEvidence,
  type CommitAiRecognition,
  type CommitIdentityInput,
  type EvidenceSource,
  type Identity,
} from './identities';
export { parseIdentityConfig, type ExtraIdentities, type ExtraIdentity } from './identityConfig';
export {
  METADATA_KEY,
  buildAgentTrace,
  uuidV4,
  type AgentTraceContributor,
  type AgentTraceConversation,
  type AgentTraceFile,
  type AgentTraceRange,
  type AgentTraceRecord,
  type BuildOptions,
  type ContributorType,
  type ProvenanceConversationFacts,
  type ProvenanceMetadata,
  type VcsType,
} from './agentTrace';
export { AgentTraceParseError, parseAgentTrace, type ParseLimits } from './agentTraceParse';
export {
  attributeLines,
  lineClassifications,
  provenanceMetadata,
  recordLineAttributions,
  recordRanges,
  type RecordFileLines,
  type RecordFileRanges,
  type RecordRange,
} from './agentTraceRead';
export {
  refindRanges,
  type HashedRange,
  type MissReason,
  type MissingRange,
  type RefindOptions,
  type RefindResult,
  type RefoundRange,
} from './agentTraceRefind';
export { combineAgentTraces, type CombineMiss, type CombineResult, type FinalFile } from './agentTraceCombine';

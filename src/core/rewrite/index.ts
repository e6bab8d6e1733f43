/** Public API of the rewrite core: carrying line attribution through commits, rewrites and note merges. */
export {
  DEFAULT_LINE_MAX_EDITS,
  addedLineFlags,
  longestIncreasing,
  matchLines,
  type LineMatch,
  type LineMatchOptions,
} from './lineMatch';
export { mapLineAttributions, overlayLineMaps, type LineMap, type MapLinesOptions, type MappedLines } from './mapLines';
export {
  MAX_RECORDS_PER_NOTE,
  formatNoteRecord,
  parseNoteRecords,
  splitJsonObjects,
  type NoteRecords,
} from './noteRecords';
export { unionNoteRecords } from './recordUnion';
export { attributeLinesOf, reanchorSpans, uncommittedSpans, type SpanSource } from './stagedLines';
export {
  STAGED_ATTRIBUTION_VERSION,
  StagedAttributionError,
  parseStagedAttribution,
  serializeStagedAttribution,
  stagedLineMap,
  toStagedFile,
  type StagedAttribution,
  type StagedFile,
  type StagedLine,
  type TrailerStage,
} from './stagedAttribution';
export {
  commentCharFor,
  messageBody,
  messageDigest,
  onlyAddedTrailers,
  parseCommitSource,
  planMessageUpdate,
  trailerStage,
  withoutTrailers,
  type CommitSource,
  type MessageUpdate,
  type PlanInput,
  type StageFacts,
} from './messagePlan';
export {
  amendFromCommandLine,
  cleanupFromCommandLine,
  amendedCommit,
  isObjectId,
  isZeroId,
  parseRefUpdates,
  parseReflog,
  parseRewriteList,
  parseSquashMessage,
  resetAwayTips,
  type RefUpdate,
  type ReflogEntry,
  type Rewrite,
} from './gitText';
export { DiffParseError, isRegularFileMode, parseDiffRawNumstat, type ChangeStatus, type ChangedFile } from './diffRaw';

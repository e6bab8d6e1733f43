/** Public API of the rewrite core: carrying line attribution through commits, rewrites and note merges. */
export { matchLines, type LineMatch, type LineMatchOptions } from './lineMatch';
export { type LineMap, type MapLinesOptions, type MappedLines } from './mapLines';
export { type NoteRecords } from './noteRecords';
export { type SpanSource } from './stagedLines';
export {
  type StagedAttribution,
  type StagedFile,
  type StagedLine,
  type TrailerStage,
} from './stagedAttribution';
export {
  type CommitSource,
  type MessageUpdate,
  type PlanInput,
  type StageFacts,
} from './messagePlan';
export {
  type RefUpdate,
  type ReflogEntry,
  type Rewrite,
} from './gitText';
export { type ChangeStatus, type ChangedFile } from './diffRaw';

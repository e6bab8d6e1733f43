/** Public API of AI blame, stats and the line replay: pure mapping from git output plus notes to per-line authorship. */
export { HUMAN_LINE, isAiAuthorship, type Authorship, type Evidence, type LineOrigin, type LineSource } from './types';
export { LABEL_MAX, cleanLabel, cleanSourceLine } from './labels';
export { diffHeaderPath, unquoteGitPath } from './quote';
export {
  BlameParseError,
  BlamePorcelainParser,
  NOT_COMMITTED,
  parseBlamePorcelain,
  uncommittedBlame,
  type BlameCommitInfo,
  type BlameEntry,
  type BlamePorcelain,
} from './porcelain';
export {
  NOTE_LIMITS,
  interpretNote,
  noRecord,
  revisionMatches,
  withIdentityRecognition,
  type CommitProvenance,
  type NoteContent,
} from './provenance';
export {
  PlacementMap,
  placeRecordRanges,
  type PlaceOptions,
  type PlaceResult,
  type PlacedLine,
  type UnplacedRange,
} from './place';
export {
  LineTally,
  aiShare,
  commitLineSource,
  emptyCounts,
  lineOrigin,
  placedSource,
  type AuthorshipCounts,
  type ModelCount,
  type ToolCount,
} from './sources';
export { BlameAttribution, type BlameLine } from './attribute';
export { workingOverlay, type WorkingOverlay } from './working';
export {
  COMMIT_MARKER,
  IDENTITY_FORMAT,
  LOG_FORMAT,
  LogPatchParser,
  identityLine,
  type CommitPatch,
  type FilePatch,
  type PatchHunk,
} from './logPatch';
export { commitAddedLines, tallyCommit, type AddedLines, type CommitAddedLines } from './commitLines';
export { replayDag, type DagCommit, type DagReplayResult } from './dagReplay';
export { aiShareClaim } from './claims';
export { StatsBuilder, type CommitStat, type StatsReport } from './stats';

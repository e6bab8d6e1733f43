/** Public API of AI blame, stats and the line replay: pure mapping from git output plus notes to per-line authorship. */
export { HUMAN_LINE, isAiAuthorship, type Authorship, type LineOrigin, type LineSource } from './types';
export { cleanLabel, cleanSourceLine } from './labels';
export { unquoteGitPath } from './quote';
export {
  BlameParseError,
  BlamePorcelainParser,
  NOT_COMMITTED,
  uncommittedBlame,
  type BlamePorcelain,
} from './porcelain';
export {
  interpretNote,
  noRecord,
  revisionMatches,
  withIdentityRecognition,
  type CommitProvenance,
  type NoteContent,
} from './provenance';
export { placeRecordRanges } from './place';
export { LineTally, aiShare, lineOrigin, type AuthorshipCounts, type ModelCount, type ToolCount } from './sources';
export { BlameAttribution, type BlameLine } from './attribute';
export { workingOverlay } from './working';
export {
  IDENTITY_FORMAT,
  LOG_FORMAT,
  LogPatchParser,
  IdentityLogParser,
  identityLine,
  type CommitPatch,
  type FilePatch,
  type PatchHunk,
} from './logPatch';
export { commitAddedLines, type AddedLines } from './commitLines';
export { replayDag, type DagCommit } from './dagReplay';
export { aiClaimVerb, aiShareClaim } from './claims';
export { StatsBuilder, type StatsReport } from './stats';

/** Git side of AI blame and stats. */
export { aiBlame, aiBlameView, type AiBlameOptions, type AiBlameResult, type AiBlameView } from './blame';
export {
  PLAIN_DIFF_ARGS,
  aiStats,
  logPatchArgs,
  readLogPatches,
  type AiStatsOptions,
  type LogPatchOptions,
} from './stats';
export { MAX_BLOB_BYTES, ProvenanceReader, type ReaderOptions } from './provenanceReader';
export { streamGitBytes, streamGitLines, type StreamOptions } from './stream';
export { catFileAll, objectSizes } from './catFileAll';
export { listNotesSized, type NoteBlob } from './notesIndex';
export { replayRange, type RangeReplay } from './rangeReplay';
export { ProvenanceStream } from './provenanceStream';

/** Git side of AI blame and stats. */
export { aiBlame, aiBlameView, type AiBlameResult } from './blame';
export { PLAIN_DIFF_ARGS, aiStats, readLogPatches } from './stats';
export { ProvenanceReader } from './provenanceReader';
export { streamGitLines } from './stream';
export { listNotesSized, type NoteBlob } from './notesIndex';
export { replayRange, type RangeReplay } from './rangeReplay';
export { ProvenanceStream } from './provenanceStream';

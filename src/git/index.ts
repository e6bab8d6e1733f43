/** The git layer: the only code that runs git or touches the git dir. */
export { GitError, STABLE_MESSAGES_ENV, runGit } from './exec';
export type { GitErrorKind, GitResult, GitRunOptions, GitRunner, SpawnGit } from './exec';
export { assertSafeRev, findRepo, headCommit, readBlobAt, toRepoRelativePath } from './repo';
export type { RepoInfo } from './repo';
export { CatFileBatch } from './catFileBatch';
export type { BatchObject } from './catFileBatch';
export { WorkingStateStore } from './stateStore';
export type { StateStoreOptions, WriteMode } from './stateStore';
export { DebouncedStateWriter } from './debouncedWriter';
export type { DebouncedWriterOptions, RecordSink } from './debouncedWriter';
export type { LockHandle, LockOptions } from './fileLock';
export { LOG_FILE_NAME, STATE_DIR_NAME } from './stateLog';
export { MAX_NOTE_BYTES, SIGNOFF_NOTES_REF, readNote, writeNote } from './notes';
export type { NoteRead } from './notes';
export { MAX_SNAPSHOT_CHARS, loadTextSnapshot, pruneTextSnapshots, saveTextSnapshot } from './textSnapshots';

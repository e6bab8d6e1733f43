/** The git layer: the only code that runs git or touches the git dir. */
export {
  DEFAULT_GIT_MAX_OUTPUT_BYTES,
  DEFAULT_GIT_TIMEOUT_MS,
  GitError,
  STABLE_MESSAGES_ENV,
  defaultGitRunner,
  gitEnv,
  runGit,
  spawnGit,
} from './exec';
export type { GitErrorKind, GitResult, GitRunOptions, GitRunner, SpawnGit } from './exec';
export { assertSafeRev, findRepo, gitPath, headCommit, readBlobAt, readIndexBlob, toRepoRelativePath } from './repo';
export type { RepoInfo } from './repo';
export { CatFileBatch } from './catFileBatch';
export type { BatchObject } from './catFileBatch';
export { WorkingStateStore } from './stateStore';
export type { StateStoreOptions, WriteMode } from './stateStore';
export { DebouncedStateWriter } from './debouncedWriter';
export type { DebouncedWriterOptions, RecordSink } from './debouncedWriter';
export { LockTimeoutError, acquireLock, withLock } from './fileLock';
export type { LockHandle, LockOptions } from './fileLock';
export { writeFileAtomic } from './atomicFile';
export { LOG_FILE_NAME, LOG_MAX_BYTES, STATE_DIR_NAME, appendStateLog, log } from './stateLog';
export {
  MAX_NOTE_BYTES,
  PROVENANCE_NOTES_REF,
  SIGNOFF_NOTES_REF,
  listNotes,
  readNote,
  readNotes,
  writeNote,
} from './notes';
export type { NoteRead } from './notes';
export { MAX_SNAPSHOT_CHARS, loadTextSnapshot, pruneTextSnapshots, saveTextSnapshot } from './textSnapshots';
export { loadKnownText } from './commit/recordText';

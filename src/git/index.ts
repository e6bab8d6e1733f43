/** The git layer: the only code that runs git or touches the git dir. */
export { GitError, STABLE_MESSAGES_ENV, runGit } from './exec';
export { assertSafeRev, findRepo, headCommit, readBlobAt, toRepoRelativePath } from './repo';
export type { RepoInfo } from './repo';
export { CatFileBatch } from './catFileBatch';
export { WorkingStateStore } from './stateStore';
export { DebouncedStateWriter } from './debouncedWriter';
export { LOG_FILE_NAME, STATE_DIR_NAME } from './stateLog';
export { MAX_NOTE_BYTES, PROVENANCE_NOTES_REF, SIGNOFF_NOTES_REF, readNote, writeNote } from './notes';
export { MAX_SNAPSHOT_CHARS, loadTextSnapshot, pruneTextSnapshots, saveTextSnapshot } from './textSnapshots';
export { loadKnownText } from './commit/recordText';

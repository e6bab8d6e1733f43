export {
  FILE_RECORD_LIMITS,
  FILE_RECORD_VERSION,
  FileRecordError,
  parseFileRecord,
  parseFileRecordText,
  serializeFileRecord,
} from './fileRecord';
export type { FileRecord, StateSpan } from './fileRecord';
export { compactFileRecord, mergeFileRecords } from './mergeRecords';
export { remapRecord } from './remapRecord';
export { MAX_REPO_PATH_LENGTH, assertRepoRelativePath, isRepoRelativePath, repoPathProblem } from './repoPath';
export { recordFromSpans, spansFromRecord } from './trackerRecord';

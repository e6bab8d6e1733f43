export { FILE_RECORD_VERSION } from './fileRecord';
export type { FileRecord, StateSpan } from './fileRecord';
export { mergeFileRecords } from './mergeRecords';
export { assertRepoRelativePath } from './repoPath';
export { recordFromSpans, spansFromRecord } from './trackerRecord';

export { FILE_RECORD_VERSION } from './fileRecord';
export type { FileRecord } from './fileRecord';
export { mergeFileRecords } from './mergeRecords';
export { remapRecord } from './remapRecord';
export { assertRepoRelativePath } from './repoPath';
export { recordFromSpans, spansFromRecord } from './trackerRecord';

/** Public API of the rewrite core: carrying line attribution through commits, rewrites and note merges. */
export { matchLines } from './lineMatch';

/** Public API of character attribution. Everything here is pure: plain data in, plain data out. */
export { OriginTable, originFamily, type Origin, type OriginFamily, type OriginKind } from './origin';
export { HUMAN, runsFromSpans, spansFromRuns, validateSpans, type Run, type SpanTuple } from './runs';
export { AttributionTracker, type TextChange } from './tracker';
export { chooseReplaceStrategy, type ReplaceFacts } from './policy';
export { remapSpans, inheritedWhitespaceOrigin } from './remap';
export { alignTexts, type DiffLimits } from './align';
export { RemovedTextCache } from './undoCache';
export { lineView, summarizeAttribution } from './lineView';
export { originFromEditSource, readEditSource } from './editSource';
export { coalesceSplitEdit, coalesceWhitespaceEvent } from './eventCoalesce';
export { chooseInlineTool, inlineProviders, type InlineTool } from './inlineTool';
export { detectHostEditor, type HostEditor } from './hostEditor';
export { FORK_ACCEPT_EVIDENCE, FORK_ACCEPTS, firstKnownCommand, type ForkAccept } from './forkAccepts';
export { widenToWords } from './tokenMatch';
export { RecentCuts, type LineRange } from './recentCuts';

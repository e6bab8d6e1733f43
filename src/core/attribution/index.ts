/** Public API of character attribution. Everything here is pure: plain data in, plain data out. */
export {
  ORIGIN_KINDS,
  OriginTable,
  isOriginKind,
  originFamily,
  type Origin,
  type OriginFamily,
  type OriginKind,
} from './origin';
export { HUMAN, runsFromSpans, spansFromRuns, validateSpans, type Run, type SpanTuple } from './runs';
export { AttributionTracker, type ApplyOptions, type TextChange, type TrackerOptions } from './tracker';
export { chooseReplaceStrategy, type ReplaceFacts, type ReplaceStrategy } from './policy';
export { remapRuns, remapSpans, inheritedWhitespaceOrigin, type RemapOptions } from './remap';
export { alignTexts, DEFAULT_DIFF_LIMITS, type AlignStats, type DiffLimits, type MatchBlock } from './align';
export { RemovedTextCache, type RemovedTextCacheOptions } from './undoCache';
export {
  lineView,
  summarizeAttribution,
  type AttributionSummary,
  type LineAttribution,
  type LineKind,
} from './lineView';
export { originFromEditSource, readEditSource, type EditSource } from './editSource';
export { coalesceSplitEdit, coalesceWhitespaceEvent, type CoalescedChange, type EventChange } from './eventCoalesce';
export {
  chooseInlineTool,
  inlineProviderName,
  inlineProviders,
  TOOL_EVIDENCE,
  type InlineTool,
  type InstalledExtension,
} from './inlineTool';
export { detectHostEditor, type HostEditor, type HostEditorId } from './hostEditor';
export { FORK_ACCEPT_EVIDENCE, FORK_ACCEPTS, firstKnownCommand, type ForkAccept } from './forkAccepts';
export { widenToWords, type PlainReplace } from './tokenMatch';
export { RecentCuts, type LineRange, type RecentCutsOptions } from './recentCuts';

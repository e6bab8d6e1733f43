/**
 * External-agent attribution, pure core: normalise hook payloads of Claude Code, VS Code agent mode, Cursor, Codex
 * CLI and Gemini CLI; find the characters an agent inserted from before/after file texts; keep secrets out of stored
 * prompt summaries; and know what each agent expects a no-op hook to print. See README.md for formats and sources.
 */
export { AGENT_IDS, HOOK_LIMITS } from './types';
export type { AgentId, HookPayload, HookPhase, ReportedEdit, ToolKind } from './types';
export { isAgentId, parseHookJson, parseHookPayload } from './payloads';
export { HookPayloadError } from './payloadFields';
export { modelFromClaudeTranscript, TRANSCRIPT_SCAN_LINES } from './transcript';
export { AGENT_DIFF_LIMITS, AGENT_DIFF_MAX_CHARS, agentInsertedRanges, MIN_MOVED_LINE_CHARS } from './agentDiff';
export type { CharRange } from './agentDiff';
export { inPlaceInsertions, LINE_EDIT_RULE } from './lineEdit';
export { BINARY_SNIFF_CHARS, isProbablyBinary, splitLines } from './textLines';
export type { TextLine } from './textLines';
export { looksSecret, PROMPT_SUMMARY_MAX_CHARS, promptSummary, REDACTED, redactSecrets, secretKinds } from './secrets';
export type { PromptSummaryMode } from './secrets';
export { hookResponse } from './hookResponse';

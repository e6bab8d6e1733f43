/**
 * External-agent attribution, pure core: normalise hook payloads of Claude Code, VS Code agent mode, Cursor, Codex
 * CLI and Gemini CLI; find the characters an agent inserted from before/after file texts; keep secrets out of stored
 * prompt summaries; and know what each agent expects a no-op hook to print. See README.md for formats and sources.
 */
export { AGENT_IDS } from './types';
export type { AgentId, HookPayload } from './types';
export { isCopilotPayload, parseHookJson, parseHookPayload, toolCallMaterial } from './payloads';
export { HookPayloadError } from './payloadFields';
export { modelFromClaudeTranscript, TRANSCRIPT_SCAN_LINES } from './transcript';
export { AGENT_DIFF_MAX_CHARS, agentInsertedRanges } from './agentDiff';
export type { CharRange } from './agentDiff';
export { inPlaceInsertions, LINE_EDIT_RULE } from './lineEdit';
export { isProbablyBinary, splitLines } from './textLines';
export { looksSecret, PROMPT_SUMMARY_MAX_CHARS, promptSummary, REDACTED, redactSecrets, secretKinds } from './secrets';
export { hookResponse } from './hookResponse';

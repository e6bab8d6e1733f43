/**
 * Pure editing of external agents' hook configs (Claude Code, VS Code, Cursor, Codex, Gemini CLI): add our hooks next
 * to the user's, recognise and remove exactly ours, report what is installed. Text in, text out; see README.md.
 */
export { CLAUDE_MATCHER, GEMINI_MATCHER, HOOK_TIMEOUT_SECONDS, inspectAgentHooks, installAgentHooks, uninstallAgentHooks } from './agentHooks';
export { CODEX_BLOCK_BEGIN, CODEX_BLOCK_END, CODEX_MATCHER, CODEX_TIMEOUT_SECONDS } from './codexToml';
export { outlineToml, tomlString, tomlStringValue } from './tomlOutline';
export type { TomlHeader, TomlKey, TomlOutline } from './tomlOutline';
export { AgentConfigError, hookCommandsFor, isOurHookCommand, ourHookAgent, shellQuote } from './types';
export type { ConfigEdit, HookCommands, HookInspection } from './types';

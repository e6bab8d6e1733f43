/**
 * Codex CLI hooks (developers.openai.com/codex/hooks; schemas in openai/codex codex-rs/hooks/schema/generated):
 * `session_id`, `turn_id`, `transcript_path` (string or null), `cwd`, `hook_event_name`, `model`, `permission_mode`,
 * `tool_name`, `tool_use_id`, `tool_input`, and `tool_response` after the tool. Shell calls arrive as
 * `tool_name: "Bash"`, `tool_input: {command}`; file edits as `tool_name: "apply_patch"` with the raw patch envelope
 * in `tool_input.command` (`*** Begin Patch` / `*** Update File: path` ...). The model is in every payload.
 */
import type { HookPayload, HookPhase } from './types';
import { toolTable } from './assemble';
import type { JsonObject } from './payloadFields';
import { parseSnakeCaseToolEvent } from './snakeCasePayload';

const EVENTS = { pre: ['PreToolUse'], post: ['PostToolUse'] };

const TOOLS = toolTable(
  ['apply_patch'],
  ['Bash', 'shell', 'exec_command', 'local_shell', 'unified_exec'],
  ['read_file', 'grep', 'list_dir', 'view_image', 'web_search', 'update_plan'],
);

export function parseCodexPayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  return parseSnakeCaseToolEvent('codex', obj, EVENTS, TOOLS, phaseHint);
}

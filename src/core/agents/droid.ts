/**
 * Factory Droid hooks (docs.factory.ai/reference/hooks-reference): Claude Code's layout in `.factory/settings.json`
 * (project), `.factory/settings.local.json` and `~/.factory/settings.json`: `hooks.PreToolUse|PostToolUse:
 * [{matcher, hooks: [{type: "command", command, timeout (seconds)}]}]`, and Claude's input fields (`session_id`,
 * `transcript_path`, `cwd`, `permission_mode`, `hook_event_name`, `tool_name`, `tool_input`, `tool_response` after).
 * Droid's tools: `Create` and `Edit`/`MultiEdit`/`ApplyPatch` write files, `Execute` runs shell commands. Exit 0 with
 * nothing printed continues.
 */
import type { HookPayload, HookPhase } from './types';
import { toolTable } from './assemble';
import type { JsonObject } from './payloadFields';
import { parseSnakeCaseToolEvent } from './snakeCasePayload';

const EVENTS = { pre: ['PreToolUse'], post: ['PostToolUse'] };

const TOOLS = toolTable(
  ['Create', 'Edit', 'MultiEdit', 'ApplyPatch', 'Write', 'NotebookEdit'],
  ['Execute', 'Bash'],
  ['Read', 'LS', 'Grep', 'Glob', 'WebSearch', 'FetchUrl', 'TodoWrite', 'Task', 'ExitSpecMode'],
);

export function parseDroidPayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  return parseSnakeCaseToolEvent('droid', obj, EVENTS, TOOLS, phaseHint);
}

/**
 * Kiro hooks, CLI and IDE (kiro.dev/docs/cli/hooks, kiro.dev/docs/cli/v3/hooks, kiro.dev/docs/hooks/types). Every
 * command hook gets one JSON object on stdin: `hook_event_name`, `cwd`, `tool_name`, `tool_input`, and after the tool
 * `tool_response`; the IDE (1.x) and CLI v3 add `session_id`. Event names are camelCase in agent-config hooks
 * (`preToolUse`, CLI 2.x and Amazon Q's format) and PascalCase in the v3 hook files and the IDE (`PreToolUse`).
 * Tools: `fs_write` (alias `write`: `{command: create|str_replace|insert|append, path, file_text, old_str, new_str}`),
 * `execute_bash` (alias `shell`: `{command}`); the IDE names its write tools `fsWrite`, `strReplace`, `fsAppend`,
 * `deleteFile`. Exit 0 lets the tool run (stdout is not shown); only exit 2 blocks. No tool use id, no model.
 */
import type { HookPayload, HookPhase } from './types';
import { toolTable } from './assemble';
import type { JsonObject } from './payloadFields';
import { parseSnakeCaseToolEvent } from './snakeCasePayload';

export const KIRO_EVENTS = { pre: ['preToolUse', 'PreToolUse'], post: ['postToolUse', 'PostToolUse'] };

/** Kiro's and Amazon Q Developer CLI's built-in tools (the two share one tool set). */
export const KIRO_TOOLS = toolTable(
  [
    'fs_write',
    'write',
    'fsWrite',
    'fs_append',
    'fsAppend',
    'str_replace',
    'strReplace',
    'delete_file',
    'deleteFile',
    'create',
  ],
  ['execute_bash', 'execute_cmd', 'shell', 'executeBash', 'executePwsh'],
  [
    'fs_read',
    'read',
    'readFile',
    'readMultipleFiles',
    'listDirectory',
    'glob',
    'grep',
    'grepSearch',
    'fileSearch',
    'web_search',
    'web_fetch',
    'use_aws',
    'aws',
    'report_issue',
    'knowledge',
    'thinking',
    'todo_list',
    'introspect',
    'use_subagent',
  ],
);

export function parseKiroPayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  return parseSnakeCaseToolEvent('kiro', obj, KIRO_EVENTS, KIRO_TOOLS, phaseHint);
}

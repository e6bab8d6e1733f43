/**
 * OpenCode (opencode.ai/docs/plugins): no command hooks; a plugin (a JS/TS module in `.opencode/plugins/` or
 * `~/.config/opencode/plugins/`) gets `tool.execute.before (input {tool, sessionID, callID}, output {args})` and
 * `tool.execute.after (input {tool, sessionID, callID, args}, output {title, output, metadata})`. Our plugin
 * (src/core/agentConfig/opencodePlugin.ts) hands those to `ai-provenance hook opencode` as `{hook_event_name,
 * session_id, tool_use_id (callID), tool_name, tool_input (args), cwd}`. OpenCode's tools: `write {filePath,
 * content}`, `edit {filePath, oldString, newString, replaceAll}`, `multiedit {filePath, edits[]}`, `patch` /
 * `apply_patch {patchText}`, `bash {command}`.
 */
import type { HookPayload, HookPhase } from './types';
import { toolTable } from './assemble';
import type { JsonObject } from './payloadFields';
import { parseSnakeCaseToolEvent } from './snakeCasePayload';

const EVENTS = { pre: ['tool.execute.before'], post: ['tool.execute.after'] };

/** The tools our plugin forwards (the others write nothing). */
export const OPENCODE_WRITE_TOOLS = ['write', 'edit', 'multiedit', 'patch', 'apply_patch', 'bash'] as const;

const TOOLS = toolTable(
  ['write', 'edit', 'multiedit', 'patch', 'apply_patch'],
  ['bash'],
  ['read', 'glob', 'grep', 'list', 'webfetch', 'websearch', 'codesearch', 'todowrite', 'todoread', 'task', 'skill'],
);

export function parseOpenCodePayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  return parseSnakeCaseToolEvent('opencode', obj, EVENTS, TOOLS, phaseHint);
}

/**
 * Windsurf Cascade hooks (docs.windsurf.com/windsurf/cascade/hooks): `.windsurf/hooks.json` (workspace) and
 * `~/.codeium/windsurf/hooks.json` (user), `{"hooks": {<action>: [{command, show_output?}]}}`. Every input is an
 * envelope `{agent_action_name, trajectory_id, execution_id, timestamp, tool_info}`:
 * - `pre_write_code` / `post_write_code`: `tool_info {file_path, edits[{old_string, new_string}]}`;
 * - `pre_run_command` / `post_run_command`: `tool_info {command_line, cwd}`;
 * - `pre_mcp_tool_use` / `post_mcp_tool_use`: `tool_info {mcp_server_name, mcp_tool_name, mcp_tool_arguments}`.
 * Exit 0 lets the action proceed (a pre-hook blocks only with exit 2); stdout is not read. No model, no tool use id:
 * PRE and POST pair by session (`trajectory_id`) and the action's arguments.
 */
import type { HookPayload, HookPhase, ToolKind } from './types';
import { assemble, toolTable } from './assemble';
import { asObject, idField, own, pathField, resolvePhase, type JsonObject } from './payloadFields';

const EVENTS = {
  pre: ['pre_write_code', 'pre_run_command', 'pre_mcp_tool_use'],
  post: ['post_write_code', 'post_run_command', 'post_mcp_tool_use'],
};

const EVENT_KINDS: Readonly<Record<string, ToolKind>> = {
  pre_write_code: 'file-edit',
  post_write_code: 'file-edit',
  pre_run_command: 'shell',
  post_run_command: 'shell',
};

const TOOLS = toolTable([], [], []);

export function parseWindsurfPayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  const event = idField(obj, 'agent_action_name');
  const info = asObject(own(obj, 'tool_info'));
  const kind = event !== undefined ? EVENT_KINDS[event] : undefined;
  // MCP tools: their arguments decide (paths named => an edit the before/after diff checks).
  const input =
    kind === 'shell'
      ? { command: own(info, 'command_line') }
      : kind === undefined
        ? asObject(own(info, 'mcp_tool_arguments'))
        : info;
  return assemble(
    {
      agent: 'windsurf',
      phase: resolvePhase('windsurf', event, EVENTS, phaseHint),
      event,
      sessionId: idField(obj, 'trajectory_id'),
      cwd: pathField(info, 'cwd'),
      toolName: event,
      input,
      kind,
    },
    TOOLS,
  );
}

/**
 * Gemini CLI `BeforeTool` / `AfterTool` hooks (geminicli.com/docs/hooks/reference): `session_id`,
 * `transcript_path`, `cwd`, `hook_event_name`, `timestamp`, `tool_name`, `tool_input`, `mcp_context`, and after the
 * tool `tool_response {llmContent, returnDisplay, error?}`. Built-in tools (geminicli.com/docs/tools/file-system):
 * `write_file {file_path, content}`, `replace {file_path, old_string, new_string, expected_replacements}`,
 * `run_shell_command {command, description, directory}`. No tool use id and no model in tool events.
 */
import type { HookPayload, HookPhase } from './types';
import { assemble, toolTable } from './assemble';
import { idField, own, pathField, resolvePhase, toolInputObject, type JsonObject } from './payloadFields';

const EVENTS = { pre: ['BeforeTool'], post: ['AfterTool'] };

// `replace` is the edit tool (`edit`/`smart_edit` are earlier names, still read). MCP tools arrive as
// `mcp_<server>_<tool>`: not listed, so they count as edits only when their input names paths.
const TOOLS = toolTable(
  ['write_file', 'replace', 'edit', 'smart_edit'],
  ['run_shell_command'],
  [
    'read_file',
    'read_many_files',
    'list_directory',
    'glob',
    'search_file_content',
    'grep',
    'google_web_search',
    'web_fetch',
    'save_memory',
    'write_todos',
    'activate_skill',
    'ask_user',
  ],
);

export function parseGeminiPayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  const event = idField(obj, 'hook_event_name');
  return assemble(
    {
      agent: 'gemini',
      phase: resolvePhase('gemini', event, EVENTS, phaseHint),
      event,
      sessionId: idField(obj, 'session_id'),
      model: idField(obj, 'model'),
      cwd: pathField(obj, 'cwd'),
      toolName: idField(obj, 'tool_name'),
      toolUseId: idField(obj, 'tool_use_id', 'tool_call_id'),
      transcriptPath: pathField(obj, 'transcript_path'),
      input: toolInputObject(own(obj, 'tool_input')),
    },
    TOOLS,
  );
}

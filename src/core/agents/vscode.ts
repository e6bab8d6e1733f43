/**
 * VS Code agent hooks (Copilot agent mode, Preview; code.visualstudio.com/docs/agent-customization/hooks). Same
 * events and layout as Claude Code, but the documented common fields are camelCase (`sessionId`, `hookEventName`)
 * while the implementation also sends snake_case (`session_id`, `hook_event_name`): both are read. Tool inputs use
 * Copilot's tool names and camelCase arguments: `replace_string_in_file {filePath, oldString, newString}`,
 * `create_file {filePath, content}`, `multi_replace_string_in_file {replacements[]}`, `apply_patch {input}`,
 * `run_in_terminal {command}`; the docs' example is `editFiles {files[]}`. Copilot CLI's `toolName`/`toolArgs`
 * (a JSON string) spelling is accepted too. No model in the payload.
 */
import type { HookPayload, HookPhase } from './types';
import { assemble, toolTable } from './assemble';
import { idField, own, pathField, resolvePhase, toolInputObject, type JsonObject } from './payloadFields';

const EVENTS = { pre: ['PreToolUse', 'preToolUse'], post: ['PostToolUse', 'postToolUse'] };

const TOOLS = toolTable(
  ['editFiles', 'createFile', 'create_file', 'replace_string_in_file', 'multi_replace_string_in_file', 'insert_edit_into_file',
    'edit_notebook_file', 'create_new_jupyter_notebook', 'apply_patch', 'edit', 'create'],
  ['run_in_terminal', 'runInTerminal', 'runCommands', 'bash', 'powershell', 'shell'],
  ['read_file', 'readFile', 'list_dir', 'file_search', 'grep_search', 'semantic_search', 'get_errors', 'fetch_webpage',
    'get_changed_files', 'list_code_usages', 'test_search', 'get_terminal_output', 'manage_todo_list', 'runSubagent',
    'search', 'codebase', 'usages', 'problems', 'fetch', 'githubRepo', 'view', 'think'],
);

export function parseVscodePayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  const event = idField(obj, 'hookEventName', 'hook_event_name');
  return assemble({
    agent: 'vscode',
    phase: resolvePhase('vscode', event, EVENTS, phaseHint),
    event,
    sessionId: idField(obj, 'sessionId', 'session_id'),
    model: idField(obj, 'model'),
    cwd: pathField(obj, 'cwd'),
    toolName: idField(obj, 'tool_name', 'toolName'),
    toolUseId: idField(obj, 'tool_use_id', 'toolUseId'),
    transcriptPath: pathField(obj, 'transcript_path', 'transcriptPath'),
    input: toolInputObject(own(obj, 'tool_input') ?? own(obj, 'toolInput') ?? own(obj, 'toolArgs')),
  }, TOOLS);
}

/**
 * GitHub Copilot's hooks: Copilot CLI, the Copilot cloud agent and VS Code's Copilot harness (github/docs
 * copilot/reference/hooks-reference.md; code.visualstudio.com/docs/agent-customization/hooks). Two shapes, chosen by
 * how the event is spelled in the hook file:
 * - camelCase events (`preToolUse`, `postToolUse`): `{sessionId, timestamp (ms), cwd, toolName, toolArgs}` with the
 *   runtime's tool names (`bash`, `powershell`, `create`, `edit`, `str_replace_editor`, `apply_patch`, `view`...)
 *   and `toolResult` after;
 * - PascalCase events (`PreToolUse`), "VS Code compatible": `{hook_event_name, session_id, timestamp (ISO), cwd,
 *   tool_name, tool_input}`, `tool_result` after, Claude's tool names (`Bash` for bash and powershell, `Write` for
 *   create, `Edit` for edit/str_replace_editor/apply_patch), no `transcript_path`, no `tool_use_id`. Copilot also runs
 *   the repository's `.claude/settings*.json` hooks with this shape, so `hook claude` hands such payloads here.
 * VS Code's own agent (older harness) sends `hookEventName`/`sessionId` or their snake_case forms with Copilot chat's
 * tool names and camelCase arguments (`replace_string_in_file {filePath, oldString, newString}`, `create_file`,
 * `multi_replace_string_in_file {replacements[]}`, `apply_patch {input}`, `run_in_terminal {command}`). Copilot CLI's
 * edit tools take `{path, old_str, new_str}` and `{path, file_text}`. No model in any of them.
 */
import type { HookPayload, HookPhase } from './types';
import { assemble, toolTable } from './assemble';
import { idField, own, pathField, resolvePhase, toolInputObject, type JsonObject } from './payloadFields';

const EVENTS = { pre: ['PreToolUse', 'preToolUse'], post: ['PostToolUse', 'postToolUse'] };

const TOOLS = toolTable(
  [
    'editFiles',
    'createFile',
    'create_file',
    'replace_string_in_file',
    'multi_replace_string_in_file',
    'insert_edit_into_file',
    'edit_notebook_file',
    'create_new_jupyter_notebook',
    'apply_patch',
    'edit',
    'create',
    'str_replace_editor',
    'write',
    'Edit',
    'Write',
    'MultiEdit',
    'NotebookEdit',
  ],
  [
    'run_in_terminal',
    'runInTerminal',
    'runCommands',
    'bash',
    'powershell',
    'shell',
    'Bash',
    'PowerShell',
    'write_bash',
  ],
  [
    'read_file',
    'readFile',
    'list_dir',
    'file_search',
    'grep_search',
    'semantic_search',
    'get_errors',
    'fetch_webpage',
    'get_changed_files',
    'list_code_usages',
    'test_search',
    'get_terminal_output',
    'manage_todo_list',
    'runSubagent',
    'search',
    'codebase',
    'usages',
    'problems',
    'fetch',
    'githubRepo',
    'view',
    'think',
    'grep',
    'rg',
    'glob',
    'web_fetch',
    'web_search',
    'ask_user',
    'update_todo',
    'task',
    'report_intent',
    'read_bash',
    'stop_bash',
    'list_bash',
    'Read',
    'Grep',
    'Glob',
    'WebFetch',
    'WebSearch',
    'AskUserQuestion',
    'TodoWrite',
    'Task',
    'Agent',
  ],
);

export function parseVscodePayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  const event = idField(obj, 'hookEventName', 'hook_event_name');
  return assemble(
    {
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
    },
    TOOLS,
  );
}

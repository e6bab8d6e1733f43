/**
 * Claude Code `PreToolUse` / `PostToolUse` hook input (code.claude.com/docs/en/hooks): `session_id`,
 * `transcript_path`, `cwd`, `permission_mode`, `hook_event_name`, `tool_name`, `tool_input`, `tool_use_id`, and after
 * the tool `tool_response`. Tool inputs: `Write {file_path, content}`, `Edit {file_path, old_string, new_string,
 * replace_all}`, `MultiEdit {file_path, edits[]}`, `NotebookEdit {notebook_path, ...}`, `Bash {command, ...}`.
 * The model is not in tool events: read it from the transcript (`modelFromClaudeTranscript`).
 */
import type { HookPayload, HookPhase } from './types';
import { assemble, toolTable } from './assemble';
import { idField, own, pathField, resolvePhase, toolInputObject, type JsonObject } from './payloadFields';

const EVENTS = { pre: ['PreToolUse'], post: ['PostToolUse', 'PostToolUseFailure'] };

const TOOLS = toolTable(
  ['Edit', 'MultiEdit', 'Write', 'NotebookEdit'],
  ['Bash'],
  ['Read', 'Glob', 'Grep', 'LS', 'NotebookRead', 'WebFetch', 'WebSearch', 'TodoWrite', 'Task', 'BashOutput', 'KillShell',
    'KillBash', 'ExitPlanMode', 'AskUserQuestion', 'Skill', 'SlashCommand', 'ListMcpResourcesTool', 'ReadMcpResourceTool'],
);

export function parseClaudePayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  const event = idField(obj, 'hook_event_name');
  return assemble({
    agent: 'claude',
    phase: resolvePhase('claude', event, EVENTS, phaseHint),
    event,
    sessionId: idField(obj, 'session_id'),
    model: idField(obj, 'model'),
    cwd: pathField(obj, 'cwd'),
    toolName: idField(obj, 'tool_name'),
    toolUseId: idField(obj, 'tool_use_id'),
    transcriptPath: pathField(obj, 'transcript_path'),
    input: toolInputObject(own(obj, 'tool_input')),
  }, TOOLS);
}

/**
 * Claude Code `PreToolUse` / `PostToolUse` hook input (code.claude.com/docs/en/hooks): `session_id`,
 * `transcript_path`, `cwd`, `permission_mode`, `hook_event_name`, `tool_name`, `tool_input`, `tool_use_id`, and after
 * the tool `tool_response`. Tool inputs: `Write {file_path, content}`, `Edit {file_path, old_string, new_string,
 * replace_all}`, `MultiEdit {file_path, edits[]}`, `NotebookEdit {notebook_path, ...}`, `Bash {command, ...}`.
 * The model is not in tool events: read it from the transcript (`modelFromClaudeTranscript`).
 */
import type { HookPayload, HookPhase } from './types';
import { toolTable } from './assemble';
import type { JsonObject } from './payloadFields';
import { parseSnakeCaseToolEvent } from './snakeCasePayload';

const EVENTS = { pre: ['PreToolUse'], post: ['PostToolUse', 'PostToolUseFailure'] };

const TOOLS = toolTable(
  ['Edit', 'MultiEdit', 'Write', 'NotebookEdit'],
  ['Bash'],
  [
    'Read',
    'Glob',
    'Grep',
    'LS',
    'NotebookRead',
    'WebFetch',
    'WebSearch',
    'TodoWrite',
    'Task',
    'BashOutput',
    'KillShell',
    'KillBash',
    'ExitPlanMode',
    'AskUserQuestion',
    'Skill',
    'SlashCommand',
    'ListMcpResourcesTool',
    'ReadMcpResourceTool',
  ],
);

export function parseClaudePayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  return parseSnakeCaseToolEvent('claude', obj, EVENTS, TOOLS, phaseHint);
}

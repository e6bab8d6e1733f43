/**
 * Cursor hooks (`.cursor/hooks.json` `{"version": 1, "hooks": {...}}`; cursor.com/docs/hooks). Every input carries
 * `conversation_id`, `generation_id`, `model`, `hook_event_name`, `cursor_version`, `workspace_roots[]`,
 * `user_email`, `transcript_path`. Event-specific fields:
 * - `afterFileEdit` / `afterTabFileEdit`: `file_path`, `edits[{old_string, new_string}]` (post only: there is no
 *   matching "before" event, so `edits` is what lets a caller rebuild the previous text);
 * - `beforeShellExecution` / `afterShellExecution`: `command`, `cwd`, (`output`, `duration` after);
 * - `preToolUse` / `postToolUse` / `postToolUseFailure`: `tool_name` (`Write`, `StrReplace`, `Delete`, `ApplyPatch`,
 *   `Shell`, `Read`, `Grep`, `Task`, `MCP:<name>`), `tool_input`, `tool_use_id`, `cwd`. `ApplyPatch` carries a
 *   `*** Begin Patch` envelope, in an object field or as the bare `tool_input` string;
 * - `beforeMCPExecution` / `afterMCPExecution`: `tool_name`, `tool_input` as a JSON *string*;
 * - `beforeReadFile`: `file_path`, `content` (a read: nothing to attribute).
 */
import type { HookPayload, HookPhase, ToolKind } from './types';
import { assemble, toolTable } from './assemble';
import {
  asObject,
  idField,
  own,
  pathField,
  pathValue,
  resolvePhase,
  toolInputObject,
  type JsonObject,
} from './payloadFields';

const EVENTS = {
  pre: ['preToolUse', 'beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile'],
  post: [
    'postToolUse',
    'postToolUseFailure',
    'afterFileEdit',
    'afterTabFileEdit',
    'afterShellExecution',
    'afterMCPExecution',
  ],
};

/** Events whose payload is the tool call itself, with a known kind. */
const EVENT_KINDS: Readonly<Record<string, ToolKind>> = {
  afterFileEdit: 'file-edit',
  afterTabFileEdit: 'file-edit',
  beforeShellExecution: 'shell',
  afterShellExecution: 'shell',
  beforeReadFile: 'other',
};

const TOOLS = toolTable(
  [
    'Write',
    'Edit',
    'StrReplace',
    'MultiEdit',
    'Delete',
    'ApplyPatch',
    'TabWrite',
    'EditNotebook',
    'edit_file',
    'search_replace',
    'delete_file',
  ],
  ['Shell', 'Terminal', 'run_terminal_cmd'],
  [
    'Read',
    'Grep',
    'Glob',
    'LS',
    'Task',
    'TabRead',
    'SemanticSearch',
    'WebSearch',
    'WebFetch',
    'TodoWrite',
    'ReadLints',
    'read_file',
    'codebase_search',
    'grep_search',
    'list_dir',
    'file_search',
    'web_search',
  ],
);

export function parseCursorPayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  const event = idField(obj, 'hook_event_name');
  const phase = resolvePhase('cursor', event, EVENTS, phaseHint);
  const eventKind = event !== undefined ? EVENT_KINDS[event] : undefined;
  return assemble(
    {
      agent: 'cursor',
      phase,
      event,
      sessionId: idField(obj, 'conversation_id', 'session_id'),
      model: idField(obj, 'model', 'model_id'),
      cwd: pathField(obj, 'cwd') ?? firstWorkspaceRoot(obj),
      toolName: idField(obj, 'tool_name'),
      toolUseId: idField(obj, 'tool_use_id'),
      transcriptPath: pathField(obj, 'transcript_path'),
      // File-edit and shell events carry their arguments at top level; tool events nest them in `tool_input`.
      input: eventKind !== undefined ? obj : toolInputObject(own(obj, 'tool_input')),
      kind: eventKind,
    },
    TOOLS,
  );
}

function firstWorkspaceRoot(obj: JsonObject): string | undefined {
  const roots = own(obj, 'workspace_roots');
  if (!Array.isArray(roots) || roots.length === 0) return undefined;
  return pathValue(roots[0]) ?? pathField(asObject(roots[0]), 'path');
}

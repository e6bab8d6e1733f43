/**
 * The part every agent parser shares: classify the tool, gather its paths and reported edits, and build a
 * `HookPayload` without `undefined`-valued keys (records stay minimal and compare equal).
 */
import type { HookPayload, ToolKind } from './types';
import { own, PathSet, type JsonObject } from './payloadFields';
import { collectEdits, collectPatchPaths, collectToolPaths } from './toolPaths';

/** Tool names per kind for one agent. Names not listed are judged by their input (paths => file edit). */
export interface ToolTable {
  readonly edit: ReadonlySet<string>;
  readonly shell: ReadonlySet<string>;
  readonly readOnly: ReadonlySet<string>;
}

/** What a parser read from a payload, before paths and kind are worked out: the payload's fields plus the tool input. */
export type ToolCall = Omit<HookPayload, 'files' | 'kind' | 'edits'> & {
  /** The tool's arguments (Claude `tool_input`; the whole payload for Cursor's `afterFileEdit`). */
  readonly input?: JsonObject;
  /** Set when the event itself says what happened (Cursor `afterFileEdit`, `beforeShellExecution`). */
  readonly kind?: ToolKind;
};

/**
 * Shell tools under the names any agent gives them, compared case-insensitively: one harness reports `Bash` where
 * another says `bash`, `shell` or `powershell` for the same call. A shell tool names no files, so a name missing here
 * would cost the whole capture (nothing snapshotted).
 */
const SHELL_NAMES = new Set([
  'bash',
  'sh',
  'zsh',
  'shell',
  'powershell',
  'pwsh',
  'terminal',
  'run_in_terminal',
  'runinterminal',
  'runcommands',
  'run_shell_command',
  'shell_command',
  'run_command',
  'execute_command',
  'executecommand',
  'exec_command',
  'local_shell',
  'unified_exec',
  'container.exec',
  'run_terminal_cmd',
  'write_bash',
  'execute_bash',
  'bash_exec',
]);

function isShellToolName(toolName: string): boolean {
  return SHELL_NAMES.has(toolName.toLowerCase());
}

function classifyTool(toolName: string | undefined, table: ToolTable, input: JsonObject | undefined): ToolKind {
  if (toolName !== undefined) {
    if (table.edit.has(toolName)) return 'file-edit';
    if (table.shell.has(toolName) || isShellToolName(toolName)) return 'shell';
    if (table.readOnly.has(toolName)) return 'other';
  }
  // Unknown tools (MCP, new built-ins) that name paths are treated as edits: the before/after diff decides what, if
  // anything, the agent wrote, so a read-only tool classified this way costs a snapshot and attributes nothing.
  const paths = new PathSet();
  collectToolPaths(input, paths);
  return paths.values().length > 0 ? 'file-edit' : 'other';
}

export function assemble(call: ToolCall, table: ToolTable): HookPayload {
  let kind = call.kind ?? classifyTool(call.toolName, table, call.input);
  const files = new PathSet();
  if (kind === 'file-edit') {
    collectToolPaths(call.input, files);
  } else if (kind === 'shell') {
    // A shell command that is really a patch (`apply_patch <<'EOF' ... EOF`, as Codex models often send) edits the
    // files it names; any other command may write anywhere, so it names none.
    const command = own(call.input, 'command');
    if (typeof command === 'string') collectPatchPaths(command, files);
    if (files.values().length > 0) kind = 'file-edit';
  }
  const edits = kind === 'file-edit' ? collectEdits(call.input) : undefined;
  const payload: Record<string, unknown> = { agent: call.agent, phase: call.phase };
  for (const key of ['event', 'sessionId', 'model', 'cwd', 'toolName', 'toolUseId'] as const) {
    if (call[key] !== undefined) payload[key] = call[key];
  }
  payload.files = files.values();
  payload.kind = kind;
  if (call.transcriptPath !== undefined) payload.transcriptPath = call.transcriptPath;
  if (edits !== undefined) payload.edits = edits;
  return payload as unknown as HookPayload;
}

export function toolTable(edit: readonly string[], shell: readonly string[], readOnly: readonly string[]): ToolTable {
  return { edit: new Set(edit), shell: new Set(shell), readOnly: new Set(readOnly) };
}

/**
 * Cline hooks (docs.cline.bot/customization/hooks; cline/cline `.clinerules/hooks/README.md`, `proto/cline/hooks.proto`,
 * `src/sdk/hooks-adapter.ts`): one executable script per event, named after it (`PreToolUse`, `PostToolUse`; on
 * Windows `PreToolUse.ps1`), in `.clinerules/hooks/` (workspace) or `~/Documents/Cline/Hooks/` (global). Stdin:
 * `{clineVersion, hookName, timestamp, taskId, workspaceRoots[], userId, model {provider, slug}, preToolUse {toolName,
 * parameters} | postToolUse {toolName, parameters, result, success, executionTimeMs}}`, with every parameter as a
 * string. Tools: `write_to_file {path, content}`, `replace_in_file {path, diff}`, `apply_patch {input}`, the SDK's
 * `editor {path, old_text, new_text, insert_line}`, and `execute_command {command}` / `run_commands {commands}`.
 * The answer is `{"cancel": false}` (empty output also continues). No tool use id.
 */
import type { HookPayload, HookPhase } from './types';
import { assemble, toolTable } from './assemble';
import { asObject, idField, own, pathValue, resolvePhase, toolInputObject, type JsonObject } from './payloadFields';

const EVENTS = { pre: ['PreToolUse'], post: ['PostToolUse'] };

const TOOLS = toolTable(
  ['write_to_file', 'replace_in_file', 'apply_patch', 'editor', 'new_rule'],
  ['execute_command', 'run_commands'],
  [
    'read_file',
    'read_files',
    'search_files',
    'search_codebase',
    'list_files',
    'list_code_definition_names',
    'browser_action',
    'web_fetch',
    'fetch_web_content',
    'web_search',
    'ask_followup_question',
    'ask_question',
    'attempt_completion',
    'plan_mode_respond',
    'act_mode_respond',
    'focus_chain',
    'load_mcp_documentation',
    'access_mcp_resource',
    'use_skill',
    'skills',
  ],
);

export function parseClinePayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  const event = idField(obj, 'hookName');
  const phase = resolvePhase('cline', event, EVENTS, phaseHint);
  const data = clineToolData(obj);
  const model = asObject(own(obj, 'model'));
  const slug = idField(model, 'slug');
  const provider = idField(model, 'provider');
  const roots = own(obj, 'workspaceRoots');
  return assemble(
    {
      agent: 'cline',
      phase,
      event,
      sessionId: idField(obj, 'taskId'),
      model: slug === undefined ? undefined : provider === undefined ? slug : `${provider}/${slug}`,
      cwd: Array.isArray(roots) ? pathValue(roots[0]) : undefined,
      toolName: idField(data, 'toolName'),
      input: toolInputObject(own(data, 'parameters')),
    },
    TOOLS,
  );
}

/** The `preToolUse` / `postToolUse` part of a Cline hook input. */
export function clineToolData(obj: JsonObject | undefined): JsonObject | undefined {
  return asObject(own(obj, 'preToolUse')) ?? asObject(own(obj, 'postToolUse'));
}

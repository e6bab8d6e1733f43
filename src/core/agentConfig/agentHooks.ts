/**
 * One entry point per operation for every agent's hook config: which events run our `pre`/`post` hook, with which
 * matcher and handler fields. Formats checked against each agent's documentation (see README.md for sources).
 */
import type { AgentId } from '../agents/types';
import { inspectCodexHooks, installCodexHooks, uninstallCodexHooks } from './codexToml';
import { inspectJsonHooks, installJsonHooks, uninstallJsonHooks, type JsonHookLayout } from './jsonHooks';
import { isPlainObject } from './jsonText';
import type { ConfigEdit, HookCommands, HookInspection } from './types';

/**
 * Claude Code: the edit tools and Bash (shell commands can write files too). `MultiEdit` is retired; the hook still
 * reads its payloads (older Claude Code, hand-written entries) but the matcher no longer names it.
 */
export const CLAUDE_MATCHER = 'Edit|Write|NotebookEdit|Bash';
/**
 * Gemini CLI: its file-writing tools and the shell. Gemini tests matchers as unanchored regular expressions, so the
 * alternation is anchored: `edit` alone would match every tool whose name contains it (MCP tools included).
 */
export const GEMINI_MATCHER = '^(write_file|replace|run_shell_command)$';
/** Factory Droid: its file tools and its shell tool. */
export const DROID_MATCHER = 'Create|Edit|MultiEdit|ApplyPatch|Execute';
export const HOOK_TIMEOUT_SECONDS = 30;

const JSON_LAYOUTS: Readonly<Record<Exclude<AgentId, 'codex'>, JsonHookLayout>> = {
  claude: {
    events: { pre: ['PreToolUse'], post: ['PostToolUse'] },
    matcher: CLAUDE_MATCHER,
    handler: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }),
    warnings: (root) => (root.disableAllHooks === true ? ['disableAllHooks is true: Claude Code runs no hooks'] : []),
    disabled: (root) => root.disableAllHooks === true,
  },
  vscode: {
    // GitHub Copilot's own format (Copilot CLI, the cloud agent, VS Code's Copilot harness): version 1, camelCase
    // events, `bash` for Unix and `powershell` for Windows, `command` as the fallback older VS Code harnesses read.
    // No matcher: the hook returns at once for tools that write nothing. PascalCase entries are what earlier versions
    // of AI Provenance wrote in this file: they are replaced.
    events: { pre: ['preToolUse'], post: ['postToolUse'] },
    legacyEvents: ['PreToolUse', 'PostToolUse'],
    handler: (command, powershell) => ({
      type: 'command',
      bash: command,
      ...(powershell !== undefined ? { powershell } : {}),
      command,
      timeoutSec: HOOK_TIMEOUT_SECONDS,
    }),
    required: { version: 1 },
  },
  cursor: {
    // preToolUse/postToolUse (Write, StrReplace, Delete, ApplyPatch, Shell, with tool_use_id) on current Cursor;
    // afterFileEdit for older Cursor, which has no tool events (it rebuilds the old text from the edits it reports;
    // on current Cursor, where both events report one edit, whichever comes second finds the call recorded and adds
    // nothing: see oneCallTwoEvents in src/git/agents/agentRecord.ts).
    events: { pre: ['preToolUse'], post: ['postToolUse', 'afterFileEdit'] },
    legacyEvents: ['beforeShellExecution', 'afterShellExecution'],
    handler: (command) => ({ command }),
    required: { version: 1 },
  },
  gemini: {
    events: { pre: ['BeforeTool'], post: ['AfterTool'] },
    matcher: GEMINI_MATCHER,
    // Gemini's timeout is in milliseconds.
    handler: (command) => ({ name: 'ai-provenance', type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS * 1000 }),
    warnings: (root) => {
      const config = root.hooksConfig;
      if (!isPlainObject(config)) return [];
      if (config.enabled === false) return ['hooksConfig.enabled is false: Gemini CLI runs no hooks'];
      const disabled = Array.isArray(config.disabled) ? config.disabled : [];
      return disabled.includes('ai-provenance')
        ? ['hooksConfig.disabled lists "ai-provenance": Gemini CLI skips our hooks']
        : [];
    },
    disabled: (root) => {
      const config = root.hooksConfig;
      return (
        isPlainObject(config) &&
        (config.enabled === false || (Array.isArray(config.disabled) && config.disabled.includes('ai-provenance')))
      );
    },
  },
  windsurf: {
    // Cascade's hooks.json: a flat list per action; `show_output` stays off (nothing to show).
    events: { pre: ['pre_write_code', 'pre_run_command'], post: ['post_write_code', 'post_run_command'] },
    handler: (command) => ({ command }),
  },
  droid: {
    events: { pre: ['PreToolUse'], post: ['PostToolUse'] },
    matcher: DROID_MATCHER,
    handler: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }),
  },
};

/** `text` (undefined: no file yet) with our hooks for `agent` added or updated; other hooks are kept as they are. */
export function installAgentHooks(
  agent: AgentId,
  text: string | undefined,
  commands: HookCommands,
  label: string,
): ConfigEdit {
  return agent === 'codex'
    ? installCodexHooks(text, commands, label)
    : installJsonHooks(JSON_LAYOUTS[agent], text, commands, label);
}

/** `text` without our hooks for `agent`. */
export function uninstallAgentHooks(agent: AgentId, text: string, label: string): ConfigEdit {
  return agent === 'codex' ? uninstallCodexHooks(text, label) : uninstallJsonHooks(JSON_LAYOUTS[agent], text, label);
}

export function inspectAgentHooks(agent: AgentId, text: string | undefined, label: string): HookInspection {
  return agent === 'codex' ? inspectCodexHooks(text, label) : inspectJsonHooks(JSON_LAYOUTS[agent], text, label);
}

/**
 * One entry point per operation for every agent's hook config: which events run our `pre`/`post` hook, with which
 * matcher and handler fields. Formats checked against each agent's documentation (see README.md for sources).
 */
import type { AgentId } from '../agents/types';
import { inspectCodexHooks, installCodexHooks, uninstallCodexHooks } from './codexToml';
import { inspectJsonHooks, installJsonHooks, uninstallJsonHooks, type JsonHookLayout } from './jsonHooks';
import { isPlainObject } from './jsonText';
import type { ConfigEdit, HookCommands, HookInspection } from './types';

/** Claude Code: the edit tools and Bash (shell commands can write files too). */
export const CLAUDE_MATCHER = 'Edit|MultiEdit|Write|NotebookEdit|Bash';
/** Gemini CLI: its file-writing tools and the shell. */
export const GEMINI_MATCHER = 'write_file|replace|edit|smart_edit|run_shell_command';
export const HOOK_TIMEOUT_SECONDS = 30;

const JSON_LAYOUTS: Readonly<Record<Exclude<AgentId, 'codex'>, JsonHookLayout>> = {
  claude: {
    events: { pre: ['PreToolUse'], post: ['PostToolUse'] },
    matcher: CLAUDE_MATCHER,
    handler: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }),
    warnings: (root) => (root.disableAllHooks === true ? ['disableAllHooks is true: Claude Code runs no hooks'] : []),
  },
  vscode: {
    // VS Code runs every handler of an event for every tool (no matchers); the hook returns at once for reads.
    events: { pre: ['PreToolUse'], post: ['PostToolUse'] },
    handler: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }),
  },
  cursor: {
    // afterFileEdit has no "before" event: the hook rebuilds the old text from the edits it reports.
    events: { pre: ['beforeShellExecution'], post: ['afterFileEdit', 'afterShellExecution'] },
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
      return isPlainObject(config) && config.enabled === false ? ['hooksConfig.enabled is false: Gemini CLI runs no hooks'] : [];
    },
  },
};

/** `text` (undefined: no file yet) with our hooks for `agent` added or updated; other hooks are kept as they are. */
export function installAgentHooks(agent: AgentId, text: string | undefined, commands: HookCommands, label: string): ConfigEdit {
  return agent === 'codex' ? installCodexHooks(text, commands, label) : installJsonHooks(JSON_LAYOUTS[agent], text, commands, label);
}

/** `text` without our hooks for `agent`. */
export function uninstallAgentHooks(agent: AgentId, text: string, label: string): ConfigEdit {
  return agent === 'codex' ? uninstallCodexHooks(text, label) : uninstallJsonHooks(JSON_LAYOUTS[agent], text, label);
}

export function inspectAgentHooks(agent: AgentId, text: string | undefined, label: string): HookInspection {
  return agent === 'codex' ? inspectCodexHooks(text, label) : inspectJsonHooks(JSON_LAYOUTS[agent], text, label);
}

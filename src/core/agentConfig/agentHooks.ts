/**
 * One entry point per operation for every agent's hook config: which events run our `pre`/`post` hook, with which
 * matcher and handler fields. Formats checked against each agent's documentation (see README.md for sources).
 */
import { inspectCodexHooks, installCodexHooks, uninstallCodexHooks } from './codexToml';
import { inspectJsonHooks, installJsonHooks, uninstallJsonHooks, type JsonHookLayout } from './jsonHooks';
import { isPlainObject } from './jsonText';
import { inspectKiroHookFile, installKiroHookFile, uninstallKiroHookFile } from './kiroHookFile';
import { inspectOwnedFile, installOwnedFile, isOwnedFormat, uninstallOwnedFile, type OwnedFormat } from './ownedFiles';
import type { ConfigEdit, HookCommands, HookInspection } from './types';

/**
 * How one hook config file is written. Most agents have one file whose format is named after the agent; Kiro has a
 * CLI hook file and two IDE hook files, Cline one script per event, OpenCode a plugin module (configFiles.ts).
 */
export type ConfigFormat = JsonFormat | 'codex' | 'kiro-cli' | OwnedFormat;
type JsonFormat = 'claude' | 'vscode' | 'cursor' | 'gemini' | 'windsurf' | 'droid' | 'amazonq';

/**
 * Claude Code: the edit tools and Bash (shell commands can write files too). `MultiEdit` is retired; the hook still
 * reads its payloads (older Claude Code, hand-written entries) but the matcher no longer names it.
 */
const CLAUDE_MATCHER = 'Edit|Write|NotebookEdit|Bash';
/**
 * Gemini CLI: its file-writing tools and the shell. Gemini tests matchers as unanchored regular expressions, so the
 * alternation is anchored: `edit` alone would match every tool whose name contains it (MCP tools included).
 */
const GEMINI_MATCHER = '^(write_file|replace|run_shell_command)$';
/** Factory Droid: its file tools and its shell tool. */
const DROID_MATCHER = 'Create|Edit|MultiEdit|ApplyPatch|Execute';
/** Amazon Q Developer CLI: one glob per hook (`hook_matches_tool`), so one entry per tool: its file tool and its shell. */
const AMAZONQ_MATCHERS = ['fs_write', 'execute_bash'] as const;
const HOOK_TIMEOUT_SECONDS = 30;

const JSON_LAYOUTS: Readonly<Record<JsonFormat, JsonHookLayout>> = {
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
  amazonq: {
    // Hooks run only for the agent in use, and the built-in default agent has no file: we write our own agent,
    // `ai-provenance`, equal to the built-in default (aws/amazon-q-developer-cli docs/default-agent-behavior.md)
    // plus our hooks; `q chat --agent ai-provenance` or `q settings chat.defaultAgent ai-provenance` selects it.
    events: { pre: ['preToolUse'], post: ['postToolUse'] },
    perMatcher: AMAZONQ_MATCHERS,
    warnings: () => [
      'Amazon Q runs these hooks only in its agent "ai-provenance": start `q chat --agent ai-provenance`, or make it the default with `q settings chat.defaultAgent ai-provenance`',
    ],
    handler: (command, _powershell, matcher) => ({ command, matcher, timeout_ms: HOOK_TIMEOUT_SECONDS * 1000 }),
    created: {
      name: 'ai-provenance',
      description: "Amazon Q's default agent with AI Provenance's hooks (written by `ai-provenance agents install`)",
      tools: ['*'],
      allowedTools: ['fs_read'],
      resources: ['file://AmazonQ.md', 'file://README.md', 'file://.amazonq/rules/**/*.md'],
      useLegacyMcpJson: true,
    },
  },
};

/** `text` (undefined: no file yet) with our hooks added or updated; other hooks are kept as they are. */
export function installAgentHooks(
  format: ConfigFormat,
  text: string | undefined,
  commands: HookCommands,
  label: string,
): ConfigEdit {
  if (format === 'codex') return installCodexHooks(text, commands, label);
  if (format === 'kiro-cli') return installKiroHookFile(text, commands, label);
  if (isOwnedFormat(format)) return installOwnedFile(format, text, commands, label);
  return installJsonHooks(JSON_LAYOUTS[format], text, commands, label);
}

/** `text` without our hooks (`remove`: the whole file was ours). */
export function uninstallAgentHooks(format: ConfigFormat, text: string, label: string): ConfigEdit {
  if (format === 'codex') return uninstallCodexHooks(text, label);
  if (format === 'kiro-cli') return uninstallKiroHookFile(text, label);
  if (isOwnedFormat(format)) return uninstallOwnedFile(format, text);
  return uninstallJsonHooks(JSON_LAYOUTS[format], text, label);
}

export function inspectAgentHooks(format: ConfigFormat, text: string | undefined, label: string): HookInspection {
  if (format === 'codex') return inspectCodexHooks(text, label);
  if (format === 'kiro-cli') return inspectKiroHookFile(text, label);
  if (isOwnedFormat(format)) return inspectOwnedFile(format, text);
  return inspectJsonHooks(JSON_LAYOUTS[format], text, label);
}

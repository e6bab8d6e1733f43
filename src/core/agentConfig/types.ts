/**
 * Shapes shared by the per-agent hook-config editors. Every editor is pure text in, text out: the caller reads and
 * writes the file, keeps backups and decides where the file lives.
 */
import type { AgentId, HookPhase } from '../agents/types';

/** A config file we will not edit: unparsable, or shaped so that adding our hooks would change its meaning. */
export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

/** The full shell command line an agent runs for each phase, e.g. `'/repo/.git/ai-provenance/bin/ai-provenance' hook claude pre`. */
export type HookCommands = Readonly<Record<HookPhase, string>>;

export interface ConfigEdit {
  /** The new file text; equal to the input when nothing changed. */
  readonly text: string;
  readonly changed: boolean;
  /** Things the user should know (a feature flag we could not turn on...). */
  readonly warnings: readonly string[];
}

export interface HookInspection {
  /** Our hook runs before tool calls (for Cursor: before shell commands). */
  readonly pre: boolean;
  /** Our hook runs after tool calls / file edits. */
  readonly post: boolean;
  /** The hook commands of ours found, as written. */
  readonly commands: readonly string[];
  readonly warnings: readonly string[];
}

// `…/ai-provenance' hook claude pre`, `npx ai-provenance hook codex post`: the CLI name, then `hook <agent>`.
const OUR_COMMAND = /(?:^|[\s'"/\\])ai-provenance(?:\.cmd|\.js)?['"]?\s+hook\s+(claude|vscode|cursor|codex|gemini)(?=\s|$|['"])/;

/** The agent a hook command runs `ai-provenance hook` for, or undefined when the command is not ours. */
export function ourHookAgent(command: unknown): AgentId | undefined {
  if (typeof command !== 'string') return undefined;
  const match = OUR_COMMAND.exec(command);
  return match === null ? undefined : (match[1] as AgentId);
}

/** Whether `command` runs `ai-provenance hook` (for any agent). */
export function isOurHookCommand(command: unknown): boolean {
  return ourHookAgent(command) !== undefined;
}

/** POSIX shell single-quoting: safe for any path, including ones with spaces, quotes or `$`. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new AgentConfigError('a path in a hook command cannot contain NUL');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The hook command lines for `agent` given the launcher path. */
export function hookCommandsFor(launcher: string, agent: AgentId): HookCommands {
  const quoted = shellQuote(launcher);
  return { pre: `${quoted} hook ${agent} pre`, post: `${quoted} hook ${agent} post` };
}

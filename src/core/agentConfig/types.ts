/**
 * Shapes shared by the per-agent hook-config editors. Every editor is pure text in, text out: the caller reads and
 * writes the file, keeps backups and decides where the file lives.
 */
import { AGENT_IDS, type AgentId, type HookPhase } from '../agents/types';

/** A config file we will not edit: unparsable, or shaped so that adding our hooks would change its meaning. */
export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

/**
 * The command lines an agent runs for each phase. `pre`/`post` are POSIX sh (every agent on Linux and macOS, and the
 * ones that run hooks through sh/Git Bash on Windows); `powershell` is the entry for agents that run hooks through
 * PowerShell on Windows (Copilot's `powershell` field), when the caller has one.
 */
export interface HookCommands {
  readonly pre: string;
  readonly post: string;
  readonly powershell?: Readonly<Record<HookPhase, string>>;
}

export interface ConfigEdit {
  /** The new file text; equal to the input when nothing changed. */
  readonly text: string;
  readonly changed: boolean;
  /** Things the user should know (a feature flag we could not turn on...). */
  readonly warnings: readonly string[];
  /** The file is ours as a whole and goes away (uninstall of a Cline script, a Kiro IDE hook, the OpenCode plugin). */
  readonly remove?: boolean;
}

export interface HookInspection {
  /** Our hook runs before tool calls (for Cursor: before shell commands). */
  readonly pre: boolean;
  /** Our hook runs after tool calls / file edits. */
  readonly post: boolean;
  /** The hook commands of ours found, as written. */
  readonly commands: readonly string[];
  readonly warnings: readonly string[];
  /** The agent's own settings switch our hooks off (Gemini `hooksConfig`, Claude `disableAllHooks`). */
  readonly disabled?: boolean;
}

const AGENT = `(${AGENT_IDS.join('|')})`;
// `…/ai-provenance' hook claude pre`, `npx ai-provenance hook codex post`: the CLI name, then `hook <agent>`.
const OUR_COMMAND = new RegExp(
  String.raw`(?:^|[\s'"/\\])ai-provenance(?:\.cmd|\.js|\.ps1)?['"]?\s+hook\s+${AGENT}(?=\s|$|['"])`,
);
// The run-time forms of `projectHookCommandsFor` (sh and PowerShell): the launcher found with `git rev-parse`.
const OUR_RUNTIME_COMMAND = new RegExp(
  String.raw`(?:--git-path ai-provenance\/bin\/ai-provenance(?:\.ps1)?\b|^\$l = '[^;]*[/\\]ai-provenance\.ps1';)[^;]*;?[^;]*(?:exec "\$l"|& \$l) hook ${AGENT}(?=\s|$)`,
);

/** The agent a hook command runs `ai-provenance hook` for, or undefined when the command is not ours. */
export function ourHookAgent(command: unknown): AgentId | undefined {
  if (typeof command !== 'string') return undefined;
  const match = OUR_COMMAND.exec(command) ?? OUR_RUNTIME_COMMAND.exec(command);
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

/**
 * User scope: the launcher in `~/.ai-provenance` by its path, guarded like the project form, so a launcher removed by
 * hand costs the agent nothing (Copilot denies a tool call whose preToolUse command fails).
 */
export function userHookCommandsFor(
  launcher: string,
  agent: AgentId,
  noop: Readonly<Record<HookPhase, string>>,
): HookCommands {
  const quoted = shellQuote(launcher);
  const sh = (phase: HookPhase): string =>
    `[ -x ${quoted} ] && exec ${quoted} hook ${agent} ${phase}; ${noopTail(noop[phase])}`;
  const twin = `'${`${launcher}.ps1`.replace(/'/g, "''")}'`;
  const ps = (phase: HookPhase): string =>
    `$l = ${twin}; if (Test-Path -LiteralPath $l) { $input | & $l hook ${agent} ${phase}; exit 0 }; ${psNoopTail(noop[phase])}`;
  return { pre: sh('pre'), post: sh('post'), powershell: { pre: ps('pre'), post: ps('post') } };
}

/** What a command does when the launcher is not there: drain stdin, print the agent's no-op answer, exit 0. */
function noopTail(answer: string): string {
  const text = answer.trim();
  return text === '' ? 'cat >/dev/null 2>&1; exit 0' : `cat >/dev/null 2>&1; echo ${shellQuote(text)}`;
}

function psNoopTail(answer: string): string {
  const text = answer.trim();
  return text === '' ? '$null = @($input); exit 0' : `$null = @($input); '${text.replace(/'/g, "''")}'; exit 0`;
}

/** Where the launcher sits inside a repository's git dir, as `git rev-parse --git-path` takes it. */
const LAUNCHER_GIT_PATH = 'ai-provenance/bin/ai-provenance';

/**
 * Project scope: command lines that name no path of this machine, so a committed hook file works in every clone.
 * The launcher is found at run time in the clone's own git dir; where it is missing (a clone without AI Provenance,
 * a directory outside git) the command drains stdin, prints what a no-op hook of `agent` prints (`noop`, from
 * `hookResponse`) and exits 0, at the cost of one `git rev-parse`.
 */
export function projectHookCommandsFor(agent: AgentId, noop: Readonly<Record<HookPhase, string>>): HookCommands {
  const sh = (phase: HookPhase): string =>
    `l="$(git rev-parse --git-path ${LAUNCHER_GIT_PATH} 2>/dev/null)" && [ -x "$l" ] && exec "$l" hook ${agent} ${phase}; ${noopTail(noop[phase])}`;
  // PowerShell: the launcher's .ps1 twin (src/git/agents/launcher.ts); the same no-op when it is absent.
  const ps = (phase: HookPhase): string =>
    `$l = git rev-parse --git-path ${LAUNCHER_GIT_PATH}.ps1 2>$null; if ($l -and (Test-Path -LiteralPath $l)) { $input | & $l hook ${agent} ${phase}; exit 0 }; ${psNoopTail(noop[phase])}`;
  return { pre: sh('pre'), post: sh('post'), powershell: { pre: ps('pre'), post: ps('post') } };
}

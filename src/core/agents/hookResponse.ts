/**
 * What a provenance hook prints on stdout (with exit code 0) so the agent carries on exactly as if no hook ran.
 * Checked against each agent's documentation and, where the docs are silent, its source:
 *
 * - claude: nothing. Exit 0 with empty stdout proceeds with the normal permission flow (code.claude.com/docs/en/hooks,
 *   "JSON output" is optional). Printing `permissionDecision: "allow"` would skip the user's approval prompt.
 * - vscode: nothing. The docs say exit 0 parses stdout as JSON; the implementation (copilot-chat NodeHookExecutor,
 *   test "returns empty string for no output") treats empty stdout as success with no output.
 * - codex: nothing. codex-rs/hooks/src/events/pre_tool_use.rs ignores empty trimmed stdout on exit 0; the output
 *   schema defaults `continue` to true and every decision to null.
 * - cursor: `{}`. cursor.com/docs/hooks: command hooks "return JSON output via stdout"; invalid JSON is a hook failure,
 *   allowed through by default but *blocking* when the hook is configured with `failClosed: true`. `{}` sets no
 *   field; `permission: "allow"` would auto-approve commands that should ask the user.
 * - windsurf: nothing. docs.windsurf.com/windsurf/cascade/hooks: exit 0 lets the action proceed, only exit 2 blocks.
 * - droid: nothing, as Claude Code (docs.factory.ai/reference/hooks-reference: exit 0 continues).
 * - cline: `{"cancel":false}`. docs.cline.bot/customization/hooks: hooks return `{cancel, contextModification?,
 *   errorMessage?}`; cline `hook-factory.ts` accepts empty stdout on exit 0 but logs a warning for it.
 * - kiro, amazonq: nothing. kiro.dev/docs/cli/hooks (and Amazon Q's docs/hooks.md): exit 0 lets the tool run, stdout
 *   is captured but not shown; only exit 2 blocks a preToolUse.
 * - opencode: nothing; our plugin ignores the command's output.
 * - gemini: `{}`. geminicli.com/docs/hooks/reference: exit 0 parses stdout as JSON and "must not print any plain text
 *   to stdout other than the final JSON"; the writing-hooks guide's no-op hook prints `{}`.
 */
import type { AgentId, HookPhase } from './types';

const JSON_NOOP = '{}\n';
// Cline's documented answer (`cancel` false: the tool runs; empty output is accepted too, with a warning in its log).
const CLINE_CONTINUE = '{"cancel":false}\n';

const RESPONSES: Readonly<Record<AgentId, Readonly<Record<HookPhase, string>>>> = {
  claude: { pre: '', post: '' },
  vscode: { pre: '', post: '' },
  codex: { pre: '', post: '' },
  cursor: { pre: JSON_NOOP, post: JSON_NOOP },
  gemini: { pre: JSON_NOOP, post: JSON_NOOP },
  windsurf: { pre: '', post: '' },
  droid: { pre: '', post: '' },
  cline: { pre: CLINE_CONTINUE, post: CLINE_CONTINUE },
  kiro: { pre: '', post: '' },
  amazonq: { pre: '', post: '' },
  opencode: { pre: '', post: '' },
};

/** The exact stdout for a hook of `agent` in `phase` that must not change what the agent does. */
export function hookResponse(agent: AgentId, phase: HookPhase): string {
  const byPhase = Object.prototype.hasOwnProperty.call(RESPONSES, agent) ? RESPONSES[agent] : undefined;
  if (byPhase === undefined) throw new Error(`unknown agent ${JSON.stringify(String(agent)).slice(0, 40)}`);
  if (phase !== 'pre' && phase !== 'post')
    throw new Error(`unknown hook phase ${JSON.stringify(String(phase)).slice(0, 40)}`);
  return byPhase[phase];
}

/** The agents whose no-op answer is `{}` (the launcher prints it when it cannot run the hook at all). */
export function agentsAnsweringJson(): AgentId[] {
  return (Object.keys(RESPONSES) as AgentId[]).filter((agent) => RESPONSES[agent].pre === JSON_NOOP);
}

/**
 * One agent hook call as the agent sees it (`ai-provenance hook <agent> [pre|post]`, run by the CLI or by the hook
 * server): the hook JSON in, exactly what the agent expects from a hook that changes nothing out. Never throws.
 */
import { hookResponse } from '../../core/agents/hookResponse';
import { isAgentId } from '../../core/agents/payloads';
import { AGENT_IDS, type HookPhase } from '../../core/agents/types';
import { runAgentHook } from './agentHook';

export interface AgentHookCall {
  readonly args: readonly string[];
  readonly stdin: () => Promise<string>;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** What to print on stdout and stderr; the exit code is always 0 (a provenance hook never fails the agent). */
export async function callAgentHook(call: AgentHookCall): Promise<{ out: string; err: string }> {
  const [agent, phaseArg] = call.args;
  if (!isAgentId(agent)) {
    // Still exit 0: a hook misconfigured by hand must not block the agent.
    return {
      out: '',
      err: `ai-provenance hook: unknown agent ${JSON.stringify(String(agent ?? '')).slice(0, 40)}; expected ${AGENT_IDS.join(', ')}\n`,
    };
  }
  const phaseHint: HookPhase | undefined = phaseArg === 'pre' || phaseArg === 'post' ? phaseArg : undefined;
  let phase: HookPhase = phaseHint ?? 'post';
  try {
    const stdin = await call.stdin().catch(() => '');
    phase = (await runAgentHook({ agent, phaseHint, stdin, cwd: call.cwd, env: call.env })).phase;
  } catch {
    // runAgentHook logs and never throws; this is the last line of defence.
  }
  return { out: hookResponse(agent, phase), err: '' };
}

/**
 * `ai-provenance hook <agent> [pre|post]`: what external agents' hooks run around each tool call. Reads the hook JSON
 * on stdin and records what the agent wrote (src/git/agents/agentHook.ts). It never fails the agent: whatever
 * happens it exits 0 and prints exactly what the agent expects from a hook that changes nothing.
 */
import { hookResponse } from '../../core/agents/hookResponse';
import { isAgentId } from '../../core/agents/payloads';
import { AGENT_IDS, type HookPhase } from '../../core/agents/types';
import { runAgentHook } from '../../git/agents/agentHook';
import type { CliCommand } from '../command';

export const hookCommand: CliCommand = {
  name: 'hook',
  usage: [
    `usage: ai-provenance hook <${AGENT_IDS.join('|')}> [pre|post]`,
    '',
    'Reads the agent\'s hook JSON on stdin. pre: snapshot the files the tool may change; post: attribute exactly the',
    'characters it inserted. Always exits 0; problems go to <git dir>/ai-provenance/log.txt.',
    'Installed for you by `ai-provenance agents install`.',
  ].join('\n'),
  async run(args, io) {
    const [agent, phaseArg] = args;
    if (!isAgentId(agent)) {
      // Still exit 0: a hook misconfigured by hand must not block the agent.
      io.err(`ai-provenance hook: unknown agent ${JSON.stringify(String(agent ?? '')).slice(0, 40)}; expected ${AGENT_IDS.join(', ')}\n`);
      return 0;
    }
    const phaseHint: HookPhase | undefined = phaseArg === 'pre' || phaseArg === 'post' ? phaseArg : undefined;
    let phase: HookPhase = phaseHint ?? 'post';
    try {
      const stdin = await io.stdin().catch(() => '');
      phase = (await runAgentHook({ agent, phaseHint, stdin, cwd: io.cwd, env: io.env })).phase;
    } catch {
      // runAgentHook logs and never throws; this is the last line of defence.
    }
    io.out(hookResponse(agent, phase));
    return 0;
  },
};

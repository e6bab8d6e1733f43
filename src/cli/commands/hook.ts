/**
 * `ai-provenance hook <agent> [pre|post]`: what external agents' hooks run around each tool call. Reads the hook JSON
 * on stdin and records what the agent wrote (src/git/agents/agentHook.ts). It never fails the agent: whatever
 * happens it exits 0 and prints exactly what the agent expects from a hook that changes nothing.
 */
import { AGENT_IDS } from '../../core/agents/types';
import { callAgentHook } from '../../git/agents/agentHookCommand';
import type { CliCommand } from '../command';

export const hookCommand: CliCommand = {
  name: 'hook',
  usage: [
    `usage: ai-provenance hook <${AGENT_IDS.join('|')}> [pre|post]`,
    '',
    "Reads the agent's hook JSON on stdin. pre: snapshot the files the tool may change; post: attribute exactly the",
    'characters it inserted. Always exits 0; problems go to <git dir>/ai-provenance/log.txt.',
    'Installed for you by `ai-provenance agents install`.',
  ].join('\n'),
  async run(args, io) {
    const { out, err } = await callAgentHook({ args, stdin: io.stdin, cwd: io.cwd, env: io.env });
    if (err) io.err(err);
    io.out(out);
    return 0;
  },
};

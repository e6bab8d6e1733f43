import type { AgentId } from '../../../src/core/agents/types';
import { shellQuote, type HookCommands } from '../../../src/core/agentConfig/types';

/**
 * Bare hook commands naming the launcher by its quoted path (what releases before the guarded forms wrote): config
 * files written that way must still be recognised, replaced and removed.
 */
export function hookCommandsFor(launcher: string, agent: AgentId): HookCommands {
  const quoted = shellQuote(launcher);
  return { pre: `${quoted} hook ${agent} pre`, post: `${quoted} hook ${agent} post` };
}

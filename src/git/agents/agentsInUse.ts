/**
 * Which agents are in use here, and why we think so: the agents whose hooks `agents install` (no name) writes and
 * the VS Code "Connect Coding Agents" picker ticks, so a user of one agent does not get every other agent's hook files
 * written into the repository. An agent counts when one of its hook files exists in this scope, or its folder exists
 * in the home directory (`agentTraces`; `$CODEX_HOME`/`$COPILOT_HOME` when set) or, in project scope, in the repository.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { agentTraces } from '../../core/agentConfig/configFiles';
import { AGENT_IDS, type AgentId } from '../../core/agents/types';
import type { AgentStatusReport, InstallContext } from './agentInstall';
import { agentsStatus } from './agentStatus';

export interface AgentInUse {
  readonly agent: AgentId;
  /** What showed it, for the user: `~/.claude exists`, `.cursor/ in the repository`, `.claude/settings.json exists`. */
  readonly reasons: readonly string[];
}

/** The agents in use, in AGENT_IDS order; `status` is `agentsStatus(ctx, AGENT_IDS)` when the caller has it. */
export async function agentsInUse(ctx: InstallContext, status?: readonly AgentStatusReport[]): Promise<AgentInUse[]> {
  const reports = status ?? (await agentsStatus(ctx, AGENT_IDS).catch(() => []));
  const home = ctx.home ?? (ctx.scope === 'user' ? ctx.root : undefined);
  const found: AgentInUse[] = [];
  for (const agent of AGENT_IDS) {
    const reasons = reports.filter((r) => r.agent === agent && r.exists).map((r) => `${r.label} exists`);
    const trace = agentTraces(agent);
    const homeDir = homeTrace(agent, ctx, home, trace.home);
    if (homeDir !== undefined && (await isDir(homeDir.path))) reasons.push(`${homeDir.shown} exists`);
    if (ctx.scope === 'project' && (await isDir(path.join(ctx.root, ...trace.project.split('/')))))
      reasons.push(`${trace.project}/ in the repository`);
    if (reasons.length > 0) found.push({ agent, reasons: [...new Set(reasons)] });
  }
  return found;
}

/** The agent's folder in the home directory, honouring the agents' own home variables. */
function homeTrace(
  agent: AgentId,
  ctx: InstallContext,
  home: string | undefined,
  rel: string,
): { path: string; shown: string } | undefined {
  if (agent === 'codex' && ctx.codexHome) return { path: ctx.codexHome, shown: `$CODEX_HOME (${ctx.codexHome})` };
  if (agent === 'vscode' && ctx.copilotHome)
    return { path: ctx.copilotHome, shown: `$COPILOT_HOME (${ctx.copilotHome})` };
  if (home === undefined) return undefined;
  return { path: path.join(home, ...rel.split('/')), shown: `~/${rel}` };
}

async function isDir(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * `ai-provenance agents install|uninstall|status`: writes each external agent's hook configuration so its tool calls
 * run `ai-provenance hook` (through a stable launcher script), removes it again byte for byte, and reports what is
 * installed. The editing is in src/core/agentConfig, the files and backups in src/git/agents/agentInstall.ts.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AGENT_IDS, type AgentId } from '../../core/agents/types';
import { agentState, agentsStatus } from '../../git/agents/agentStatus';
import { agentsInUse } from '../../git/agents/agentsInUse';
import {
  installAgents,
  uninstallAgents,
  type AgentFileReport,
  type AgentStatusReport,
  type InstallContext,
  type InstallScope,
} from '../../git/agents/agentInstall';
import { findRepo } from '../../git/repo';
import { STATE_DIR_NAME } from '../../git/stateLog';
import { parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = [
  'usage: ai-provenance agents install   [--agent NAME|all | --all] [--scope project|user] [--cli PATH]',
  '       ai-provenance agents uninstall [--agent NAME|all] [--scope project|user]',
  '       ai-provenance agents status    [--agent NAME|all] [--scope project|user]',
  '',
  `NAME is one of ${AGENT_IDS.join(', ')} (copilot = vscode),`,
  'or several comma-separated. install without NAME installs the agents in use (a hook file of theirs here, or a',
  'folder of their own in your home directory or, in project scope, the repository) and says which and why; --all',
  '(or --agent all) installs every agent; uninstall and status default to every agent. Scope project (default) writes',
  "the repository's .claude/settings.json, .github/hooks/ai-provenance.json, .cursor/hooks.json, .codex/config.toml,",
  ".gemini/settings.json and the other agents' files (see the README) with commands that find the launcher in the",
  "clone's git dir at run time (safe to commit: a clone without AI Provenance runs them as no-ops); scope user",
  'writes the same files under your home directory',
  '($COPILOT_HOME or ~/.copilot/hooks for Copilot, $CODEX_HOME for Codex). Hooks call a launcher script that runs',
  '--cli (default: this CLI) with the current node; run install again after moving the CLI. uninstall restores each',
  'file exactly as it was when nothing else changed it. Codex runs new hooks only after you trust them in its /hooks.',
].join('\n');

export const agentsCommand: CliCommand = {
  name: 'agents',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['agent', 'scope', 'cli'], boolean: ['all'] });
    const [action, ...extra] = parsed.positionals;
    if (action !== 'install' && action !== 'uninstall' && action !== 'status')
      throw new UsageError('expected install, uninstall or status');
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    if (action !== 'install' && stringFlag(parsed, 'cli') !== undefined)
      throw new UsageError('--cli is only for install');
    const named = stringFlag(parsed, 'agent');
    if (parsed.flags.has('all') && named !== undefined) throw new UsageError('--all and --agent do not go together');
    const all = parsed.flags.has('all') || named === 'all';
    const given = named === undefined || all ? undefined : agentList(named);
    const ctx = await installContext(stringFlag(parsed, 'scope'), io);
    if (action === 'status') return printStatus(await agentsStatus(ctx, given ?? AGENT_IDS), io);
    if (action === 'uninstall') return printReports(await uninstallAgents(ctx, given ?? AGENT_IDS), io);
    const cli = await cliPath(stringFlag(parsed, 'cli') ?? process.argv[1], io.cwd);
    const agents = given ?? (all ? [...AGENT_IDS] : await chosenAgents(ctx, io));
    if (agents.length === 0) return 1;
    const { launcher, reports } = await installAgents(ctx, agents, cli, process.execPath);
    io.out(`launcher: ${launcher} -> ${cli}\n`);
    return printReports(reports, io);
  },
};

/** `install` without a name: the agents in use (see agentsInUse.ts), each printed with what showed it. */
async function chosenAgents(ctx: InstallContext, io: CliIo): Promise<AgentId[]> {
  const inUse = await agentsInUse(ctx);
  if (inUse.length === 0) {
    io.err(
      `no agent in use found (no hook file ${ctx.scope === 'project' ? 'in this repository' : 'of ours'} and no ` +
        'agent folder in your home directory): name them with --agent NAME, or install every agent with --all\n',
    );
    return [];
  }
  io.out('installing the agents in use (--all installs every agent):\n');
  for (const { agent, reasons } of inUse) io.out(`  ${agent.padEnd(8)} ${reasons.join('; ')}\n`);
  return inUse.map((u) => u.agent);
}

function agentList(value: string): AgentId[] {
  const names = value.split(',').map((s) => (s.trim() === 'copilot' ? 'vscode' : s.trim()));
  for (const name of names) {
    if (!(AGENT_IDS as readonly string[]).includes(name))
      throw new UsageError(`unknown agent ${JSON.stringify(name)}; expected ${AGENT_IDS.join(', ')} or all`);
  }
  return [...new Set(names)] as AgentId[];
}

async function installContext(scopeFlag: string | undefined, io: CliIo): Promise<InstallContext> {
  const scope: InstallScope = (scopeFlag ?? 'project') as InstallScope;
  if (scope !== 'project' && scope !== 'user')
    throw new UsageError(`--scope must be project or user, not ${JSON.stringify(scopeFlag)}`);
  if (scope === 'user') {
    const home = io.env.HOME || io.env.USERPROFILE || os.homedir();
    return {
      scope,
      root: home,
      home,
      baseDir: path.join(home, '.ai-provenance'),
      codexHome: io.env.CODEX_HOME || undefined,
      copilotHome: io.env.COPILOT_HOME || undefined,
    };
  }
  const repo = await findRepo(io.cwd);
  if (repo === undefined)
    throw new Error(`not inside a git work tree: ${io.cwd} (use --scope user to install for every project)`);
  const home = io.env.HOME || io.env.USERPROFILE || os.homedir();
  return {
    scope,
    root: repo.root,
    home,
    baseDir: path.join(repo.gitDir, STATE_DIR_NAME),
    codexHome: io.env.CODEX_HOME || undefined,
  };
}

async function cliPath(value: string | undefined, cwd: string): Promise<string> {
  if (value === undefined || value === '') throw new UsageError('cannot tell where the CLI is; pass --cli PATH');
  const resolved = path.resolve(cwd, value);
  const ok = await fs.stat(resolved).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!ok) throw new Error(`--cli ${JSON.stringify(resolved)} is not a file`);
  return resolved;
}

function printReports(reports: readonly AgentFileReport[], io: CliIo): number {
  let failed = false;
  for (const r of reports) {
    if (r.action === 'error') {
      failed = true;
      io.err(`${r.agent}: ${r.message}\n`);
      continue;
    }
    io.out(`${r.agent.padEnd(7)} ${r.action.padEnd(13)} ${r.label}\n`);
    for (const warning of r.warnings) io.out(`        warning: ${warning}\n`);
  }
  return failed ? 1 : 0;
}

function printStatus(statuses: readonly AgentStatusReport[], io: CliIo): number {
  for (const s of statuses) {
    if (s.error !== undefined) {
      io.out(`${s.agent.padEnd(7)} unreadable     ${s.label}: ${s.error}\n`);
      continue;
    }
    const i = s.inspection;
    io.out(`${s.agent.padEnd(7)} ${agentState(s).padEnd(14)} ${s.label}${s.exists ? '' : ' (no file)'}\n`);
    for (const l of s.launchers) {
      const health = !l.exists
        ? 'launcher missing'
        : l.cli === undefined
          ? 'not our launcher'
          : l.cliExists
            ? 'ok'
            : `CLI missing: ${l.cli}`;
      io.out(`        launcher ${l.path}: ${health}\n`);
    }
    for (const warning of i?.warnings ?? []) io.out(`        warning: ${warning}\n`);
  }
  return 0;
}

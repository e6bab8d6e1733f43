/**
 * Which files hold each agent's hooks, per scope (paths relative to the repository root or the home directory), and
 * how each is written. Sources: see README.md. `$CODEX_HOME` and `$COPILOT_HOME` override the user-scope files of
 * Codex and Copilot (src/git/agents/agentInstall.ts).
 */
import type { AgentId } from '../agents/types';
import type { ConfigFormat } from './agentHooks';

export interface AgentConfigFile {
  readonly rel: string;
  readonly format: ConfigFormat;
  /** Files of one agent that together make one hook set (Cline's two scripts), reported as one status line. */
  readonly group?: string;
  /** The agent runs the file itself: it must be executable, and not being so switches it off (Cline's toggle). */
  readonly executable?: boolean;
}

type Scope = 'project' | 'user';

const one = (format: ConfigFormat, project: string, user: string) => ({
  project: [{ rel: project, format }],
  user: [{ rel: user, format }],
});

function clineScripts(dir: string): AgentConfigFile[] {
  return [
    { rel: `${dir}/PreToolUse`, format: 'cline-pre', group: 'scripts', executable: true },
    { rel: `${dir}/PostToolUse`, format: 'cline-post', group: 'scripts', executable: true },
    // What Cline runs on Windows instead (through PowerShell).
    { rel: `${dir}/PreToolUse.ps1`, format: 'cline-pre-ps1', group: 'scripts' },
    { rel: `${dir}/PostToolUse.ps1`, format: 'cline-post-ps1', group: 'scripts' },
  ];
}

function kiroFiles(dir: string): AgentConfigFile[] {
  return [
    { rel: `${dir}/ai-provenance.json`, format: 'kiro-cli' },
    { rel: `${dir}/ai-provenance-pre.kiro.hook`, format: 'kiro-ide-pre', group: 'ide' },
    { rel: `${dir}/ai-provenance-post.kiro.hook`, format: 'kiro-ide-post', group: 'ide' },
  ];
}

const FILES: Readonly<Record<AgentId, Readonly<Record<Scope, readonly AgentConfigFile[]>>>> = {
  claude: one('claude', '.claude/settings.json', '.claude/settings.json'),
  vscode: one('vscode', '.github/hooks/ai-provenance.json', '.copilot/hooks/ai-provenance.json'),
  cursor: one('cursor', '.cursor/hooks.json', '.cursor/hooks.json'),
  codex: one('codex', '.codex/config.toml', '.codex/config.toml'),
  gemini: one('gemini', '.gemini/settings.json', '.gemini/settings.json'),
  windsurf: one('windsurf', '.windsurf/hooks.json', '.codeium/windsurf/hooks.json'),
  droid: one('droid', '.factory/settings.json', '.factory/settings.json'),
  cline: { project: clineScripts('.clinerules/hooks'), user: clineScripts('Documents/Cline/Hooks') },
  kiro: { project: kiroFiles('.kiro/hooks'), user: kiroFiles('.kiro/hooks') },
  amazonq: one('amazonq', '.amazonq/cli-agents/ai-provenance.json', '.aws/amazonq/cli-agents/ai-provenance.json'),
  opencode: one('opencode', '.opencode/plugins/ai-provenance.js', '.config/opencode/plugins/ai-provenance.js'),
};

export function agentConfigFiles(agent: AgentId, scope: Scope): readonly AgentConfigFile[] {
  return FILES[agent][scope];
}

/**
 * Where an agent leaves a trace once it has been used on this machine or in this repository: the folder its user-scope
 * file lives in (relative to the home directory) and its project folder. `agents install` without a name and Connect
 * Coding Agents pick the agents found this way (src/git/agents/agentsInUse.ts), so a user of one agent does not get a
 * dozen other agents' hook files written into the repository.
 */
const TRACES: Readonly<Record<AgentId, { readonly home: string; readonly project: string }>> = {
  claude: { home: '.claude', project: '.claude' },
  vscode: { home: '.copilot', project: '.github/hooks' },
  cursor: { home: '.cursor', project: '.cursor' },
  codex: { home: '.codex', project: '.codex' },
  gemini: { home: '.gemini', project: '.gemini' },
  windsurf: { home: '.codeium/windsurf', project: '.windsurf' },
  droid: { home: '.factory', project: '.factory' },
  cline: { home: 'Documents/Cline', project: '.clinerules' },
  kiro: { home: '.kiro', project: '.kiro' },
  amazonq: { home: '.aws/amazonq', project: '.amazonq' },
  opencode: { home: '.config/opencode', project: '.opencode' },
};

/** The folders whose presence says `agent` is in use (see TRACES), relative to the home directory and the repository. */
export function agentTraces(agent: AgentId): { readonly home: string; readonly project: string } {
  return TRACES[agent];
}

/**
 * External agents from inside VS Code: connect/disconnect their hooks (the same as `ai-provenance agents
 * install|uninstall`), agent sessions for agents without hooks (with a status bar indicator), and keeping the
 * hooks' launcher pointed at this extension's CLI after updates. Each command acts on one repository of the window
 * (`WindowRepositories.pick`: the active editor's, else the only one, else a picker); the session indicator follows
 * the active editor's repository.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_IDS, type AgentId } from '../../core/agents';
import { STATE_DIR_NAME, type RepoInfo } from '../../git';
import { agentsInUse } from '../../git/agents/agentsInUse';
import {
  agentState,
  agentsStatus,
  installAgents,
  launcherPathFor,
  launcherTarget,
  readSession,
  startSession,
  stopSession,
  uninstallAgents,
  writeLauncher,
  type AgentStatusReport,
  type InstallContext,
} from '../../git/agents';
import { Disposable } from '../lifecycle';
import type { RepoChoice, WindowRepositories } from '../repositories';
import { deferStartup } from '../startupWork';

const AGENT_LABELS: Record<AgentId, string> = {
  claude: 'Claude Code',
  vscode: 'GitHub Copilot (agent mode, Copilot CLI, cloud agent)',
  cursor: 'Cursor',
  codex: 'Codex CLI',
  gemini: 'Gemini CLI',
  windsurf: 'Windsurf (Cascade)',
  droid: 'Factory Droid',
  cline: 'Cline',
  kiro: 'Kiro (CLI and IDE)',
  amazonq: 'Amazon Q Developer CLI',
  opencode: 'OpenCode',
};

export class AgentsController extends Disposable {
  private readonly indicator = this.register(
    vscode.window.createStatusBarItem('aiProvenance.agentSession', vscode.StatusBarAlignment.Left, 50),
  );

  /** The repository whose session the indicator shows. */
  private shown: RepoInfo | undefined;

  constructor(
    private readonly cliPath: string,
    private readonly repos: WindowRepositories,
    private readonly log: (message: string) => void,
  ) {
    super();
    this.indicator.name = 'AI Provenance agent session';
    this.indicator.command = 'aiProvenance.stopAgentSession';
    // `{ repo }` (a path inside it) names the repository: no picker (automation, tests).
    this.register(
      vscode.commands.registerCommand('aiProvenance.connectAgents', (opts?: RepoChoice) => this.connect(opts)),
    );
    this.register(
      vscode.commands.registerCommand('aiProvenance.disconnectAgents', (opts?: RepoChoice) => this.disconnect(opts)),
    );
    // `{ agent }` skips the prompt (key bindings, tasks, tests).
    this.register(
      vscode.commands.registerCommand('aiProvenance.startAgentSession', (opts?: { agent?: string } & RepoChoice) =>
        this.startSession(opts?.agent, opts),
      ),
    );
    this.register(
      vscode.commands.registerCommand('aiProvenance.stopAgentSession', (opts?: RepoChoice) =>
        // The indicator's click stops the session it shows.
        this.stopSession(opts ?? (this.shown ? { repo: this.shown.root } : undefined)),
      ),
    );
    // Spawns git: after activation, never during it.
    deferStartup(() => this.startup());
  }

  private repo(title: string, choice: RepoChoice | undefined): Promise<RepoInfo | undefined> {
    return this.repos.pick(title, choice);
  }

  private context(repo: RepoInfo): InstallContext {
    return {
      scope: 'project',
      root: repo.root,
      baseDir: path.join(repo.gitDir, STATE_DIR_NAME),
      home: os.homedir(),
      codexHome: process.env.CODEX_HOME || undefined,
    };
  }

  private async startup(): Promise<void> {
    let connected = false;
    for (const repo of await this.repos.folders()) connected = (await this.startRepo(repo)) || connected;
    void vscode.commands.executeCommand('setContext', 'aiProvenance.agentsConnected', connected);
    this.register(this.repos.onDidAddRepository((repo) => void this.startRepo(repo)));
    this.register(this.repos.onDidChange(() => void this.showCurrentSession()));
    await this.showCurrentSession();
  }

  /** Keeps the repository's launcher current; whether its agents are connected. */
  private async startRepo(repo: RepoInfo): Promise<boolean> {
    // Extension updates move dist/cli.js and may change the script: rewrite an existing launcher when it differs
    // (a no-op when it is current), never create one unasked.
    const launcher = launcherPathFor(this.context(repo));
    if (
      (await launcherTarget(launcher)) !== undefined &&
      (await writeLauncher(path.dirname(launcher), this.cliPath, process.execPath)).changed
    ) {
      this.log(`agent hook launcher of ${repo.root} updated; it runs ${this.cliPath}`);
    }
    return (await agentsStatus(this.context(repo), AGENT_IDS).catch(() => [])).some((r) => r.exists);
  }

  private async showCurrentSession(): Promise<void> {
    const repo = await this.repos.current();
    if (repo) await this.showSession(repo);
    else this.indicator.hide();
  }

  private async connect(choice?: RepoChoice): Promise<void> {
    const repo = await this.repo('Connect agents in which repository?', choice);
    if (!repo) return;
    const status = await agentsStatus(this.context(repo), AGENT_IDS);
    // Ticked: the agents in use (the same choice as `agents install` without a name; all of them when none is).
    const used = new Set((await agentsInUse(this.context(repo), status)).map((u) => u.agent));
    const picks = await vscode.window.showQuickPick(
      AGENT_IDS.map((id) => ({
        label: AGENT_LABELS[id],
        id,
        picked: used.size === 0 || used.has(id),
        description: describe(status, id),
      })),
      {
        canPickMany: true,
        title: `Connect agents in ${path.basename(repo.root)}: their hooks report each edit to AI Provenance`,
      },
    );
    if (!picks?.length) return;
    const { reports } = await installAgents(
      this.context(repo),
      picks.map((p) => p.id),
      this.cliPath,
      process.execPath,
    );
    const failed = reports.filter((r) => r.action === 'error');
    for (const r of failed) void vscode.window.showErrorMessage(`AI Provenance: ${r.label}: ${r.message ?? 'failed'}`);
    if (failed.length < reports.length) {
      void vscode.commands.executeCommand('setContext', 'aiProvenance.agentsConnected', true);
      void vscode.window.showInformationMessage(
        `AI Provenance: connected ${reports
          .filter((r) => r.action !== 'error')
          .map((r) => r.label)
          .join(', ')}.`,
      );
      // Codex skips hooks nobody trusted yet: say so until its /hooks has them.
      const after = await agentsStatus(
        this.context(repo),
        picks.map((p) => p.id),
      );
      for (const s of after) {
        const state = agentState(s);
        if (state !== 'installed' && state !== 'not installed')
          void vscode.window.showWarningMessage(`AI Provenance: ${AGENT_LABELS[s.agent]}: ${state}.`);
      }
    }
  }

  private async disconnect(choice?: RepoChoice): Promise<void> {
    const repo = await this.repo('Disconnect agents in which repository?', choice);
    if (!repo) return;
    const reports = await uninstallAgents(this.context(repo), AGENT_IDS);
    const changed = reports.filter((r) => r.action === 'restored' || r.action === 'removed');
    void vscode.commands.executeCommand('setContext', 'aiProvenance.agentsConnected', false);
    void vscode.window.showInformationMessage(
      changed.length
        ? `AI Provenance: disconnected ${changed.map((r) => r.label).join(', ')}.`
        : 'AI Provenance: no agent hooks were installed.',
    );
  }

  private async startSession(given: string | undefined, choice: RepoChoice | undefined): Promise<void> {
    const repo = await this.repo('Start an agent session in which repository?', choice);
    if (!repo) return;
    const agent =
      typeof given === 'string' && given.trim()
        ? given
        : await vscode.window.showInputBox({
            title: 'Agent session',
            prompt: 'Which agent will edit files now? Changes on disk until you stop are attributed to it.',
            value: 'aider',
          });
    if (!agent) return;
    try {
      await startSession(repo, path.join(repo.gitDir, STATE_DIR_NAME), agent.trim(), undefined);
    } catch (err) {
      void vscode.window.showErrorMessage(`AI Provenance: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.showSession(repo);
  }

  private async stopSession(choice: RepoChoice | undefined): Promise<void> {
    const repo = await this.repo('Stop the agent session of which repository?', choice);
    if (!repo) return;
    try {
      const { session, reports } = await stopSession(repo, path.join(repo.gitDir, STATE_DIR_NAME));
      void vscode.window.showInformationMessage(
        `AI Provenance: ${session.agent} session ended; ${reports.length} file(s) attributed.`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage(`AI Provenance: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.showSession(repo);
  }

  private async showSession(repo: RepoInfo): Promise<void> {
    const session = await readSession(path.join(repo.gitDir, STATE_DIR_NAME)).catch(() => undefined);
    this.shown = repo;
    if (!session) {
      this.indicator.hide();
      return;
    }
    this.indicator.text = `$(record) ${session.agent} session`;
    this.indicator.tooltip = `AI Provenance: changes on disk in ${path.basename(repo.root)} are attributed to ${session.agent} since ${new Date(session.started).toLocaleTimeString()}. Click to stop.`;
    this.indicator.show();
  }
}

function describe(status: ReadonlyArray<AgentStatusReport>, id: AgentId): string {
  const s = status.find((r) => r.agent === id);
  if (s === undefined) return '';
  const state = agentState(s);
  return state === 'not installed' ? s.label : state;
}

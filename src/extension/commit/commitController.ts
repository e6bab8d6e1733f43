/**
 * Commit provenance from inside VS Code: installs the git hooks with the user's consent (trusted workspaces only),
 * keeps the trailer preset setting in git config where the hooks read it, and warns (with a link to the log) when a
 * hook logged a problem, and offers to share the notes with a remote (notesSharing.ts). The hooks themselves work for
 * every client: Source Control view, terminal, agents, GUIs. Every repository of the window is handled on its own
 * (each workspace folder's, and submodules or nested repositories once a file of theirs is open): its log watched,
 * its hooks kept current; the commands act on the repository `WindowRepositories.pick` gives.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LOG_FILE_NAME, STATE_DIR_NAME, runGit, type RepoInfo } from '../../git';
import { hooksStatus, installHooks, uninstallHooks } from '../../git/hooks/install';
import { Disposable } from '../lifecycle';
import { deferStartup } from '../startupWork';
import type { RepoChoice, WindowRepositories } from '../repositories';
import { NotesSharing } from './notesSharing';

const OFFER_DISMISSED = 'aiProvenance.hooksOfferDismissed';
const PROBLEM = /\b(error|failed|cannot|timed out|skipp?ed)\b/i;

export class CommitController extends Disposable {
  /** Per repository root: the watcher of its hook log and how much of the log was read. */
  private readonly logs = new Map<string, { watcher?: fs.FSWatcher; size: number }>();
  /** Roots whose hooks are ours (installed or updated in this window, or found installed). */
  private readonly hooked = new Set<string>();
  private readonly sharing: NotesSharing;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly cliPath: string,
    private readonly repos: WindowRepositories,
    private readonly log: (message: string) => void,
  ) {
    super();
    // `{ confirm: false }` skips the question (automation and tests; the workspace must still be trusted); `{ repo }`
    // (a path inside it) names the repository instead of the active editor's or the picker's.
    this.register(
      vscode.commands.registerCommand('aiProvenance.installGitHooks', (opts?: { confirm?: boolean } & RepoChoice) =>
        this.install(opts?.confirm !== false, opts?.confirm !== false, opts),
      ),
    );
    this.register(
      vscode.commands.registerCommand('aiProvenance.uninstallGitHooks', (opts?: RepoChoice) => this.uninstall(opts)),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('aiProvenance.commit.trailers')) void this.syncTrailerSetting();
      }),
    );
    this.register({ dispose: () => this.logs.forEach((l) => l.watcher?.close()) });
    this.sharing = this.register(
      new NotesSharing(context, repos, (repo) => this.installIn(repo).then((r) => r !== undefined), log),
    );
    deferStartup(() => this.startup());
  }

  private async startup(): Promise<void> {
    const folders = await this.repos.folders();
    // A submodule or nested repository found later (a file of it opened): its log watched, its hooks kept current;
    // the install offer is for workspace folders only.
    this.register(this.repos.onDidAddRepository((repo) => void this.startRepo(repo, false)));
    void this.sharing.refreshContext();
    for (const repo of await this.repos.all()) await this.startRepo(repo, folders.includes(repo));
  }

  private async startRepo(repo: RepoInfo, offer: boolean): Promise<void> {
    if (this.logs.has(repo.root)) return;
    this.watchLog(repo);
    const status = await hooksStatus(repo).catch(() => undefined);
    // Any hook of ours means the user agreed once: keep them current (new hooks, new scripts, a moved CLI).
    const consented = status?.hooks.some((h) => h.state === 'installed' || h.state === 'outdated') ?? false;
    if (consented) {
      const current = status?.hooks.every((h) => h.state === 'installed') && status.launcher.cliPath === this.cliPath;
      if (!current && vscode.workspace.isTrusted)
        await installHooks(repo, { cliPath: this.cliPath, nodePath: process.execPath }).catch((err) =>
          this.log(`updating hooks in ${repo.root} failed: ${String(err)}`),
        );
      this.hooked.add(repo.root);
      this.syncContext();
      return;
    }
    this.syncContext();
    if (!offer || !vscode.workspace.isTrusted || this.context.workspaceState.get<boolean>(OFFER_DISMISSED)) return;
    const several = (await this.repos.folders()).length > 1;
    const choice = await vscode.window.showInformationMessage(
      `AI Provenance can record which lines AI wrote in each commit of ${several ? `the repository ${path.basename(repo.root)}` : 'this repository'} (git hooks: trailers and a git note). Install the hooks?`,
      'Install Hooks',
      'Not Now',
      "Don't Ask Again",
    );
    if (choice === 'Install Hooks') await this.install(false, true, { repo: repo.root });
    else if (choice === "Don't Ask Again") await this.context.workspaceState.update(OFFER_DISMISSED, true);
  }

  /** `aiProvenance.hooksInstalled`: some repository of the window has our hooks (the walkthrough step waits on it). */
  private syncContext(): void {
    void vscode.commands.executeCommand('setContext', 'aiProvenance.hooksInstalled', this.hooked.size > 0);
  }

  /** `offerSharing`: a person asked for this (not automation), so the notes-sharing offer may follow. */
  private async install(ask: boolean, offerSharing = ask, choice?: RepoChoice): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('AI Provenance installs git hooks only in trusted workspaces.');
      return;
    }
    const repo = await this.repos.pick('Install AI Provenance git hooks in which repository?', choice);
    if (!repo) return;
    if (ask) {
      const ok = await vscode.window.showInformationMessage(
        'Install AI Provenance git hooks (prepare-commit-msg, commit-msg, post-commit, post-rewrite, reference-transaction, pre-push)? Existing hooks keep running first; uninstalling restores them exactly.',
        { modal: true },
        'Install',
      );
      if (ok !== 'Install') return;
    }
    const report = await this.installIn(repo);
    if (!report) return;
    const chained = report.actions.filter((a) => a.action === 'chained').map((a) => a.hook);
    void vscode.window.showInformationMessage(
      `AI Provenance: git hooks installed in ${report.hooksDir}${chained.length ? ` (your ${chained.join(', ')} keep running first)` : ''}.`,
    );
    // Only when a person installed them: automation ({ confirm: false }) gets no notification to wait on.
    if (offerSharing) void this.sharing.offer(repo);
  }

  /** Installs or updates the hooks; undefined (after telling the user) when that failed. */
  private async installIn(repo: RepoInfo): Promise<Awaited<ReturnType<typeof installHooks>> | undefined> {
    try {
      const report = await installHooks(repo, { cliPath: this.cliPath, nodePath: process.execPath });
      this.hooked.add(repo.root);
      if (!this.logs.has(repo.root)) this.watchLog(repo);
      await this.syncTrailerSetting([repo]);
      this.syncContext();
      return report;
    } catch (err) {
      void vscode.window.showErrorMessage(
        `AI Provenance: installing hooks failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }

  private async uninstall(choice?: RepoChoice): Promise<void> {
    const repo = await this.repos.pick('Remove AI Provenance git hooks from which repository?', choice);
    if (!repo) return;
    try {
      const report = await uninstallHooks(repo);
      this.hooked.delete(repo.root);
      this.syncContext();
      void vscode.window.showInformationMessage(
        `AI Provenance: hooks removed${report.restored.length ? `; restored ${report.restored.join(', ')}` : ''}.`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage(
        `AI Provenance: uninstalling hooks failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /**
   * The hooks read git config `aiProvenance.trailers`; the setting (per folder in a multi-root workspace) is the
   * friendly way to set it. Default: every repository with our hooks.
   */
  private async syncTrailerSetting(repos: readonly RepoInfo[] | undefined = undefined): Promise<void> {
    const targets = repos ?? (await this.repos.all()).filter((r) => this.hooked.has(r.root));
    for (const repo of targets) {
      const presets = vscode.workspace
        .getConfiguration('aiProvenance', vscode.Uri.file(repo.root))
        .get<string[]>('commit.trailers');
      if (!presets) continue;
      const value = presets.length === 0 ? 'none' : presets.join(',');
      await runGit(['config', '--local', 'aiProvenance.trailers', value], { cwd: repo.root }).catch((err) =>
        this.log(`setting trailers in ${repo.root} failed: ${String(err)}`),
      );
    }
  }

  /** Hooks never fail a commit; they log. New problem lines in the log become one warning with a link to it. */
  private watchLog(repo: RepoInfo): void {
    const dir = path.join(repo.gitDir, STATE_DIR_NAME);
    const file = path.join(dir, LOG_FILE_NAME);
    const entry: { watcher?: fs.FSWatcher; size: number } = { size: 0 };
    this.logs.set(repo.root, entry);
    try {
      fs.mkdirSync(dir, { recursive: true });
      entry.size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      entry.watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name === LOG_FILE_NAME) this.readLog(file, entry);
      });
    } catch (err) {
      this.log(`cannot watch ${file}: ${String(err)}`);
    }
  }

  private readLog(file: string, entry: { size: number }): void {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size < entry.size) entry.size = 0; // rotated
    if (size === entry.size) return;
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(Math.min(size - entry.size, 64 * 1024));
    fs.readSync(fd, buffer, 0, buffer.length, entry.size);
    fs.closeSync(fd);
    entry.size = size;
    const problem = buffer
      .toString('utf8')
      .split('\n')
      .find((line) => PROBLEM.test(line));
    if (!problem) return;
    void vscode.window
      .showWarningMessage(
        `AI Provenance: a git hook hit a problem (the commit itself went through): ${problem.slice(0, 200)}`,
        'Open Log',
      )
      .then((choice) => {
        if (choice === 'Open Log') void vscode.window.showTextDocument(vscode.Uri.file(file));
      });
  }
}

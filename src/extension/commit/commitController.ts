/**
 * Commit provenance from inside VS Code: installs the git hooks with the user's consent (trusted workspaces only),
 * keeps the trailer preset setting in git config where the hooks read it, and warns (with a link to the log) when a
 * hook logged a problem, and offers to share the notes with a remote (notesSharing.ts). The hooks themselves work for
 * every client: Source Control view, terminal, agents, GUIs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LOG_FILE_NAME, STATE_DIR_NAME, findRepo, runGit, type RepoInfo } from '../../git';
import { hooksStatus, installHooks, uninstallHooks } from '../../git/hooks/install';
import { Disposable } from '../lifecycle';
import { deferStartup } from '../startupWork';
import { NotesSharing } from './notesSharing';

const OFFER_DISMISSED = 'aiProvenance.hooksOfferDismissed';
const PROBLEM = /\b(error|failed|cannot|timed out|skipp?ed)\b/i;

export class CommitController extends Disposable {
  private logWatcher: fs.FSWatcher | undefined;
  private readonly sharing: NotesSharing;
  private logSize = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly cliPath: string,
    private readonly log: (message: string) => void,
  ) {
    super();
    // `{ confirm: false }` skips the question (automation and tests; the workspace must still be trusted).
    this.register(
      vscode.commands.registerCommand('aiProvenance.installGitHooks', (opts?: { confirm?: boolean }) =>
        this.install(opts?.confirm !== false),
      ),
    );
    this.register(vscode.commands.registerCommand('aiProvenance.uninstallGitHooks', () => this.uninstall()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('aiProvenance.commit.trailers')) void this.syncTrailerSetting();
      }),
    );
    this.register({ dispose: () => this.logWatcher?.close() });
    this.sharing = this.register(
      new NotesSharing(
        context,
        () => this.repo(),
        (repo) => this.installIn(repo).then((r) => r !== undefined),
        log,
      ),
    );
    deferStartup(() => this.startup());
  }

  private async repo(): Promise<RepoInfo | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return folder ? findRepo(folder).catch(() => undefined) : undefined;
  }

  private async startup(): Promise<void> {
    const repo = await this.repo();
    if (!repo) return;
    this.watchLog(repo);
    const status = await hooksStatus(repo).catch(() => undefined);
    void this.sharing.refreshContext();
    // Any hook of ours means the user agreed once: keep them current (new hooks, new scripts, a moved CLI).
    const consented = status?.hooks.some((h) => h.state === 'installed' || h.state === 'outdated') ?? false;
    if (consented) {
      const current = status?.hooks.every((h) => h.state === 'installed') && status.launcher.cliPath === this.cliPath;
      if (!current && vscode.workspace.isTrusted)
        await installHooks(repo, { cliPath: this.cliPath, nodePath: process.execPath }).catch((err) =>
          this.log(`updating hooks failed: ${String(err)}`),
        );
      void vscode.commands.executeCommand('setContext', 'aiProvenance.hooksInstalled', true);
      return;
    }
    void vscode.commands.executeCommand('setContext', 'aiProvenance.hooksInstalled', false);
    if (!vscode.workspace.isTrusted || this.context.workspaceState.get<boolean>(OFFER_DISMISSED)) return;
    const choice = await vscode.window.showInformationMessage(
      'AI Provenance can record which lines AI wrote in each commit of this repository (git hooks: trailers and a git note). Install the hooks?',
      'Install Hooks',
      'Not Now',
      "Don't Ask Again",
    );
    if (choice === 'Install Hooks') await this.install(false, true);
    else if (choice === "Don't Ask Again") await this.context.workspaceState.update(OFFER_DISMISSED, true);
  }

  /** `offerSharing`: a person asked for this (not automation), so the notes-sharing offer may follow. */
  private async install(ask: boolean, offerSharing = ask): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('AI Provenance installs git hooks only in trusted workspaces.');
      return;
    }
    const repo = await this.repo();
    if (!repo) {
      void vscode.window.showWarningMessage('AI Provenance: this folder is not a git repository.');
      return;
    }
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
      await this.syncTrailerSetting();
      void vscode.commands.executeCommand('setContext', 'aiProvenance.hooksInstalled', true);
      return report;
    } catch (err) {
      void vscode.window.showErrorMessage(
        `AI Provenance: installing hooks failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }

  private async uninstall(): Promise<void> {
    const repo = await this.repo();
    if (!repo) return;
    try {
      const report = await uninstallHooks(repo);
      void vscode.commands.executeCommand('setContext', 'aiProvenance.hooksInstalled', false);
      void vscode.window.showInformationMessage(
        `AI Provenance: hooks removed${report.restored.length ? `; restored ${report.restored.join(', ')}` : ''}.`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage(
        `AI Provenance: uninstalling hooks failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** The hooks read git config `aiProvenance.trailers`; the setting is the friendly way to set it. */
  private async syncTrailerSetting(): Promise<void> {
    const repo = await this.repo();
    const presets = vscode.workspace.getConfiguration('aiProvenance').get<string[]>('commit.trailers');
    if (!repo || !presets) return;
    const value = presets.length === 0 ? 'none' : presets.join(',');
    await runGit(['config', '--local', 'aiProvenance.trailers', value], { cwd: repo.root }).catch((err) =>
      this.log(`setting trailers failed: ${String(err)}`),
    );
  }

  /** Hooks never fail a commit; they log. New problem lines in the log become one warning with a link to it. */
  private watchLog(repo: RepoInfo): void {
    const dir = path.join(repo.gitDir, STATE_DIR_NAME);
    const file = path.join(dir, LOG_FILE_NAME);
    try {
      fs.mkdirSync(dir, { recursive: true });
      this.logSize = fs.existsSync(file) ? fs.statSync(file).size : 0;
      this.logWatcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name === LOG_FILE_NAME) this.readLog(file);
      });
    } catch (err) {
      this.log(`cannot watch ${file}: ${String(err)}`);
    }
  }

  private readLog(file: string): void {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size < this.logSize) this.logSize = 0; // rotated
    if (size === this.logSize) return;
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(Math.min(size - this.logSize, 64 * 1024));
    fs.readSync(fd, buffer, 0, buffer.length, this.logSize);
    fs.closeSync(fd);
    this.logSize = size;
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

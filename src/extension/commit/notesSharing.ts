/**
 * Sharing provenance notes with a remote from inside VS Code: the "Share Provenance Notes" command, and a one-time
 * offer after the hooks are installed. Sharing adds a fetch refspec and lets the pre-push hook push the notes in the
 * background; it never adds a push refspec, so what a plain `git push` pushes stays the same (src/git/rewrite/notesShare.ts).
 */
import * as vscode from 'vscode';
import type { RepoInfo } from '../../git';
import { NotesSyncError, pushNotes } from '../../git/rewrite/notesSync';
import { listRemotes, notesShareStatus, shareNotes, sharedRemotes, unshareNotes } from '../../git/rewrite/notesShare';
import { Disposable } from '../lifecycle';
import type { RepoChoice, WindowRepositories } from '../repositories';

const OFFER_DISMISSED = 'aiProvenance.shareNotesOfferDismissed';
const CONTEXT_SHARED = 'aiProvenance.notesShared';

export interface ShareArgs extends RepoChoice {
  /** The remote; asked for when there are several and none is given. */
  readonly remote?: string;
  /** false: no confirmation dialog (automation and tests). */
  readonly confirm?: boolean;
}

export class NotesSharing extends Disposable {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly repos: WindowRepositories,
    /** Installs (or updates) the hooks that carry the notes, without asking again. */
    private readonly ensureHooks: (repo: RepoInfo) => Promise<boolean>,
    private readonly log: (message: string) => void,
  ) {
    super();
    this.register(
      vscode.commands.registerCommand('aiProvenance.shareNotes', (args?: ShareArgs) => this.share(args ?? {})),
    );
    this.register(
      vscode.commands.registerCommand('aiProvenance.unshareNotes', (args?: ShareArgs) => this.unshare(args ?? {})),
    );
  }

  /** Sets the context key the walkthrough step waits for. */
  async refreshContext(): Promise<void> {
    const repo = await this.repos.current();
    const shared = repo ? await sharedRemotes(repo).catch(() => []) : [];
    void vscode.commands.executeCommand('setContext', CONTEXT_SHARED, shared.length > 0);
  }

  /** After the user installed the hooks: offer once per repository, when it has a remote and shares with none. */
  async offer(repo: RepoInfo): Promise<void> {
    if (this.context.workspaceState.get<boolean>(OFFER_DISMISSED)) return;
    const status = await notesShareStatus(repo).catch(() => undefined);
    if (!status || status.remotes.length === 0 || status.remotes.some((r) => r.shared)) return;
    const remote = status.remotes.find((r) => r.name === 'origin')?.name ?? status.remotes[0].name;
    const choice = await vscode.window.showInformationMessage(
      `Share AI provenance notes with '${remote}', so teammates and CI see which lines AI wrote? They travel with your own git fetch and push; what git push pushes is unchanged.`,
      'Share',
      'Not Now',
      "Don't Ask Again",
    );
    if (choice === 'Share') await this.share({ remote, confirm: false, repo: repo.root });
    else if (choice === "Don't Ask Again") await this.context.workspaceState.update(OFFER_DISMISSED, true);
  }

  private async pickRemote(repo: RepoInfo, given: string | undefined, purpose: string): Promise<string | undefined> {
    if (given !== undefined) return given;
    const remotes = await listRemotes(repo);
    if (remotes.length === 0) {
      void vscode.window.showInformationMessage(
        'AI Provenance: this repository has no remote to share notes with (git remote add ...).',
      );
      return undefined;
    }
    if (remotes.length === 1) return remotes[0];
    return vscode.window.showQuickPick(remotes, { placeHolder: purpose });
  }

  private async share(args: ShareArgs): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('AI Provenance changes git configuration only in trusted workspaces.');
      return;
    }
    const repo = await this.repos.pick('Share AI provenance notes of which repository?', args);
    if (!repo) return;
    const remote = await this.pickRemote(repo, args.remote, 'Share AI provenance notes with which remote?');
    if (!remote) return;
    if (args.confirm !== false) {
      const ok = await vscode.window.showInformationMessage(
        `Share AI provenance notes with '${remote}'? This adds a fetch refspec for refs/notes/ai-provenance* (merged into your notes after every fetch) and pushes the notes in the background after each git push to '${remote}'. What git push pushes is unchanged.`,
        { modal: true },
        'Share',
      );
      if (ok !== 'Share') return;
    }
    try {
      if (!(await notesShareStatus(repo)).hooksReady && !(await this.ensureHooks(repo))) return;
      await shareNotes(repo, remote);
      await this.refreshContext();
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `AI Provenance: pushing notes to ${remote}` },
        () => pushNotes(repo, remote),
      );
      const merged =
        report.conflictsResolved > 0 ? ` (${report.conflictsResolved} commit(s) annotated on both sides combined)` : '';
      void vscode.window.showInformationMessage(
        `AI Provenance: notes shared with '${remote}'${report.pushed ? ' and pushed' : ''}${merged}.`,
      );
    } catch (err) {
      const message = err instanceof NotesSyncError || err instanceof Error ? err.message : String(err);
      this.log(`sharing notes with ${remote} failed: ${message}`);
      // Shared in config even when the first push failed (e.g. offline): the next git push retries.
      void vscode.window.showWarningMessage(`AI Provenance: sharing notes with '${remote}': ${message.slice(0, 300)}`);
    }
  }

  private async unshare(args: ShareArgs): Promise<void> {
    const repo = await this.repos.pick('Stop sharing AI provenance notes of which repository?', args);
    if (!repo) return;
    const shared = (await notesShareStatus(repo)).remotes.filter((r) => r.shared).map((r) => r.name);
    const remote =
      args.remote ??
      (shared.length <= 1
        ? shared[0]
        : await vscode.window.showQuickPick(shared, { placeHolder: 'Stop sharing notes with which remote?' }));
    if (!remote) return;
    try {
      await unshareNotes(repo, remote);
      await this.refreshContext();
      void vscode.window.showInformationMessage(
        `AI Provenance: notes no longer shared with '${remote}' (notes already pushed stay there).`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage(`AI Provenance: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

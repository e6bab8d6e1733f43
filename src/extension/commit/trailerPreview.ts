/**
 * Shows, before anyone commits, what the commit hook will add for the staged content: a status bar item with the
 * AI line count and the exact trailers, and a command that puts them into the Source Control message box. With
 * several repositories in the window it shows the active editor's repository (else the first one git opened). On the
 * same (debounced) events it precomputes the commit for the hooks (src/git/commit/precompute.ts), so a terminal
 * `git commit -m` applies it in sh without starting node.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { containingRoot } from '../../core/repos/windowRepos';
import { precomputeCommit } from '../../git/commit/precompute';
import { previewTrailers, type TrailerPreview } from '../../git/commit/preview';
import { Disposable, debounce } from '../lifecycle';
import { deferStartup } from '../startupWork';

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: { readonly onDidChange: vscode.Event<void> };
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}

export class TrailerPreviewFeature extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('aiProvenance.trailerPreview', vscode.StatusBarAlignment.Left, 49),
  );
  private readonly refresh = debounce(() => void this.update(), 800);
  private current: { repo: GitRepository; preview: TrailerPreview } | undefined;

  constructor(private readonly log: (message: string) => void) {
    super();
    this.item.name = 'AI Provenance commit trailers';
    this.item.command = 'aiProvenance.insertTrailers';
    this.register(vscode.commands.registerCommand('aiProvenance.insertTrailers', () => this.insert()));
    this.register({ dispose: () => this.refresh.cancel() });
    // The git extension's API is read lazily: activation must not wait for it.
    deferStartup(() => this.connect());
  }

  /** Recomputes now (tests, and after our own saves). */
  async update(): Promise<TrailerPreview | undefined> {
    const repo = this.activeRepo();
    if (!repo) return undefined;
    try {
      const preview = await previewTrailers(repo.rootUri.fsPath);
      this.current = { repo, preview };
      this.render(preview);
      if (preview.aiLines > 0) this.precompute(repo.rootUri.fsPath);
      return preview;
    } catch (err) {
      this.log(`trailer preview failed: ${err instanceof Error ? err.message : String(err)}`);
      this.item.hide();
      return undefined;
    }
  }

  private precomputing = false;
  private precomputeAgain: string | undefined;
  private lastPrecompute = '';

  /**
   * One precompute at a time; calls meanwhile coalesce into one more run after it (previews come often: every git
   * event, every save). What it decided is logged when that changes.
   */
  private precompute(root: string): void {
    if (this.precomputing) {
      this.precomputeAgain = root;
      return;
    }
    this.precomputing = true;
    void (async () => {
      let next: string | undefined = root;
      while (next !== undefined) {
        this.precomputeAgain = undefined;
        await this.precomputeOnce(next);
        next = this.precomputeAgain;
      }
      this.precomputing = false;
    })();
  }

  private async precomputeOnce(root: string): Promise<void> {
    try {
      const outcome = await precomputeCommit(root);
      const said =
        outcome.state === 'refused'
          ? `commit not precomputed (the hooks will run node): ${outcome.reason}`
          : 'commit precomputed for the hooks';
      if (said !== this.lastPrecompute) this.log(said);
      this.lastPrecompute = said;
    } catch (err) {
      this.log(
        `commit precompute failed (the hooks will run node): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private api: GitApi | undefined;

  private repos(): readonly GitRepository[] {
    return this.api?.repositories ?? [];
  }

  /** The git extension's repository holding the active editor's file (the innermost), else its first one. */
  private activeRepo(): GitRepository | undefined {
    const repos = this.repos();
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme === 'file') {
      const root = containingRoot(
        uri.fsPath,
        repos.map((r) => r.rootUri.fsPath),
        path.sep,
      );
      const repo = repos.find((r) => r.rootUri.fsPath === root);
      if (repo) return repo;
    }
    return repos[0];
  }

  private async connect(): Promise<void> {
    const ext = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    if (!ext) return;
    const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
    this.api = api;
    const watch = (repo: GitRepository) => this.register(repo.state.onDidChange(() => this.refresh()));
    api.repositories.forEach(watch);
    this.register(
      api.onDidOpenRepository((repo) => {
        watch(repo);
        this.refresh();
      }),
    );
    this.register(vscode.workspace.onDidSaveTextDocument(() => this.refresh()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.refresh()));
    this.refresh();
  }

  private render(preview: TrailerPreview): void {
    if (preview.aiLines === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(git-commit) AI ${preview.aiLines} staged`;
    const lines = preview.trailers.map((t) => `${t.key}: ${t.value}`);
    this.item.tooltip = preview.invalid
      ? `AI Provenance: ${preview.aiLines} staged AI line(s), but no trailers will be written: ${preview.invalid}`
      : lines.length
        ? `AI Provenance: committing now adds\n${lines.join('\n')}\nand a git note with the AI lines. Click to put the trailers into the message.`
        : `AI Provenance: ${preview.aiLines} staged AI line(s); the trailer preset is "none", so only the git note is written.`;
    this.item.show();
  }

  private async insert(): Promise<void> {
    const preview = this.current?.preview ?? (await this.update());
    const repo = this.current?.repo;
    if (!repo || !preview || preview.trailers.length === 0) {
      void vscode.window.showInformationMessage('AI Provenance: no trailers to add for the staged changes.');
      return;
    }
    const lines = preview.trailers
      .map((t) => `${t.key}: ${t.value}`)
      .filter((line) => !repo.inputBox.value.includes(line));
    if (lines.length === 0) return;
    // Below a blank line, so the subject stays on the first line; the hook adds the same lines only if different.
    repo.inputBox.value = `${repo.inputBox.value.replace(/\s+$/, '')}\n\n${lines.join('\n')}`;
    void vscode.commands.executeCommand('workbench.view.scm');
    this.log(`trailers put into the message of ${path.basename(repo.rootUri.fsPath)}`);
  }
}

/**
 * The git repositories of the window: each workspace folder's, plus repositories found from the files being edited
 * (a submodule or a repository nested in a folder), discovered lazily once per directory. Commands that act on one
 * repository take it from here (`pick`: the active editor's, else the only one, else a quick pick); status items
 * follow the active editor's repository (`current`). Constructing it spawns nothing (activation must not).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { containingRoot, defaultRepository, pickerOrder } from '../core/repos/windowRepos';
import { findRepo, type RepoInfo } from '../git';
import { Disposable } from './lifecycle';

/** What a command's caller may pass to skip the picker (automation, tests): a path inside the repository. */
export interface RepoChoice {
  readonly repo?: string;
}

export class WindowRepositories extends Disposable {
  private folderRepos: Promise<RepoInfo[]> | undefined;
  private readonly byDir = new Map<string, Promise<RepoInfo | undefined>>();
  private readonly known = new Map<string, RepoInfo>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private readonly added = this.register(new vscode.EventEmitter<RepoInfo>());
  /** The active editor moved (maybe to another repository) or the set of repositories changed. */
  readonly onDidChange = this.changed.event;
  /** A repository seen for the first time (a workspace folder's or one found from an edited file). */
  readonly onDidAddRepository = this.added.event;

  constructor(private readonly log: (message: string) => void) {
    super();
    this.register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.folderRepos = undefined;
        void this.folders().then(() => this.changed.fire());
      }),
    );
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.changed.fire()));
  }

  /** Each workspace folder's repository, once each, in folder order. */
  folders(): Promise<RepoInfo[]> {
    this.folderRepos ??= (async () => {
      const out: RepoInfo[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (folder.uri.scheme !== 'file') continue;
        const repo = await this.forPath(folder.uri.fsPath, true);
        if (repo && !out.some((r) => r.root === repo.root)) out.push(repo);
      }
      return out;
    })();
    return this.folderRepos;
  }

  /**
   * Every repository of the window seen so far: the folders' first, then those found from edited files inside a
   * workspace folder (submodules, nested repositories; a file opened from elsewhere does not add its repository).
   */
  async all(): Promise<RepoInfo[]> {
    const folders = await this.folders();
    const folderPaths = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const nested = [...this.known.values()].filter(
      (r) => !folders.some((f) => f.root === r.root) && containingRoot(r.root, folderPaths, path.sep) !== undefined,
    );
    return [...folders, ...nested];
  }

  /** The repository holding a file or directory (cached per directory), or undefined. Never throws. */
  forPath(fsPath: string, isDir = false): Promise<RepoInfo | undefined> {
    const dir = isDir ? fsPath : path.dirname(fsPath);
    let pending = this.byDir.get(dir);
    if (!pending) {
      pending = findRepo(dir).then(
        (repo) => {
          if (repo && !this.known.has(repo.root)) {
            this.known.set(repo.root, repo);
            this.added.fire(repo);
          }
          return repo && this.known.get(repo.root);
        },
        (err: Error) => {
          this.log(`cannot tell which repository holds ${dir}: ${err.message}`);
          return undefined;
        },
      );
      this.byDir.set(dir, pending);
    }
    return pending;
  }

  /** The active editor's repository, when its file is in one. */
  async active(): Promise<RepoInfo | undefined> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === 'file' ? this.forPath(uri.fsPath) : undefined;
  }

  /** For status items and reads nobody asked for: the active editor's repository, else the first folder's. */
  async current(): Promise<RepoInfo | undefined> {
    return (await this.active()) ?? (await this.folders())[0] ?? (await this.all())[0];
  }

  /**
   * The repository a command acts on: `choice.repo` when given; else the active editor's; else the only one; else the
   * user picks (undefined when they cancel or there is none, after saying so).
   */
  async pick(title: string, choice?: RepoChoice): Promise<RepoInfo | undefined> {
    if (typeof choice?.repo === 'string') {
      const given = await this.forPath(choice.repo, true);
      if (!given) void vscode.window.showWarningMessage(`AI Provenance: ${choice.repo} is not in a git repository.`);
      return given;
    }
    const repos = await this.all();
    const active = await this.active();
    const roots = repos.map((r) => r.root);
    const chosen = defaultRepository(roots, active?.root);
    if (chosen === undefined) {
      void vscode.window.showWarningMessage('AI Provenance: open a folder or file of a git repository first.');
      return undefined;
    }
    if (chosen !== 'ask') return active?.root === chosen ? active : repos.find((r) => r.root === chosen);
    const folders = vscode.workspace.workspaceFolders ?? [];
    const item = await vscode.window.showQuickPick(
      pickerOrder(roots, active?.root).map((root) => ({
        label: path.basename(root),
        description: root,
        detail: folders.some((f) => f.uri.fsPath === root) ? 'workspace folder' : nestedIn(root, roots),
        root,
      })),
      { title, placeHolder: 'Which repository?' },
    );
    return item ? repos.find((r) => r.root === item.root) : undefined;
  }
}

function nestedIn(root: string, roots: readonly string[]): string {
  const outer = containingRoot(
    path.dirname(root),
    roots.filter((r) => r !== root),
    path.sep,
  );
  return outer ? `inside ${path.basename(outer)} (submodule or nested repository)` : 'repository of an open file';
}

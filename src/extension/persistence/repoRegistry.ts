/**
 * Finds the git repository of a file once per folder and opens its working-state store. Files outside any
 * repository, untitled buffers and non-file schemes get no store: their attribution lives in memory only.
 * Nested repositories and worktrees each resolve to their own store (git decides, through rev-parse).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { dropLine } from '../../core/state/dropLine';
import { DebouncedStateWriter, WorkingStateStore, findRepo, toRepoRelativePath, type RepoInfo } from '../../git';

export interface RepoHandle {
  readonly repo: RepoInfo;
  readonly store: WorkingStateStore;
  readonly writer: DebouncedStateWriter;
}

export class RepoRegistry implements vscode.Disposable {
  private readonly byDir = new Map<string, Promise<RepoHandle | undefined>>();
  private readonly byRoot = new Map<string, Promise<RepoHandle>>();
  /** Save failures already logged (file and reason). */
  private readonly reported = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  /** The repository holding `uri`, or undefined (not a file, or not in a repository). Never throws. */
  async forUri(uri: vscode.Uri): Promise<{ handle: RepoHandle; relPath: string } | undefined> {
    if (uri.scheme !== 'file') return undefined;
    const dir = path.dirname(uri.fsPath);
    let pending = this.byDir.get(dir);
    if (!pending) {
      pending = this.open(dir);
      this.byDir.set(dir, pending);
    }
    const handle = await pending;
    if (!handle) return undefined;
    const relPath = toRepoRelativePath(handle.repo, uri.fsPath);
    return relPath === undefined ? undefined : { handle, relPath };
  }

  handles(): Promise<Array<RepoHandle | undefined>> {
    return Promise.all(this.byRoot.values());
  }

  private async open(dir: string): Promise<RepoHandle | undefined> {
    try {
      const repo = await findRepo(dir);
      if (!repo) return undefined;
      let handle = this.byRoot.get(repo.root);
      if (!handle) {
        handle = WorkingStateStore.open(repo.root).then((store) => ({
          repo,
          store,
          writer: new DebouncedStateWriter(store, {
            onError: (err, rel) => {
              // Said once per file and reason: a path that cannot be recorded fails on every save.
              const key = `${rel}\0${err.message}`;
              if (this.reported.has(key)) return;
              this.reported.add(key);
              this.log(dropLine('editor', `attribution of ${rel}`, `saving it failed: ${err.message}`));
            },
          }),
        }));
        this.byRoot.set(repo.root, handle);
      }
      return await handle;
    } catch (err) {
      this.log(`no working state for ${dir}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Writes everything pending; used on close, rename and deactivate. */
  async flushAll(): Promise<void> {
    for (const handle of await this.handles()) await handle?.writer.flush();
  }

  dispose(): void {
    void this.handles().then((handles) => handles.forEach((h) => void h?.writer.dispose()));
  }
}

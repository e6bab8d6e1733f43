/**
 * Which file and revision a document shows, for AI blame: a file in the work tree, a `git:` document of the
 * built-in Git extension (a diff's base side, a file at a commit), or one of our own revision documents.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { assertSafeRev, findRepo, toRepoRelativePath, type RepoInfo } from '../../git';
import { REVISION_SCHEME, parseRevisionUri } from '../review/revisionContent';

export interface BlameRequest {
  readonly repo: RepoInfo;
  readonly relPath: string;
  /** A revision to blame; undefined for the work tree (uncommitted lines included). */
  readonly rev?: string;
}

/** A request, or why this document cannot be blamed (undefined when it is simply not in a repository). */
export type BlameLookup = BlameRequest | { readonly unsupported: string } | undefined;

export class BlameSources {
  private readonly repos = new Map<string, Promise<RepoInfo | undefined>>();

  async lookup(doc: vscode.TextDocument): Promise<BlameLookup> {
    const uri = doc.uri;
    if (uri.scheme === 'file') return this.inRepo(uri.fsPath, undefined);
    if (uri.scheme === REVISION_SCHEME) {
      const ref = parseRevisionUri(uri);
      if (ref.rev === '') return { unsupported: 'the file does not exist at this side of the diff' };
      const repo = await this.repoOf(ref.root);
      return repo ? { repo, relPath: ref.path, rev: ref.rev } : undefined;
    }
    if (uri.scheme === 'git') return this.gitDocument(uri);
    return undefined;
  }

  /** The built-in Git extension's URIs carry `{ path, ref }` as JSON in the query; `~` is the index. */
  private async gitDocument(uri: vscode.Uri): Promise<BlameLookup> {
    let query: unknown;
    try {
      query = JSON.parse(uri.query);
    } catch {
      return undefined;
    }
    const { path: fsPath, ref } = (query ?? {}) as { path?: unknown; ref?: unknown };
    if (typeof fsPath !== 'string' || typeof ref !== 'string') return undefined;
    if (ref === '~' || /^~\d$/.test(ref))
      return { unsupported: 'AI blame shows committed versions and the work tree, not the staged version' };
    if (ref === '') return this.inRepo(fsPath, undefined);
    try {
      assertSafeRev(ref);
    } catch {
      return { unsupported: `cannot blame revision ${JSON.stringify(ref.slice(0, 40))}` };
    }
    return this.inRepo(fsPath, ref);
  }

  private async inRepo(fsPath: string, rev: string | undefined): Promise<BlameLookup> {
    const repo = await this.repoOf(path.dirname(fsPath));
    if (!repo) return undefined;
    const relPath = toRepoRelativePath(repo, fsPath);
    if (relPath === undefined) return undefined;
    return rev === undefined ? { repo, relPath } : { repo, relPath, rev };
  }

  private repoOf(dir: string): Promise<RepoInfo | undefined> {
    let pending = this.repos.get(dir);
    if (!pending) {
      pending = findRepo(dir).catch(() => undefined);
      this.repos.set(dir, pending);
      // A failed or empty lookup may succeed later (git init, a mounted folder): do not keep it forever.
      void pending.then((repo) => repo ?? this.repos.delete(dir));
    }
    return pending;
  }
}

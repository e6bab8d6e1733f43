/**
 * Read-only documents of a file at a commit (`git show <rev>:<path>`), for the two sides of review diffs and for
 * blame of old versions. The URI carries the repository root, the commit and the repo-relative path; its path is
 * the file's path, so the editor picks the right language.
 */
import * as vscode from 'vscode';
import { assertRepoRelativePath } from '../../core/state';
import { assertSafeRev, findRepo, readBlobAt } from '../../git';

export const REVISION_SCHEME = 'ai-provenance-rev';

export interface RevisionRef {
  readonly root: string;
  /** A commit id; '' for "no such file" (the empty side of an added or deleted file). */
  readonly rev: string;
  readonly path: string;
}

export function revisionUri(ref: RevisionRef): vscode.Uri {
  const query = new URLSearchParams({ root: ref.root, rev: ref.rev, path: ref.path }).toString();
  return vscode.Uri.from({ scheme: REVISION_SCHEME, path: `/${ref.path}`, query });
}

/** The reference a revision URI names; throws on a malformed or hostile one. */
export function parseRevisionUri(uri: vscode.Uri): RevisionRef {
  if (uri.scheme !== REVISION_SCHEME) throw new Error(`not a ${REVISION_SCHEME} URI`);
  const q = new URLSearchParams(uri.query);
  const root = q.get('root') ?? '';
  const rev = q.get('rev') ?? '';
  const path = q.get('path') ?? '';
  if (!root) throw new Error('revision URI without a repository');
  if (rev !== '') assertSafeRev(rev);
  assertRepoRelativePath(path);
  return { root, rev, path };
}

class RevisionContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseRevisionUri(uri);
    if (ref.rev === '') return '';
    const repo = await findRepo(ref.root);
    if (!repo) throw new Error(`not a git repository: ${ref.root}`);
    const text = await readBlobAt(repo, ref.rev, ref.path);
    return text ?? '';
  }
}

export function registerRevisionContent(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(REVISION_SCHEME, new RevisionContentProvider());
}

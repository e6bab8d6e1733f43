/**
 * Opens a changed file of the review as a diff: the old side at the merge base, the new side at the head commit
 * (both served by the revision content provider) or the file itself for a work-tree review, with a range selected.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoadedReview } from './reviewLoader';
import type { FileEntry } from './reviewModel';
import { revisionUri } from './revisionContent';

export interface DiffSelection {
  /** `new` selects in the right editor, `old` in the left one. */
  readonly side: 'new' | 'old';
  /** 1-based, inclusive. */
  readonly start: number;
  readonly end: number;
}

function diffUris(review: LoadedReview, file: FileEntry): { left: vscode.Uri; right: vscode.Uri } {
  const root = review.repo.root;
  const left = revisionUri({
    root,
    rev: file.oldPath === null ? '' : review.baseCommit,
    path: file.oldPath ?? file.path,
  });
  let right: vscode.Uri;
  if (file.newPath === null) right = revisionUri({ root, rev: '', path: file.path });
  else if (review.headCommit === null) right = vscode.Uri.file(path.join(root, ...file.newPath.split('/')));
  else right = revisionUri({ root, rev: review.headCommit, path: file.newPath });
  return { left, right };
}

/** Opens the diff of `file` and selects `selection`; resolves to the editor holding the selection. */
export async function openReviewDiff(
  review: LoadedReview,
  file: FileEntry,
  selection?: DiffSelection,
): Promise<vscode.TextEditor | undefined> {
  const { left, right } = diffUris(review, file);
  const title = `${path.posix.basename(file.path)} (AI review: ${review.label})`;
  const range = selection && new vscode.Range(selection.start - 1, 0, selection.end - 1, Number.MAX_SAFE_INTEGER);
  const options: vscode.TextDocumentShowOptions = {
    preview: true,
    ...(range && selection?.side === 'new' ? { selection: range } : {}),
  };
  await vscode.commands.executeCommand('vscode.diff', left, right, title, options);
  const target = selection?.side === 'old' ? left : right;
  const editor = await visibleEditor(target);
  if (editor && range) {
    const r = editor.document.validateRange(range);
    editor.selection = new vscode.Selection(r.start, r.end);
    editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}

/** The visible editor of `uri`; the diff editor creates its two sides shortly after the command resolves. */
async function visibleEditor(uri: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const find = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  for (let i = 0; i < 40; i++) {
    const editor = find();
    if (editor) return editor;
    await new Promise((r) => setTimeout(r, 25));
  }
  return undefined;
}

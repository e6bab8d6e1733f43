/**
 * The AI Review tree: the changed files with their AI share, each file's hunks classed AI / mixed / human with a
 * "reviewed" check box, and the checklist findings that point into each hunk. The view's message carries the
 * progress ("N of M AI hunks reviewed") and the tier; its badge counts the AI hunks still to review.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { LoadedReview } from './reviewLoader';
import type { FileEntry, FindingEntry, HunkEntry } from './reviewModel';
import type { ReviewSession } from './reviewSession';

export const REVIEW_VIEW_ID = 'aiProvenance.review';
/** Commands the tree items run; registered by reviewCommands. */
export const OPEN_FILE_COMMAND = 'aiProvenance.review.openFile';
export const OPEN_HUNK_COMMAND = 'aiProvenance.review.openHunk';
export const REVEAL_FINDING_COMMAND = 'aiProvenance.review.revealFinding';

export type ReviewNode =
  | { readonly type: 'status'; readonly text: string }
  | { readonly type: 'change'; readonly findings: readonly FindingEntry[] }
  | { readonly type: 'file'; readonly file: FileEntry }
  | { readonly type: 'hunk'; readonly file: FileEntry; readonly hunk: HunkEntry }
  | { readonly type: 'finding'; readonly entry: FindingEntry; readonly parent: ReviewNode };

const KIND_LABEL = { ai: 'AI', mixed: 'mixed', human: 'human' } as const;
const KIND_COLOR = { ai: 'aiProvenance.blameAi', mixed: 'aiProvenance.blameMixed' } as const;
const SEVERITY_ICON = { high: 'error', medium: 'warning', low: 'info', info: 'info' } as const;

export class ReviewTree extends Disposable implements vscode.TreeDataProvider<ReviewNode> {
  private readonly _onDidChangeTreeData = this.register(new vscode.EventEmitter<ReviewNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  readonly view: vscode.TreeView<ReviewNode>;
  /** Nodes of the loaded review, so reveal() finds the same objects getChildren returned. */
  private roots: ReviewNode[] = [];
  private readonly hunkNodes = new Map<string, ReviewNode>();
  private readonly children = new Map<ReviewNode, ReviewNode[]>();
  private readonly parents = new Map<ReviewNode, ReviewNode>();
  private built: LoadedReview | undefined;

  constructor(private readonly session: ReviewSession) {
    super();
    this.view = this.register(
      vscode.window.createTreeView(REVIEW_VIEW_ID, {
        treeDataProvider: this,
        showCollapseAll: true,
        manageCheckboxStateManually: true,
      }),
    );
    this.register(this.view.onDidChangeCheckboxState((e) => void this.checkboxes(e)));
    this.register(session.onDidChange(() => this.refresh()));
    // The review loads when the view first shows: activation itself runs no git.
    this.register(this.view.onDidChangeVisibility((e) => e.visible && void session.ensureLoaded()));
    // A view restored as visible loads after activation, never during it.
    const timer = setTimeout(() => this.view.visible && void session.ensureLoaded(), 0);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  /** The node of the hunk with `key` at `startLine` of `path`, for reveal. */
  hunkNode(hunk: HunkEntry): ReviewNode | undefined {
    this.build();
    return this.hunkNodes.get(hunkId(hunk));
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    switch (node.type) {
      case 'status':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      case 'change': {
        const item = new vscode.TreeItem('Whole change', vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.findings.length} finding${node.findings.length === 1 ? '' : 's'}`;
        item.iconPath = new vscode.ThemeIcon('checklist');
        return item;
      }
      case 'file':
        return this.fileItem(node.file);
      case 'hunk':
        return this.hunkItem(node.file, node.hunk);
      case 'finding':
        return findingItem(node.entry, parentId(node.parent));
    }
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (!node) {
      const s = this.session.current;
      if (s.status === 'idle') return [];
      if (s.status === 'loading') return [{ type: 'status', text: 'Loading the review…' }];
      if (s.status === 'error') return [{ type: 'status', text: s.message }];
      this.build();
      return this.roots;
    }
    return this.children.get(node) ?? [];
  }

  getParent(node: ReviewNode): ReviewNode | undefined {
    return this.parents.get(node);
  }

  private refresh(): void {
    const review = this.session.review;
    if (review !== this.built) this.built = undefined;
    const { reviewed, total } = this.session.progress();
    const s = this.session.current;
    if (review) {
      const counts = total === 0 ? 'no AI hunks' : `${reviewed} of ${total} AI hunks reviewed`;
      this.view.message = `${review.label}: ${counts} · tier ${review.review.tier}`;
      this.view.description = total === 0 ? undefined : `${reviewed}/${total} reviewed`;
      this.view.badge =
        total > reviewed ? { value: total - reviewed, tooltip: `${total - reviewed} AI hunks to review` } : undefined;
    } else {
      this.view.message = s.status === 'idle' ? 'Choose what to review.' : undefined;
      this.view.description = undefined;
      this.view.badge = undefined;
    }
    this._onDidChangeTreeData.fire(undefined);
  }

  private build(): void {
    const review = this.session.review;
    if (!review || this.built === review) return;
    this.built = review;
    this.roots = [];
    this.hunkNodes.clear();
    this.children.clear();
    this.parents.clear();
    const add = (parent: ReviewNode, kids: ReviewNode[]) => {
      this.children.set(parent, kids);
      for (const k of kids) this.parents.set(k, parent);
    };
    if (review.model.changeFindings.length > 0) {
      const change: ReviewNode = { type: 'change', findings: review.model.changeFindings };
      add(
        change,
        review.model.changeFindings.map((entry) => ({ type: 'finding', entry, parent: change })),
      );
      this.roots.push(change);
    }
    for (const file of review.model.files) {
      const fileNode: ReviewNode = { type: 'file', file };
      const kids: ReviewNode[] = [];
      for (const hunk of file.hunks) {
        const hunkNode: ReviewNode = { type: 'hunk', file, hunk };
        this.hunkNodes.set(hunkId(hunk), hunkNode);
        add(
          hunkNode,
          hunk.findings.map((entry) => ({ type: 'finding', entry, parent: hunkNode })),
        );
        kids.push(hunkNode);
      }
      for (const entry of file.otherFindings) kids.push({ type: 'finding', entry, parent: fileNode });
      add(fileNode, kids);
      this.roots.push(fileNode);
    }
    if (this.roots.length === 0) this.roots.push({ type: 'status', text: 'No changes to review.' });
  }

  private fileItem(file: FileEntry): vscode.TreeItem {
    const review = this.session.review!;
    const hasKids = file.hunks.length > 0 || file.otherFindings.length > 0;
    const item = new vscode.TreeItem(
      { label: path.posix.basename(file.path) },
      hasKids
        ? file.aiLines > 0
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `file:${file.path}`;
    item.resourceUri = vscode.Uri.file(path.join(review.repo.root, ...file.path.split('/')));
    item.iconPath = vscode.ThemeIcon.File;
    const dir = path.posix.dirname(file.path);
    const share = file.binary ? 'binary' : file.addedLines === 0 ? file.status : `${Math.round(file.share * 100)}% AI`;
    item.description = dir === '.' ? share : `${dir} · ${share}`;
    const open = file.hunks.filter((h) => h.kind !== 'human' && !this.session.reviewedKeys.has(h.key)).length;
    item.tooltip = `${file.path}\n${file.status}; ${file.aiLines} of ${file.addedLines} added lines written by AI${open > 0 ? `; ${open} AI hunk${open === 1 ? '' : 's'} to review` : ''}`;
    item.contextValue = 'aiReviewFile';
    item.command = { command: OPEN_FILE_COMMAND, title: 'Open Review Diff', arguments: [file.path] };
    return item;
  }

  private hunkItem(file: FileEntry, hunk: HunkEntry): vscode.TreeItem {
    const reviewed = this.session.reviewedKeys.has(hunk.key);
    const lines =
      hunk.startLine === hunk.endLine ? `Line ${hunk.startLine}` : `Lines ${hunk.startLine}–${hunk.endLine}`;
    const item = new vscode.TreeItem(
      lines,
      hunk.findings.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `hunk:${hunkId(hunk)}`;
    const parts: string[] = [KIND_LABEL[hunk.kind]];
    if (hunk.tools.length > 0) parts.push(hunk.tools.slice(0, 2).join(', '));
    if (hunk.findings.length > 0) parts.push(`${hunk.findings.length} finding${hunk.findings.length === 1 ? '' : 's'}`);
    item.description = parts.join(' · ');
    item.iconPath =
      hunk.kind === 'human'
        ? new vscode.ThemeIcon('person')
        : new vscode.ThemeIcon('sparkle', new vscode.ThemeColor(KIND_COLOR[hunk.kind]));
    item.checkboxState = reviewed ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
    item.tooltip = `${file.path} ${lines.toLowerCase()}: ${hunk.aiLines} of ${hunk.endLine - hunk.startLine + 1} lines written by AI${reviewed ? ' (reviewed)' : ''}`;
    item.accessibilityInformation = {
      label: `${KIND_LABEL[hunk.kind]} hunk, ${lines.toLowerCase()}, ${reviewed ? 'reviewed' : 'not reviewed'}`,
    };
    item.contextValue = reviewed ? 'aiReviewHunk.reviewed' : 'aiReviewHunk';
    item.command = { command: OPEN_HUNK_COMMAND, title: 'Open Hunk', arguments: [file.path, hunk.startLine] };
    return item;
  }

  private async checkboxes(e: vscode.TreeCheckboxChangeEvent<ReviewNode>): Promise<void> {
    const marks = new Map<boolean, string[]>([
      [true, []],
      [false, []],
    ]);
    for (const [node, state] of e.items) {
      if (node.type === 'hunk') marks.get(state === vscode.TreeItemCheckboxState.Checked)!.push(node.hunk.key);
    }
    try {
      for (const [reviewed, keys] of marks) if (keys.length > 0) await this.session.setReviewed(keys, reviewed);
    } catch (err) {
      void vscode.window.showErrorMessage(`AI Review: ${err instanceof Error ? err.message : String(err)}`);
      this.refresh();
    }
  }
}

function hunkId(hunk: HunkEntry): string {
  return `${hunk.path}\u0000${hunk.startLine}\u0000${hunk.key}`;
}

function parentId(node: ReviewNode): string {
  if (node.type === 'hunk') return hunkId(node.hunk);
  if (node.type === 'file') return `file\u0000${node.file.path}`;
  return node.type;
}

function findingItem(entry: FindingEntry, parent: string): vscode.TreeItem {
  const f = entry.finding;
  const item = new vscode.TreeItem(f.title, vscode.TreeItemCollapsibleState.None);
  // One finding can sit under two hunks it overlaps: the id names the parent too.
  item.id = `finding:${parent}\u0000${entry.id}`;
  item.description = f.why;
  item.iconPath = new vscode.ThemeIcon(SEVERITY_ICON[f.severity]);
  // A plain string tooltip: findings quote code from the change, which is never rendered as markdown.
  item.tooltip = `${f.title} (${f.severity}${f.inAi ? ', in AI-written lines' : ''})\n${f.why}\nWhat to do: ${f.whatToDo}`;
  item.contextValue = 'aiReviewFinding';
  if (f.file !== null && f.range !== null)
    item.command = { command: REVEAL_FINDING_COMMAND, title: 'Show in Diff', arguments: [entry.id] };
  return item;
}

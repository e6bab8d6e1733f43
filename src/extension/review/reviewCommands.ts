/**
 * The review commands: choose what to review, refresh, open a file's or hunk's diff, reveal a finding, mark the
 * hunk under the cursor (or the selected one) reviewed, and jump to the next unreviewed AI hunk.
 */
import * as vscode from 'vscode';
import type { RepoInfo } from '../../git/repo';
import { splitRange } from '../../git/review/range';
import { CommandId } from '../commandIds';
import type { RepoChoice } from '../repositories';
import type { DiffAnnotations } from './diffAnnotations';
import { reviewSideOf } from './diffAnnotations';
import { openReviewDiff } from './reviewDiff';
import { listRefs } from './reviewGit';
import type { LoadedReview, ReviewTarget } from './reviewLoader';
import { hunkAt, nextUnreviewed, type HunkEntry } from './reviewModel';
import type { ReviewSession } from './reviewSession';
import {
  OPEN_FILE_COMMAND,
  OPEN_HUNK_COMMAND,
  REVEAL_FINDING_COMMAND,
  REVIEW_VIEW_ID,
  type ReviewNode,
  type ReviewTree,
} from './reviewTree';
import { CHECKLIST_VIEW_ID } from './checklistView';

export class ReviewActions {
  constructor(
    private readonly session: ReviewSession,
    private readonly tree: ReviewTree,
    private readonly annotations: DiffAnnotations,
    /** The repository to review, from a path given with the target or else the window's (a picker when several). */
    private readonly pickRepo: (choice: RepoChoice | undefined) => Promise<RepoInfo | undefined>,
  ) {}

  private async loaded(): Promise<LoadedReview> {
    const review = await this.session.ensureLoaded();
    if (!review) {
      const s = this.session.current;
      throw new Error(s.status === 'error' ? s.message : 'no review is loaded');
    }
    return review;
  }

  async openFile(filePath: string): Promise<void> {
    const review = await this.loaded();
    const file = review.model.files.find((f) => f.path === filePath);
    if (!file) throw new Error(`${filePath} is not part of this review`);
    const first = file.hunks.find((h) => h.kind !== 'human') ?? file.hunks[0];
    await openReviewDiff(review, file, first && { side: 'new', start: first.startLine, end: first.startLine });
    this.annotations.flush();
  }

  async openHunk(filePath: string, startLine: number): Promise<void> {
    const review = await this.loaded();
    const file = review.model.files.find((f) => f.newPath === filePath);
    const hunk = file?.hunks.find((h) => h.startLine === startLine);
    if (!file || !hunk) throw new Error(`no hunk at ${filePath}:${startLine} in this review`);
    await openReviewDiff(review, file, { side: 'new', start: hunk.startLine, end: hunk.endLine });
    this.annotations.flush();
  }

  async revealFinding(id: number, place = 0): Promise<void> {
    const review = await this.loaded();
    const entry = review.model.findings[id];
    const f = entry?.finding;
    if (!f || f.file === null || f.range === null) return;
    // A folded finding lists every place; `place` picks one of them (the first when out of range).
    const range = f.locations?.[place] ?? f.range;
    // A finding folded across files names the file of each place that is not its own.
    const path = ('file' in range && range.file) || f.file;
    const file = review.model.files.find((x) => (range.side === 'new' ? x.newPath === path : x.oldPath === path));
    if (!file) throw new Error(`${path} is not part of this review`);
    await openReviewDiff(review, file, { side: range.side, start: range.start, end: range.end });
    this.annotations.flush();
  }

  /**
   * The hunks a command is about: the tree node it was run on; else, from the keyboard in the view, the view's
   * selection; else the hunk under the cursor of a review diff.
   */
  private async targetHunks(node?: ReviewNode, fromView = false): Promise<HunkEntry[]> {
    const review = await this.loaded();
    if (node?.type === 'hunk') return [node.hunk];
    const editor = vscode.window.activeTextEditor;
    const side = editor && reviewSideOf(review, editor.document.uri);
    if (!fromView && editor && side?.side === 'head') {
      const hunk = hunkAt(review.model, side.path, editor.selection.active.line + 1);
      if (!hunk) throw new Error('the cursor is not in a hunk this change added');
      return [hunk];
    }
    const selected = this.tree.view.selection.flatMap((n) => (n.type === 'hunk' ? [n.hunk] : []));
    if (selected.length === 0)
      throw new Error('put the cursor in a hunk of a review diff, or select hunks in the AI Review view');
    return selected;
  }

  async markReviewed(node?: ReviewNode, fromView = false): Promise<HunkEntry[]> {
    const hunks = await this.targetHunks(node, fromView);
    await this.session.setReviewed(
      hunks.map((h) => h.key),
      true,
    );
    const { reviewed, total } = this.session.progress();
    vscode.window.setStatusBarMessage(`$(check) AI Review: ${reviewed} of ${total} AI hunks reviewed`, 4000);
    return hunks;
  }

  async nextUnreviewed(): Promise<HunkEntry | undefined> {
    const review = await this.loaded();
    const editor = vscode.window.activeTextEditor;
    const side = editor && reviewSideOf(review, editor.document.uri);
    const from = side?.side === 'head' ? { path: side.path, line: editor!.selection.active.line + 1 } : undefined;
    const hunk = nextUnreviewed(review.model, this.session.reviewedKeys, from);
    if (!hunk) {
      void vscode.window.showInformationMessage(
        review.model.aiHunks.length === 0
          ? 'AI Review: this change has no AI hunks.'
          : 'AI Review: every AI hunk is reviewed.',
      );
      return undefined;
    }
    await this.openHunk(hunk.path, hunk.startLine);
    const node = this.tree.hunkNode(hunk);
    if (node && this.tree.view.visible)
      await this.tree.view.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
    return hunk;
  }

  async chooseTarget(arg?: unknown): Promise<void> {
    const given = (arg ?? {}) as RepoChoice;
    const repo = await this.pickRepo(typeof given.repo === 'string' ? { repo: given.repo } : undefined);
    if (!repo) return;
    const target = arg === undefined ? await pickTarget(this.session) : parseTarget(arg);
    if (!target) return;
    await this.session.setTarget(target, repo);
    const s = this.session.current;
    if (s.status === 'error') void vscode.window.showErrorMessage(`AI Review: ${s.message}`);
  }
}

/** A target given as a command argument (from tests or other extensions); throws on anything else. */
function parseTarget(arg: unknown): ReviewTarget {
  const a = (arg ?? {}) as { kind?: unknown; base?: unknown; head?: unknown };
  if (a.kind === 'branch' || a.kind === 'worktree') return { kind: a.kind };
  if (a.kind === 'refs' && typeof a.base === 'string' && typeof a.head === 'string') {
    const { baseRef, headRef } = splitRange(`${a.base}..${a.head}`);
    return { kind: 'refs', base: baseRef, head: headRef };
  }
  throw new Error('a review target is { kind: "branch" | "worktree" } or { kind: "refs", base, head }');
}

async function pickTarget(session: ReviewSession): Promise<ReviewTarget | undefined> {
  type Item = vscode.QuickPickItem & { target?: ReviewTarget; refs?: true };
  const items: Item[] = [
    {
      label: '$(git-branch) Current branch',
      description: 'against its merge base with the default branch',
      target: { kind: 'branch' },
    },
    { label: '$(git-compare) Two refs…', description: 'BASE..HEAD', refs: true },
    { label: '$(edit) Working tree', description: 'uncommitted changes against HEAD', target: { kind: 'worktree' } },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'AI Review: what to review',
    placeHolder: 'Choose the change to review',
  });
  if (!picked) return undefined;
  if (picked.target) return picked.target;
  const review = session.review;
  const refs = review ? await listRefs(review.repo).catch(() => []) : [];
  const value = await vscode.window.showInputBox({
    title: 'AI Review: compare two refs',
    prompt: `BASE..HEAD (the head is compared with its merge base with the base)${refs.length > 0 ? `. Refs: ${refs.slice(0, 8).join(', ')}` : ''}`,
    value: 'main..HEAD',
    validateInput: (text) => {
      if (!/\.\./.test(text)) return 'write BASE..HEAD';
      try {
        splitRange(text.trim());
        return undefined;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    },
  });
  if (!value) return undefined;
  const { baseRef, headRef } = splitRange(value.trim());
  return { kind: 'refs', base: baseRef, head: headRef };
}

/** Runs `fn` and shows its error; commands return its value (tests read it). */
function guarded<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      void vscode.window.showErrorMessage(`AI Review: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
}

export function registerReviewCommands(actions: ReviewActions, session: ReviewSession): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(
      CommandId.ReviewChooseTarget,
      guarded((arg?: unknown) => actions.chooseTarget(arg)),
    ),
    vscode.commands.registerCommand(
      CommandId.ReviewRefresh,
      guarded(() => session.reload()),
    ),
    vscode.commands.registerCommand(
      OPEN_FILE_COMMAND,
      guarded((p: string) => actions.openFile(String(p))),
    ),
    vscode.commands.registerCommand(
      OPEN_HUNK_COMMAND,
      guarded((p: string, line: number) => actions.openHunk(String(p), Number(line))),
    ),
    vscode.commands.registerCommand(
      REVEAL_FINDING_COMMAND,
      guarded((id: number) => actions.revealFinding(Number(id))),
    ),
    // The keybinding in the view passes { fromView: true }; the view's inline action passes its node.
    vscode.commands.registerCommand(
      CommandId.ReviewMarkHunkReviewed,
      guarded((arg?: unknown) => actions.markReviewed(isNode(arg) ? arg : undefined, isFromView(arg))),
    ),
    vscode.commands.registerCommand(
      CommandId.ReviewNextUnreviewedHunk,
      guarded(() => actions.nextUnreviewed()),
    ),
    vscode.commands.registerCommand(
      CommandId.ReviewOpenChecklist,
      guarded(async () => {
        await vscode.commands.executeCommand(`${CHECKLIST_VIEW_ID}.focus`);
      }),
    ),
    vscode.commands.registerCommand(
      CommandId.ReviewShow,
      guarded(async () => {
        await vscode.commands.executeCommand(`${REVIEW_VIEW_ID}.focus`);
        await session.ensureLoaded();
      }),
    ),
  );
}

function isFromView(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { fromView?: unknown }).fromView === true;
}

function isNode(value: unknown): value is ReviewNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

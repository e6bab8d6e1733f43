/**
 * The review in progress: what is being reviewed (loaded lazily, when a review view first shows), who reviews, and
 * their marks. Hunk marks and checklist marks live in the repository's git dir per reviewer (src/git/review
 * ReviewStateStore, keyed by hunk content), so they survive reloads and rebases; notes on checklist items are
 * the reviewer's scratch text and stay in the workspace state.
 */
import * as vscode from 'vscode';
import { CHECKLIST_ID } from '../../core/policy/reviewState';
import { findRepo, type RepoInfo } from '../../git';
import { gitIdentity } from '../../git/review/range';
import { ReviewStateStore } from '../../git/review/reviewStore';
import { Disposable } from '../lifecycle';
import { reviewEngine } from './lazyReviewEngine';
import type { LoadDeps, LoadedReview, ReviewTarget } from './reviewLoader';
import { progress } from './reviewModel';

export const NOTE_MAX = 2000;

export interface Reviewer {
  readonly name: string;
  readonly email: string;
}

export type SessionState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly target: ReviewTarget }
  | { readonly status: 'error'; readonly target: ReviewTarget; readonly message: string }
  | { readonly status: 'ready'; readonly review: LoadedReview };

export class ReviewSession extends Disposable {
  private state: SessionState = { status: 'idle' };
  /** The review the pages on screen show: marks and notes sent during a reload still belong to it. */
  private shown: LoadedReview | undefined;
  /** Counts mark writes, so a reload notices one that raced its read. */
  private writes = 0;
  private target: ReviewTarget = { kind: 'branch' };
  /** The repository chosen with the target; until then the active file's (workspaceRepo). */
  private pinned: RepoInfo | undefined;
  private generation = 0;
  private reviewed = new Set<string>();
  private checked = new Set<string>();
  private store: ReviewStateStore | undefined;
  private reviewer: Reviewer | undefined;
  private readonly _onDidChange = this.register(new vscode.EventEmitter<void>());
  /** Fires when the review, the marks or the notes changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly deps: LoadDeps,
    private readonly log: (message: string) => void,
  ) {
    super();
  }

  get current(): SessionState {
    return this.state;
  }

  get review(): LoadedReview | undefined {
    return this.state.status === 'ready' ? this.state.review : undefined;
  }

  get reviewedKeys(): ReadonlySet<string> {
    return this.reviewed;
  }

  get checkedItems(): ReadonlySet<string> {
    return this.checked;
  }

  get identity(): Reviewer | undefined {
    return this.reviewer;
  }

  progress(): { reviewed: number; total: number } {
    const review = this.review;
    return review ? progress(review.model, this.reviewed) : { reviewed: 0, total: 0 };
  }

  /** Loads the review once; later calls return the loaded one (use reload to refresh). */
  async ensureLoaded(): Promise<LoadedReview | undefined> {
    if (this.state.status === 'idle') await this.reload();
    else if (this.state.status === 'loading')
      await new Promise<void>((resolve) => {
        const sub = this.onDidChange(() => {
          if (this.state.status !== 'loading') {
            sub.dispose();
            resolve();
          }
        });
      });
    return this.review;
  }

  /** `repo`: review that repository from now on (several in the window); otherwise the one reviewed so far. */
  async setTarget(target: ReviewTarget, repo?: RepoInfo): Promise<void> {
    this.target = target;
    if (repo) this.pinned = repo;
    await this.reload();
  }

  /** Re-reads everything: the diff, provenance, findings and the stored marks. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const target = this.target;
    this.state = { status: 'loading', target };
    this._onDidChange.fire();
    try {
      const repo = this.pinned ?? (await workspaceRepo());
      const [review, store, reviewer] = await Promise.all([
        reviewEngine().loadReview(repo, target, this.deps),
        ReviewStateStore.open(repo.root),
        gitIdentity(repo).catch((err: Error) => {
          this.log(`review: no reviewer identity: ${err.message}`);
          return undefined;
        }),
      ]);
      const readMarks = () =>
        reviewer
          ? Promise.all([store.reviewedHunks(reviewer.email), store.checkedItems(review.scope, reviewer.email)])
          : Promise.resolve([new Map<string, number>(), new Set<string>()] as const);
      let writes = this.writes;
      let [reviewed, checked] = await readMarks();
      // A mark written while the marks were read would be lost: read them again.
      while (writes !== this.writes) {
        writes = this.writes;
        [reviewed, checked] = await readMarks();
      }
      if (generation !== this.generation) return;
      this.store = store;
      this.reviewer = reviewer;
      this.reviewed = new Set(reviewed.keys());
      this.checked = new Set(checked);
      this.state = { status: 'ready', review };
      this.shown = review;
      for (const w of review.warnings) this.log(`review: ${w}`);
    } catch (err) {
      if (generation !== this.generation) return;
      const message = err instanceof Error ? err.message : String(err);
      this.log(`review: ${message}`);
      this.state = { status: 'error', target, message };
    }
    this._onDidChange.fire();
  }

  /** Marks (or unmarks) hunks for the reviewer; throws when git has no identity for them. */
  async setReviewed(keys: readonly string[], reviewed: boolean): Promise<void> {
    const { store, reviewer } = this.requireReviewer();
    if (keys.length === 0) return;
    this.writes++;
    if (reviewed) await store.markReviewed(keys, reviewer.email);
    else await store.unmarkReviewed(keys, reviewer.email);
    this.writes++;
    for (const k of keys) {
      if (reviewed) this.reviewed.add(k);
      else this.reviewed.delete(k);
    }
    this._onDidChange.fire();
  }

  async setChecked(itemId: string, checked: boolean): Promise<void> {
    const review = this.shown;
    if (!review || !CHECKLIST_ID.test(itemId)) return;
    const { store, reviewer } = this.requireReviewer();
    this.writes++;
    await store.setChecklistItem(review.scope, itemId, reviewer.email, checked);
    this.writes++;
    if (checked) this.checked.add(itemId);
    else this.checked.delete(itemId);
    this._onDidChange.fire();
  }

  note(itemId: string): string {
    const review = this.shown;
    if (!review) return '';
    const value = this.memento.get<unknown>(this.noteKey(review, itemId));
    return typeof value === 'string' ? value.slice(0, NOTE_MAX) : '';
  }

  async setNote(itemId: string, text: string): Promise<void> {
    const review = this.shown;
    if (!review || !CHECKLIST_ID.test(itemId)) return;
    await this.memento.update(this.noteKey(review, itemId), text.slice(0, NOTE_MAX) || undefined);
  }

  private noteKey(review: LoadedReview, itemId: string): string {
    return `aiProvenance.review.note:${review.repo.root}:${review.scope}:${itemId}`;
  }

  private requireReviewer(): { store: ReviewStateStore; reviewer: Reviewer } {
    if (!this.store || !this.reviewer) {
      throw new Error(
        'set git user.name and user.email to record review marks (git config user.email you@example.com)',
      );
    }
    return { store: this.store, reviewer: this.reviewer };
  }
}

/** The repository of the active file, else of the first workspace folder that is in one. */
async function workspaceRepo(): Promise<RepoInfo> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const candidates = [
    ...(active?.scheme === 'file' ? [active] : []),
    ...(vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri),
  ];
  for (const uri of candidates) {
    const repo = await findRepo(uri.fsPath).catch(() => undefined);
    if (repo) return repo;
  }
  throw new Error('no git repository in this workspace');
}

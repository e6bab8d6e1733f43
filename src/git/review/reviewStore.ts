/**
 * Per-reviewer review state in the repository's common git dir (`<common dir>/ai-provenance/review/`), shared by
 * all worktrees and never in the work tree. Hunks are keyed by content (hunkKey), so marks survive rebases. Writes
 * are read-modify-write under a lock file and land atomically; an unreadable file is moved aside and starts empty.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { emailProblem, reviewerKey } from '../../core/policy/identity';
import { isHunkKey } from '../../core/policy/hunks';
import {
  CHECKLIST_ID,
  ReviewStateError,
  emptyReviewState,
  parseReviewState,
  scopeProblem,
  serializeReviewState,
  type ReviewState,
} from '../../core/policy/reviewState';
import { writeFileAtomic } from '../atomicFile';
import { defaultGitRunner, type GitRunner } from '../exec';
import { withLock, type LockOptions } from '../fileLock';
import { findRepo } from '../repo';
import { STATE_DIR_NAME } from '../stateLog';

export interface ReviewStoreOptions {
  readonly runner?: GitRunner;
  readonly lock?: LockOptions;
}

type Mutable = { hunks: Record<string, number>; checklist: Record<string, Record<string, number>> };

export class ReviewStateStore {
  private constructor(
    /** Directory of the reviewer files. */
    readonly dir: string,
    private readonly options: ReviewStoreOptions,
  ) {}

  /** The store of the repository holding `repoPath`. Throws outside a repository. */
  static async open(repoPath: string, options: ReviewStoreOptions = {}): Promise<ReviewStateStore> {
    const repo = await findRepo(repoPath, options.runner ?? defaultGitRunner);
    if (!repo) throw new Error(`not inside a git work tree: ${repoPath}`);
    return new ReviewStateStore(path.join(repo.commonDir, STATE_DIR_NAME, 'review'), options);
  }

  /** A store over an explicit directory (no git involved). */
  static at(dir: string, options: ReviewStoreOptions = {}): ReviewStateStore {
    return new ReviewStateStore(path.resolve(dir), options);
  }

  /** The file holding `reviewer`'s state (name = sha256 of the case-folded email). */
  fileOf(reviewer: string): string {
    const problem = emailProblem(reviewer);
    if (problem) throw new RangeError(`invalid reviewer ${JSON.stringify(String(reviewer).slice(0, 80))}: ${problem}`);
    return path.join(this.dir, `${createHash('sha256').update(reviewerKey(reviewer), 'utf8').digest('hex')}.json`);
  }

  async markReviewed(hunkKeys: string | readonly string[], reviewer: string, at = Date.now()): Promise<void> {
    const keys = checkKeys(hunkKeys);
    await this.update(reviewer, (s) => {
      for (const k of keys) s.hunks[k] = at;
    });
  }

  async unmarkReviewed(hunkKeys: string | readonly string[], reviewer: string): Promise<void> {
    const keys = checkKeys(hunkKeys);
    await this.update(reviewer, (s) => {
      for (const k of keys) delete s.hunks[k];
    });
  }

  /** Hunk key -> when `reviewer` marked it. */
  async reviewedHunks(reviewer: string): Promise<ReadonlyMap<string, number>> {
    const state = await this.read(reviewer);
    return new Map(Object.entries(state.hunks));
  }

  async isReviewed(hunkKey: string, reviewer: string): Promise<boolean> {
    return (await this.reviewedHunks(reviewer)).has(hunkKey);
  }

  /** Confirms (or un-confirms) checklist item `itemId` in `scope` (see reviewScope). */
  async setChecklistItem(
    scope: string,
    itemId: string,
    reviewer: string,
    checked: boolean,
    at = Date.now(),
  ): Promise<void> {
    const problem = scopeProblem(scope);
    if (problem) throw new RangeError(`invalid review scope: ${problem}`);
    if (!CHECKLIST_ID.test(itemId))
      throw new RangeError(`invalid checklist item id ${JSON.stringify(itemId.slice(0, 80))}`);
    await this.update(reviewer, (s) => {
      const items = (s.checklist[scope] ??= Object.create(null) as Record<string, number>);
      if (checked) items[itemId] = at;
      else delete items[itemId];
      if (Object.keys(items).length === 0) delete s.checklist[scope];
    });
  }

  async checkedItems(scope: string, reviewer: string): Promise<ReadonlySet<string>> {
    const state = await this.read(reviewer);
    return new Set(Object.keys(state.checklist[scope] ?? {}));
  }

  /** The emails that have stored state. */
  async reviewers(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const name of names.filter((n) => /^[0-9a-f]{64}\.json$/.test(n))) {
      const state = await this.load(path.join(this.dir, name));
      if (state) out.push(state.reviewer);
    }
    return out.sort();
  }

  /** The reviewer's state; empty when there is none or it was unreadable. */
  async read(reviewer: string): Promise<ReviewState> {
    return (await this.load(this.fileOf(reviewer))) ?? emptyReviewState(reviewer);
  }

  private async update(reviewer: string, change: (state: Mutable) => void): Promise<void> {
    const file = this.fileOf(reviewer);
    await fs.mkdir(this.dir, { recursive: true });
    await withLock(
      `${file}.lock`,
      async () => {
        const current = (await this.load(file, true)) ?? emptyReviewState(reviewer);
        const next: Mutable = {
          hunks: { ...current.hunks },
          checklist: Object.fromEntries(Object.entries(current.checklist).map(([k, v]) => [k, { ...v }])),
        };
        change(next);
        await writeFileAtomic(file, serializeReviewState({ ...current, hunks: next.hunks, checklist: next.checklist }));
      },
      this.options.lock,
    );
  }

  /** undefined when absent or unreadable; with `moveAside` an unreadable file is renamed so the next write starts clean. */
  private async load(file: string, moveAside = false): Promise<ReviewState | undefined> {
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (stat.size > 32 * 1024 * 1024) throw new ReviewStateError(`file of ${stat.size} bytes is too large`);
      text = await fs.readFile(file, 'utf8');
      return parseReviewState(text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if (moveAside) await fs.rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
      return undefined;
    }
  }
}

function checkKeys(keys: string | readonly string[]): string[] {
  const list = typeof keys === 'string' ? [keys] : [...keys];
  for (const k of list)
    if (!isHunkKey(k)) throw new RangeError(`invalid hunk key ${JSON.stringify(String(k).slice(0, 80))}`);
  return list;
}

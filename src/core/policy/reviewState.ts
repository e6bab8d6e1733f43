/**
 * One reviewer's review state as stored in the git dir: which hunks (by key) they marked reviewed and which
 * checklist items they confirmed per review scope (e.g. a branch). Read back as hostile: another process or an
 * older version may have written it.
 */
import { emailProblem, reviewerKey } from './identity';
import { isHunkKey } from './hunks';

export const REVIEW_STATE_VERSION = 1;
const REVIEW_STATE_LIMITS = {
  maxChars: 32 * 1024 * 1024,
  maxHunks: 200_000,
  maxScopes: 1000,
  maxItems: 200,
} as const;
export const CHECKLIST_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface ReviewState {
  readonly version: typeof REVIEW_STATE_VERSION;
  /** Case-folded email. */
  readonly reviewer: string;
  /** Hunk key -> when it was marked (ms since the epoch). */
  readonly hunks: Readonly<Record<string, number>>;
  /** Scope -> checklist item id -> when it was confirmed. */
  readonly checklist: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export class ReviewStateError extends Error {
  constructor(problem: string) {
    super(`invalid review state: ${problem}`);
    this.name = 'ReviewStateError';
  }
}

/** Why `scope` cannot name a review scope, or undefined. */
export function scopeProblem(scope: unknown): string | undefined {
  if (typeof scope !== 'string' || scope === '' || scope.length > 256) return 'scope must be 1-256 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(scope) || scope === '__proto__') return 'scope contains control characters';
  return undefined;
}

export function emptyReviewState(email: string): ReviewState {
  return { version: REVIEW_STATE_VERSION, reviewer: reviewerKey(email), hunks: {}, checklist: {} };
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function plainObject(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ReviewStateError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

export function parseReviewState(text: string): ReviewState {
  if (text.length > REVIEW_STATE_LIMITS.maxChars)
    throw new ReviewStateError(`longer than ${REVIEW_STATE_LIMITS.maxChars} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ReviewStateError(`not JSON (${(err as Error).message})`);
  }
  const o = plainObject(value, 'the state');
  if (o.version !== REVIEW_STATE_VERSION) throw new ReviewStateError(`unsupported version ${String(o.version)}`);
  const problem = emailProblem(o.reviewer);
  if (problem) throw new ReviewStateError(`reviewer: ${problem}`);
  const hunks: Record<string, number> = Object.create(null);
  const rawHunks = plainObject(o.hunks, 'hunks');
  if (Object.keys(rawHunks).length > REVIEW_STATE_LIMITS.maxHunks) throw new ReviewStateError('too many hunks');
  for (const [key, time] of Object.entries(rawHunks)) {
    if (!isHunkKey(key) || !isTime(time))
      throw new ReviewStateError(`bad hunk entry ${JSON.stringify(key.slice(0, 40))}`);
    hunks[key] = time;
  }
  const checklist: Record<string, Record<string, number>> = Object.create(null);
  const rawScopes = plainObject(o.checklist, 'checklist');
  if (Object.keys(rawScopes).length > REVIEW_STATE_LIMITS.maxScopes)
    throw new ReviewStateError('too many checklist scopes');
  for (const [scope, items] of Object.entries(rawScopes)) {
    if (scopeProblem(scope)) throw new ReviewStateError(`bad checklist scope ${JSON.stringify(scope.slice(0, 40))}`);
    const raw = plainObject(items, `checklist[${JSON.stringify(scope.slice(0, 40))}]`);
    const out: Record<string, number> = Object.create(null);
    for (const [id, time] of Object.entries(raw).slice(0, REVIEW_STATE_LIMITS.maxItems)) {
      if (!CHECKLIST_ID.test(id) || !isTime(time))
        throw new ReviewStateError(`bad checklist item ${JSON.stringify(id.slice(0, 40))}`);
      out[id] = time;
    }
    checklist[scope] = out;
  }
  return { version: REVIEW_STATE_VERSION, reviewer: reviewerKey(o.reviewer as string), hunks, checklist };
}

/** JSON for disk; the oldest hunk marks are dropped beyond the limit. */
export function serializeReviewState(state: ReviewState): string {
  let hunks = Object.entries(state.hunks);
  if (hunks.length > REVIEW_STATE_LIMITS.maxHunks)
    hunks = hunks.sort((a, b) => b[1] - a[1]).slice(0, REVIEW_STATE_LIMITS.maxHunks);
  return (
    JSON.stringify({
      version: state.version,
      reviewer: state.reviewer,
      hunks: Object.fromEntries(hunks),
      checklist: state.checklist,
    }) + '\n'
  );
}

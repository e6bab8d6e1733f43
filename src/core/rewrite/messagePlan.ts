/**
 * When and how our trailers go into a commit message without changing what the user meant.
 *
 * - No editor will run (`-m`, `-F`, VS Code's commit box, scripts): prepare-commit-msg writes them.
 * - An editor will run: they wait for commit-msg, after the user has written the message. Added earlier, they would
 *   turn an empty (aborted) message or an untouched template into a commit git would otherwise refuse.
 * - A sequencer pick (rebase, cherry-pick, revert) keeps the picked message: it is not ours to rewrite, and the
 *   picked commit's note is carried over separately.
 */
import { contentHash } from '../hash';
import { isMessageEmpty, removeTrailers, resolveCommentChar, sameTrailer, type Trailer } from '../commit/message';
import { isOwnSummaryTrailer, planTrailerUpdate } from '../commit/trailers';
import { cleanSquashedMessage } from './squashMessage';
import type { TrailerStage } from './stagedAttribution';

/** The second argument git passes to prepare-commit-msg ('' when there is none). */
export type CommitSource = '' | 'message' | 'template' | 'merge' | 'squash' | 'commit';

export function parseCommitSource(value: string | undefined): CommitSource {
  const v = value ?? '';
  return v === 'message' || v === 'template' || v === 'merge' || v === 'squash' || v === 'commit' ? v : '';
}

export interface StageFacts {
  /** False when git set GIT_EDITOR=: for the hook (it does so exactly when no editor runs). */
  readonly editorUsed: boolean;
  /** A rebase, cherry-pick or revert is creating this commit. */
  readonly sequencer: boolean;
}

export function trailerStage(facts: StageFacts): TrailerStage {
  if (facts.sequencer) return 'never';
  return facts.editorUsed ? 'commit-msg' : 'prepare';
}

/**
 * The comment prefix that applies to the message, or '' when git will keep comment-looking lines as content:
 * `--cleanup` / commit.cleanup `default` strips comments only when an editor runs; `whitespace` and `verbatim` never.
 */
export function commentCharFor(
  setting: string | undefined,
  message: string,
  options: { editorUsed: boolean; cleanup?: string },
): string {
  const mode = (options.cleanup ?? 'default').toLowerCase();
  const strips = mode === 'strip' || mode === 'scissors' || (mode === 'default' && options.editorUsed);
  return strips ? resolveCommentChar(setting, message) : '';
}

/** The message without comment lines (from the scissors line on, nothing) and surrounding blank lines. */
export function messageBody(message: string, commentChar: string): string {
  const lines = message.split('\n').map((l) => l.replace(/\r$/, ''));
  const out: string[] = [];
  for (const line of lines) {
    if (commentChar !== '' && line.startsWith(commentChar)) {
      if (line.startsWith(`${commentChar} ------------------------ >8 ------------------------`)) break;
      continue;
    }
    out.push(line.replace(/\s+$/, ''));
  }
  return out.join('\n').trim();
}

/** Digest of the message body: commit-msg compares it with prepare time to tell an untouched template. */
export function messageDigest(message: string, commentChar: string): string {
  return contentHash(messageBody(message, commentChar));
}

export interface MessageUpdate {
  /** Our stale trailers to take out before adding. */
  readonly remove: readonly Trailer[];
  /** A squash's message: first take our trailers out of every block (see cleanSquashedMessage). */
  readonly squash?: true;
  /** Trailers to add (via `git interpret-trailers --if-exists addIfDifferent`). */
  readonly add: readonly Trailer[];
}

export interface PlanInput {
  readonly message: string;
  readonly commentChar: string;
  readonly generated: readonly Trailer[];
  /** An amend: our summary trailer from before may be stale even when nothing is generated now. */
  readonly amend: boolean;
  /** Only at commit-msg after a template: the digest prepare-commit-msg saw. Equal = the user did not edit. */
  readonly templateDigest?: string;
}

/** What to change in `message`, or undefined to leave it exactly as it is. */
export function planMessageUpdate(input: PlanInput): MessageUpdate | undefined {
  const { message, commentChar, generated } = input;
  // git aborts an empty message and an untouched template; trailers must not make it go through.
  if (isMessageEmpty(message, commentChar)) return undefined;
  if (input.templateDigest !== undefined && messageDigest(message, commentChar) === input.templateDigest)
    return undefined;
  if (generated.length === 0 && !input.amend) return undefined;
  const plan = planTrailerUpdate(message, generated, commentChar);
  const remove = input.amend || generated.length > 0 ? plan.remove.filter(isOwnSummaryTrailer) : [];
  if (plan.add.length === 0 && remove.length === 0) return undefined;
  return { remove, add: plan.add };
}

/**
 * A rebase squash/fixup message: our summaries out of every block, our other trailers moved to the end once, the
 * recomputed ones added; undefined when nothing changes.
 */
export function planSquashUpdate(
  message: string,
  commentChar: string,
  generated: readonly Trailer[],
): MessageUpdate | undefined {
  if (isMessageEmpty(message, commentChar)) return undefined;
  const cleaned = cleanSquashedMessage(message, commentChar);
  const add = [...generated];
  for (const t of cleaned.moved) if (!add.some((a) => sameTrailer(a, t))) add.push(t);
  if (cleaned.message === message && planTrailerUpdate(message, add, commentChar).add.length === 0) return undefined;
  return { remove: [], add, squash: true };
}

/** `message` with `remove` taken out of its trailer block (see removeTrailers); a squash's cleaned first. */
export function withoutTrailers(
  message: string,
  remove: readonly Trailer[],
  commentChar: string,
  squash = false,
): string {
  return removeTrailers(squash ? cleanSquashedMessage(message, commentChar).message : message, remove, commentChar);
}

/**
 * Checks that `after` is `before` plus only the given trailer lines (and blank lines): a guard against
 * `git interpret-trailers` adding trailers configured with `trailer.<key>.cmd` (e.g. a Signed-off-by).
 */
export function onlyAddedTrailers(before: string, after: string, added: readonly Trailer[]): boolean {
  const beforeLines = before.split('\n').map((l) => l.replace(/\r$/, ''));
  const afterLines = after.split('\n').map((l) => l.replace(/\r$/, ''));
  const allowed = new Set(added.map((t) => `${t.key}: ${t.value}`));
  let i = 0;
  for (const line of afterLines) {
    if (i < beforeLines.length && line === beforeLines[i]) {
      i++;
      continue;
    }
    if (line.trim() === '' || allowed.has(line)) continue;
    return false;
  }
  // Every original line must still be there, in order (blank lines may have been normalised).
  return beforeLines.slice(i).every((l) => l.trim() === '');
}

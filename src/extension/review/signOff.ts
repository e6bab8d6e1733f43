/**
 * Sign off: records who reviewed the branch, at which tier, which checklist items they confirmed and which AI
 * hunks they marked reviewed, as an entry in the head commit's sign-off note (src/git/review writeSignoff), then
 * offers the `AI-Reviewed-by: Name <email>` trailer for the merge commit (clipboard or the SCM message box).
 */
import * as vscode from 'vscode';
import { reviewedByTrailer } from '../../core/policy/identity';
import type { SignoffEntry } from '../../core/policy/signoff';
import { writeSignoff } from '../../git/review/signoffNotes';
import type { LoadedReview } from './reviewLoader';
import type { ReviewSession } from './reviewSession';

export interface SignOffOptions {
  /** Skip the confirmation when items or hunks are still open (tests, scripted use). */
  readonly confirm?: boolean;
  /** What to do with the trailer without asking. */
  readonly trailer?: 'copy' | 'insert' | 'none';
}

export interface SignOffResult {
  readonly entry: SignoffEntry;
  readonly trailer: string;
}

/** The sign-off entry for the review as it stands. Throws when it cannot be signed. */
function signoffEntry(
  review: LoadedReview,
  reviewer: { name: string; email: string },
  reviewed: ReadonlySet<string>,
  checked: ReadonlySet<string>,
  now = new Date(),
): SignoffEntry {
  if (review.headCommit === null)
    throw new Error('the working tree has no commit to sign off: commit, then review the branch');
  const aiKeys = [...new Set(review.model.aiHunks.map((h) => h.key))];
  return {
    reviewer: { name: reviewer.name, email: reviewer.email },
    time: now.toISOString(),
    head: review.headCommit,
    base: review.baseCommit,
    tier: review.review.tier,
    checklist: review.review.checklist.map((item) => ({
      id: item.id,
      status: item.status,
      checked: checked.has(item.id),
    })),
    aiHunks: { total: aiKeys.length, reviewed: aiKeys.filter((k) => reviewed.has(k)) },
  };
}

export async function signOff(
  session: ReviewSession,
  options: SignOffOptions = {},
): Promise<SignOffResult | undefined> {
  const review = await session.ensureLoaded();
  if (!review) throw new Error('no review is loaded');
  const reviewer = session.identity;
  if (!reviewer)
    throw new Error('set git user.name and user.email to sign off (git config user.email you@example.com)');
  const trailer = reviewedByTrailer(reviewer);
  const entry = signoffEntry(review, reviewer, session.reviewedKeys, session.checkedItems);
  const openItems = entry.checklist.filter((c) => c.status === 'triggered' && !c.checked).length;
  const openHunks = entry.aiHunks.total - entry.aiHunks.reviewed.length;
  if ((openItems > 0 || openHunks > 0) && !options.confirm) {
    const parts = [
      openItems > 0 ? `${openItems} triggered checklist item${openItems === 1 ? '' : 's'} unchecked` : '',
      openHunks > 0 ? `${openHunks} of ${entry.aiHunks.total} AI hunks not reviewed` : '',
    ].filter(Boolean);
    const go = await vscode.window.showWarningMessage(
      `Sign off ${review.headCommit!.slice(0, 10)} at ${entry.tier} with ${parts.join(' and ')}?`,
      { modal: true, detail: `The sign-off note records exactly what you checked. ${review.review.signOff}.` },
      'Sign Off Anyway',
    );
    if (go !== 'Sign Off Anyway') return undefined;
  }
  const { replacedInvalid } = await writeSignoff(review.repo, entry);
  if (replacedInvalid)
    void vscode.window.showWarningMessage(`AI Review: replaced an unreadable sign-off note (${replacedInvalid}).`);
  const action = options.trailer ?? (await askTrailer(review, entry));
  if (action === 'copy') await vscode.env.clipboard.writeText(trailer);
  else if (action === 'insert') await insertTrailer(review.repo.root, trailer);
  return { entry, trailer };
}

async function askTrailer(review: LoadedReview, entry: SignoffEntry): Promise<'copy' | 'insert' | 'none'> {
  const copy = 'Copy Trailer';
  const insert = 'Insert into Commit Message';
  const picked = await vscode.window.showInformationMessage(
    `Signed off ${review.headCommit!.slice(0, 10)} at ${entry.tier} (${entry.aiHunks.reviewed.length} of ${entry.aiHunks.total} AI hunks reviewed). Add the AI-Reviewed-by trailer to the merge commit:`,
    copy,
    insert,
  );
  return picked === copy ? 'copy' : picked === insert ? 'insert' : 'none';
}

interface GitInputBox {
  value: string;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: GitInputBox;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

/** Appends the trailer to the Source Control message box of the repository (once). */
async function insertTrailer(root: string, trailer: string): Promise<void> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) throw new Error('the built-in Git extension is not available: copy the trailer instead');
  const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
  const repo = api.repositories.find((r) => r.rootUri.fsPath === root) ?? api.repositories[0];
  if (!repo) throw new Error('Source Control has no repository open: copy the trailer instead');
  repo.inputBox.value = withTrailer(repo.inputBox.value, trailer);
  await vscode.commands.executeCommand('workbench.view.scm');
}

/** `message` with `trailer` in its trailer block: appended to a last paragraph of trailers, else as a new one. */
export function withTrailer(message: string, trailer: string): string {
  const body = message.replace(/\s+$/, '');
  if (body.split('\n').some((l) => l.trim() === trailer)) return message;
  if (body === '') return `\n\n${trailer}`;
  const paragraphs = body.split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1].split('\n');
  const isTrailers = paragraphs.length > 1 && last.every((l) => /^[A-Za-z0-9-]+:\s/.test(l));
  return `${body}${isTrailers ? '\n' : '\n\n'}${trailer}`;
}

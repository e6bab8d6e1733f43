/**
 * The commits whose notes a commit inherits when git leaves no CHERRY_PICK_HEAD to name them:
 * - `cherry-pick -n` / `--no-commit`: only MERGE_MSG remains (the picked commit's message; with `-x` its id). Without
 *   the id, the commit is found by its message among commits not reachable from HEAD (bounded), and only one whose
 *   whole message matches counts: its note is then carried by content like any pick's.
 * - `revert` and `revert -n` (REVERT_HEAD): lines the reverted commit deleted come back; the commits that wrote them
 *   (git blame of the deleted lines at the reverted commit's parent) lend their notes, so restored AI lines stay AI.
 */
import { parseUnifiedDiff } from '../../core/review/diff/parse';
import { isObjectId, messageSubject, normalizedMessage, pickedFromMessage } from '../../core/rewrite/gitText';
import { logDrop } from '../dropLog';
import type { HookContext } from './hookContext';

/** Commits with the picked message looked at (a common subject like "fix" may match many). */
const MAX_MESSAGE_CANDIDATES = 50;
/** Files and line ranges of a reverted commit blamed (a revert of a huge commit carries what fits). */
const MAX_REVERT_FILES = 100;
const MAX_REVERT_RANGES = 400;

/** The picked commit of a `cherry-pick -n`, from MERGE_MSG's text. */
export async function noCommitPickSources(ctx: HookContext, mergeMsg: string): Promise<string[]> {
  const named = pickedFromMessage(mergeMsg);
  if (named.length > 0) return named.reverse();
  const subject = messageSubject(mergeMsg);
  if (subject === undefined) return [];
  const wanted = normalizedMessage(mergeMsg);
  const result = await ctx.git(
    [
      'log',
      '--all',
      '^HEAD',
      `--max-count=${MAX_MESSAGE_CANDIDATES}`,
      '--fixed-strings',
      `--grep=${subject}`,
      '--format=%H%x1f%B%x1e',
    ],
    { okExitCodes: [128] },
  );
  const out: string[] = [];
  for (const entry of result.stdout.split('\x1e')) {
    const [id, body] = entry.replace(/^\n/, '').split('\x1f');
    if (id !== undefined && isObjectId(id) && body !== undefined && normalizedMessage(body) === wanted) out.push(id);
  }
  if (out.length > 1)
    await ctx.log(
      `cherry-pick -n: ${out.length} commits carry the picked message; the newest (${out[0]!.slice(0, 12)}) lends its note`,
    );
  return out.slice(0, 1);
}

/** The commits that wrote the lines `reverted` deleted (their notes say which of those lines AI wrote). */
export async function revertSources(ctx: HookContext, reverted: string): Promise<string[]> {
  const parent = `${reverted}^`;
  const diff = await ctx.git(
    ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '-U0', parent, reverted, '--'],
    { okExitCodes: [128] },
  );
  if (diff.code !== 0) return [];
  const files = parseUnifiedDiff(diff.stdout).files.filter((f) => f.oldPath !== null && !f.binary);
  const sources = new Set<string>();
  let ranges = 0;
  for (const file of files.slice(0, MAX_REVERT_FILES)) {
    const args: string[] = [];
    for (const hunk of file.hunks) {
      if (hunk.oldLines === 0 || ranges >= MAX_REVERT_RANGES) continue;
      ranges++;
      args.push('-L', `${hunk.oldStart},+${hunk.oldLines}`);
    }
    if (args.length === 0) continue;
    const blame = await ctx.git(['blame', '--porcelain', ...args, parent, '--', file.oldPath!], {
      okExitCodes: [128],
    });
    for (const line of blame.stdout.split('\n')) {
      const id = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ \d+/.exec(line)?.[1];
      if (id !== undefined) sources.add(id);
    }
  }
  if (files.length > MAX_REVERT_FILES || ranges >= MAX_REVERT_RANGES)
    await logDrop(
      ctx,
      `revert of ${reverted.slice(0, 12)}`,
      'attribution of restored lines',
      `past the first ${MAX_REVERT_FILES} files / ${MAX_REVERT_RANGES} ranges it is not looked up`,
    );
  return [...sources];
}

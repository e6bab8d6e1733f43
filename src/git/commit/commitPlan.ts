/**
 * What kind of commit prepare-commit-msg is looking at, from the hook arguments and the state files git leaves in
 * the git dir: its parents (what "added" is measured against), whether it is an amend or a sequencer pick, and the
 * commits whose provenance notes the staged content inherits:
 * - amend: the commit being replaced (source `commit` with the sha of HEAD);
 * - cherry-pick: CHERRY_PICK_HEAD (post-rewrite does not run for cherry-pick);
 * - `merge --squash`: the commits SQUASH_MSG lists;
 * - `reset --soft` (or --mixed) then recommit: the commits the latest resets moved HEAD away from;
 * - `cherry-pick -n` (MERGE_MSG alone) and `revert` / `revert -n` (REVERT_HEAD): see pickSources.ts.
 */
import * as fs from 'node:fs';
import {
  amendFromCommandLine,
  isObjectId,
  parseReflog,
  parseSquashGroup,
  parseSquashMessage,
  resetAwayTips,
  revertedFromMessage,
} from '../../core/rewrite/gitText';
import type { CommitSource } from '../../core/rewrite/messagePlan';
import type { BlobReader } from './blobs';
import { gitCommandLine } from './gitProcess';
import { pathExists, readOptionalFile, type HookContext } from './hookContext';
import { noCommitPickSources, revertSources } from './pickSources';

export interface CommitPlan {
  readonly head?: string;
  readonly amend: boolean;
  /** A rebase, cherry-pick or revert is making this commit. */
  readonly sequencer: boolean;
  readonly rebasing: boolean;
  /** Parents of the commit being made. */
  readonly parents: readonly string[];
  /** `git diff` arguments: the index against the first parent (or the empty tree). */
  readonly diffArgs: readonly string[];
  /** Commits whose notes to carry onto the staged content, newest first. */
  readonly predecessors: readonly string[];
  /** A rebase squash/fixup step: the original commits it combines (their messages' trailers are ours to redo). */
  readonly squashOf?: readonly string[];
  /** The command line of the git process, when it could be read. */
  readonly argv?: readonly string[];
}

/** Commits looked at when HEAD was reset away from a tip (bounded: a reset across a huge history is not a recommit). */
const MAX_RESET_COMMITS = 200;
const REFLOG_TAIL_BYTES = 64 * 1024;

async function idsFromFile(file: string): Promise<string[]> {
  const text = await readOptionalFile(file, 1 << 20);
  return text === undefined ? [] : text.split(/\s+/).filter(isObjectId);
}

/** The last bytes of the HEAD reflog (whole lines only). */
export async function reflogTail(ctx: HookContext): Promise<string> {
  const file = ctx.gitFile('logs/HEAD');
  try {
    // Blocking: a hook has nothing else to do meanwhile (see readOptionalFile).
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - REFLOG_TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      fs.readSync(fd, buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8');
      return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

async function emptyTree(ctx: HookContext): Promise<string> {
  return (await ctx.git(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).stdout.trim();
}

export async function planCommit(
  ctx: HookContext,
  blobs: BlobReader,
  source: CommitSource,
  sha: string | undefined,
): Promise<CommitPlan> {
  // Independent reads, together: HEAD through cat-file (its first use starts the process) and git's state files.
  const [
    headCommit,
    rebaseMerge,
    rebaseApply,
    cherryPicks,
    reverted,
    argv,
    mergeHeads,
    squashMsg,
    reflog,
    done,
    fixups,
    mergeMsg,
  ] = await Promise.all([
    blobs.commit('HEAD'),
    pathExists(ctx.gitFile('rebase-merge')),
    pathExists(ctx.gitFile('rebase-apply')),
    idsFromFile(ctx.gitFile('CHERRY_PICK_HEAD')),
    idsFromFile(ctx.gitFile('REVERT_HEAD')),
    gitCommandLine(ctx.env.AI_PROVENANCE_GIT_PID),
    idsFromFile(ctx.gitFile('MERGE_HEAD')),
    readOptionalFile(ctx.gitFile('SQUASH_MSG'), 4 << 20),
    reflogTail(ctx),
    readOptionalFile(ctx.gitFile('rebase-merge/done'), 4 << 20),
    readOptionalFile(ctx.gitFile('rebase-merge/current-fixups'), 1 << 20),
    readOptionalFile(ctx.gitFile('MERGE_MSG'), 1 << 20),
  ]);
  // A revert without conflicts writes no REVERT_HEAD: git's message in MERGE_MSG names the reverted commit.
  const revertedId =
    reverted[0] ??
    (mergeMsg !== undefined && cherryPicks.length === 0 && mergeHeads.length === 0
      ? revertedFromMessage(mergeMsg)
      : undefined);
  const reverting = revertedId !== undefined;
  const head = headCommit?.id;
  const headParents = headCommit?.parents ?? [];
  const rebasing = rebaseMerge || rebaseApply;
  const cherryPick = cherryPicks[0];
  // git passes `commit <HEAD>` for --amend, but only `message` for `--amend -m`; its command line tells. Without
  // one (an alias, no /proc or ps), `commit <HEAD>` is taken as an amend (`-C HEAD` looks the same but is rare).
  // A squash/fixup step of a rebase amends the commit it squashes into, whatever the command line says.
  const squashOf = rebaseMerge && fixups !== undefined ? parseSquashGroup(done ?? '', fixups) : [];
  const amend =
    head !== undefined &&
    (squashOf.length > 0 ||
      (amendFromCommandLine(argv ?? []) ?? (source === 'commit' && (sha === head || sha === 'HEAD'))));

  const parents = amend ? headParents : [...(head ? [head] : []), ...mergeHeads];
  const base = parents[0] ?? (head && amend ? await emptyTree(ctx) : undefined);
  const diffArgs = ['--cached', ...(base ? [base] : [])];

  const predecessors: string[] = [];
  if (amend && head) predecessors.push(head);
  // The rewritten HEAD has no note until post-rewrite: the originals of the squash carry the attribution.
  predecessors.push(...squashOf);
  if (cherryPick && !rebasing) predecessors.push(cherryPick);
  if (squashMsg !== undefined) predecessors.push(...parseSquashMessage(squashMsg));
  // `revert`, `revert -n`: lines the reverted commit deleted come back with the notes of the commits that wrote them.
  if (reverting && !rebasing) predecessors.push(...(await revertSources(ctx, revertedId)));
  // `cherry-pick -n`: MERGE_MSG with no MERGE_HEAD, CHERRY_PICK_HEAD or REVERT_HEAD beside it.
  if (
    mergeMsg !== undefined &&
    !rebasing &&
    !amend &&
    cherryPick === undefined &&
    !reverting &&
    mergeHeads.length === 0 &&
    squashMsg === undefined
  )
    predecessors.push(...(await noCommitPickSources(ctx, mergeMsg)));
  // An amend after `reset --soft HEAD~1` (squashing the last two commits) takes the reset-away commit's lines too.
  if (!rebasing) {
    const tips = resetAwayTips(parseReflog(reflog), head);
    if (tips.length > 0) {
      const args = ['rev-list', `--max-count=${MAX_RESET_COMMITS}`, ...tips, ...(head ? ['--not', head] : []), '--'];
      const result = await ctx.git(args, { okExitCodes: [128] });
      predecessors.push(...result.stdout.split('\n').filter(isObjectId));
    }
  }
  return {
    ...(head ? { head } : {}),
    amend,
    sequencer: rebasing || cherryPick !== undefined || reverting,
    rebasing,
    parents,
    diffArgs,
    predecessors: [...new Set(predecessors)],
    ...(squashOf.length > 0 ? { squashOf } : {}),
    ...(argv ? { argv } : {}),
  };
}

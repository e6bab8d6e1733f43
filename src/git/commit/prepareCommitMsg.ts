/**
 * prepare-commit-msg `<message file> [<source> [<sha>]]`: attribute the staged content, write the trailers when no
 * editor will run (otherwise leave them for commit-msg), and stash the attribution for post-commit.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildTrailers } from '../../core/commit/trailers';
import { cleanupFromCommandLine } from '../../core/rewrite/gitText';
import {
  commentCharFor,
  messageDigest,
  parseCommitSource,
  planMessageUpdate,
  planSquashUpdate,
  trailerStage,
} from '../../core/rewrite/messagePlan';
import type { StagedAttribution } from '../../core/rewrite/stagedAttribution';
import { readProvenanceRecords } from '../rewrite/noteStore';
import type { RecordSource } from '../rewrite/mapRecords';
import { BlobReader } from './blobs';
import { planCommit } from './commitPlan';
import type { HookContext } from './hookContext';
import { applyMessageUpdate } from './messageFile';
import { attributeChanges, changedFiles } from './stagedCommit';
import { markMessagePending, writeStagedAttribution } from './stagedStore';
import { choosePresets } from './trailerConfig';

export async function prepareCommitMsg(ctx: HookContext, args: readonly string[], cwd: string): Promise<void> {
  const [messageArg, sourceArg, sha] = args;
  if (!messageArg) throw new Error('prepare-commit-msg needs the message file');
  const messageFile = path.resolve(cwd, messageArg);
  const source = parseCommitSource(sourceArg);
  const blobs = new BlobReader(ctx.repo.root, ctx.env);
  // Most commits are measured against HEAD: git computes that diff while the plan is read, and it is used only when
  // the plan agrees (not for an amend, a first commit or a merge's other parents).
  const headDiff = changedFiles(ctx, ['--cached', 'HEAD']);
  headDiff.catch(() => undefined);
  try {
    const plan = await planCommit(ctx, blobs, source, sha);
    const diff =
      plan.head !== undefined && plan.diffArgs.length === 2 && plan.diffArgs[1] === plan.head ? headDiff : undefined;
    // Independent of the attribution: started now so their processes overlap with it.
    const choosing = choosePresets(ctx, blobs, plan.head);
    const writingTree = ctx.git(['write-tree']);
    writingTree.catch(() => undefined);
    ctx.config().catch(() => undefined);
    choosing.catch(() => undefined);
    const notes = await readProvenanceRecords(ctx, blobs, plan.predecessors);
    const predecessors: RecordSource[] = plan.predecessors.flatMap((commit) =>
      (notes.get(commit) ?? []).map((record) => ({ record, commit })),
    );
    const attribution = await attributeChanges(ctx, blobs, {
      diffArgs: plan.diffArgs,
      parents: plan.parents,
      predecessors,
      ...(diff ? { diff } : {}),
    });
    const editorUsed = ctx.env.GIT_EDITOR !== ':';
    const stage = trailerStage({ editorUsed, sequencer: plan.sequencer });

    let trailers: ReturnType<typeof buildTrailers> = [];
    const choice = await choosing;
    if ('invalid' in choice) await ctx.log(`trailers skipped: ${choice.invalid}`);
    else trailers = buildTrailers(attribution.files, choice.presets);

    const message = await fs.readFile(messageFile, 'utf8');
    const config = await ctx.config();
    const cleanup = cleanupFromCommandLine(plan.argv ?? []) ?? config.cleanup;
    const commentChar = commentCharFor(config.commentChar, message, {
      editorUsed,
      ...(cleanup !== undefined ? { cleanup } : {}),
    });
    const valid = !('invalid' in choice);
    const wantsCommitMsg = stage === 'commit-msg' && valid && (trailers.length > 0 || plan.amend);
    // The stash first: if the git dir cannot be written, the message is never touched either.
    if (attribution.staged.length > 0 || attribution.settle.length > 0 || wantsCommitMsg) {
      const tree = (await writingTree).stdout.trim();
      const stash: StagedAttribution = {
        version: 1,
        tree,
        created: Date.now(),
        source,
        amend: plan.amend,
        trailerStage: wantsCommitMsg ? 'commit-msg' : stage === 'prepare' ? 'prepare' : 'never',
        trailers,
        preparedDigest: messageDigest(message, commentChar),
        origins: attribution.origins,
        files: attribution.staged,
        settle: attribution.settle,
      };
      await writeStagedAttribution(ctx.stateDir, stash);
      if (wantsCommitMsg) await markMessagePending(ctx.stateDir, tree);
    }
    if (stage === 'prepare' && valid) {
      const update = planMessageUpdate({ message, commentChar, generated: trailers, amend: plan.amend });
      if (update) await applyMessageUpdate(ctx, messageFile, update, commentChar);
    } else if (plan.squashOf && valid) {
      // A rebase squash/fixup: the picked messages bring their own (stale) trailers, and commit-msg will not run
      // (the sequencer commits with --no-verify): the trailers are redone here, editor or not.
      const update = planSquashUpdate(message, commentChar, trailers);
      if (update) await applyMessageUpdate(ctx, messageFile, update, commentChar);
    }
    const ai = attribution.staged.reduce((n, f) => n + f.lines.length, 0);
    if (ai > 0 || trailers.length > 0)
      await ctx.log(
        `prepare-commit-msg: ${ai} AI line(s) in ${attribution.staged.length} file(s), ${trailers.length} trailer(s) (${stage})`,
      );
  } finally {
    // Every read is answered by now; cat-file exits on its own once its input closes, and the hook need not wait.
    blobs.close().catch(() => undefined);
  }
}

/**
 * commit-msg `<message file>`: after the editor, write the trailers prepare-commit-msg computed, unless the user
 * left the message empty or the template untouched (git aborts those commits, and trailers must not stop that).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { cleanupFromCommandLine } from '../../core/rewrite/gitText';
import { commentCharFor, planMessageUpdate } from '../../core/rewrite/messagePlan';
import { gitCommandLine } from './gitProcess';
import type { HookContext } from './hookContext';
import { applyMessageUpdate } from './messageFile';
import { readStagedAttribution, takeMessagePending } from './stagedStore';

export async function commitMsg(ctx: HookContext, args: readonly string[], cwd: string): Promise<void> {
  const [messageArg] = args;
  if (!messageArg) throw new Error('commit-msg needs the message file');
  const pending = await takeMessagePending(ctx.stateDir);
  if (!pending) return;
  const tree = (await ctx.git(['write-tree'])).stdout.trim();
  if (tree !== pending) {
    await ctx.log(`commit-msg: pending trailers were for tree ${pending}, the index is ${tree}; not applied`);
    return;
  }
  const stash = await readStagedAttribution(ctx.stateDir, tree);
  if (!stash || stash.trailerStage !== 'commit-msg') return;
  const messageFile = path.resolve(cwd, messageArg);
  const message = await fs.readFile(messageFile, 'utf8');
  const config = await ctx.config();
  const cleanup = cleanupFromCommandLine((await gitCommandLine(ctx.env.AI_PROVENANCE_GIT_PID)) ?? []) ?? config.cleanup;
  const commentChar = commentCharFor(config.commentChar, message, {
    editorUsed: ctx.env.GIT_EDITOR !== ':',
    ...(cleanup !== undefined ? { cleanup } : {}),
  });
  const update = planMessageUpdate({
    message,
    commentChar,
    generated: stash.trailers,
    amend: stash.amend,
    ...(stash.source === 'template' && stash.preparedDigest !== undefined
      ? { templateDigest: stash.preparedDigest }
      : {}),
  });
  if (update) await applyMessageUpdate(ctx, messageFile, update, commentChar);
}

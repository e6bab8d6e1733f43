/**
 * Entry of `ai-provenance git-hook <hook> ...`: runs one hook's work and reports the outcome instead of throwing.
 * The caller (the CLI) bounds the time and always exits 0; here every failure is caught and logged to
 * `<git dir>/ai-provenance/log.txt`.
 */
import { openHookContext, type HookContext } from '../commit/hookContext';
import { appendStateLog } from '../stateLog';
import { gitHookFault } from '../testMode';
import { isManagedHook } from './hookScripts';
import { removeRetiredFiles } from './retiredFiles';

export interface HookRun {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The hook's stdin (post-rewrite, reference-transaction). */
  readonly stdin: () => Promise<string>;
}

/** How long a hook's work may take before the commit goes on without it (AI_PROVENANCE_HOOK_TIMEOUT_MS). */
const DEFAULT_HOOK_TIMEOUT_MS = 10_000;

export function hookTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const value = env.AI_PROVENANCE_HOOK_TIMEOUT_MS;
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 10 * 60_000) : DEFAULT_HOOK_TIMEOUT_MS;
}

export type HookOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Opens the repository once per run; a failure before that has nowhere to be logged but the caller's fallback. */
export async function runGitHook(
  hook: string,
  args: readonly string[],
  run: HookRun,
  onContext?: (ctx: HookContext) => void,
): Promise<HookOutcome> {
  if (!isManagedHook(hook)) return { ok: false, error: `unknown hook ${JSON.stringify(hook)}` };
  let ctx: HookContext | undefined;
  try {
    ctx = await openHookContext(run.cwd, run.env);
    onContext?.(ctx);
    // The first hook run after an update clears what the previous version left (a few syscalls when there is none).
    const retired = removeRetiredFiles(ctx.stateDir);
    if (retired.length > 0) await ctx.log(`removed files of an earlier version: ${retired.join(', ')}`);
    await gitHookFault(hook, run.env);
    // Each hook loads only its own code: a node start per hook is the main cost of a commit.
    switch (hook) {
      case 'prepare-commit-msg':
        await (await import('../commit/prepareCommitMsg.js')).prepareCommitMsg(ctx, args, run.cwd);
        break;
      case 'commit-msg':
        await (await import('../commit/commitMsg.js')).commitMsg(ctx, args, run.cwd);
        break;
      case 'post-commit':
        await (await import('../commit/postCommit.js')).postCommit(ctx);
        break;
      case 'post-rewrite':
        await (await import('../rewrite/postRewrite.js')).postRewrite(ctx, args[0] ?? '', await run.stdin());
        break;
      case 'reference-transaction': {
        if (args[0] !== 'committed') break;
        const input = await run.stdin();
        if (/ refs\/stash$/m.test(input)) await (await import('../rewrite/stashPark.js')).onStashRefUpdates(ctx, input);
        if (input.includes(' refs/notes/remotes/'))
          await (await import('../rewrite/notesHooks.js')).onRemoteNotesFetched(ctx, input);
        break;
      }
      case 'pre-push':
        await (await import('../rewrite/notesHooks.js')).prePushNotes(ctx, args, await run.stdin(), { cwd: run.cwd });
        break;
    }
    return { ok: true };
  } catch (err) {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    if (ctx) await ctx.log(`${hook} failed (the commit is unaffected): ${error}`);
    return { ok: false, error };
  }
}

/** Logs to a state dir directly (for the CLI's deadline, when the run may still be holding the context). */
export function logTo(stateDir: string, message: string): Promise<void> {
  return appendStateLog(stateDir, message);
}

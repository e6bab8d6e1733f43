/**
 * What the installed hooks do for shared notes (see notesShare.ts).
 * - reference-transaction: a committed update of refs/notes/remotes/<remote>/ai-provenance[-signoff] (a plain
 *   `git fetch` with the share refspec) is merged into our notes at once, losslessly.
 * - pre-push: for a remote in aiprovenance.shareNotes, this process only starts a detached one and returns, so the
 *   user's push neither waits nor fails because of us. The detached process (its own session: no terminal, so no
 *   credential prompt can block it) pushes the notes within a time limit and logs the outcome.
 */
import { spawn } from 'node:child_process';
import { isZeroId, parseRefUpdates } from '../../core/rewrite/gitText';
import type { HookContext } from '../commit/hookContext';
import { NOTES_SYNC_ENV, SHARE_NOTES_KEY } from '../hooks/hookScripts';
import { DEFAULT_PUSH_ATTEMPTS, SHARED_NOTES_REFS, isValidRemoteName, mergeRemoteNotes, pushNotes } from './notesSync';

/** Set to `background` on the detached process: it does the push (the hook's own process only starts it). */
const NOTES_PUSH_ENV = 'AI_PROVENANCE_NOTES_PUSH';
/** The detached push's whole run, and each git call in it (a stalled network must not leave it around). */
const BACKGROUND_PUSH_TIMEOUT_MS = 5 * 60_000;
const GIT_CALL_TIMEOUT_MS = 60_000;

const REMOTES_PREFIX = 'refs/notes/remotes/';

/** From reference-transaction input: remote name -> the shared notes refs (ours) whose remote copy got a new value. */
export function fetchedRemoteNotes(input: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const update of parseRefUpdates(input)) {
    if (isZeroId(update.new) || !update.ref.startsWith(REMOTES_PREFIX)) continue;
    for (const { ref } of SHARED_NOTES_REFS) {
      const suffix = `/${ref.slice('refs/notes/'.length)}`;
      if (!update.ref.endsWith(suffix)) continue;
      const remote = update.ref.slice(REMOTES_PREFIX.length, -suffix.length);
      if (isValidRemoteName(remote)) out.set(remote, [...(out.get(remote) ?? []), ref]);
    }
  }
  return out;
}

/** Pre-push input names only our notes refs: someone pushing the notes by hand, nothing to follow up. */
export function pushesOnlyNotes(input: string): boolean {
  const remoteRefs = input
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(' ')[2] ?? '');
  return remoteRefs.length > 0 && remoteRefs.every((ref) => SHARED_NOTES_REFS.some((r) => r.ref === ref));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** reference-transaction (committed): merge what a fetch brought from configured remotes. */
export async function onRemoteNotesFetched(ctx: HookContext, input: string): Promise<void> {
  if (ctx.env[NOTES_SYNC_ENV]) return;
  const fetched = fetchedRemoteNotes(input);
  if (fetched.size === 0) return;
  // A ref under refs/notes/remotes/ does not prove a remote of that name: a glob can nest names.
  const configured = new Set((await ctx.git(['remote'])).stdout.split('\n'));
  for (const [remote, refs] of fetched) {
    if (!configured.has(remote)) continue;
    const report = await mergeRemoteNotes(ctx.repo, remote, refs);
    const changed = [report, report.signoff].filter((r) => r.merge === 'created' || r.merge === 'merged');
    if (changed.length > 0) {
      const combined = report.conflictsResolved + report.signoff.conflictsResolved;
      await ctx.log(
        `reference-transaction: merged ${remote}'s notes${combined ? ` (${combined} commit(s) annotated on both sides combined)` : ''}`,
      );
    }
  }
}

export interface PrePushOptions {
  /** The hook's working directory (the detached process starts there, so relative GIT_DIR and paths still hold). */
  readonly cwd: string;
  /** The CLI entry that runs `git-hook`; default this process's script. */
  readonly entry?: string;
}

/** pre-push: `args` are git's (remote name, URL), `input` its ref lines. Never throws: the push is not ours to fail. */
export async function prePushNotes(
  ctx: HookContext,
  args: readonly string[],
  input: string,
  options: PrePushOptions,
): Promise<void> {
  const [remote = '', url = ''] = args;
  if (ctx.env[NOTES_SYNC_ENV] || remote === url || !isValidRemoteName(remote) || pushesOnlyNotes(input)) return;
  const shared = await ctx.git(['config', '--get-all', SHARE_NOTES_KEY], { okExitCodes: [1] });
  if (!shared.stdout.split('\n').includes(remote)) return;
  if (ctx.env[NOTES_PUSH_ENV] === 'background') {
    await pushNow(ctx, remote);
  } else {
    await startDetached(ctx, remote, url, options);
  }
}

async function startDetached(ctx: HookContext, remote: string, url: string, options: PrePushOptions): Promise<void> {
  const entry = options.entry ?? process.argv[1];
  if (!entry) return ctx.log('pre-push: cannot tell which CLI to run; notes not pushed');
  try {
    const child = spawn(process.execPath, [entry, 'git-hook', 'pre-push', remote, url], {
      cwd: options.cwd,
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
      env: {
        ...ctx.env,
        [NOTES_PUSH_ENV]: 'background',
        AI_PROVENANCE_HOOK_TIMEOUT_MS: String(BACKGROUND_PUSH_TIMEOUT_MS),
        GIT_TERMINAL_PROMPT: '0',
      },
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
  } catch (err) {
    await ctx.log(`pre-push: could not start the notes push to ${remote}: ${message(err)}`);
  }
}

async function pushNow(ctx: HookContext, remote: string): Promise<void> {
  try {
    // --no-verify: the user's pre-push checks already ran for their push; a notes-only push must not run them again.
    const report = await pushNotes(ctx.repo, remote, DEFAULT_PUSH_ATTEMPTS, {
      timeoutMs: GIT_CALL_TIMEOUT_MS,
      noVerify: true,
    });
    const combined = report.conflictsResolved + report.signoff.conflictsResolved;
    const merged = `${combined ? `, ${combined} commit(s) annotated on both sides combined` : ''}`;
    await ctx.log(`pre-push: ${report.pushed ? `pushed notes to ${remote}` : 'no local notes to push'}${merged}`);
  } catch (err) {
    await ctx.log(`pre-push: could not push notes to ${remote} (the push itself is unaffected): ${message(err)}`);
  }
}

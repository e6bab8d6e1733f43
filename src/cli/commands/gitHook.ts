/**
 * `ai-provenance git-hook <hook> [args]`: what the installed git hooks run. Always exits 0 within a time bound
 * (AI_PROVENANCE_HOOK_TIMEOUT_MS, default 10 s): a commit never fails or
 * waits because of provenance. Problems go to <git dir>/ai-provenance/log.txt.
 * The implementation is loaded lazily so other commands do not pay for it, and it for them.
 */
import type { CliCommand } from '../command';

export const gitHookCommand: CliCommand = {
  name: 'git-hook',
  usage: [
    "usage: ai-provenance git-hook <prepare-commit-msg|commit-msg|post-commit|post-rewrite|reference-transaction|pre-push> [git's hook arguments]",
    '',
    "Called by the hooks `ai-provenance hooks install` writes, with git's arguments and stdin. Always exits 0.",
  ].join('\n'),
  async run(args, io) {
    const [hook = '', ...rest] = args;
    let stateDir: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const { runGitHook, hookTimeoutMs, logTo } = await import('../../git/hooks/runHook.js');
      const timeoutMs = hookTimeoutMs(io.env);
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const work = runGitHook(hook, rest, { cwd: io.cwd, env: io.env, stdin: io.stdin }, (ctx) => {
        stateDir = ctx.stateDir;
      });
      const outcome = await Promise.race([work, deadline]);
      if (outcome === 'timeout') {
        if (stateDir)
          await logTo(stateDir, `${hook} stopped after ${timeoutMs} ms (time limit); the commit is unaffected`);
        // Pending git children and I/O must not keep the commit waiting.
        process.exit(0);
      }
      if (!outcome.ok && io.env.AI_PROVENANCE_HOOK_DEBUG) io.err(`ai-provenance git-hook ${hook}: ${outcome.error}\n`);
    } catch (err) {
      if (io.env.AI_PROVENANCE_HOOK_DEBUG) io.err(`ai-provenance git-hook ${hook}: ${String(err)}\n`);
    } finally {
      clearTimeout(timer);
    }
    return 0;
  },
};

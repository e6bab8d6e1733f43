/**
 * `ai-provenance git-hook <hook> [args]`: what the installed git hooks run. Always exits 0 within a time bound
 * (AI_PROVENANCE_HOOK_TIMEOUT_MS, default 10 s): a commit never fails or
 * waits because of provenance. Problems go to <git dir>/ai-provenance/log.txt.
 * The implementation is loaded lazily so other commands do not pay for it, and it for them.
 */
import type { CliCommand } from '../command';

export const DEFAULT_HOOK_TIMEOUT_MS = 10_000;

function timeoutFrom(value: string | undefined): number | undefined {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 10 * 60_000) : undefined;
}

export const gitHookCommand: CliCommand = {
  name: 'git-hook',
  usage: [
    'usage: ai-provenance git-hook <prepare-commit-msg|commit-msg|post-commit|post-rewrite|reference-transaction|pre-push> [git\'s hook arguments]',
    '',
    'Called by the hooks `ai-provenance hooks install` writes, with git\'s arguments and stdin. Always exits 0.',
  ].join('\n'),
  async run(args, io) {
    const [hook = '', ...rest] = args;
    const timeoutMs = timeoutFrom(io.env.AI_PROVENANCE_HOOK_TIMEOUT_MS) ?? DEFAULT_HOOK_TIMEOUT_MS;
    let stateDir: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const { runGitHook } = await import('../../git/hooks/runHook.js');
      const work = runGitHook(hook, rest, { cwd: io.cwd, env: io.env, stdin: io.stdin }, (ctx) => {
        stateDir = ctx.stateDir;
      });
      const outcome = await Promise.race([work, deadline]);
      if (outcome === 'timeout') {
        const { logTo } = await import('../../git/hooks/runHook.js');
        if (stateDir) await logTo(stateDir, `${hook} stopped after ${timeoutMs} ms (time limit); the commit is unaffected`);
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

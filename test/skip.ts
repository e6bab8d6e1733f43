/**
 * The one way a test skips: with a reason the run prints. The reporters (scripts/lib/countingReporter.cjs for the unit
 * and git tiers, test/integration/index.ts in VS Code) turn a skip without one (`this.skip()`, `it.skip`,
 * `describe.skip`, a test with no body) into a failure, so nothing is skipped silently.
 */
import type * as Mocha from 'mocha';

/** The property the reporters read on a test or on one of its suites (a skip in a hook covers a whole suite). */
const SKIP_REASON = 'aipSkipReason';

export function skipBecause(ctx: Mocha.Context, reason: string): never {
  const runnable = ctx.test as (Mocha.Runnable & { type?: string }) | undefined;
  const owner = runnable?.type === 'hook' ? runnable.parent : runnable;
  if (owner) (owner as unknown as Record<string, unknown>)[SKIP_REASON] = reason;
  ctx.skip();
}

/** The reason given for skipping `test` (or the suite around it), if any. */
export function skipReasonOf(test: Mocha.Runnable): string | undefined {
  for (let node: Mocha.Runnable | Mocha.Suite | undefined = test; node; node = node.parent) {
    const reason = (node as unknown as Record<string, unknown>)[SKIP_REASON];
    if (typeof reason === 'string' && reason) return reason;
  }
  return undefined;
}

/**
 * Work features start right after activation instead of during it (git processes, file reads, the git extension's
 * API): scheduled with setTimeout(0), it still runs on the extension host thread a moment after `activate` returns,
 * so the activation figure counts it. Each piece's synchronous time is added up here (what it does before its first
 * await; the git processes it then waits for run elsewhere and do not hold the thread).
 */
let deferredMs = 0;
const pending: Array<Promise<void>> = [];

/** Runs `work` once activation has returned; never throws (the work logs its own failures). */
export function deferStartup(work: () => unknown): void {
  pending.push(
    new Promise<void>((resolve) => {
      setTimeout(() => {
        const started = performance.now();
        try {
          // What it returns may wait on a person (the install offer): only the synchronous part holds the thread.
          void Promise.resolve(work()).catch(() => undefined);
        } catch {
          // Logged by the work itself.
        } finally {
          deferredMs += performance.now() - started;
          resolve();
        }
      }, 0);
    }),
  );
}

/** The synchronous ms of all startup work scheduled so far, once each piece has run. */
export async function deferredStartupMs(): Promise<number> {
  await Promise.all(pending);
  return deferredMs;
}

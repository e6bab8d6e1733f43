/**
 * How long a notes push waits before its next fetch -> merge -> push round when the remote moved: exponential with
 * "equal jitter" (half fixed, half random), so pushers that collided once spread out instead of colliding again.
 * The random source is handed in (core has none of its own).
 */
export interface BackoffOptions {
  /** Delay ceiling before jitter for the first retry. */
  readonly baseMs: number;
  /** No delay exceeds this. */
  readonly maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 4000 };

/** Delay before retry number `retry` (1 = the first retry); `random` returns [0, 1). */
export function backoffDelayMs(retry: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** Why a notes push failed, from git's stderr: worth another round (the ref moved) or final (a hook, permissions). */
export function pushRejection(stderr: string): 'moved' | 'final' {
  // `[rejected] ... (fetch first|non-fast-forward)`: someone pushed first. A race lost on the server itself shows
  // as `[remote rejected] ... (cannot lock ref|failed to update ref|incorrect old value)`; with --atomic the other
  // refs of that push say `(atomic push failed)`.
  if (
    /\[rejected\]|non-fast-forward|fetch first|stale info|cannot lock ref|failed to lock|failed to update ref|incorrect old value|is at [0-9a-f]+ but expected/i.test(
      stderr,
    )
  )
    return 'moved';
  return 'final';
}

/**
 * Runs git and hands its stdout to a callback line by line, so a long `git log -p` never sits in memory whole. Lines
 * are handed over in batches of at least BATCH_BYTES (and at the end): git writes a log one commit at a time, and
 * decoding and splitting per write would cost more than the lines themselves.
 */
import { StringDecoder } from 'node:string_decoder';
import { GitError, spawnGit } from '../exec';

export interface StreamOptions {
  /** Killed after this long (default 10 minutes: a log over a whole history can take a while). */
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborting kills git; the promise then rejects with a GitError of kind 'signal'. */
  readonly signal?: AbortSignal;
  /**
   * git's stdin (e.g. the requests of a `--stdin` command): text written at once, or a function handed the stream to
   * write to as requests come up (it must end it).
   */
  readonly input?: string | ((stdin: NodeJS.WritableStream) => void);
}

const BATCH_BYTES = 32 * 1024;

/** Resolves when git exits 0 and every line was delivered; rejects with a GitError otherwise. */
export function streamGitLines(
  cwd: string,
  args: readonly string[],
  onLine: (line: string) => void,
  options: StreamOptions = {},
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const emit = (text: string): void => {
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) onLine(part);
  };
  const unread: Buffer[] = [];
  let unreadBytes = 0;
  const drain = (): void => {
    if (unreadBytes === 0) return;
    const bytes = unread.length === 1 ? unread[0] : Buffer.concat(unread, unreadBytes);
    unread.length = 0;
    unreadBytes = 0;
    emit(decoder.write(bytes));
  };
  return streamGitBytes(
    cwd,
    args,
    (chunk) => {
      unread.push(chunk);
      unreadBytes += chunk.length;
      if (unreadBytes >= BATCH_BYTES) drain();
    },
    options,
    () => {
      drain();
      emit(decoder.end());
      if (rest !== '') onLine(rest);
    },
  );
}

/**
 * Runs git and hands its stdout to `onChunk` as it arrives (bytes, as git wrote them), then calls `onEnd` once git
 * exited (whatever its code, unless the stream already failed). A throw from either fails the promise (and kills git). `maxOutputBytes` bounds what git may write.
 */
export function streamGitBytes(
  cwd: string,
  args: readonly string[],
  onChunk: (chunk: Buffer) => void,
  options: StreamOptions & { readonly maxOutputBytes?: number } = {},
  onEnd?: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, { cwd, ...(options.env ? { env: options.env } : {}) });
    let stderr = '';
    let failed: Error | undefined;
    let written = 0;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = err;
      child.kill();
    };
    const timer = setTimeout(
      () =>
        fail(new GitError('timeout', args, cwd, null, stderr, `timed out after ${options.timeoutMs ?? 600_000} ms`)),
      options.timeoutMs ?? 600_000,
    );
    const abort = (): void => fail(new GitError('signal', args, cwd, null, stderr, 'was stopped: no longer needed'));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    // Input to a git that already exited raises EPIPE here; the exit reports the cause.
    child.stdin.on('error', () => undefined);
    if (typeof options.input === 'function') options.input(child.stdin);
    else child.stdin.end(options.input);
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    const guarded = (fn: () => void): void => {
      try {
        fn();
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      written += chunk.length;
      if (options.maxOutputBytes !== undefined && written > options.maxOutputBytes)
        return fail(
          new GitError('output-too-large', args, cwd, null, stderr, `wrote more than ${options.maxOutputBytes} bytes`),
        );
      guarded(() => onChunk(chunk));
    });
    child.on('error', (err) => fail(new GitError('spawn', args, cwd, null, stderr, `could not run: ${err.message}`)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (!failed && onEnd) guarded(onEnd); // also before a failing exit, as the lines so far were handed over
      if (failed) reject(failed);
      else if (code === 0) resolve();
      else
        reject(
          new GitError(
            signal ? 'signal' : 'exit',
            args,
            cwd,
            code,
            stderr,
            signal ? `was killed by ${signal}` : `failed with exit code ${code}`,
          ),
        );
    });
  });
}

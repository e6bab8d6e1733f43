/** The CLI's real process I/O (both entry points use it). */
import type { CliIo } from './command';

export function processIo(): CliIo {
  let stdinText: Promise<string> | undefined;
  return {
    cwd: process.cwd(),
    env: process.env,
    stdin: () =>
      (stdinText ??= new Promise((resolve) => {
        if (process.stdin.isTTY) return resolve('');
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  };
}

/** What git exits with when its reader goes away (`git log | head`): 128 + SIGPIPE. */
const EXIT_BROKEN_PIPE = 141;

/**
 * `ai-provenance blame FILE | head`: once the reader is gone, stop at once and quietly, as git does, instead of a
 * stack trace for the EPIPE of the next write. Hooks (whose reader is the agent or /dev/null) exit 0 all the same.
 */
function quietOnClosedPipe(code: number): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(code);
      throw err;
    });
  }
}

/**
 * Runs `main` as the process: its result becomes the exit code, a throw exits 1 with the message. `exitWhenDone`
 * (hooks): exit as soon as main settles, once stdout has drained, instead of waiting for helper processes such as
 * cat-file to notice their input closed; everything main started has been awaited by then.
 */
export function runAsProcess(
  main: (argv: readonly string[], io: CliIo) => Promise<number>,
  exitWhenDone = false,
): void {
  quietOnClosedPipe(exitWhenDone ? 0 : EXIT_BROKEN_PIPE);
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
      if (exitWhenDone) process.stdout.write('', () => process.exit(code));
    },
    (err: unknown) => {
      process.stderr.write(`ai-provenance: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

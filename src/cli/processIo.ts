/** The CLI's real process I/O (both entry points use it). */
import type { CliIo } from './command';

/** What git exits with when its reader goes away (`git log | head`): 128 + SIGPIPE. */
const EXIT_BROKEN_PIPE = 141;

/**
 * process.stdout / process.stderr, each made on its first use: node builds a stream object for each (a pipe's pulls in
 * the net module), and a git hook, whose output goes to /dev/null, usually writes nothing at all. The first use also
 * arms the quiet exit on a closed pipe (`ai-provenance blame FILE | head`): once the reader is gone, stop at once and
 * quietly with `brokenPipeCode`, as git does, instead of a stack trace for the EPIPE of the next write. Every write of
 * the CLI goes through here, so no write can come before its stream is armed.
 */
class LazyStdio {
  private readonly armed = new Set<NodeJS.WriteStream>();

  constructor(private readonly brokenPipeCode: number) {}

  get stdout(): NodeJS.WriteStream {
    return this.arm(process.stdout);
  }

  get stderr(): NodeJS.WriteStream {
    return this.arm(process.stderr);
  }

  /** Whether stdout was ever asked for (else there is nothing of ours to drain before exiting). */
  get stdoutUsed(): boolean {
    return this.armed.has(process.stdout);
  }

  private arm(stream: NodeJS.WriteStream): NodeJS.WriteStream {
    if (!this.armed.has(stream)) {
      this.armed.add(stream);
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(this.brokenPipeCode);
        throw err;
      });
    }
    return stream;
  }
}

function processIo(stdio = new LazyStdio(EXIT_BROKEN_PIPE)): CliIo {
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
    out: (t) => stdio.stdout.write(t),
    err: (t) => stdio.stderr.write(t),
  };
}

/**
 * Runs `main` as the process: its result becomes the exit code, a throw exits 1 with the message. `exitWhenDone`
 * (hooks): exit as soon as main settles, once stdout has drained, instead of waiting for helper processes such as
 * cat-file to notice their input closed; everything main started has been awaited by then. Hooks (whose reader is the
 * agent or /dev/null) exit 0 on a closed pipe all the same.
 */
export function runAsProcess(
  main: (argv: readonly string[], io: CliIo) => Promise<number>,
  exitWhenDone = false,
): void {
  const stdio = new LazyStdio(exitWhenDone ? 0 : EXIT_BROKEN_PIPE);
  main(process.argv.slice(2), processIo(stdio)).then(
    (code) => {
      process.exitCode = code;
      if (!exitWhenDone) return;
      if (stdio.stdoutUsed) stdio.stdout.write('', () => process.exit(code));
      else process.exit(code);
    },
    (err: unknown) => {
      stdio.stderr.write(`ai-provenance: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

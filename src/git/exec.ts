/**
 * The one place that starts git. Always execFile/spawn with an argument array (never a shell), so paths and revs
 * from files or other processes cannot inject commands.
 */
import { ChildProcessWithoutNullStreams, ExecFileException, execFile, spawn } from 'node:child_process';

const DEFAULT_GIT_TIMEOUT_MS = 15_000;
const DEFAULT_GIT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Env overrides that make git's messages English, for the few places that must recognise an error by its text. */
export const STABLE_MESSAGES_ENV: Readonly<Record<string, string>> = { LC_ALL: 'C' };

export interface GitRunOptions {
  readonly cwd: string;
  /** Written to git's stdin, which is then closed (stdin is always closed so git never waits on it). */
  readonly input?: string | Buffer;
  /** Added to (or, with `undefined`, removed from) the inherited environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  /** Per stream (stdout, stderr). */
  readonly maxOutputBytes?: number;
  /** Exit codes that are answers rather than failures, e.g. 1 for `rev-parse --verify -q`. 0 is always fine. */
  readonly okExitCodes?: readonly number[];
}

export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** What callers are handed, so tests and hooks can substitute or wrap git. */
export interface GitRunner {
  run(args: readonly string[], options: GitRunOptions): Promise<GitResult>;
}

/** exit: non-zero exit; timeout: killed after timeoutMs; output-too-large: over maxOutputBytes; spawn: git missing/cwd bad. */
export type GitErrorKind = 'exit' | 'timeout' | 'output-too-large' | 'signal' | 'spawn';

export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    readonly args: readonly string[],
    readonly cwd: string,
    readonly code: number | null,
    readonly stderr: string,
    detail: string,
  ) {
    super(`git ${args.join(' ')} (in ${cwd}) ${detail}${stderr.trim() ? `: ${firstLines(stderr)}` : ''}`);
    this.name = 'GitError';
  }
}

/**
 * Environment for a git child: the inherited one plus overrides; no terminal prompts (hooks have no terminal), and no
 * optional locks: our reads (`diff`, `status`) must never take `index.lock` to refresh the index, or a git command of
 * the user's that runs at the same moment (a commit right after ours, VS Code's own git) fails with "index.lock: File
 * exists". A hook's read still running as the hook exits would do exactly that.
 */
export function gitEnv(overrides?: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) {
      delete env[key];
    } else {
      env[key] = value;
    }
  }
  return env;
}

export function runGit(args: readonly string[], options: GitRunOptions): Promise<GitResult> {
  const argv = [...args];
  const timeout = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const maxBuffer = options.maxOutputBytes ?? DEFAULT_GIT_MAX_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      argv,
      { cwd: options.cwd, env: gitEnv(options.env), timeout, maxBuffer, encoding: 'buffer', windowsHide: true },
      (error, stdoutBytes, stderrBytes) => {
        const stdout = toText(stdoutBytes);
        const stderr = toText(stderrBytes);
        if (!error) {
          resolve({ stdout, stderr, code: 0 });
          return;
        }
        const failure = classify(error, timeout, maxBuffer);
        if (failure.kind === 'exit' && failure.code !== null && options.okExitCodes?.includes(failure.code)) {
          resolve({ stdout, stderr, code: failure.code });
          return;
        }
        reject(new GitError(failure.kind, argv, options.cwd, failure.code, stderr, failure.detail));
      },
    );
    // Input to a git that already exited (or never started) raises EPIPE here; the exit callback reports the cause.
    child.stdin?.on('error', () => undefined);
    if (options.input === undefined) {
      child.stdin?.end();
    } else {
      child.stdin?.end(options.input);
    }
  });
}

export const defaultGitRunner: GitRunner = { run: runGit };

/** A long-lived git process with piped stdio (e.g. `cat-file --batch`). The caller owns its lifetime. */
export function spawnGit(
  args: readonly string[],
  options: { cwd: string; env?: Readonly<Record<string, string | undefined>> },
): ChildProcessWithoutNullStreams {
  return spawn('git', [...args], { cwd: options.cwd, env: gitEnv(options.env), stdio: 'pipe', windowsHide: true });
}

export type SpawnGit = typeof spawnGit;

function classify(
  error: ExecFileException,
  timeout: number,
  maxBuffer: number,
): { kind: GitErrorKind; code: number | null; detail: string } {
  const code = error.code as unknown;
  if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return { kind: 'output-too-large', code: null, detail: `produced more than ${maxBuffer} bytes of output` };
  }
  if (typeof code === 'number') {
    return { kind: 'exit', code, detail: `failed with exit code ${code}` };
  }
  if (error.killed) {
    return { kind: 'timeout', code: null, detail: `timed out after ${timeout} ms` };
  }
  if (error.signal) {
    return { kind: 'signal', code: null, detail: `was killed by ${error.signal}` };
  }
  return { kind: 'spawn', code: null, detail: `could not run: ${error.message}` };
}

function toText(bytes: Buffer | string | undefined): string {
  if (bytes === undefined) return '';
  return typeof bytes === 'string' ? bytes : bytes.toString('utf8');
}

function firstLines(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 600 ? trimmed.slice(0, 600) + '…' : trimmed;
}

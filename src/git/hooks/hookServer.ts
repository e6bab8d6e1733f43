/**
 * A warm process that runs the commit hooks' work for the installed hook scripts, so a commit does not pay for a
 * node start, loading our code and running it cold (most of a hook's cost). VS Code starts one per repository while
 * it is open (src/extension/commit/hookServerHost.ts); `ai-provenance hooks serve` runs one from a terminal.
 *
 * Linux only (it reads the hook's environment and directory from /proc). Files in `<state dir>/server/` (mode 0700):
 * - `pid`: this process; a hook script checks it is alive before asking.
 * - `requests`: a FIFO; a hook writes one request (src/core/commit/hookRequest.ts) and waits on its own reply FIFO
 *   `reply.<hook pid>`, which this process answers (`done`, `timeout` or `retry`) and unlinks.
 * The hook script keeps a watchdog: if this process dies or never answers, the hook runs its work itself, so a
 * served hook can be slower but never loses what the direct path would have done. Git hooks without stdin are served
 * (prepare-commit-msg, commit-msg, post-commit; the others always run directly), and agent hooks, whose JSON the
 * launcher saves as `in.<pid>` for the server (and feeds to node itself when the server does not answer).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { AGENT_REQUEST, parseEnviron, servedHookEnv, takeRequests, type HookAnswer, type HookRequest } from '../../core/commit/hookRequest';
import { callAgentHook } from '../agents/agentHookCommand';
import { appendStateLog } from '../stateLog';
import { HOOK_PATHS_ENV, SERVED_HOOKS } from './hookScripts';
import { hookTimeoutMs, runGitHook } from './runHook';


/** Exit after this long without a request (a terminal's `hooks serve` left running; VS Code's stops with the window). */
export const DEFAULT_IDLE_MS = 30 * 60_000;

export interface HookServerPaths {
  readonly dir: string;
  readonly pid: string;
  readonly requests: string;
  reply(pid: number): string;
  /** Where the launcher leaves an agent hook's stdin (its JSON) for the server. */
  input(pid: number): string;
}

export function hookServerPaths(stateDir: string): HookServerPaths {
  const dir = path.join(stateDir, 'server');
  return { dir, pid: path.join(dir, 'pid'), requests: path.join(dir, 'requests'), reply: (pid) => path.join(dir, `reply.${pid}`), input: (pid) => path.join(dir, `in.${pid}`) };
}

export interface HookServerOptions {
  readonly stateDir: string;
  readonly idleMs?: number;
  /** The parent holds this process's stdin: exit when it closes (the parent went away). */
  readonly exitWithStdin?: boolean;
  /** A file whose change means this code is outdated (the CLI bundle): answer `retry` and exit. */
  readonly codeFile?: string;
}

/** `restart`: stopped for a reason a fresh server does not have (a hook hit its time limit, the code changed). */
export type ServeResult = 'stopped' | 'restart' | 'already-running' | 'unsupported';

/** The pid file holds `<pid> <fd>`: the server, and its descriptor reading the request FIFO (once it reads it). */
function readPidFile(file: string): { pid: number; fd?: number } | undefined {
  try {
    const [pid, fd] = fs.readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    if (!Number.isInteger(pid) || pid <= 1) return undefined;
    return Number.isInteger(fd) && fd >= 0 ? { pid, fd } : { pid };
  } catch {
    return undefined;
  }
}

/**
 * Whether process `pid` reads `requests` through its descriptor `fd` (hook scripts check the same with `test -ef`):
 * a reused pid, or a pid file copied along with a git dir (whose FIFO is then another file), fails it.
 */
function readsRequests(pid: number, fd: number, requests: string): boolean {
  try {
    const held = fs.statSync(`/proc/${pid}/fd/${fd}`);
    const ours = fs.statSync(requests);
    return held.ino === ours.ino && held.dev === ours.dev;
  } catch {
    return false;
  }
}

/** The pid of a live hook server for `stateDir` that hooks can reach, if there is one. */
export function runningHookServer(stateDir: string): number | undefined {
  const paths = hookServerPaths(stateDir);
  const entry = readPidFile(paths.pid);
  return entry?.fd !== undefined && readsRequests(entry.pid, entry.fd, paths.requests) ? entry.pid : undefined;
}

/** Whether `pid` is a live hook server, maybe still starting (`hooks` then `serve` in its command line). */
function isHookServer(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join('').includes('hooksserve');
  } catch {
    return false;
  }
}

/** Claims the pid file; false when another live server holds it. */
function claim(paths: HookServerPaths): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(paths.pid, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const other = readPidFile(paths.pid)?.pid;
      if (other !== undefined && other !== process.pid && isHookServer(other)) return false;
      fs.rmSync(paths.pid, { force: true });
    }
  }
  return false;
}

/** Makes the request FIFO, opens it, and names the descriptor in the pid file: from then on hooks may use it. */
function openRequests(paths: HookServerPaths): number {
  // Left by hooks killed mid-request: nobody waits on them any more.
  for (const name of fs.readdirSync(paths.dir)) if (name.startsWith('reply.') || name.startsWith('in.')) fs.rmSync(path.join(paths.dir, name), { force: true });
  fs.rmSync(paths.requests, { force: true });
  // node has no mkfifo; this runs once per server.
  execFileSync('mkfifo', ['-m', '600', paths.requests], { stdio: 'ignore' });
  // Read-write: the open never blocks, and the pipe never reports end-of-file between hooks.
  const fd = fs.openSync(paths.requests, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
  const temp = `${paths.pid}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${process.pid} ${fd}\n`, { mode: 0o600 });
  fs.renameSync(temp, paths.pid);
  return fd;
}

/** Runs until idle, stdin closes, a signal, or a hook times out (its work may still hold locks: exit rather than reuse). */
export async function serveHooks(options: HookServerOptions): Promise<ServeResult> {
  if (process.platform !== 'linux' || !fs.existsSync('/proc/self/environ')) return 'unsupported';
  const paths = hookServerPaths(options.stateDir);
  fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(paths.dir, 0o700);
  if (!claim(paths)) return 'already-running';
  const log = (message: string): Promise<void> => appendStateLog(options.stateDir, `hook server: ${message}`).catch(() => undefined);
  const codeStamp = stampOf(options.codeFile);
  let fd: number;
  try {
    fd = openRequests(paths);
  } catch (err) {
    // Without a pipe there is no server: give the pid file back so the next one does not wait on this one.
    fs.rmSync(paths.pid, { force: true });
    await log(`could not start: ${String(err)}`);
    throw err;
  }
  const pipe = new net.Socket({ fd, readable: true, writable: false });
  pipe.setEncoding('utf8');

  return new Promise<ServeResult>((resolve) => {
    let buffered = '';
    let queue = Promise.resolve();
    let idle: NodeJS.Timeout | undefined;
    let stopping = false;
    const stop = (why: string, result: ServeResult = 'stopped'): void => {
      if (stopping) return;
      stopping = true;
      clearTimeout(idle);
      pipe.destroy();
      // Only our own files: a server that already took over keeps its pid file and its pipe.
      if (readPidFile(paths.pid)?.pid === process.pid) {
        fs.rmSync(paths.pid, { force: true });
        fs.rmSync(paths.requests, { force: true });
      }
      void log(`stopped (${why})`).then(() => resolve(result));
    };
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => stop('idle'), options.idleMs ?? DEFAULT_IDLE_MS);
    };
    const serve = async (request: HookRequest): Promise<void> => {
      if (stopping) return answer(paths.reply(request.pid), 'retry');
      armIdle();
      if (codeStamp !== stampOf(options.codeFile)) {
        answer(paths.reply(request.pid), 'retry');
        return stop('its code changed', 'restart');
      }
      const result = await runServed(request, options.stateDir, log);
      answer(paths.reply(request.pid), result);
      if (result === 'timeout') stop('a hook hit its time limit', 'restart');
    };
    pipe.on('data', (chunk: string) => {
      const taken = takeRequests(buffered + chunk);
      buffered = taken.rest.length > 64 * 1024 ? '' : taken.rest;
      for (const error of taken.errors) void log(error);
      for (const request of taken.requests) queue = queue.then(() => serve(request)).catch((err) => log(`failed: ${String(err)}`));
    });
    pipe.on('error', (err) => stop(`request pipe: ${err.message}`));
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => stop(signal));
    if (options.exitWithStdin) {
      process.stdin.on('end', () => stop('its parent went away'));
      process.stdin.on('error', () => stop('its parent went away'));
      process.stdin.resume();
    }
    armIdle();
    void log(`serving ${SERVED_HOOKS.join(', ')} and agent hooks (pid ${process.pid})`);
  });
}

/** One hook run in the environment and directory of the hook process that asked. */
async function runServed(request: HookRequest, stateDir: string, log: (m: string) => Promise<void>): Promise<HookAnswer> {
  const agent = request.hook === AGENT_REQUEST;
  if (!agent && !(SERVED_HOOKS as readonly string[]).includes(request.hook)) return 'retry';
  let env: Record<string, string | undefined>;
  let cwd: string;
  try {
    env = servedHookEnv(parseEnviron(fs.readFileSync(`/proc/${request.pid}/environ`, 'utf8')), process.env, request, HOOK_PATHS_ENV);
    cwd = fs.readlinkSync(`/proc/${request.pid}/cwd`);
  } catch (err) {
    // The hook is gone (or not ours to read): nobody waits for an answer.
    void log(`request from pid ${request.pid} skipped: ${String(err)}`);
    return 'retry';
  }
  const timeoutMs = hookTimeoutMs(env);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const work = agent ? runAgent(request, stateDir, cwd, env) : runGitHook(request.hook, request.args, { cwd, env, stdin: () => Promise.resolve('') });
    const outcome = await Promise.race([work, deadline]);
    if (outcome === 'timeout') {
      await appendStateLog(stateDir, `${request.hook} stopped after ${timeoutMs} ms (time limit); ${agent ? 'the agent goes on' : 'the commit is unaffected'}`).catch(() => undefined);
      return 'timeout';
    }
    if (env.AI_PROVENANCE_HOOK_DEBUG) await log(`served ${request.hook} for pid ${request.pid} in ${Date.now() - started} ms${'ok' in outcome && !outcome.ok ? ` (failed: ${outcome.error})` : ''}`);
    return 'answer' in outcome ? outcome.answer : 'done';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An agent hook: its JSON is the file the launcher saved (`in.<pid>`, read and removed here); the answer carries what
 * the agent must see on stdout (one line at most: nothing, or `{}`).
 */
async function runAgent(request: HookRequest, stateDir: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ answer: HookAnswer }> {
  const [input, ...args] = request.args;
  // Only the file the launcher names for this pid (it writes `<launcher dir>/../server/in.<pid>`).
  const file = input === undefined ? undefined : path.resolve(cwd, input);
  let stdin = '';
  if (file === path.resolve(hookServerPaths(stateDir).input(request.pid))) {
    try {
      stdin = fs.readFileSync(file, 'utf8');
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
  const { out } = await callAgentHook({ args, stdin: () => Promise.resolve(stdin), cwd, env });
  const line = out.replace(/\n$/, '');
  return { answer: line === '' ? 'done' : `done ${line.split('\n')[0]}` };
}

/** Writes the answer if the hook still waits (a FIFO without a reader refuses a non-blocking open), then unlinks it. */
function answer(replyPath: string, result: HookAnswer): void {
  try {
    const fd = fs.openSync(replyPath, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    try {
      fs.writeSync(fd, `${result}\n`);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // The hook gave up waiting (its watchdog) or was killed.
  }
  fs.rmSync(replyPath, { force: true });
}

function stampOf(file: string | undefined): string {
  if (!file) return '';
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

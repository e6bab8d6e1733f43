/**
 * A cross-process lock file: created with O_EXCL ("wx"), holding pid, host, time and a nonce. Waiters retry with
 * jittered exponential backoff for a bounded time. A lock whose holder died (same host, pid gone) or that is older
 * than `staleMs` is taken over, so a crashed editor or hook never wedges the store.
 */
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { uniqueHex } from './uniqueHex';

export interface LockOptions {
  /** A lock older than this is presumed abandoned. Holders keep locks for milliseconds; default 10 s. */
  readonly staleMs?: number;
  /** Give up (LockTimeoutError) after waiting this long; default 5 s. */
  readonly maxWaitMs?: number;
  /** Give up after this many failed attempts; default 1000. */
  readonly maxAttempts?: number;
  /**
   * Create and release the lock file with blocking calls (short-lived processes such as git hooks, which have nothing
   * else to run meanwhile and lock dozens of records in a row). Waiting for a held lock still never blocks.
   */
  readonly blocking?: boolean;
}

export interface LockHandle {
  readonly path: string;
  /** Removes the lock if it is still ours (after a takeover it is not, and is left alone). */
  release(): Promise<void>;
}

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly time: number;
  readonly nonce: string;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly lockPath: string,
    waitedMs: number,
    holder: string,
  ) {
    super(`could not lock ${lockPath} within ${waitedMs} ms (held by ${holder})`);
    this.name = 'LockTimeoutError';
  }
}

const FIRST_DELAY_MS = 4;
const MAX_DELAY_MS = 100;

export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<LockHandle> {
  const staleMs = options.staleMs ?? 10_000;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? 1000;
  const started = Date.now();
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    const info: LockInfo = {
      pid: process.pid,
      host: os.hostname(),
      time: Date.now(),
      nonce: uniqueHex(8),
    };
    const content = JSON.stringify(info);
    if (options.blocking ? tryCreateSync(lockPath, content) : await tryCreate(lockPath, content)) {
      return {
        path: lockPath,
        release: options.blocking
          ? async () => releaseIfOursSync(lockPath, content)
          : () => releaseIfOurs(lockPath, content),
      };
    }
    if (await takeOverIfStale(lockPath, staleMs)) {
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= maxWaitMs || attempt >= maxAttempts) {
      throw new LockTimeoutError(lockPath, waited, await describeHolder(lockPath));
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Runs `fn` holding the lock; always releases. */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, options?: LockOptions): Promise<T> {
  const handle = await acquireLock(lockPath, options);
  try {
    return await fn();
  } finally {
    await handle.release();
  }
}

async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw err;
  }
  try {
    await handle.writeFile(content, 'utf8');
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(lockPath).catch(() => undefined);
    throw err;
  }
  await handle.close();
  return true;
}

function tryCreateSync(lockPath: string, content: string): boolean {
  let fd: number;
  try {
    fd = fsSync.openSync(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fsSync.writeFileSync(fd, content, 'utf8');
  } catch (err) {
    fsSync.closeSync(fd);
    fsSync.rmSync(lockPath, { force: true });
    throw err;
  }
  fsSync.closeSync(fd);
  return true;
}

function releaseIfOursSync(lockPath: string, content: string): void {
  try {
    if (fsSync.readFileSync(lockPath, 'utf8') === content) fsSync.unlinkSync(lockPath);
  } catch {
    // Gone already, or taken over: not ours to remove.
  }
}

/** true when the lock is gone or was moved away (retry now); false when it is live. */
async function takeOverIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let content: string;
  let mtimeMs: number;
  try {
    mtimeMs = (await fs.stat(lockPath)).mtimeMs;
    content = await fs.readFile(lockPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  const info = parseLockInfo(content);
  // An empty or unreadable lock may be mid-creation: judge it by its mtime only.
  const age = Date.now() - (info?.time ?? mtimeMs);
  const holderDead = info !== undefined && info.host === os.hostname() && !isProcessAlive(info.pid);
  if (!holderDead && age <= staleMs) {
    return false;
  }
  // Move it aside atomically, then make sure what we moved is the lock we judged: between our read and the rename a
  // waiter may already have replaced it with a fresh one.
  const aside = `${lockPath}.stale-${process.pid}-${uniqueHex(4)}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => content);
  if (moved !== content) {
    // Put the fresh lock back; link() never overwrites, so a lock taken meanwhile is not clobbered.
    await fs.link(aside, lockPath).catch(() => undefined);
  }
  await fs.unlink(aside).catch(() => undefined);
  return true;
}

async function releaseIfOurs(lockPath: string, content: string): Promise<void> {
  const current = await fs.readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === content) {
    await fs.unlink(lockPath).catch(() => undefined);
  }
}

function parseLockInfo(content: string): LockInfo | undefined {
  try {
    const v = JSON.parse(content) as Partial<LockInfo>;
    if (
      typeof v.pid === 'number' &&
      typeof v.host === 'string' &&
      typeof v.time === 'number' &&
      typeof v.nonce === 'string'
    ) {
      return v as LockInfo;
    }
  } catch {
    // fall through: not ours to interpret
  }
  return undefined;
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function describeHolder(lockPath: string): Promise<string> {
  const info = parseLockInfo(await fs.readFile(lockPath, 'utf8').catch(() => ''));
  return info ? `pid ${info.pid} on ${info.host} since ${new Date(info.time).toISOString()}` : 'an unknown holder';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The drain of agent calls the launcher queued (src/git/launcher.ts, `shellPostQueue`): for a Claude Code file tool
 * whose PRE it snapshotted in sh, the POST starts no node either. It leaves `<state>/agent-post/c<pid>/` holding
 * `payload.json` (the POST's JSON; its mtime is when the POST ran), `cwd`, `pre/` (the PRE's directory, moved there)
 * and the files' texts after the tool (`paths` and copies `1`, `2`, ... as in src/core/agents/queuedCalls.ts).
 *
 * Whoever needs the records next drains: every hook run (runAgentHook), every store access (WorkingStateStore, so the
 * git hooks and the CLI's readers), the extension when the queue folder changes. Each call is attributed by the very
 * POST code with the after-copies in place of the work tree and the POST's time as "now", in the order the POSTs ran,
 * under one lock per queue, then removed. So the records are those a POST at the time would have written, and an
 * edit made to the file since counts as an edit outside the agent, exactly as it would then. A call that cannot be
 * read is logged as dropped attribution and removed.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseHookJson } from '../../core/agents/payloads';
import { orderQueuedCalls, parsePathListing, QUEUED_CALL_NAME } from '../../core/agents/queuedCalls';
import { logDrop } from '../dropLog';
import { defaultGitRunner, type GitRunner } from '../exec';
import { withLock } from '../fileLock';
import { appendStateLog } from '../stateLog';
import { runAgentHook } from './agentHook';
import { sweepStaleLauncherSnapshots } from './launcherSnapshots';
import { agentQueueDir, hasQueuedCalls } from './queueDir';
import { readWorkFile, type FileState } from './workFiles';

/** A POST that never finished writing its call (killed midway) is dropped, and logged, after this long. */
const UNFINISHED_MAX_AGE_MS = 60 * 60 * 1000;
/** Waiting for another process's drain: a long queue of large files takes seconds; a dead holder is taken over. */
const QUEUE_LOCK = { maxWaitMs: 120_000, staleMs: 10 * 60_000 };

export interface DrainOptions {
  readonly runner?: GitRunner;
  readonly now?: () => number;
}

/**
 * The POST ran in the agent's environment; a drain may run inside a git hook, whose environment names the repository
 * and index git is committing with (GIT_DIR relative to the hook's directory, a temporary GIT_INDEX_FILE). The call is
 * attributed as the agent's POST would have been: from its working directory alone.
 */
const HOOK_REPO_ENV: Readonly<Record<string, undefined>> = {
  GIT_DIR: undefined,
  GIT_WORK_TREE: undefined,
  GIT_INDEX_FILE: undefined,
  GIT_PREFIX: undefined,
  GIT_COMMON_DIR: undefined,
  GIT_OBJECT_DIRECTORY: undefined,
};

function agentRunner(base: GitRunner): GitRunner {
  return { run: (args, options) => base.run(args, { ...options, env: { ...HOOK_REPO_ENV, ...options.env } }) };
}

/** This process's drain per queue: callers in one process wait for it rather than contend for the lock. */
const running = new Map<string, Promise<number>>();

/**
 * Attributes every call queued in `stateDir`'s queue, oldest first; resolves to how many were taken (attributed or
 * logged as dropped). Concurrent callers (in this process or others) wait for the drain under way and then drain
 * what is left, so when it resolves, every call queued before it was called is in the records.
 */
export function drainAgentQueue(stateDir: string, options: DrainOptions = {}): Promise<number> {
  const key = path.resolve(stateDir);
  const previous = running.get(key) ?? Promise.resolve(0);
  const run = previous.catch(() => 0).then(() => drainOnce(key, options));
  running.set(key, run);
  void run
    .catch(() => undefined)
    .then(() => {
      if (running.get(key) === run) running.delete(key);
    });
  return run;
}

async function drainOnce(stateDir: string, options: DrainOptions): Promise<number> {
  if (!(await hasQueuedCalls(stateDir))) return 0;
  const queue = agentQueueDir(stateDir);
  return withLock(
    `${queue}.lock`,
    async () => {
      const now = (options.now ?? Date.now)();
      const calls: Array<{ name: string; time: number }> = [];
      for (const name of await fs.readdir(queue).catch(() => [] as string[])) {
        const dir = path.join(queue, name);
        if (QUEUED_CALL_NAME.test(name)) {
          const time = await fs.stat(path.join(dir, 'payload.json')).then(
            (s) => s.mtimeMs,
            () => now,
          );
          calls.push({ name, time });
        } else if (name.startsWith('.')) {
          await dropUnfinished(stateDir, dir, now);
        }
      }
      for (const call of orderQueuedCalls(calls)) await attributeQueuedCall(stateDir, call, options);
      await sweepStaleLauncherSnapshots(stateDir, now);
      return calls.length;
    },
    QUEUE_LOCK,
  );
}

async function attributeQueuedCall(
  stateDir: string,
  call: { name: string; time: number },
  options: DrainOptions,
): Promise<void> {
  const dir = path.join(agentQueueDir(stateDir), call.name);
  try {
    const stdin = await fs.readFile(path.join(dir, 'payload.json'), 'utf8');
    parseHookJson(stdin);
    const cwd = (await fs.readFile(path.join(dir, 'cwd'), 'utf8')).replace(/\n$/, '');
    if (!path.isAbsolute(cwd)) throw new Error(`its working directory ${JSON.stringify(cwd)} is not absolute`);
    const after = new Map<string, FileState>();
    for (const listed of parsePathListing(await fs.readFile(path.join(dir, 'paths'), 'utf8'))) {
      if (after.has(listed.path)) continue;
      if (listed.mark === 't') after.set(listed.path, await readWorkFile(path.join(dir, String(listed.index))));
      else if (listed.mark === 'a') after.set(listed.path, { kind: 'absent' });
      else if (listed.mark === 's') after.set(listed.path, { kind: 'skipped', reason: 'not a regular file' });
      else throw new Error(`the copy of ${listed.path} failed`);
    }
    await runAgentHook({
      agent: 'claude',
      phaseHint: 'post',
      stdin,
      cwd,
      env: {},
      runner: agentRunner(options.runner ?? defaultGitRunner),
      // Whole milliseconds: records and origins hold integers.
      now: () => Math.floor(call.time),
      queued: { preDir: path.join(dir, 'pre'), after },
    });
  } catch (err) {
    await logDrop(
      (message) => appendStateLog(stateDir, message),
      'agent hook',
      `the queued tool call ${call.name}`,
      `${(err as Error).message}; removed unattributed`,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A call the launcher began to queue and never finished: still being written when young, else lost (said once). */
async function dropUnfinished(stateDir: string, dir: string, now: number): Promise<void> {
  const age = await fs.stat(dir).then(
    (s) => now - s.mtimeMs,
    () => 0,
  );
  if (age <= UNFINISHED_MAX_AGE_MS) return;
  await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  await logDrop(
    (message) => appendStateLog(stateDir, message),
    'agent hook',
    `the unfinished queued tool call ${path.basename(dir)}`,
    'the launcher stopped while queuing it; the edit is not attributed',
  );
}

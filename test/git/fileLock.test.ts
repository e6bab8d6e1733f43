import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LockTimeoutError, acquireLock, withLock } from '../../src/git/fileLock';
import { WorkingStateStore } from '../../src/git/stateStore';
import { agentOrigin, makeRecord } from './helpers/records';
import { makeTempDir } from './helpers/tempRepo';

/** The pid of a process that has already exited (so it is certainly not holding anything). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid ?? 999_999;
}

function writeLock(lockPath: string, info: { pid: number; host?: string; time: number }): void {
  fs.writeFileSync(lockPath, JSON.stringify({ host: os.hostname(), nonce: 'feedfeedfeedfeed', ...info }));
}

describe('file lock', () => {
  let dir: string;
  let lockPath: string;
  beforeEach(() => {
    dir = makeTempDir('aiprov-lock-');
    lockPath = path.join(dir, 'x.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the lock file with the holder and removes it on release', async () => {
    const handle = await acquireLock(lockPath);
    const info = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    assert.equal(info.pid, process.pid);
    assert.equal(info.host, os.hostname());
    await handle.release();
    assert.equal(fs.existsSync(lockPath), false);
  });

  it('makes a second taker wait until the first releases', async () => {
    const order: string[] = [];
    const first = await acquireLock(lockPath);
    const second = withLock(lockPath, async () => {
      order.push('second');
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    order.push('first releases');
    await first.release();
    await second;
    assert.deepEqual(order, ['first releases', 'second']);
  });

  it('blocking mode (hooks): same file, same waiting for a holder, same care on release', async () => {
    const first = await acquireLock(lockPath, { blocking: true });
    assert.equal(JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid, process.pid);
    const order: string[] = [];
    const second = withLock(lockPath, async () => void order.push('second'), { blocking: true });
    await new Promise((resolve) => setTimeout(resolve, 30));
    order.push('first releases');
    await first.release();
    await second;
    assert.deepEqual(order, ['first releases', 'second']);
    assert.equal(fs.existsSync(lockPath), false);
    const third = await acquireLock(lockPath, { blocking: true });
    writeLock(lockPath, { pid: process.pid, time: Date.now() }); // taken over meanwhile
    await third.release();
    assert.match(fs.readFileSync(lockPath, 'utf8'), /feedfeedfeedfeed/, 'a lock that is no longer ours stays');
  });

  it('gives up on a live, fresh lock with LockTimeoutError naming the holder', async () => {
    writeLock(lockPath, { pid: process.pid, time: Date.now() });
    await assert.rejects(
      acquireLock(lockPath, { maxWaitMs: 60 }),
      (err: unknown) => err instanceof LockTimeoutError && err.message.includes(`pid ${process.pid}`),
    );
    await assert.rejects(acquireLock(lockPath, { maxAttempts: 2 }), LockTimeoutError);
    assert.ok(fs.existsSync(lockPath), 'a live lock is never removed');
  });

  it('takes over a lock older than staleMs even if its holder is alive', async () => {
    writeLock(lockPath, { pid: process.pid, time: Date.now() - 60_000 });
    const handle = await acquireLock(lockPath, { staleMs: 10_000, maxWaitMs: 1000 });
    assert.match(fs.readFileSync(lockPath, 'utf8'), /"nonce":"(?!feedfeedfeedfeed)/);
    await handle.release();
    assert.deepEqual(fs.readdirSync(dir), [], 'the stale lock moved aside is deleted');
  });

  it('takes over a fresh lock whose holder process is gone', async () => {
    writeLock(lockPath, { pid: deadPid(), time: Date.now() });
    const handle = await acquireLock(lockPath, { maxWaitMs: 1000 });
    await handle.release();
  });

  it('does not judge a fresh lock on another host by its pid', async () => {
    writeLock(lockPath, { pid: deadPid(), host: 'some-other-host', time: Date.now() });
    await assert.rejects(acquireLock(lockPath, { maxWaitMs: 50 }), LockTimeoutError);
  });

  it('takes over an empty lock file (holder died while creating it) once its mtime is old', async () => {
    fs.writeFileSync(lockPath, '');
    await assert.rejects(acquireLock(lockPath, { maxWaitMs: 50 }), LockTimeoutError);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, old, old);
    await (await acquireLock(lockPath, { maxWaitMs: 1000 })).release();
  });

  it('after its lock was taken over, release leaves the new holder alone', async () => {
    const handle = await acquireLock(lockPath);
    writeLock(lockPath, { pid: process.pid, time: Date.now() }); // someone else's lock now
    await handle.release();
    assert.match(fs.readFileSync(lockPath, 'utf8'), /feedfeedfeedfeed/);
  });

  it('lets the store write through a stale lock left by a crashed writer', async () => {
    const store = WorkingStateStore.at(dir, { lock: { maxWaitMs: 2000 } });
    fs.mkdirSync(store.filesDir, { recursive: true });
    writeLock(`${store.recordFile('a.ts')}.lock`, { pid: deadPid(), time: Date.now() - 120_000 });
    const record = makeRecord('a.ts', 'text', [agentOrigin('s')], [[0, 2, 0]]);
    assert.deepEqual(await store.write(record), record);
    assert.deepEqual(fs.readdirSync(store.filesDir), [path.basename(store.recordFile('a.ts'))]);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { FileRecord } from '../../src/core/state/fileRecord';
import { DebouncedStateWriter, RecordSink } from '../../src/git/debouncedWriter';
import { WorkingStateStore, WriteMode } from '../../src/git/stateStore';
import { agentOrigin, makeRecord } from './helpers/records';
import { makeTempDir } from './helpers/tempRepo';

class FakeSink implements RecordSink {
  readonly writes: Array<{ path: string; updated: number; mode: WriteMode | undefined }> = [];
  readonly logs: string[] = [];
  failNext = false;
  private waiters: Array<() => void> = [];

  async write(record: FileRecord, options?: { mode?: WriteMode }): Promise<FileRecord> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.writes.push({ path: record.path, updated: record.updated, mode: options?.mode });
    for (const wake of this.waiters.splice(0)) wake();
    return record;
  }

  async log(message: string): Promise<void> {
    this.logs.push(message);
  }

  nextWrite(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

const rec = (path: string, updated: number) => makeRecord(path, 'text', [], [], updated);

describe('debounced state writer', () => {
  it('coalesces repeated schedules of one file into one write of the latest record', async () => {
    const sink = new FakeSink();
    const writer = new DebouncedStateWriter(sink, { delayMs: 60_000 });
    writer.scheduleWrite(rec('a.ts', 1));
    writer.scheduleWrite(rec('a.ts', 2));
    writer.scheduleWrite(rec('b.ts', 3));
    writer.scheduleWrite(rec('a.ts', 4));
    assert.equal(writer.pendingCount, 2);
    assert.deepEqual(sink.writes, []);
    await writer.flush();
    assert.deepEqual(sink.writes, [
      { path: 'a.ts', updated: 4, mode: 'merge' },
      { path: 'b.ts', updated: 3, mode: 'merge' },
    ]);
    assert.equal(writer.pendingCount, 0);
  });

  it('writes on its own after the delay', async () => {
    const sink = new FakeSink();
    const writer = new DebouncedStateWriter(sink, { delayMs: 5 });
    const written = sink.nextWrite();
    writer.scheduleWrite(rec('a.ts', 1));
    await written;
    assert.deepEqual(sink.writes, [{ path: 'a.ts', updated: 1, mode: 'merge' }]);
  });

  it('keeps a queued replace a replace when a later merge supersedes it', async () => {
    const sink = new FakeSink();
    const writer = new DebouncedStateWriter(sink, { delayMs: 60_000 });
    writer.scheduleWrite(rec('a.ts', 1), { mode: 'replace' });
    writer.scheduleWrite(rec('a.ts', 2));
    await writer.flush();
    assert.deepEqual(sink.writes, [{ path: 'a.ts', updated: 2, mode: 'replace' }]);
  });

  it('drops cancelled writes and refuses scheduling after dispose', async () => {
    const sink = new FakeSink();
    const writer = new DebouncedStateWriter(sink, { delayMs: 60_000 });
    writer.scheduleWrite(rec('a.ts', 1));
    writer.cancel('a.ts');
    writer.scheduleWrite(rec('b.ts', 2));
    await writer.dispose();
    assert.deepEqual(
      sink.writes.map((w) => w.path),
      ['b.ts'],
    );
    assert.throws(() => writer.scheduleWrite(rec('c.ts', 3)), /disposed/);
  });

  it('reports failed writes to onError, or to the log by default, without rejecting flush', async () => {
    const sink = new FakeSink();
    const errors: string[] = [];
    const withHandler = new DebouncedStateWriter(sink, {
      delayMs: 60_000,
      onError: (e, p) => errors.push(`${p}: ${e.message}`),
    });
    sink.failNext = true;
    withHandler.scheduleWrite(rec('a.ts', 1));
    await withHandler.flush();
    assert.deepEqual(errors, ['a.ts: disk full']);

    const logging = new DebouncedStateWriter(sink, { delayMs: 60_000 });
    sink.failNext = true;
    logging.scheduleWrite(rec('b.ts', 1));
    await logging.flush();
    assert.match(sink.logs[0], /dropped attribution: editor: record of b.ts \(debounced write failed: disk full/);
  });

  it('persists through a real store', async () => {
    const dir = makeTempDir('aiprov-debounce-');
    try {
      const store = WorkingStateStore.at(dir);
      const writer = new DebouncedStateWriter(store);
      const record = makeRecord('x/y.ts', 'hello world', [agentOrigin('s')], [[0, 5, 0]]);
      writer.scheduleWrite(record);
      await writer.flush();
      assert.deepEqual(await store.read('x/y.ts'), record);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

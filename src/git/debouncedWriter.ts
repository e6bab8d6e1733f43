/**
 * Coalesces the editor's frequent record updates: per file, only the latest record is written, `delayMs` after the
 * last change (or at most `maxDelayMs` after the first unwritten one, so continuous typing still persists).
 */
import { FileRecord } from '../core/state/fileRecord';
import { WriteMode } from './stateStore';
import { logDrop } from './dropLog';

/** The part of WorkingStateStore the writer needs (a fake in tests). */
export interface RecordSink {
  write(record: FileRecord, options?: { mode?: WriteMode }): Promise<FileRecord>;
  log(message: string): Promise<void>;
}

export interface DebouncedWriterOptions {
  /** Default 300 ms. */
  readonly delayMs?: number;
  /** Default 2000 ms. */
  readonly maxDelayMs?: number;
  /** Called when a write fails; by default the failure goes to the store's log. */
  readonly onError?: (error: Error, relPath: string) => void;
}

interface PendingWrite {
  record: FileRecord;
  mode: WriteMode;
  readonly firstAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export class DebouncedStateWriter {
  private readonly pending = new Map<string, PendingWrite>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly delayMs: number;
  private readonly maxDelayMs: number;
  private disposed = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly options: DebouncedWriterOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 300;
    this.maxDelayMs = Math.max(options.maxDelayMs ?? 2000, this.delayMs);
  }

  /**
   * Queues `record` for its path, superseding any queued one. A queued replace stays a replace: the later record
   * was built from the same in-memory truth, so merging it would resurrect what the replace removed.
   */
  scheduleWrite(record: FileRecord, options: { mode?: WriteMode } = {}): void {
    if (this.disposed) {
      throw new Error('DebouncedStateWriter is disposed');
    }
    const mode = options.mode ?? 'merge';
    const now = Date.now();
    const existing = this.pending.get(record.path);
    if (existing) {
      clearTimeout(existing.timer);
    }
    const firstAt = existing?.firstAt ?? now;
    const wait = Math.max(0, Math.min(this.delayMs, firstAt + this.maxDelayMs - now));
    this.pending.set(record.path, {
      record,
      mode: existing?.mode === 'replace' ? 'replace' : mode,
      firstAt,
      timer: setTimeout(() => this.start(record.path), wait),
    });
  }

  /** Drops the queued write for `relPath` (e.g. the file was deleted). */
  cancel(relPath: string): void {
    const entry = this.pending.get(relPath);
    if (entry) {
      clearTimeout(entry.timer);
      this.pending.delete(relPath);
    }
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Writes everything queued now and waits for all writes, including ones already running. */
  async flush(): Promise<void> {
    for (const relPath of [...this.pending.keys()]) {
      this.start(relPath);
    }
    await Promise.all(this.inFlight.values());
  }

  /** Flushes, then refuses further scheduling. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.flush();
  }

  private start(relPath: string): void {
    const entry = this.pending.get(relPath);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(relPath);
    // Writes of one path run one after another, so an older record never lands after a newer one.
    const previous = this.inFlight.get(relPath) ?? Promise.resolve();
    const next = previous.then(() => this.write(entry));
    this.inFlight.set(relPath, next);
    void next.then(() => {
      if (this.inFlight.get(relPath) === next) this.inFlight.delete(relPath);
    });
  }

  private async write(entry: PendingWrite): Promise<void> {
    try {
      await this.sink.write(entry.record, { mode: entry.mode });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (this.options.onError) {
        this.options.onError(error, entry.record.path);
      } else {
        await logDrop(
          this.sink,
          'editor',
          `record of ${entry.record.path}`,
          `debounced write failed: ${error.message}`,
        );
      }
    }
  }
}

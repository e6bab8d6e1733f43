/**
 * The working-state store: one FileRecord per file in the repository's git dir (never the work tree), at
 * `<git rev-parse --git-path ai-provenance>/files/<sha256 of path>.json`, so each worktree has its own.
 * Writes are read-merge-write under a per-record lock file and land atomically, so two editor windows and the CLI
 * hooks can write the same file at once. A record that cannot be read is moved aside, logged and treated as absent.
 * Before any record is read or written, the agent calls the launcher queued are attributed (`drainQueued`), so no
 * reader sees the records without them.
 */
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../core/sha256';
import { FileRecord, parseFileRecord, parseFileRecordText, serializeFileRecord } from '../core/state/fileRecord';
import { compactFileRecord, mergeFileRecords } from '../core/state/mergeRecords';
import { assertRepoRelativePath } from '../core/state/repoPath';
import { isAtomicTempName, writeFileAtomic } from './atomicFile';
import { GitRunner, defaultGitRunner } from './exec';
import { LockOptions, withLock } from './fileLock';
import { RepoInfo, findRepo, gitPath } from './repo';
import { STATE_DIR_NAME, appendStateLog } from './stateLog';
import { logDrop } from './dropLog';
import { hasQueuedCalls, hasQueuedCallsSync } from './agents/queueDir';

/** merge (default): combine with what is on disk (see mergeFileRecords). replace: the record is the whole truth. */
export type WriteMode = 'merge' | 'replace';

/** recordFile's memory of hashed paths starts over beyond this many (the extension's store lives long). */
const MAX_REMEMBERED_NAMES = 10_000;

export interface StateStoreOptions {
  readonly lock?: LockOptions;
  readonly runner?: GitRunner;
  /**
   * Read and delete record files and take their locks with blocking calls. For short-lived processes (git hooks)
   * that have nothing else to run while they wait: a small file read directly costs far less than the thread-pool
   * round trips of the promise API. Never in the extension host.
   */
  readonly blockingReads?: boolean;
  /**
   * Attribute the queued agent calls before each access (default). Off only for the agent hook's own stores: it
   * drained before it started, and draining from inside a drain would reorder the calls.
   */
  readonly drainQueue?: boolean;
}

const RECORD_FILE = /^[0-9a-f]{64}\.json$/;
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const TEMP_FILE_MAX_AGE_MS = 60 * 60 * 1000;

type Loaded =
  | { readonly state: 'ok'; readonly record: FileRecord }
  | { readonly state: 'absent' }
  | { readonly state: 'corrupt'; readonly reason: string };

export class WorkingStateStore {
  /** Record files live here. */
  readonly filesDir: string;
  /** Record file per path already hashed (recordFile). */
  private readonly recordFiles = new Map<string, string>();
  /** In-process queue per record file, so calls from one process do not spin on their own lock file. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private filesDirReady: Promise<void> | undefined;

  private constructor(
    readonly stateDir: string,
    readonly repo: RepoInfo | undefined,
    private readonly options: StateStoreOptions,
  ) {
    this.filesDir = path.join(stateDir, 'files');
  }

  /** The store of the repository holding `repoPath` (any path inside its work tree). Throws outside a repository. */
  static async open(repoPath: string, options: StateStoreOptions = {}): Promise<WorkingStateStore> {
    const runner = options.runner ?? defaultGitRunner;
    const repo = await findRepo(repoPath, runner);
    if (!repo) {
      throw new Error(`not inside a git work tree: ${repoPath}`);
    }
    return new WorkingStateStore(await gitPath(repo, STATE_DIR_NAME, runner), repo, options);
  }

  /** A store over an explicit state directory (no git involved). */
  static at(stateDir: string, options: StateStoreOptions = {}): WorkingStateStore {
    return new WorkingStateStore(path.resolve(stateDir), undefined, options);
  }

  /** The record file for a repo-relative path. */
  recordFile(relPath: string): string {
    let file = this.recordFiles.get(relPath);
    if (file === undefined) {
      file = path.join(this.filesDir, `${sha256Hex(assertRepoRelativePath(relPath))}.json`);
      // A hook asks for each committed path several times (read, lock, delete); the hash is the costly part.
      if (this.recordFiles.size >= MAX_REMEMBERED_NAMES) this.recordFiles.clear();
      this.recordFiles.set(relPath, file);
    }
    return file;
  }

  /** The stored record, or undefined when there is none or it was unreadable (then moved aside and logged). */
  async read(relPath: string): Promise<FileRecord | undefined> {
    await this.drainQueued();
    const file = this.recordFile(relPath);
    const first = await this.load(file, relPath);
    if (first.state !== 'corrupt') {
      return first.state === 'ok' ? first.record : undefined;
    }
    // Re-check under the lock: a writer may have replaced the file since we read it.
    return this.locked(file, () => this.loadOrMoveAside(file, relPath));
  }

  /** Stores `record` (merged with the stored one unless mode is replace); returns what is now stored. */
  async write(record: FileRecord, options: { mode?: WriteMode } = {}): Promise<FileRecord> {
    await this.drainQueued();
    const incoming = parseFileRecord(record);
    const file = this.recordFile(incoming.path);
    return this.locked(file, async () => {
      const existing = await this.loadOrMoveAside(file, incoming.path);
      // A replace computed before post-commit settled the file would bring the committed spans back: the settled
      // record stands (the editor adopts it when it sees the change).
      if (options.mode === 'replace' && existing?.settled && existing.updated > incoming.updated) return existing;
      const result =
        existing && options.mode !== 'replace' ? mergeFileRecords(existing, incoming) : compactFileRecord(incoming);
      await writeFileAtomic(file, serializeFileRecord(result));
      return result;
    });
  }

  /** Removes the record; false when there was none. */
  async delete(relPath: string): Promise<boolean> {
    await this.drainQueued();
    const file = this.recordFile(relPath);
    return this.locked(file, async () => (this.options.blockingReads ? removeFileSync(file) : removeFile(file)));
  }

  /**
   * Moves the record of `oldRel` to `newRel`, replacing any record there (the file now at newRel is the moved one).
   * false when oldRel had no record. A crash between the two steps leaves both, never neither.
   */
  async rename(oldRel: string, newRel: string): Promise<boolean> {
    await this.drainQueued();
    const from = this.recordFile(oldRel);
    const to = this.recordFile(newRel);
    if (from === to) {
      return (await this.read(oldRel)) !== undefined;
    }
    // Both locks, always in the same order, so two opposite renames cannot deadlock.
    const [first, second] = [from, to].sort();
    return this.locked(first, () =>
      this.locked(second, async () => {
        const record = await this.loadOrMoveAside(from, oldRel);
        if (!record) {
          return false;
        }
        await writeFileAtomic(to, serializeFileRecord({ ...record, path: newRel }));
        await removeFile(from);
        return true;
      }),
    );
  }

  /** Every readable record, sorted by path. Unreadable ones are moved aside; stale temp files are removed. */
  async list(): Promise<FileRecord[]> {
    await this.drainQueued();
    let names: string[];
    try {
      names = await fs.readdir(this.filesDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const records: FileRecord[] = [];
    for (const name of names) {
      const file = path.join(this.filesDir, name);
      if (isAtomicTempName(name)) {
        await removeIfOlderThan(file, TEMP_FILE_MAX_AGE_MS);
      } else if (RECORD_FILE.test(name)) {
        const loaded = await this.load(file, undefined);
        const record =
          loaded.state === 'corrupt'
            ? await this.locked(file, () => this.loadOrMoveAside(file, undefined))
            : loaded.state === 'ok'
              ? loaded.record
              : undefined;
        if (record) records.push(record);
      }
    }
    return records.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Attributes the agent calls the launcher queued in sh (src/git/agents/agentQueue.ts), in order, unless none wait
   * (one directory read) or this store is the agent hook's own. Readers that list the record files themselves call it
   * first.
   */
  async drainQueued(): Promise<void> {
    if (this.options.drainQueue === false) return;
    const waiting = this.options.blockingReads
      ? hasQueuedCallsSync(this.stateDir)
      : await hasQueuedCalls(this.stateDir);
    if (!waiting) return;
    const { drainAgentQueue } = await import('./agents/agentQueue.js');
    await drainAgentQueue(this.stateDir, { runner: this.options.runner });
  }

  /** Appends to this store's log.txt (never throws). */
  log(message: string): Promise<void> {
    return appendStateLog(this.stateDir, message);
  }

  private async load(file: string, relPath: string | undefined): Promise<Loaded> {
    let text: string;
    try {
      const read = this.options.blockingReads ? readBoundedSync(file) : await readBounded(file);
      if (typeof read === 'number')
        return { state: 'corrupt', reason: `${read} bytes exceed the limit of ${MAX_RECORD_BYTES}` };
      text = read;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
      throw err;
    }
    let record: FileRecord;
    try {
      record = parseFileRecordText(text);
    } catch (err) {
      return { state: 'corrupt', reason: (err as Error).message };
    }
    // The name is the hash of the path inside: a mismatch means the file was copied or tampered with. Callers that name
    // the path got `file` from recordFile(relPath), so comparing the paths is enough (and spares a hash per read).
    if (relPath !== undefined ? record.path !== relPath : this.recordFile(record.path) !== file) {
      return {
        state: 'corrupt',
        reason: `record is for ${JSON.stringify(record.path)}, not the path its file name stands for`,
      };
    }
    return { state: 'ok', record };
  }

  /** Call holding the record's lock. */
  private async loadOrMoveAside(file: string, relPath: string | undefined): Promise<FileRecord | undefined> {
    const loaded = await this.load(file, relPath);
    if (loaded.state === 'corrupt') {
      const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        await fs.rename(file, aside);
        await logDrop(
          this,
          'working state',
          `unreadable record ${path.basename(file)}`,
          `${loaded.reason}; moved aside to ${path.basename(aside)}`,
        );
      } catch (err) {
        // Still treated as absent: the next write replaces it.
        await logDrop(
          this,
          'working state',
          `unreadable record ${path.basename(file)}`,
          `${loaded.reason}; could not be moved aside: ${(err as Error).message}`,
        );
      }
      return undefined;
    }
    return loaded.state === 'ok' ? loaded.record : undefined;
  }

  private lockOptions(): LockOptions | undefined {
    return this.options.blockingReads ? { ...this.options.lock, blocking: true } : this.options.lock;
  }

  /** Runs `fn` holding the record's lock, after this process's earlier calls on the same record. */
  private locked<T>(file: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const step = async (): Promise<T> => {
      // The lock file lives next to the record, so the directory must exist even to delete nothing. Made once per
      // store (a hook settles dozens of records); if someone removed it since, make it again and retry once.
      await (this.filesDirReady ??= fs.mkdir(this.filesDir, { recursive: true }).then(() => undefined));
      try {
        return await withLock(`${file}.lock`, fn, this.lockOptions());
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || fsSync.existsSync(this.filesDir)) throw err;
        this.filesDirReady = undefined;
        await fs.mkdir(this.filesDir, { recursive: true });
        return withLock(`${file}.lock`, fn, this.lockOptions());
      }
    };
    const run = previous.then(step, step);
    const settled = run.catch(() => undefined);
    this.queues.set(file, settled);
    void settled.then(() => {
      if (this.queues.get(file) === settled) this.queues.delete(file);
    });
    return run;
  }
}

async function removeFile(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function removeFileSync(file: string): boolean {
  try {
    fsSync.unlinkSync(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

async function removeIfOlderThan(file: string, ageMs: number): Promise<void> {
  try {
    if (Date.now() - (await fs.stat(file)).mtimeMs > ageMs) await fs.unlink(file);
  } catch {
    // Someone else cleaned it up or is still writing it.
  }
}

/** The file's text, or its size when that exceeds MAX_RECORD_BYTES. */
async function readBounded(file: string): Promise<string | number> {
  const handle = await fs.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    return size > MAX_RECORD_BYTES ? size : await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function readBoundedSync(file: string): string | number {
  const fd = fsSync.openSync(file, 'r');
  try {
    const size = fsSync.fstatSync(fd).size;
    return size > MAX_RECORD_BYTES ? size : fsSync.readFileSync(fd, 'utf8');
  } finally {
    fsSync.closeSync(fd);
  }
}

/**
 * "Before" snapshots taken at an agent's PRE hook and read back at its POST hook, stored in the git dir at
 * `<git-path ai-provenance>/snapshots/<session>/<tool use id or key>.json`. One JSON file per tool call, written
 * atomically, so a POST never sees half a snapshot. Stale snapshots (a POST that never came) are pruned.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../../core/sha256';
import { isRepoRelativePath } from '../../core/state/repoPath';
import { writeFileAtomic } from '../atomicFile';
import type { FileState } from './workFiles';

export const SNAPSHOT_VERSION = 1;
/** Snapshots older than this are deleted (the agent crashed, or its POST hook is not installed). */
export const SNAPSHOT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How long a `.done` marker means "this call was just recorded" (a long build between PRE and POST included). */
const DUPLICATE_WINDOW_MS = 60 * 60 * 1000;
/** How often a hook looks for stale snapshots (one stat per call otherwise). */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/** What a file was before the tool ran. `skipped` means it existed but could not be snapshotted. */
export type SnapshotEntry = Exclude<FileState, { kind: 'text' }> | { readonly kind: 'text'; readonly text: string };

export interface Snapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  /** Milliseconds since the epoch when it was taken. */
  readonly taken: number;
  /**
   * `files`: just the files the tool names. `repo`: every changed or untracked file (shell tools, sessions); a
   * file not listed was clean, i.e. equal to `head`.
   */
  readonly scope: 'files' | 'repo';
  /** HEAD when taken (scope `repo`); undefined on an unborn branch. */
  readonly head?: string;
  /** Repo-relative path → state, sorted by path. */
  readonly files: ReadonlyArray<readonly [string, SnapshotEntry]>;
}

/** A path segment safe on every file system: the id itself when it is tame, else a hash of it. */
export function safeSegment(id: string): string {
  if (/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}$/.test(id)) return id;
  return 'h-' + sha256Hex(id).slice(0, 32);
}

export class SnapshotStore {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'snapshots');
  }

  fileFor(session: string, key: string): string {
    return path.join(this.dir, safeSegment(session), `${safeSegment(key)}.json`);
  }

  async save(session: string, key: string, snapshot: Snapshot): Promise<void> {
    const file = this.fileFor(session, key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify(snapshot));
  }

  /** The snapshot, or undefined when there is none or it is unreadable. */
  async load(session: string, key: string): Promise<Snapshot | undefined> {
    return readSnapshotFile(this.fileFor(session, key));
  }

  async remove(session: string, key: string): Promise<void> {
    const file = this.fileFor(session, key);
    await fs.unlink(file).catch(() => undefined);
    // Fails while other snapshots of the session remain: that is the point.
    await fs.rmdir(path.dirname(file)).catch(() => undefined);
  }

  /**
   * For calls paired by their content (no tool use id): takes the snapshot away atomically (a rename) and leaves an
   * empty `<key>.done` marker. When the agent runs two of our hook files for one call, the second POST finds the
   * marker instead of a snapshot and reports `duplicate`, so the call is recorded once.
   */
  async claim(session: string, key: string): Promise<{ snapshot?: Snapshot; duplicate: boolean }> {
    const file = this.fileFor(session, key);
    const done = this.doneFileFor(session, key);
    try {
      await fs.rename(file, done);
    } catch {
      const recent = await fs.stat(done).then(
        (st) => Date.now() - st.mtimeMs < DUPLICATE_WINDOW_MS,
        () => false,
      );
      return { duplicate: recent };
    }
    const snapshot = await readSnapshotFile(done);
    await fs.writeFile(done, '').catch(() => undefined);
    return { snapshot, duplicate: false };
  }

  /** A new call with the same content key: forget the previous one's marker. */
  async clearClaim(session: string, key: string): Promise<void> {
    await fs.unlink(this.doneFileFor(session, key)).catch(() => undefined);
  }

  private doneFileFor(session: string, key: string): string {
    return path.join(this.dir, safeSegment(session), `${safeSegment(key)}.done`);
  }

  /** Deletes snapshots older than SNAPSHOT_MAX_AGE_MS, at most once per PRUNE_INTERVAL_MS. Never throws. */
  async pruneIfDue(now = Date.now()): Promise<number> {
    const marker = path.join(this.dir, '.last-prune');
    try {
      const last = await fs.stat(marker).then(
        (s) => s.mtimeMs,
        () => 0,
      );
      if (now - last < PRUNE_INTERVAL_MS) return 0;
      await fs.mkdir(this.dir, { recursive: true });
      await fs.writeFile(marker, '');
      return await this.prune(now);
    } catch {
      return 0;
    }
  }

  async prune(now = Date.now()): Promise<number> {
    let removed = 0;
    const sessions = await fs.readdir(this.dir, { withFileTypes: true }).catch(() => []);
    for (const session of sessions) {
      if (!session.isDirectory()) continue;
      const sessionDir = path.join(this.dir, session.name);
      for (const name of await fs.readdir(sessionDir).catch(() => [] as string[])) {
        const file = path.join(sessionDir, name);
        const mtime = await fs.stat(file).then(
          (s) => s.mtimeMs,
          () => now,
        );
        if (
          now - mtime > SNAPSHOT_MAX_AGE_MS &&
          (await fs.unlink(file).then(
            () => true,
            () => false,
          ))
        )
          removed++;
      }
      await fs.rmdir(sessionDir).catch(() => undefined);
    }
    return removed;
  }
}

/** Reads and checks a snapshot file; undefined when missing or not a valid snapshot. */
async function readSnapshotFile(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_SNAPSHOT_BYTES) return undefined;
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseSnapshot(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Validates a parsed snapshot (it lives in the git dir, but anything there may have been edited or truncated). */
export function parseSnapshot(value: unknown): Snapshot | undefined {
  const obj = value as Partial<Snapshot> | null;
  if (typeof obj !== 'object' || obj === null || obj.version !== SNAPSHOT_VERSION) return undefined;
  if (typeof obj.taken !== 'number' || (obj.scope !== 'files' && obj.scope !== 'repo') || !Array.isArray(obj.files))
    return undefined;
  if (obj.head !== undefined && (typeof obj.head !== 'string' || !/^[0-9a-f]{40,64}$/.test(obj.head))) return undefined;
  for (const item of obj.files as unknown[]) {
    if (!Array.isArray(item) || item.length !== 2 || !isRepoRelativePath(item[0]) || !isEntry(item[1]))
      return undefined;
  }
  return obj as Snapshot;
}

function isEntry(value: unknown): value is SnapshotEntry {
  const e = value as { kind?: unknown; text?: unknown; reason?: unknown } | null;
  if (typeof e !== 'object' || e === null) return false;
  return (
    (e.kind === 'text' && typeof e.text === 'string') ||
    e.kind === 'absent' ||
    (e.kind === 'skipped' && typeof e.reason === 'string')
  );
}

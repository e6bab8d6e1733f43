/**
 * "Before" snapshots the launcher takes in plain sh for a Claude Code PRE hook (src/git/launcher.ts), so that step
 * starts no node: `<state>/agent-pre/p<pid>/` holds the hook's JSON (`payload.json`), copies of the absolute
 * `file_path` / `notebook_path` files it names (`1`, `2`, ...) and `paths`, one line per path: `<mark>\t<path>`, the mark
 * `t` (copied), `a` (absent), `s` (not a regular file: skipped, as the node PRE would) or `u` (the copy failed: unknown).
 * The POST hook finds the directory whose payload is its own tool call, turns it into a Snapshot and removes it.
 * Directories whose POST never came (a denied tool) are removed after SNAPSHOT_MAX_AGE_MS. When the launcher also
 * queued the POST in sh, the directory moved into the queued call (`pre/`, src/git/agents/agentQueue.ts).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SNAPSHOT_MAX_AGE_MS, SNAPSHOT_VERSION, type Snapshot, type SnapshotEntry } from './snapshots';
import { readWorkFile } from './workFiles';

const LAUNCHER_SNAPSHOT_DIR = 'agent-pre';

/**
 * The launcher's snapshot for the call `isOwnPre` recognises (given the PRE payload's JSON), or undefined. Every
 * directory of that call is removed; when there are several (a PRE that ran twice), the newest wins.
 * `repoPath` maps an absolute path to its repo-relative one (undefined outside the work tree).
 */
export async function takeLauncherSnapshot(
  stateDir: string,
  isOwnPre: (payloadJson: string) => boolean,
  repoPath: (absPath: string) => Promise<string | undefined>,
  now: number,
): Promise<Snapshot | undefined> {
  const root = path.join(stateDir, LAUNCHER_SNAPSHOT_DIR);
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const own: Array<{ dir: string; taken: number }> = [];
  for (const name of names) {
    const dir = path.join(root, name);
    const taken = await fs.stat(dir).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    if (taken === undefined) continue;
    if (now - taken > SNAPSHOT_MAX_AGE_MS) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      continue;
    }
    const payload = await fs.readFile(path.join(dir, 'payload.json'), 'utf8').catch(() => undefined);
    if (payload !== undefined && isOwnPre(payload)) own.push({ dir, taken });
  }
  own.sort((a, b) => b.taken - a.taken);
  const newest = own[0];
  const snapshot = newest === undefined ? undefined : await readLauncherSnapshot(newest.dir, newest.taken, repoPath);
  for (const { dir } of own) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  return snapshot;
}

/** Removes launcher snapshots older than SNAPSHOT_MAX_AGE_MS (their POST never came: a denied tool). */
export async function sweepStaleLauncherSnapshots(stateDir: string, now: number): Promise<void> {
  const root = path.join(stateDir, LAUNCHER_SNAPSHOT_DIR);
  for (const name of await fs.readdir(root).catch(() => [] as string[])) {
    const dir = path.join(root, name);
    const taken = await fs.stat(dir).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    if (taken !== undefined && now - taken > SNAPSHOT_MAX_AGE_MS)
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The snapshot a launcher PRE directory holds (`taken`: when it was taken). */
export async function readLauncherSnapshot(
  dir: string,
  taken: number,
  repoPath: (absPath: string) => Promise<string | undefined>,
): Promise<Snapshot> {
  const listing = await fs.readFile(path.join(dir, 'paths'), 'utf8').catch(() => '');
  const files = new Map<string, SnapshotEntry>();
  const lines = listing.split('\n').filter((l) => l !== '');
  for (let i = 0; i < lines.length; i++) {
    const [mark, file] = [lines[i].slice(0, 1), lines[i].slice(2)];
    const rel = await repoPath(file);
    if (rel === undefined || files.has(rel)) continue;
    if (mark === 't') files.set(rel, await readWorkFile(path.join(dir, String(i + 1))));
    else if (mark === 'a') files.set(rel, { kind: 'absent' });
    else if (mark === 's') files.set(rel, { kind: 'skipped', reason: 'not a regular file' });
    // `u`: unknown; the POST rebuilds the old text as it does without a snapshot.
  }
  return {
    version: SNAPSHOT_VERSION,
    taken,
    scope: 'files',
    files: [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

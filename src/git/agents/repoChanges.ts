/**
 * What changed in a work tree, for captures that cannot name their files (shell tools, sessions of agents without
 * hooks): `git status` for changed and untracked files, HEAD movement for what the agent committed, and the blobs of
 * files that were clean when the snapshot was taken.
 */
import { CatFileBatch } from '../catFileBatch';
import { GitRunner, defaultGitRunner } from '../exec';
import { assertSafeRev, RepoInfo } from '../repo';
import { isRepoRelativePath } from '../../core/state/repoPath';
import { AGENT_CAPTURE_LIMITS, absPathOf, readWorkFile, textState, type FileState } from './workFiles';
import { SNAPSHOT_VERSION, type Snapshot, type SnapshotEntry } from './snapshots';

export interface RepoStatus {
  /** The commit HEAD points at; undefined on an unborn branch. */
  readonly head: string | undefined;
  /** Changed (staged or not), unmerged and untracked files, sorted. Submodules are left out. */
  readonly paths: readonly string[];
}

// Never take the index lock for an opportunistic refresh: the agent may be running git at the same moment.
const QUIET_ENV = { GIT_OPTIONAL_LOCKS: '0' };

async function repoStatus(repo: RepoInfo, runner: GitRunner = defaultGitRunner): Promise<RepoStatus> {
  const args = [
    'status',
    '--porcelain=v2',
    '-z',
    '--branch',
    '--untracked-files=all',
    '--no-renames',
    '--ignore-submodules=all',
  ];
  const result = await runner.run(args, { cwd: repo.root, env: QUIET_ENV });
  return parseStatusV2(result.stdout);
}

/** Parses `git status --porcelain=v2 -z --branch` output (pure). */
export function parseStatusV2(stdout: string): RepoStatus {
  let head: string | undefined;
  const paths = new Set<string>();
  const records = stdout.split('\0');
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (rec.startsWith('# branch.oid ')) {
      const oid = rec.slice('# branch.oid '.length);
      head = /^[0-9a-f]{40,64}$/.test(oid) ? oid : undefined;
    } else if (rec.startsWith('1 ') || rec.startsWith('2 ') || rec.startsWith('u ')) {
      // Fields before the path: 1 → 8, 2 → 9 (then the original path as the next record), u → 10.
      const fields = rec[0] === '1' ? 8 : rec[0] === '2' ? 9 : 10;
      const parts = splitFields(rec, fields);
      if (parts === undefined) continue;
      // The submodule field is "N..." for plain files.
      if (parts.fields[2].startsWith('N')) paths.add(parts.rest);
      if (rec[0] === '2') i++;
    } else if (rec.startsWith('? ')) {
      paths.add(rec.slice(2));
    }
  }
  return { head, paths: [...paths].filter((p) => isRepoRelativePath(p)).sort() };
}

function splitFields(rec: string, count: number): { fields: string[]; rest: string } | undefined {
  const fields: string[] = [];
  let pos = 0;
  for (let k = 0; k < count; k++) {
    const space = rec.indexOf(' ', pos);
    if (space === -1) return undefined;
    fields.push(rec.slice(pos, space));
    pos = space + 1;
  }
  return { fields, rest: rec.slice(pos) };
}

/** Files that differ between two commits (`from` undefined: everything in `to`). */
async function changedBetween(
  repo: RepoInfo,
  from: string | undefined,
  to: string,
  runner: GitRunner = defaultGitRunner,
): Promise<string[]> {
  assertSafeRev(to);
  let args: string[];
  if (from === undefined) {
    args = ['ls-tree', '-r', '-z', '--name-only', to];
  } else {
    assertSafeRev(from);
    args = ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', from, to, '--'];
  }
  const result = await runner.run(args, { cwd: repo.root });
  return result.stdout.split('\0').filter((p) => p !== '' && isRepoRelativePath(p));
}

/** Every changed and untracked file's text (bounded by AGENT_CAPTURE_LIMITS) and HEAD, taken now. */
export async function takeRepoSnapshot(
  repo: RepoInfo,
  now: number,
  runner: GitRunner = defaultGitRunner,
): Promise<Snapshot> {
  const status = await repoStatus(repo, runner);
  const states = await mapLimited(status.paths.slice(0, AGENT_CAPTURE_LIMITS.maxRepoFiles), 8, (p) =>
    readWorkFile(absPathOf(repo, p)),
  );
  const files: Array<readonly [string, SnapshotEntry]> = [];
  let chars = 0;
  status.paths.forEach((p, i) => {
    let state: FileState = states[i] ?? {
      kind: 'skipped',
      reason: `more than ${AGENT_CAPTURE_LIMITS.maxRepoFiles} changed files`,
    };
    if (state.kind === 'text') {
      chars += state.text.length;
      if (chars > AGENT_CAPTURE_LIMITS.maxRepoBytes)
        state = { kind: 'skipped', reason: `changed files exceed ${AGENT_CAPTURE_LIMITS.maxRepoBytes} bytes` };
    }
    files.push([p, state]);
  });
  return { version: SNAPSHOT_VERSION, taken: now, scope: 'repo', head: status.head, files };
}

/**
 * The "before" state of every file that may have changed since a repo-wide `snapshot`: its snapshot entry, or, for
 * files that were clean then, their blob at the snapshot's HEAD (absent when not there).
 */
export async function repoChangesSince(
  repo: RepoInfo,
  snapshot: Snapshot,
  runner: GitRunner = defaultGitRunner,
): Promise<Map<string, SnapshotEntry>> {
  const before = new Map<string, SnapshotEntry>(snapshot.files.map(([p, e]) => [p, e]));
  const status = await repoStatus(repo, runner);
  const clean = new Set(status.paths.filter((p) => !before.has(p)));
  if (status.head !== undefined && status.head !== snapshot.head) {
    for (const p of await changedBetween(repo, snapshot.head, status.head, runner)) if (!before.has(p)) clean.add(p);
  }
  if (clean.size === 0) return before;
  const list = [...clean].sort();
  if (snapshot.head === undefined) {
    for (const p of list) before.set(p, { kind: 'absent' });
    return before;
  }
  const batch = new CatFileBatch(repo.root);
  try {
    const blobs = await batch.readMany(list.map((p) => `${snapshot.head}:${p}`));
    list.forEach((p, i) => {
      const blob = blobs[i];
      before.set(p, blob === undefined || blob.type !== 'blob' ? { kind: 'absent' } : textState(blob.content));
    });
  } finally {
    await batch.close();
  }
  return before;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

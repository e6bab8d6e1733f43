/**
 * Line replay over a commit DAG: what `git blame` says of every line of the head version, for every file at once,
 * from the zero-context patches of a range (merges included). Each commit's line state is its first parent's with the
 * commit's patch applied; at a merge, a line the merge changed against its first parent is handed, as blame hands it,
 * to the first other parent in which it is unchanged, and only lines no parent has are the merge's own (a conflict
 * resolved by hand). As in blame, a file identical to one parent's version is that parent's whole. Lines whose commit
 * lies outside the range are undefined.
 */
import type { FilePatch, PatchHunk } from './logPatch';

export interface DagCommit<T> {
  readonly commit: string;
  readonly parents: readonly string[];
  /** The patch against the first parent (every file, deleted and binary ones included). */
  readonly files: readonly FilePatch[];
  /** The value of a line this commit added (new-side number) in `file`, one of `files`. */
  readonly source: (file: FilePatch, line: number) => T;
  /** For a merge: the patches against parents 2..n (index 0 = the second parent). */
  readonly otherParents?: readonly (readonly FilePatch[])[];
  /**
   * For a merge whose patches came without hunks (every changed file is whole some other parent's version): the new
   * paths of `files` whose content is the first parent's (a pure rename). Absent: a patch without hunks means that.
   */
  readonly sameAsFirst?: ReadonlySet<string>;
}

/** Lines of one file at one commit (index = line - 1). */
type Lines<T> = (T | undefined)[];

/** A commit's files. Arrays not in `owned` may be shared with another state and are copied before a write. */
interface State<T> {
  readonly files: Map<string, Lines<T>>;
  readonly owned: Set<string>;
}

export interface DagReplayResult<T> {
  /** The lines of `path` at the head as far as the range knows them; undefined when the range never wrote it. */
  get(path: string): readonly (T | undefined)[] | undefined;
}

/**
 * Replays `commits` (any order; parents outside the list are the range's boundary, their lines unknown) up to `head`.
 * Memory: one state per commit whose children are not all replayed yet, sharing unchanged file arrays.
 */
export function replayDag<T>(commits: Iterable<DagCommit<T>>, head: string): DagReplayResult<T> {
  const byId = new Map<string, DagCommit<T>>();
  for (const c of commits) byId.set(c.commit, c);
  const order = parentsFirst(byId, head);
  const children = new Map<string, number>();
  for (const c of order)
    for (const p of new Set(c.parents)) if (byId.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
  const states = new Map<string, State<T>>();

  /** The parent's state for a child to change: handed over when it is the last child, otherwise shared. */
  const take = (parent: string | undefined): State<T> => {
    const st = parent === undefined ? undefined : states.get(parent);
    if (!st) return { files: new Map(), owned: new Set() };
    if (release(parent!)) return st;
    st.owned.clear(); // from now on both hold the same arrays
    return { files: new Map(st.files), owned: new Set() };
  };
  /** Counts one child of `parent` as done; true when it was the last (its state is dropped). */
  const release = (parent: string): boolean => {
    const left = (children.get(parent) ?? 0) - 1;
    children.set(parent, left);
    if (left > 0) return false;
    states.delete(parent);
    return true;
  };

  for (const c of order) {
    const others = c.parents.slice(1).map((p) => states.get(p));
    const state = take(byId.has(c.parents[0] ?? '') ? c.parents[0] : undefined);
    if (c.otherParents && c.parents.length > 1) applyMerge(state, c, others);
    else for (const f of c.files) applyPatch(state, f, (line) => c.source(f, line));
    for (const p of new Set(c.parents.slice(1))) if (byId.has(p) && p !== c.parents[0]) release(p);
    states.set(c.commit, state);
  }
  const final = states.get(head);
  return { get: (path) => final?.files.get(path) };
}

/** Commits reachable from `head` within `byId`, every parent before its children. */
function parentsFirst<T>(byId: ReadonlyMap<string, DagCommit<T>>, head: string): DagCommit<T>[] {
  const order: DagCommit<T>[] = [];
  const seen = new Set<string>();
  if (!byId.has(head)) return order;
  // Iterative depth-first search (histories are deeper than the call stack).
  const stack: { c: DagCommit<T>; next: number }[] = [{ c: byId.get(head)!, next: 0 }];
  seen.add(head);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.c.parents.length) {
      const p = top.c.parents[top.next++];
      const pc = byId.get(p);
      if (pc && !seen.has(p)) {
        seen.add(p);
        stack.push({ c: pc, next: 0 });
      }
    } else {
      order.push(top.c);
      stack.pop();
    }
  }
  return order;
}

/** Drops `path` from `state` (its lines are unknown there, or it is gone). */
function forget<T>(state: State<T>, path: string): void {
  state.files.delete(path);
  state.owned.delete(path);
}

/** Sets `path` to a copy of `from` with `hunks` applied; `added(line)` gives each added line's value. */
function setPatched<T>(
  state: State<T>,
  path: string,
  from: Lines<T> | undefined,
  fromOwned: boolean,
  hunks: readonly PatchHunk[],
  added: (line: number) => T | undefined,
): Lines<T> {
  const lines = from === undefined ? [] : fromOwned ? from : from.slice();
  for (const h of hunks) {
    // -U0 hunks come in order; new-side numbers already account for the hunks applied before this one.
    const at = h.newCount === 0 ? h.newStart : h.newStart - 1;
    while (lines.length < at) lines.push(undefined);
    const inserted = new Array<T | undefined>(h.newCount);
    for (let k = 0; k < h.newCount; k++) inserted[k] = added(h.newStart + k);
    spliceArray(lines, at, h.oldCount, inserted);
  }
  state.files.set(path, lines);
  state.owned.add(path);
  return lines;
}

/** Takes the version `patch` starts from out of `state` (a rename or deletion moves it away). */
function takeOld<T>(state: State<T>, patch: FilePatch): { from: Lines<T> | undefined; owned: boolean } {
  if (patch.oldPath === null) return { from: undefined, owned: false };
  const from = state.files.get(patch.oldPath);
  const owned = state.owned.has(patch.oldPath);
  if (patch.oldPath !== patch.newPath) forget(state, patch.oldPath);
  return { from, owned };
}

/** Applies one file's patch against the state's own version of it. */
function applyPatch<T>(state: State<T>, patch: FilePatch, added: (line: number) => T | undefined): void {
  const { from, owned } = takeOld(state, patch);
  if (patch.newPath === null) return;
  if (patch.binary || (from === undefined && patch.hunks.length === 0)) return forget(state, patch.newPath); // lines unknown
  if (patch.hunks.length === 0) {
    state.files.set(patch.newPath, from!); // a rename or mode change: the same lines
    if (owned) state.owned.add(patch.newPath);
    else state.owned.delete(patch.newPath);
    return;
  }
  setPatched(state, patch.newPath, from, owned, patch.hunks, added);
}

/** A merge: `state` is the first parent's; `others[i]` is parent i + 2's state (undefined outside the range). */
function applyMerge<T>(state: State<T>, c: DagCommit<T>, others: readonly (State<T> | undefined)[]): void {
  // Each other parent's patches by new path (the first for a path, as a search would find): a merge of many files
  // would otherwise search every list once per file.
  const otherPatches = (c.otherParents ?? []).map((list) => {
    const byPath = new Map<string, FilePatch>();
    for (const p of list) if (p.newPath !== null && !byPath.has(p.newPath)) byPath.set(p.newPath, p);
    return byPath;
  });
  for (const f of c.files) {
    if (f.newPath === null || f.binary || (f.hunks.length === 0 && (c.sameAsFirst?.has(f.newPath) ?? true))) {
      applyPatch(state, f, () => undefined);
      continue;
    }
    const path = f.newPath;
    // Blame first looks for a parent whose version is this one: the whole file is that parent's.
    let whole: { lines: Lines<T> | undefined; state: State<T> | undefined; path: string } | undefined;
    const diffs: ({ patch: FilePatch; lines: Lines<T> | undefined } | undefined)[] = [];
    for (let i = 0; i < others.length && !whole; i++) {
      const patch = otherPatches[i]?.get(path);
      const other = others[i];
      if (!patch) whole = { lines: other?.files.get(path), state: other, path };
      else if (!patch.binary && patch.hunks.length === 0 && patch.oldPath !== null)
        whole = { lines: other?.files.get(patch.oldPath), state: other, path: patch.oldPath };
      else
        diffs.push(
          patch.oldPath === null || patch.binary ? undefined : { patch, lines: other?.files.get(patch.oldPath) },
        );
    }
    const { from, owned } = takeOld(state, f);
    if (whole) {
      if (whole.lines === undefined) forget(state, path);
      else {
        state.files.set(path, whole.lines);
        state.owned.delete(path);
        whole.state?.owned.delete(whole.path); // now shared by both
      }
      continue;
    }
    // Lines unchanged against the first parent keep its values; the others go to the first parent that has them.
    let pending: number[] = [];
    const lines = setPatched(state, path, from, owned, f.hunks, (line) => {
      pending.push(line);
      return undefined;
    });
    for (const d of diffs) {
      if (pending.length === 0) break;
      if (!d) continue;
      const still: number[] = [];
      let h = 0;
      let delta = 0;
      for (const line of pending) {
        while (h < d.patch.hunks.length && hunkEnd(d.patch.hunks[h]) < line) {
          delta += d.patch.hunks[h].newCount - d.patch.hunks[h].oldCount;
          h++;
        }
        const hunk = d.patch.hunks[h];
        if (hunk && hunk.newCount > 0 && hunk.newStart <= line) still.push(line);
        else lines[line - 1] = d.lines?.[line - delta - 1];
      }
      pending = still;
    }
    for (const line of pending) lines[line - 1] = c.source(f, line);
  }
}

/** The last new-side line a hunk covers; for a pure deletion, the line after which it removed lines. */
function hunkEnd(h: PatchHunk): number {
  return h.newCount === 0 ? h.newStart : h.newStart + h.newCount - 1;
}

/** `array.splice(start, remove, ...items)` without spreading (large hunks would overflow the call stack). */
function spliceArray<T>(array: T[], start: number, remove: number, items: readonly T[]): void {
  const removed = Math.max(0, Math.min(remove, array.length - start));
  const delta = items.length - removed;
  if (delta > 0) {
    array.length += delta;
    for (let i = array.length - 1; i >= start + items.length; i--) array[i] = array[i - delta];
  } else if (delta < 0) {
    for (let i = start + items.length; i < array.length + delta; i++) array[i] = array[i - delta];
    array.length += delta;
  }
  for (let i = 0; i < items.length; i++) array[start + i] = items[i];
}

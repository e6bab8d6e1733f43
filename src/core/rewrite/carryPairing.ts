/**
 * Which pull-request commits a commit created by a server-side merge came from (`ai-provenance ci carry`). GitHub's
 * "Rebase and merge" and GitLab's rebase re-create each commit with the same patch (so the same patch id) and the
 * same author, date and subject; "Squash and merge" makes one commit out of all of them. Pairs are found by patch id
 * first, then by author + author date + subject (a rebase onto a moved branch can change the patch); a target left
 * unpaired is the squash of all the sources when it is the only one left.
 */

export interface CarryCommit {
  readonly id: string;
  /** `git patch-id --stable`; undefined for an empty change. */
  readonly patchId?: string;
  /** Author name, email, author time and subject, joined: what a rebase keeps. */
  readonly authorKey: string;
}

export type CarrySource =
  /** Re-created from this one source commit (rebase). */
  | { readonly kind: 'rebase'; readonly sources: readonly string[] }
  /** Made of all the sources (squash). */
  | { readonly kind: 'squash'; readonly sources: readonly string[] };

export interface CarryPlan {
  /** Target commit id -> where its lines came from, for every target that gets a note. */
  readonly targets: ReadonlyMap<string, CarrySource>;
  /** Targets that were neither paired nor the one squash candidate (commits of others, or ambiguous). */
  readonly skipped: readonly string[];
}

/**
 * `sources`: the pull request's commits, oldest first. `targets`: the commits the merge created, oldest first.
 * `squashTarget`: the one commit that is the squash when nothing pairs with it (GitHub's merge_commit_sha); without
 * it, an unpaired target is the squash only when it is the sole unpaired one.
 */
export function planCarry(
  sources: readonly CarryCommit[],
  targets: readonly CarryCommit[],
  squashTarget?: string,
): CarryPlan {
  const sourceIds = new Set(sources.map((s) => s.id));
  const unusedByPatch = new Map<string, string[]>();
  const unusedByAuthor = new Map<string, string[]>();
  for (const s of sources) {
    if (s.patchId !== undefined) unusedByPatch.set(s.patchId, [...(unusedByPatch.get(s.patchId) ?? []), s.id]);
    unusedByAuthor.set(s.authorKey, [...(unusedByAuthor.get(s.authorKey) ?? []), s.id]);
  }
  const used = new Set<string>();
  const take = (list: string[] | undefined): string | undefined => {
    while (list && list.length > 0) {
      const id = list.shift() as string;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    return undefined;
  };
  const paired = new Map<string, CarrySource>();
  const unpaired: string[] = [];
  for (const t of targets) {
    if (sourceIds.has(t.id)) continue; // already one of the pull request's own commits: its note applies as it is
    const source =
      (t.patchId !== undefined ? take(unusedByPatch.get(t.patchId)) : undefined) ??
      take(unusedByAuthor.get(t.authorKey));
    if (source !== undefined) paired.set(t.id, { kind: 'rebase', sources: [source] });
    else unpaired.push(t.id);
  }
  const all = sources.map((s) => s.id);
  const out = new Map<string, CarrySource>();
  const skipped: string[] = [];
  const squash =
    squashTarget !== undefined
      ? unpaired.includes(squashTarget)
        ? squashTarget
        : undefined
      : unpaired.length === 1
        ? unpaired[0]
        : undefined;
  for (const t of targets) {
    const p = paired.get(t.id);
    if (p) out.set(t.id, p);
    else if (t.id === squash) out.set(t.id, { kind: 'squash', sources: all });
    else if (unpaired.includes(t.id)) skipped.push(t.id);
  }
  return { targets: out, skipped };
}

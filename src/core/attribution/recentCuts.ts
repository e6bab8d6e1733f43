/**
 * Which removals were cuts, so that only a cut's text may be recognised again by its text when it is pasted.
 *
 * VS Code reports a cut as two unlinked facts, in either order: a document change that removes a range and inserts
 * nothing, and a call of the copy hook (`prepareDocumentPaste`) for that range. When both are seen for one document
 * and one range within `pairMs`, the removal was a cut, and a paste of text of its length may take the attribution
 * the removal remembered (the undo cache) for `ttlMs`. A deletion without the copy hook (Backspace, Delete, an
 * extension's edit) is never a cut: text pasted from outside that happens to equal deleted AI text stays human.
 *
 * An empty selection cuts its whole line: the copy hook then gets the line without its end, the change removes the
 * line with it (`[L:0, L+1:0)`); that pair counts too.
 */

/** Zero-based `[startLine, startCharacter, endLine, endCharacter]`. */
export type LineRange = readonly [number, number, number, number];

export interface RecentCutsOptions {
  /** Most time between the deletion and the copy hook of one cut (default 2 s). */
  readonly pairMs?: number;
  /** How long after the cut its text may be pasted back with its attribution (default 60 s). */
  readonly ttlMs?: number;
}

interface Seen {
  readonly doc: string;
  readonly range: LineRange;
  readonly time: number;
}

interface Cut {
  readonly doc: string;
  readonly length: number;
  readonly time: number;
}

const MAX_KEPT = 16;

export class RecentCuts {
  private deletions: Array<Seen & { length: number }> = [];
  private copies: Seen[] = [];
  private cuts: Cut[] = [];
  private readonly pairMs: number;
  private readonly ttlMs: number;

  constructor(options: RecentCutsOptions = {}) {
    this.pairMs = options.pairMs ?? 2_000;
    this.ttlMs = options.ttlMs ?? 60_000;
  }

  /** A change removed `range` (`length` UTF-16 code units) from `doc` and inserted nothing. */
  noteDeletion(doc: string, range: LineRange, length: number, time: number): void {
    this.prune(time);
    const i = this.copies.findIndex(
      (c) => c.doc === doc && sameCut(c.range, range) && Math.abs(time - c.time) <= this.pairMs,
    );
    if (i >= 0) {
      this.copies.splice(i, 1);
      this.push(this.cuts, { doc, length, time });
    } else this.push(this.deletions, { doc, range, length, time });
  }

  /** The copy hook ran for `range` of `doc` (a copy, or a cut whose text may already be gone). */
  noteCopy(doc: string, range: LineRange, time: number): void {
    this.prune(time);
    const i = this.deletions.findIndex(
      (d) => d.doc === doc && sameCut(range, d.range) && Math.abs(time - d.time) <= this.pairMs,
    );
    if (i >= 0) {
      const [d] = this.deletions.splice(i, 1);
      this.push(this.cuts, { doc, length: d.length, time });
    } else this.push(this.copies, { doc, range, time });
  }

  /** The document of the newest recent cut of exactly `length` code units, or undefined when there is none. */
  cutOf(length: number, now: number): string | undefined {
    this.prune(now);
    for (let i = this.cuts.length - 1; i >= 0; i--) if (this.cuts[i].length === length) return this.cuts[i].doc;
    return undefined;
  }

  private push<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > MAX_KEPT) list.shift();
  }

  private prune(now: number): void {
    // A clock that went backwards drops everything rather than keeping entries forever.
    const fresh = (t: number, ms: number): boolean => t <= now && now - t <= ms;
    this.deletions = this.deletions.filter((d) => fresh(d.time, this.pairMs));
    this.copies = this.copies.filter((c) => fresh(c.time, this.pairMs));
    this.cuts = this.cuts.filter((c) => fresh(c.time, this.ttlMs));
  }
}

/** The copy hook's range and the removed range describe one cut: equal, or a whole line cut from an empty selection. */
function sameCut(copied: LineRange, removed: LineRange): boolean {
  if (copied.every((v, i) => v === removed[i])) return true;
  const [line, char, endLine] = copied;
  return (
    char === 0 &&
    endLine === line &&
    removed[0] === line &&
    removed[1] === 0 &&
    removed[2] === line + 1 &&
    removed[3] === 0
  );
}

/**
 * AI blame: maps each line of `git blame --porcelain` to the record of the commit that introduced it. Blame's
 * orig_lineno is the line number in that commit, which is what the commit's record uses, so records written for the
 * commit apply directly; others are verified and re-found by content hash (see placeRecordRanges).
 */
import { DEFAULT_REFIND_WORK } from '../commit/agentTraceRefind';
import { cleanLabel } from './labels';
import { placeRecordRanges, type PlacedLine, type UnplacedRange } from './place';
import { NOT_COMMITTED, type BlamePorcelain } from './porcelain';
import type { CommitProvenance } from './provenance';
import { commitLineSource } from './sources';
import { HUMAN_LINE, type LineSource } from './types';

export interface BlameLine extends LineSource {
  /** 1-based line in the blamed file. */
  readonly line: number;
  readonly text: string;
  /** null for lines not committed yet. */
  readonly commit: string | null;
  /** The commit is the boundary of the blamed range. */
  readonly boundary: boolean;
  readonly author: string;
  readonly authorEmail: string;
  /** Seconds since the epoch (0 when unknown). */
  readonly authorTime: number;
  readonly summary: string;
  /** Path and line in the introducing commit. */
  readonly origPath: string;
  readonly origLine: number;
}

interface Group {
  readonly commit: string;
  readonly path: string;
  readonly known: Map<number, string>;
  placed: Map<number, PlacedLine>;
  unplaced: UnplacedRange[];
}

/** Per commit, once: its people (labels cleaned) and what its lines need. */
type Who = Pick<BlameLine, 'boundary' | 'author' | 'authorEmail' | 'authorTime' | 'summary'> & {
  readonly uncommitted: boolean;
  readonly provenance: CommitProvenance | undefined;
};

export class BlameAttribution {
  /** In order of first appearance (placement spends the re-find budget in this order). */
  private readonly groups: Group[] = [];
  /** Commit -> path -> group. */
  private readonly byCommit = new Map<string, Map<string, Group>>();
  /** The group (index into `groups`) of each entry of the blame, -1 when its commit has no record. */
  private readonly entryGroups: Int32Array;
  private people: Map<string, Who> | undefined;
  private budget: number;

  constructor(
    private readonly blame: BlamePorcelain,
    private readonly provenance: ReadonlyMap<string, CommitProvenance>,
    options: { maxWork?: number } = {},
  ) {
    this.budget = options.maxWork ?? DEFAULT_REFIND_WORK;
    this.entryGroups = new Int32Array(blame.length).fill(-1);
    // Only lines of commits with a record are looked at (and their text decoded).
    const recorded = new Set<string>();
    for (const commit of blame.commits.keys())
      if (provenance.get(commit)?.record && !NOT_COMMITTED.test(commit)) recorded.add(commit);
    if (recorded.size > 0) {
      const index = new Map<Group, number>();
      for (let i = 0; i < blame.length; i++) {
        const commit = blame.commit(i);
        if (!recorded.has(commit)) continue;
        const origPath = blame.origPath(i);
        let paths = this.byCommit.get(commit);
        if (!paths) this.byCommit.set(commit, (paths = new Map()));
        let group = paths.get(origPath);
        if (!group) {
          group = { commit, path: origPath, known: new Map(), placed: new Map(), unplaced: [] };
          paths.set(origPath, group);
          index.set(group, this.groups.length);
          this.groups.push(group);
        }
        group.known.set(blame.origLine(i), blame.text(i));
        this.entryGroups[i] = index.get(group)!;
      }
    }
    for (const group of this.groups) this.place(group);
  }

  /** Commit versions of files whose whole text would let unverified ranges be re-found. */
  needsText(): { commit: string; path: string }[] {
    return this.groups
      .filter((g) => g.unplaced.some((u) => u.reason === 'unverified'))
      .map((g) => ({ commit: g.commit, path: g.path }));
  }

  /** Re-places a group's ranges against the whole file text at its commit. */
  supplyText(commit: string, path: string, text: readonly string[]): void {
    const group = this.byCommit.get(commit)?.get(path);
    if (group) this.place(group, text);
  }

  /** Ranges no method could place, as one message per commit and path. */
  warnings(): string[] {
    const out: string[] = [];
    for (const g of this.groups) {
      if (g.unplaced.length === 0) continue;
      const reasons = [...new Set(g.unplaced.map((u) => u.reason))].join(', ');
      out.push(
        `${g.commit.slice(0, 12)} ${cleanLabel(g.path, 200)}: ${g.unplaced.length} recorded range(s) not found in the file (${reasons}); those lines show as human`,
      );
    }
    return out;
  }

  /** How many lines the blame has. */
  get length(): number {
    return this.blame.length;
  }

  /** Per line, in file order. `working[i]` overlays line i + 1 when it is not committed yet. */
  lines(working?: readonly (LineSource | undefined)[]): BlameLine[] {
    return Array.from({ length: this.blame.length }, (_, i) => this.line(i, working));
  }

  /** The source of entry `i` (what tallies need, without the line's text). */
  source(i: number, working?: readonly (LineSource | undefined)[]): LineSource {
    const who = this.who(this.blame.commit(i));
    if (who.uncommitted) return working?.[this.blame.line(i) - 1] ?? HUMAN_LINE;
    const g = this.entryGroups[i];
    return commitLineSource(who.provenance, g === -1 ? undefined : this.groups[g].placed.get(this.blame.origLine(i)));
  }

  /** Entry `i` (0-based, file order) as a line; a fresh object each call. */
  line(i: number, working?: readonly (LineSource | undefined)[]): BlameLine {
    const b = this.blame;
    const commit = b.commit(i);
    const who = this.who(commit);
    const source = this.source(i, working);
    return {
      authorship: source.authorship,
      evidence: source.evidence,
      origins: source.origins,
      line: b.line(i),
      text: b.text(i),
      commit: who.uncommitted ? null : commit,
      boundary: who.boundary,
      author: who.author,
      authorEmail: who.authorEmail,
      authorTime: who.authorTime,
      summary: who.summary,
      origPath: b.origPath(i),
      origLine: b.origLine(i),
    };
  }

  private who(commit: string): Who {
    if (!this.people) {
      this.people = new Map();
      for (const [c, info] of this.blame.commits) {
        const uncommitted = NOT_COMMITTED.test(c);
        this.people.set(c, {
          boundary: info.boundary,
          author: cleanLabel(info.author),
          authorEmail: cleanLabel(info.authorEmail, 254),
          authorTime: info.authorTime,
          summary: cleanLabel(info.summary, 200),
          uncommitted,
          provenance: uncommitted ? undefined : this.provenance.get(c),
        });
      }
    }
    return this.people.get(commit)!;
  }

  private place(group: Group, text?: readonly string[]): void {
    const provenance = this.provenance.get(group.commit);
    const ranges = provenance?.ranges?.get(group.path) ?? [];
    if (ranges.length === 0) return;
    const result = placeRecordRanges(ranges, group.known, {
      trusted: provenance?.trusted ?? false,
      ...(text ? { text } : {}),
      maxWork: this.budget,
    });
    this.budget = Math.max(0, this.budget - result.work);
    group.placed = result.lines;
    group.unplaced = result.unplaced;
  }
}

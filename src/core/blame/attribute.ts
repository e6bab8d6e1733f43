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

export class BlameAttribution {
  /** In order of first appearance (placement spends the re-find budget in this order). */
  private readonly groups: Group[] = [];
  /** Commit -> path -> group. */
  private readonly byCommit = new Map<string, Map<string, Group>>();
  /** The group of each entry of the blame (by index), when its commit has a record. */
  private readonly entryGroups: (Group | undefined)[];
  private budget: number;

  constructor(
    private readonly blame: BlamePorcelain,
    private readonly provenance: ReadonlyMap<string, CommitProvenance>,
    options: { maxWork?: number } = {},
  ) {
    this.budget = options.maxWork ?? DEFAULT_REFIND_WORK;
    this.entryGroups = blame.entries.map((e) => {
      if (!provenance.get(e.commit)?.record || NOT_COMMITTED.test(e.commit)) return undefined;
      let paths = this.byCommit.get(e.commit);
      if (!paths) this.byCommit.set(e.commit, (paths = new Map()));
      let group = paths.get(e.origPath);
      if (!group) {
        group = { commit: e.commit, path: e.origPath, known: new Map(), placed: new Map(), unplaced: [] };
        paths.set(e.origPath, group);
        this.groups.push(group);
      }
      group.known.set(e.origLine, e.text);
      return group;
    });
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

  /** Per line, in file order. `working[i]` overlays line i + 1 when it is not committed yet. */
  lines(working?: readonly (LineSource | undefined)[]): BlameLine[] {
    // Per commit, once: its people (labels cleaned) and what its lines need.
    type Who = Pick<BlameLine, 'boundary' | 'author' | 'authorEmail' | 'authorTime' | 'summary'> & {
      uncommitted: boolean;
      provenance: CommitProvenance | undefined;
    };
    const people = new Map<string, Who>();
    for (const [commit, info] of this.blame.commits) {
      const uncommitted = NOT_COMMITTED.test(commit);
      const provenance = uncommitted ? undefined : this.provenance.get(commit);
      people.set(commit, {
        boundary: info.boundary,
        author: cleanLabel(info.author),
        authorEmail: cleanLabel(info.authorEmail, 254),
        authorTime: info.authorTime,
        summary: cleanLabel(info.summary, 200),
        uncommitted,
        provenance,
      });
    }
    return this.blame.entries.map((e, i) => {
      const who = people.get(e.commit)!;
      const uncommitted = who.uncommitted;
      let source: LineSource;
      if (uncommitted) source = working?.[e.line - 1] ?? HUMAN_LINE;
      else source = commitLineSource(who.provenance, this.entryGroups[i]?.placed.get(e.origLine));
      return {
        authorship: source.authorship,
        evidence: source.evidence,
        origins: source.origins,
        line: e.line,
        text: e.text,
        commit: uncommitted ? null : e.commit,
        boundary: who.boundary,
        author: who.author,
        authorEmail: who.authorEmail,
        authorTime: who.authorTime,
        summary: who.summary,
        origPath: e.origPath,
        origLine: e.origLine,
      };
    });
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

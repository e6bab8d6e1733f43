/**
 * The line replay of a range, merges included (what blame says of every line of the head version, for every file at
 * once), prepared while its `git log -p -U0` streams in: each line is parsed as it arrives, a commit's note is
 * requested the moment its header is seen (ProvenanceStream), and its added lines are placed as soon as that note is
 * back. The log shows no diff for merges (git log --numstat does not either): what a merge did against each parent
 * comes from `git diff-tree --stdin` running beside it, at tree level for most merges (see mergeDiffs). The log is
 * read newest first; the DAG is replayed parents first once all end (src/core/blame/dagReplay).
 */
import {
  LogPatchParser,
  commitAddedLines,
  replayDag,
  unquoteGitPath,
  type AddedLines,
  type CommitPatch,
  type CommitProvenance,
  type DagCommit,
  type FilePatch,
  type LineSource,
} from '../../core/blame';
import type { CatFileBatch } from '../catFileBatch';
import type { RepoInfo } from '../repo';
import type { ProvenanceReader } from './provenanceReader';
import { ProvenanceStream } from './provenanceStream';
import { PLAIN_DIFF_ARGS, logPatchArgs } from './stats';
import { streamGitLines } from './stream';

export interface RangeReplay {
  /** Every commit of the range, in log order (newest first). */
  readonly commits: readonly string[];
  /** Provenance of every commit of the range. */
  readonly provenance: ReadonlyMap<string, CommitProvenance>;
  /** Problems reading the log. */
  readonly warnings: readonly string[];
  /** Per path of the head version, the source of each line the range wrote (index = line - 1). */
  readonly lines: { get(path: string): readonly (LineSource | undefined)[] | undefined };
}

/** A commit of the log with its provenance and placed lines once its note is read. */
interface Placed {
  readonly patch: CommitPatch;
  provenance?: CommitProvenance;
  added?: readonly AddedLines[];
}

/**
 * Replays `span` (`BASE..HEAD`). `reader` is called once the log has started (listing notes need not delay it); the
 * lines that arrive before it answers are held back. Notes are read through `batch` (the caller closes it).
 */
export async function replayRange(
  repo: RepoInfo,
  span: string,
  reader: () => Promise<ProvenanceReader>,
  batch: CatFileBatch,
  options: { timeoutMs?: number } = {},
): Promise<RangeReplay> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const commits: Placed[] = [];
  // Note reads in flight. A failure is kept for the end: left unobserved until then it would count as unhandled.
  const reads: Promise<void>[] = [];
  let failure: { readonly err: unknown } | undefined;
  const place = (item: Placed, provenance: CommitProvenance): void => {
    item.provenance = provenance;
    item.added = commitAddedLines(item.patch, provenance).files;
  };
  let parser: LogPatchParser | undefined;
  // Which commits' added text to keep depends on the notes listing: lines that arrive before it are held back.
  const early: string[] = [];
  const log = streamGitLines(
    repo.root,
    logPatchArgs([span]),
    (line) => (parser ? parser.line(line) : early.push(line)),
    { timeoutMs },
  );
  // Merges are asked about as the log names them; the requests end with the log (whether it succeeds or not).
  const merges = new MergeDiffs(repo, timeoutMs);
  const started = reader().then((r) => {
    const notes = new ProvenanceStream(r, batch);
    parser = new LogPatchParser(
      (patch) => {
        const item: Placed = { patch };
        commits.push(item);
        if (patch.parents.length > 1) merges.add(patch.commit, patch.parents);
        const provenance = notes.of(patch.commit, patch.identity);
        if (provenance instanceof Promise)
          reads.push(provenance.then((p) => place(item, p)).catch((err: unknown) => void (failure ??= { err })));
        else place(item, provenance);
      },
      (c) => r.hasNote(c),
    );
    for (const line of early.splice(0)) parser.line(line);
  });
  try {
    await Promise.all([log, started]);
    parser!.end();
  } finally {
    merges.end();
  }
  const otherParents = await merges.result();
  await Promise.all(reads);
  if (failure) throw failure.err;
  const provenance = new Map(commits.map((c) => [c.patch.commit, c.provenance!]));
  return {
    commits: commits.map((c) => c.patch.commit),
    provenance,
    warnings: [...parser!.warnings, ...otherParents.warnings],
    lines: replayPlaced(commits, otherParents.patches),
  };
}

/** What the replay needs of a merge: its patches against every parent (first parent's apart). */
interface MergePatches {
  readonly files: FilePatch[];
  readonly otherParents: FilePatch[][];
  /** Set when the patches carry no hunks (see DagCommit.sameAsFirst). */
  readonly sameAsFirst?: ReadonlySet<string>;
}

/** `MERGE PARENT` lines for every parent of each merge. */
function requests(list: readonly (readonly string[])[]): string {
  return list.map(([m, ...ps]) => ps.map((p) => `${m} ${p}\n`).join('')).join('');
}

/** One line of `diff-tree --raw` output. */
interface RawChange {
  readonly oldPath: string | null;
  readonly newPath: string | null;
  /** Old and new blobs are the same (a pure rename or a mode change). */
  readonly same: boolean;
}

const RAW = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*\t([^\t]*)(?:\t(.*))?$/;

/**
 * Each merge against each of its parents. Most merges need no line-level diff: every file they changed against the
 * first parent is some other parent's version whole (a pull request merged without conflicts), so blame hands it to
 * that parent. A tree-level `diff-tree --raw`, asked as the log names merges, tells which; only the other merges are
 * diffed line by line (a second `diff-tree -p`). Both read `MERGE PARENT` requests on stdin; `--always` prints a
 * header for each, so the n-th answer is the n-th request's. A range without merges starts neither.
 */
class MergeDiffs {
  private readonly merges: string[][] = [];
  private readonly raw: RawChange[][] = [];
  private stdin: NodeJS.WritableStream | undefined;
  private run: Promise<void> | undefined;

  constructor(
    private readonly repo: RepoInfo,
    private readonly timeoutMs: number,
  ) {}

  add(merge: string, parents: readonly string[]): void {
    this.merges.push([merge, ...parents]);
    if (!this.run) {
      this.run = streamGitLines(
        this.repo.root,
        ['diff-tree', '--stdin', '--always', '-r', '--raw', '-M', '--no-abbrev', '--format=%x01%H'],
        (line) => this.rawLine(line),
        {
          timeoutMs: this.timeoutMs,
          input: (stdin) => (this.stdin = stdin),
        },
      );
      this.run.catch(() => undefined); // awaited in result(); not left unhandled when the log fails first
    }
    this.stdin!.write(requests([[merge, ...parents]]));
  }

  /** No more merges. */
  end(): void {
    this.stdin?.end();
  }

  private rawLine(line: string): void {
    if (line.startsWith('\u0001')) this.raw.push([]);
    const m = RAW.exec(line);
    if (!m || this.raw.length === 0) return;
    const [a, b] = [unquoteGitPath(m[4]) ?? m[4], m[5] === undefined ? undefined : (unquoteGitPath(m[5]) ?? m[5])];
    const change =
      m[3] === 'A'
        ? { oldPath: null, newPath: a }
        : m[3] === 'D'
          ? { oldPath: a, newPath: null }
          : { oldPath: a, newPath: b ?? a };
    this.raw[this.raw.length - 1].push({ ...change, same: m[1] === m[2] });
  }

  async result(): Promise<{ patches: Map<string, MergePatches>; warnings: string[] }> {
    const patches = new Map<string, MergePatches>();
    const warnings: string[] = [];
    if (!this.run) return { patches, warnings };
    await this.run;
    const { merges, raw, repo, timeoutMs } = this;
    let next = 0;
    const lineLevel: string[][] = [];
    for (const [merge, ...parents] of merges) {
      const vs = parents.map(() => raw[next++]);
      if (vs.some((v) => v === undefined)) {
        warnings.push(`merge diffs: no answer for ${merge.slice(0, 12)} (its lines are taken from its first parent)`);
        continue;
      }
      const changed = vs[0].filter((c) => c.newPath !== null && !c.same);
      // Per other parent, the paths whose content differs from the merge's (sets: merges can change many files).
      const differs = vs
        .slice(1)
        .map((v) => new Set(v.flatMap((c) => (c.newPath !== null && !c.same ? [c.newPath] : []))));
      const whole = (path: string): boolean => differs.some((d) => !d.has(path));
      if (changed.every((c) => whole(c.newPath!))) {
        // Files, and the other parents' changes, without hunks: a changed file is marked binary, whose lines need not be known.
        const asPatch = (c: RawChange): FilePatch => ({
          oldPath: c.oldPath,
          newPath: c.newPath,
          binary: c.newPath !== null && !c.same,
          hunks: [],
        });
        patches.set(merge, {
          files: vs[0].map((c) => ({ ...asPatch(c), binary: false })),
          otherParents: vs.slice(1).map((v) => v.map(asPatch)),
          sameAsFirst: new Set(vs[0].flatMap((c) => (c.same && c.newPath !== null ? [c.newPath] : []))),
        });
      } else lineLevel.push([merge, ...parents]);
    }
    if (lineLevel.length > 0) {
      const answers: CommitPatch[] = [];
      const parser = new LogPatchParser((p) => answers.push(p));
      await streamGitLines(
        repo.root,
        ['diff-tree', '--stdin', '--always', '-p', '-U0', '-M', '--format=%x01%H', ...PLAIN_DIFF_ARGS],
        (line) => parser.line(line),
        { timeoutMs, input: requests(lineLevel) },
      );
      parser.end();
      warnings.push(...parser.warnings.map((w) => `merge diffs: ${w}`));
      let n = 0;
      for (const [merge, ...parents] of lineLevel) {
        const vs = parents.map(() => answers[n++]);
        if (vs.every((v) => v?.commit === merge))
          patches.set(merge, { files: vs[0].files, otherParents: vs.slice(1).map((v) => v.files) });
        else
          warnings.push(`merge diffs: no answer for ${merge.slice(0, 12)} (its lines are taken from its first parent)`);
      }
    }
    return { patches, warnings };
  }
}

/** Replays the placed commits (any order) up to the range's head: the one commit no other commit of it has as parent. */
function replayPlaced(commits: readonly Placed[], merges: ReadonlyMap<string, MergePatches>): RangeReplay['lines'] {
  const parents = new Set(commits.flatMap((c) => c.patch.parents));
  const tips = commits.filter((c) => !parents.has(c.patch.commit));
  if (tips.length !== 1) return { get: () => undefined };
  const dag = commits.map((c): DagCommit<LineSource> => {
    const sources = new Map(c.added!.map((a) => [a.file, a.source]));
    const merge = merges.get(c.patch.commit);
    if (!merge)
      return {
        commit: c.patch.commit,
        parents: c.patch.parents,
        files: c.patch.files,
        source: (file, line) => sources.get(file)!(line),
      };
    // The log shows merges without a diff: their patches, and the sources of the lines they wrote, come from here.
    const own = new Map(
      commitAddedLines({ ...c.patch, files: merge.files }, c.provenance).files.map((a) => [a.file, a.source]),
    );
    return {
      commit: c.patch.commit,
      parents: c.patch.parents,
      files: merge.files,
      source: (file, line) => own.get(file)!(line),
      otherParents: merge.otherParents,
      ...(merge.sameAsFirst ? { sameAsFirst: merge.sameAsFirst } : {}),
    };
  });
  return replayDag(dag, tips[0].patch.commit);
}

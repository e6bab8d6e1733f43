/**
 * The line replay of a range, merges included (what blame says of every line of the head version, for every file at
 * once), prepared while its `git log -p -U0` streams in: each line is parsed as it arrives, a commit's note is
 * requested the moment its header is seen (ProvenanceStream), and its added lines are placed as soon as that note is
 * back. The log shows each merge's diff against its first parent; the diffs against its other parents come from one
 * `git diff-tree --stdin` running beside it (only merges need them: that is where blame hands lines to another branch).
 * The log is read newest first; the DAG is replayed parents first once both end (src/core/blame/dagReplay).
 */
import { LogPatchParser, commitAddedLines, replayDag, type AddedLines, type CommitPatch, type CommitProvenance, type DagCommit, type FilePatch, type LineSource } from '../../core/blame';
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
export async function replayRange(repo: RepoInfo, span: string, reader: () => Promise<ProvenanceReader>, batch: CatFileBatch, options: { timeoutMs?: number } = {}): Promise<RangeReplay> {
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
  const log = streamGitLines(repo.root, logPatchArgs([span], { mergeDiffs: true }), (line) => (parser ? parser.line(line) : early.push(line)), { timeoutMs });
  const otherParents = mergeDiffs(repo, span, timeoutMs);
  const started = reader().then((r) => {
    const notes = new ProvenanceStream(r, batch);
    parser = new LogPatchParser((patch) => {
      const item: Placed = { patch };
      commits.push(item);
      const provenance = notes.of(patch.commit, patch.identity);
      if (provenance instanceof Promise) reads.push(provenance.then((p) => place(item, p)).catch((err: unknown) => void (failure ??= { err })));
      else place(item, provenance);
    }, (c) => r.hasNote(c));
    for (const line of early.splice(0)) parser.line(line);
  });
  const [, , merges] = await Promise.all([log, started, otherParents]);
  parser!.end();
  await Promise.all(reads);
  if (failure) throw failure.err;
  const provenance = new Map(commits.map((c) => [c.patch.commit, c.provenance!]));
  return { commits: commits.map((c) => c.patch.commit), provenance, warnings: [...parser!.warnings, ...merges.warnings], lines: replayPlaced(commits, merges.patches) };
}

/** Each merge's patches against its parents 2..n, from `git diff-tree --stdin` (one request per pair). */
async function mergeDiffs(repo: RepoInfo, span: string, timeoutMs: number): Promise<{ patches: Map<string, FilePatch[][]>; warnings: string[] }> {
  const listed: string[] = [];
  await streamGitLines(repo.root, ['rev-list', '--min-parents=2', '--parents', span, '--'], (line) => void (line && listed.push(line)), { timeoutMs });
  const patches = new Map<string, FilePatch[][]>();
  if (listed.length === 0) return { patches, warnings: [] };
  const pairs: [string, number][] = [];
  let input = '';
  for (const line of listed) {
    const [merge, , ...others] = line.split(' ');
    patches.set(merge, []);
    others.forEach((p, i) => {
      pairs.push([merge, i]);
      input += `${merge} ${p}\n`;
    });
  }
  // --always: a header for every request, even an empty diff, so the n-th patch answers the n-th request.
  let n = 0;
  const parser = new LogPatchParser((p) => {
    const [merge, i] = pairs[n++] ?? [];
    if (merge === p.commit) patches.get(merge)![i!] = p.files;
  }, () => false);
  await streamGitLines(repo.root, ['diff-tree', '--stdin', '--always', '-p', '-U0', '-M', '--format=%x01%H', ...PLAIN_DIFF_ARGS], (line) => parser.line(line), { timeoutMs, input });
  parser.end();
  const warnings = parser.warnings.map((w) => `merge diffs: ${w}`);
  if (n !== pairs.length) warnings.push(`merge diffs: ${pairs.length} requested, ${n} read (lines of those merges are taken from their first parent)`);
  return { patches, warnings };
}

/** Replays the placed commits (any order) up to the range's head: the one commit no other commit of it has as parent. */
function replayPlaced(commits: readonly Placed[], otherParents: ReadonlyMap<string, FilePatch[][]>): RangeReplay['lines'] {
  const parents = new Set(commits.flatMap((c) => c.patch.parents));
  const tips = commits.filter((c) => !parents.has(c.patch.commit));
  if (tips.length !== 1) return { get: () => undefined };
  const dag = commits.map((c): DagCommit<LineSource> => {
    const sources = new Map(c.added!.map((a) => [a.file, a.source]));
    const others = otherParents.get(c.patch.commit);
    const complete = others !== undefined && others.length === c.patch.parents.length - 1 && others.every((o) => o !== undefined);
    return {
      commit: c.patch.commit,
      parents: c.patch.parents,
      files: c.patch.files,
      source: (file, line) => sources.get(file)!(line),
      ...(complete ? { otherParents: others } : {}),
    };
  });
  return replayDag(dag, tips[0].patch.commit);
}

/**
 * The first-parent line replay of a range, prepared while its `git log -p -U0` streams in: each line is parsed as it
 * arrives, a commit's note is requested the moment its header is seen (ProvenanceStream), and its added lines are
 * placed as soon as that note is back. The log is read newest first (`--reverse` costs git a quarter more time); the
 * placed patches are applied oldest first once it ends, which is all that is left to do then.
 */
import { HUMAN_LINE, LineReplay, LogPatchParser, commitAddedLines, type AddedLines, type CommitPatch, type CommitProvenance, type LineSource } from '../../core/blame';
import type { CatFileBatch } from '../catFileBatch';
import type { RepoInfo } from '../repo';
import type { ProvenanceReader } from './provenanceReader';
import { ProvenanceStream } from './provenanceStream';
import { logPatchArgs } from './stats';
import { streamGitLines } from './stream';

export interface RangeReplay {
  /** The first-parent chain of the range, newest first. */
  readonly chain: readonly string[];
  /** Some commit of the chain is a merge (so the chain is not every commit of the range). */
  readonly merges: boolean;
  /** Provenance of every chain commit. */
  readonly provenance: ReadonlyMap<string, CommitProvenance>;
  /** Problems reading the log. */
  readonly warnings: readonly string[];
  /** Per path of the head version, the source of each line the range wrote (index = line - 1). */
  readonly lines: LineReplay<LineSource>;
  /** The source of lines a merge brought in from another branch: equal to HUMAN_LINE, distinct by identity. */
  readonly mergeLine: LineSource;
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
  const log = streamGitLines(repo.root, logPatchArgs([span], { firstParent: true }), (line) => (parser ? parser.line(line) : early.push(line)), {
    timeoutMs: options.timeoutMs ?? 300_000,
  });
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
  await Promise.all([log, started]);
  parser!.end();
  await Promise.all(reads);
  if (failure) throw failure.err;
  return { ...replayOldestFirst(commits), chain: commits.map((c) => c.patch.commit), merges: commits.some((c) => c.patch.parents.length > 1), warnings: parser!.warnings };
}

/** Applies the placed commits (newest first in `commits`) from the oldest on. */
function replayOldestFirst(commits: readonly Placed[]): Pick<RangeReplay, 'provenance' | 'lines' | 'mergeLine'> {
  const provenance = new Map<string, CommitProvenance>();
  const lines = new LineReplay<LineSource>();
  const mergeLine: LineSource = { ...HUMAN_LINE };
  for (let i = commits.length - 1; i >= 0; i--) {
    const { patch, provenance: p, added } = commits[i];
    provenance.set(patch.commit, p!);
    const merge = patch.parents.length > 1;
    for (const a of added!) lines.apply(a.file, merge ? (line) => (a.source(line) === HUMAN_LINE ? mergeLine : a.source(line)) : a.source);
  }
  return { provenance, lines, mergeLine };
}

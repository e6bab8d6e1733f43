/**
 * AI blame of one file at a revision or in the work tree: `git blame --porcelain`, the notes of the commits it
 * names (one batch), commit-level evidence for commits without a record, and for uncommitted lines the live
 * working state.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  BlameAttribution,
  BlamePorcelainParser,
  LineTally,
  NOT_COMMITTED,
  aiShare,
  uncommittedBlame,
  workingOverlay,
  type AuthorshipCounts,
  type BlameLine,
  type BlamePorcelain,
  type LineSource,
  type ModelCount,
  type ToolCount,
} from '../../core/blame';
import { splitLines } from '../../core/commit/lines';
import { assertRepoRelativePath, remapRecord } from '../../core/state';
import { describes, loadKnownText } from '../commit/recordText';
import { GitError, runGit, type GitRunner } from '../exec';
import { assertSafeRev, type RepoInfo } from '../repo';
import { WorkingStateStore } from '../stateStore';
import { HistoryPrefetch } from './historyPrefetch';
import { ProvenanceReader } from './provenanceReader';
import { streamGitBytes } from './stream';

export interface AiBlameOptions {
  /** Blame this revision; default: the work tree (uncommitted lines included). */
  readonly rev?: string;
  /** Overlay the working state on uncommitted lines (default true; only without `rev`). */
  readonly workingState?: boolean;
  readonly notesRef?: string;
  readonly runner?: GitRunner;
  /** The working-state store to read; default: the repository's. */
  readonly store?: WorkingStateStore;
}

export interface AiBlameResult {
  readonly path: string;
  readonly rev: string | null;
  readonly lines: readonly BlameLine[];
  readonly counts: AuthorshipCounts;
  /** AI share of the file's lines (ai + mixed + ai-assisted). */
  readonly share: number;
  readonly byTool: readonly ToolCount[];
  readonly byModel: readonly ModelCount[];
  /** Notes that were ignored, with the reason. */
  readonly ignoredNotes: readonly { readonly commit: string; readonly reason: string }[];
  /** Things that made the answer less complete (ranges not found, working state unusable). */
  readonly warnings: readonly string[];
}

/** A blame whose lines are made on demand from a compact table (a large file is never held as line objects). */
export interface AiBlameView extends Omit<AiBlameResult, 'lines'> {
  /** Number of lines. */
  readonly length: number;
  /** Line `i` (0-based, file order); a fresh object each call. */
  line(i: number): BlameLine;
}

/** `relPath` is repository-relative. Throws with git's reason when the file cannot be blamed. */
export async function aiBlame(repo: RepoInfo, relPath: string, options: AiBlameOptions = {}): Promise<AiBlameResult> {
  const v = await aiBlameView(repo, relPath, options);
  return {
    path: v.path,
    rev: v.rev,
    lines: Array.from({ length: v.length }, (_, i) => v.line(i)),
    counts: v.counts,
    share: v.share,
    byTool: v.byTool,
    byModel: v.byModel,
    ignoredNotes: v.ignoredNotes,
    warnings: v.warnings,
  };
}

/** As aiBlame, with the lines read one at a time (`ai-provenance blame` prints them as it goes). */
export async function aiBlameView(repo: RepoInfo, relPath: string, options: AiBlameOptions = {}): Promise<AiBlameView> {
  assertRepoRelativePath(relPath);
  if (options.rev !== undefined) assertSafeRev(options.rev);
  const args = ['blame', '--porcelain', ...(options.rev !== undefined ? [options.rev] : []), '--', relPath];
  // Blame is the long pole: it starts first, and the notes and the file's history are read while it runs. Its output
  // is parsed as it streams (into typed arrays and the lines' bytes), never held as one string.
  const parser = new BlamePorcelainParser();
  const limits = { maxOutputBytes: 512 * 1024 * 1024, timeoutMs: 300_000 };
  const blameRun = options.runner
    ? options.runner.run(args, { cwd: repo.root, ...limits }).then((r) => parser.write(Buffer.from(r.stdout, 'utf8')))
    : streamGitBytes(repo.root, args, (chunk) => parser.write(chunk), limits);
  const readerPromise = ProvenanceReader.open(repo, {
    ...(options.notesRef ? { notesRef: options.notesRef } : {}),
    ...(options.runner ? { runner: options.runner } : {}),
  });
  readerPromise.catch(() => undefined); // awaited below; avoid an unhandled rejection while blame runs
  const prefetch = new HistoryPrefetch(repo, options.rev, relPath, readerPromise);
  let blame: BlamePorcelain;
  const warnings: string[] = [];
  try {
    await blameRun;
    blame = parser.end();
  } catch (err) {
    // A file git does not track yet (an agent just wrote it, or HEAD is unborn): every line is uncommitted.
    const untracked =
      options.rev === undefined && err instanceof GitError && err.kind === 'exit' && NOT_IN_HEAD.test(err.stderr)
        ? await readWorkTreeLines(repo, relPath)
        : undefined;
    if (untracked !== undefined) {
      blame = uncommittedBlame(relPath, untracked);
      warnings.push('not tracked by git yet: every line is uncommitted');
    } else {
      await failBlame(err, relPath, prefetch, readerPromise);
      throw err;
    }
  }
  const early = prefetch.settle();
  const [reader, prefetched] = await Promise.all([readerPromise, early]);
  let attribution: BlameAttribution;
  let ignoredNotes: { commit: string; reason: string }[];
  try {
    const commits = [...blame.commits.keys()].filter((c) => !NOT_COMMITTED.test(c));
    const missed = await reader.provenance(
      commits.filter((c) => !prefetched.provenance.has(c)),
      { identities: prefetched.identities },
    );
    const provenance = new Map(commits.map((c) => [c, prefetched.provenance.get(c) ?? missed.get(c)!]));
    ignoredNotes = [...provenance.values()]
      .filter((p) => p.rejected)
      .map((p) => ({ commit: p.commit, reason: p.rejected! }));
    for (const p of provenance.values())
      for (const problem of p.leftOut ?? []) warnings.push(`note of ${p.commit.slice(0, 12)}: ${problem}`);
    attribution = new BlameAttribution(blame, provenance);
    for (const { commit, path: p } of attribution.needsText()) {
      const text = await reader.fileLines(commit, p);
      if (text) attribution.supplyText(commit, p, text);
    }
  } finally {
    await reader.close();
  }
  warnings.push(...attribution.warnings());
  let working: readonly (LineSource | undefined)[] | undefined;
  if (options.rev === undefined && options.workingState !== false && blame.hasUncommitted) {
    const overlay = await readWorkingOverlay(repo, relPath, options.store);
    if ('lines' in overlay) working = overlay.lines;
    else warnings.push(`uncommitted lines show as human: ${overlay.reason}`);
  }
  const tally = new LineTally();
  for (let i = 0; i < attribution.length; i++) tally.add(attribution.source(i, working));
  return {
    path: relPath,
    rev: options.rev ?? null,
    length: attribution.length,
    line: (i) => attribution.line(i, working),
    counts: { ...tally.counts },
    share: aiShare(tally.counts),
    byTool: tally.byTool(),
    byModel: tally.byModel(),
    ignoredNotes,
    warnings,
  };
}

/** The path `relPath` had in HEAD when the index renames it (`git mv`), or undefined. */
async function renamedFrom(repo: RepoInfo, relPath: string): Promise<string | undefined> {
  try {
    const result = await runGit(['diff', '--cached', '-M', '--name-status', '-z', 'HEAD', '--'], {
      cwd: repo.root,
      timeoutMs: 60_000,
    });
    const tokens = result.stdout.split('\0');
    for (let i = 0; i < tokens.length;) {
      const status = tokens[i]!;
      if (/^R\d*$/.test(status)) {
        if (tokens[i + 2] === relPath) return tokens[i + 1];
        i += 3;
      } else i += status === '' ? 1 : 2;
    }
  } catch {
    // No HEAD yet, or git failed: no rename to follow.
  }
  return undefined;
}

/** git blame's words for a path HEAD does not have (untracked, or no commit yet). */
const NOT_IN_HEAD = /no such path .* in HEAD|no such ref: HEAD|does not have any commits yet|bad revision 'HEAD'/i;

/** The work tree's lines of `relPath`, or undefined when it is not a readable file. */
async function readWorkTreeLines(repo: RepoInfo, relPath: string): Promise<string[] | undefined> {
  try {
    const text = await fs.readFile(path.join(repo.root, ...relPath.split('/')), 'utf8');
    return splitLines(text);
  } catch {
    return undefined;
  }
}

/** Settles the background reads of a blame that failed and turns git's exit into a clear error. */
async function failBlame(
  err: unknown,
  relPath: string,
  prefetch: HistoryPrefetch,
  readerPromise: Promise<ProvenanceReader>,
): Promise<void> {
  await prefetch.settle();
  await readerPromise.then(
    (r) => r.close(),
    () => undefined,
  );
  if (err instanceof GitError && err.kind === 'exit')
    throw new Error(`cannot blame ${relPath}: ${err.stderr.trim().split('\n')[0] || 'git blame failed'}`, {
      cause: err,
    });
}

async function readWorkingOverlay(repo: RepoInfo, relPath: string, store: WorkingStateStore | undefined) {
  let text: string;
  try {
    text = await fs.readFile(path.join(repo.root, ...relPath.split('/')), 'utf8');
  } catch (err) {
    return { reason: `cannot read the file (${(err as Error).message})` };
  }
  try {
    const states = store ?? (await WorkingStateStore.open(repo.root));
    // After `git mv` of uncommitted work the record is still under the old path until the commit settles it.
    let record = await states.read(relPath);
    if (record === undefined) {
      const from = await renamedFrom(repo, relPath);
      const old = from !== undefined ? await states.read(from) : undefined;
      if (old !== undefined) record = { ...old, path: relPath };
    }
    if (record === undefined || describes(record, text)) return workingOverlay(text, record);
    // Changed since the record was written (outside the editor): carry the spans through that change.
    const recordText = await loadKnownText(states.stateDir, record);
    return workingOverlay(text, recordText === undefined ? record : remapRecord(record, recordText, text));
  } catch (err) {
    return { reason: `cannot read the working state (${(err as Error).message})` };
  }
}

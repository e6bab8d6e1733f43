/**
 * `ai-provenance ci carry`: server-side merges ("Squash and merge", "Rebase and merge", GitLab's squash) create
 * commits no hook ever saw, so they have no provenance note. Given the pull request's head and what the merge put on
 * the target branch, this writes those notes: each created commit is paired with the pull-request commit(s) it came
 * from (src/core/rewrite/carryPairing.ts), their records are carried onto its content through the line diff and the
 * content-hash re-finding every rewrite uses (mapRecords.ts), kept to the lines that commit added, merged with any
 * note already there, and the notes ref is pushed with the usual fetch -> merge -> push retries.
 */
import { buildAgentTrace, type AgentTraceRecord } from '../../core/commit/agentTrace';
import { recordLineAttributions } from '../../core/commit/agentTraceRead';
import { splitLines, type AttributedFile } from '../../core/commit/lines';
import { planCarry, type CarryCommit, type CarrySource } from '../../core/rewrite/carryPairing';
import type { Origin } from '../../core/attribution/origin';
import type { LineAttribution } from '../../core/commit/lines';
import { parseUnifiedDiff } from '../../core/review/diff/parse';
import { matchLines } from '../../core/rewrite/lineMatch';
import { aiBlame } from '../blame/blame';
import { overlayLineMaps } from '../../core/rewrite/mapLines';
import { formatNoteRecord } from '../../core/rewrite/noteRecords';
import { mergeNoteTexts } from '../../core/rewrite/noteTextMerge';
import { BlobReader } from '../commit/blobs';
import { openHookContext, type HookContext } from '../commit/hookContext';
import { TOOL_VERSION } from '../commit/postCommit';
import { MAX_NOTE_BYTES, PROVENANCE_NOTES_REF } from '../notes';
import type { RepoInfo } from '../repo';
import { mapRecordsOnto, type RecordSource } from './mapRecords';
import { fallbackIdentityEnv } from './notesMerge';
import { readProvenanceRecords } from './noteStore';
import { fetchNotes, pushNotes, type SyncReport } from './notesSync';

export interface CarryOptions {
  /** The pull request's head commit (any rev). */
  readonly head: string;
  /** What the merge created: the merge/squash/last rebased commit (GitHub's merge_commit_sha), or a range `A..B` of the target branch (GitLab's before..after). */
  readonly onto: string;
  /** Fetch notes from it first and push them after; undefined: local only. */
  readonly remote?: string;
  readonly push?: boolean;
}

export interface CarriedTarget {
  readonly commit: string;
  readonly kind: CarrySource['kind'];
  readonly sources: readonly string[];
  /** AI (and mixed) lines carried onto it, per path. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly lines: number }>;
  /** false when its note already held all of it. */
  readonly written: boolean;
}

export interface CarryReport {
  readonly head: string;
  /** The pull request's own commits (not reachable from the target branch). */
  readonly sources: readonly string[];
  readonly sourcesWithNotes: number;
  readonly targets: readonly CarriedTarget[];
  /** Created commits not paired with the pull request (other work, or no single squash candidate). */
  readonly skipped: readonly string[];
  readonly fetched?: Omit<SyncReport, 'pushed'>;
  readonly pushed?: SyncReport;
}

export class CarryError extends Error {}

async function resolveCommit(ctx: HookContext, rev: string): Promise<string> {
  if (rev.startsWith('-') || rev === '') throw new CarryError(`not a revision: ${JSON.stringify(rev)}`);
  const r = await ctx.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
    okExitCodes: [1],
  });
  if (r.code !== 0)
    throw new CarryError(`no commit ${JSON.stringify(rev)} here (fetch it first, e.g. git fetch origin ${rev})`);
  return r.stdout.trim();
}

async function revList(ctx: HookContext, args: readonly string[]): Promise<string[]> {
  return (await ctx.git(['rev-list', ...args], { maxOutputBytes: 256 * 1024 * 1024, timeoutMs: 300_000 })).stdout
    .split('\n')
    .filter((l) => l !== '');
}

/** The pull request's commits and the commits the merge created (both oldest first), and the squash candidate. */
async function commitsOf(
  ctx: HookContext,
  head: string,
  onto: string,
): Promise<{ sources: string[]; targets: string[]; squashTarget?: string }> {
  const dots = onto.indexOf('..');
  if (dots >= 0) {
    const [from, to] = [await resolveCommit(ctx, onto.slice(0, dots)), await resolveCommit(ctx, onto.slice(dots + 2))];
    const sources = await revList(ctx, ['--reverse', '--no-merges', head, `^${to}`]);
    return { sources, targets: await revList(ctx, ['--reverse', '--no-merges', to, `^${from}`, `^${head}`]) };
  }
  const merged = await resolveCommit(ctx, onto);
  const sources = await revList(ctx, ['--reverse', '--no-merges', head, `^${merged}`]);
  const parents = (await ctx.git(['rev-list', '--parents', '-n', '1', merged])).stdout.trim().split(' ').slice(1);
  if (parents.length >= 2) {
    // A merge commit (GitLab's squash + merge commit, or a plain merge whose commits are the pull request's own).
    return { sources, targets: await revList(ctx, ['--reverse', '--no-merges', merged, `^${parents[0]}`, `^${head}`]) };
  }
  if (sources.length === 0) return { sources, targets: [] };
  // The last rebased commit or the squash: the rebased ones are the first-parent commits just before it.
  const targets = await revList(ctx, [
    '--reverse',
    '--first-parent',
    '--no-merges',
    '-n',
    String(sources.length),
    merged,
    `^${head}`,
  ]);
  return { sources, targets, squashTarget: merged };
}

/** Patch id, author key and committer time of each commit. */
async function commitFacts(
  ctx: HookContext,
  ids: readonly string[],
): Promise<Map<string, CarryCommit & { committed: number }>> {
  const out = new Map<string, CarryCommit & { committed: number }>();
  if (ids.length === 0) return out;
  const meta = await ctx.git(
    ['show', '-s', '--no-walk=unsorted', '--format=%H%x00%an%x00%ae%x00%at%x00%ct%x00%s', ...ids],
    { maxOutputBytes: 64 * 1024 * 1024 },
  );
  for (const line of meta.stdout.split('\n')) {
    const [id, name, email, at, ct, subject] = line.split('\0');
    if (id && subject !== undefined)
      out.set(id, { id, authorKey: [name, email, at, subject].join('\0'), committed: Number(ct) });
  }
  const patches = await ctx.git(['show', '--no-walk=unsorted', '--no-color', '-p', '--format=commit %H', ...ids], {
    maxOutputBytes: 1024 * 1024 * 1024,
    timeoutMs: 300_000,
  });
  const ided = await ctx.git(['patch-id', '--stable'], {
    input: patches.stdout,
    maxOutputBytes: 64 * 1024 * 1024,
    timeoutMs: 300_000,
  });
  for (const line of ided.stdout.split('\n')) {
    const [patchId, id] = line.split(' ');
    const facts = id ? out.get(id) : undefined;
    if (facts && patchId) out.set(id, { ...facts, patchId });
  }
  return out;
}

/**
 * Path -> the lines `commit` added, by git's own diff against its first parent (the diff `git blame` follows, so a
 * carried note names exactly the lines blame will ask it about). A file missing from the diff added nothing.
 */
async function addedLines(ctx: HookContext, commit: string): Promise<Map<string, Set<number>>> {
  const diff = await ctx.git(
    ['diff-tree', '-p', '-U0', '-M', '--root', '--no-commit-id', '--no-color', '--no-ext-diff', '-r', commit],
    { maxOutputBytes: 1024 * 1024 * 1024, timeoutMs: 300_000 },
  );
  const out = new Map<string, Set<number>>();
  for (const file of parseUnifiedDiff(diff.stdout).files) {
    if (file.newPath === null) continue;
    const added = new Set<number>();
    for (const hunk of file.hunks)
      for (const line of hunk.lines) if (line.kind === 'add' && line.newLine !== undefined) added.add(line.newLine);
    out.set(file.newPath, added);
  }
  return out;
}

/**
 * The AI lines of `path` as blame shows them at `revision` (the pull request's head for a squash, the original commit
 * for a rebased one), limited to lines the pull request's own commits wrote, mapped onto `target`'s text. Using
 * blame's own answer at the source is what makes blame on the target branch equal blame on the branch: repeated lines
 * (`}`, `run: |`) cannot be matched to the wrong copy when the texts are the same. undefined when the file cannot be
 * blamed there (renamed or new since); the record mapping then decides.
 */
async function blamedAtSource(
  ctx: HookContext,
  revision: string,
  path: string,
  targetText: string,
  sources: ReadonlySet<string>,
): Promise<Map<number, LineAttribution> | undefined> {
  let blamed: Awaited<ReturnType<typeof aiBlame>>;
  try {
    blamed = await aiBlame(ctx.repo, path, { rev: revision, workingState: false });
  } catch {
    return undefined;
  }
  const sourceLines = blamed.lines.map((l) => l.text);
  const targetLines = splitLines(targetText);
  const same = sourceLines.length === targetLines.length && sourceLines.every((t, i) => t === targetLines[i]);
  const toTarget = same ? undefined : matchLines(sourceLines, targetLines).oldToNew;
  const out = new Map<number, LineAttribution>();
  for (const [i, l] of blamed.lines.entries()) {
    if ((l.authorship !== 'ai' && l.authorship !== 'mixed') || l.commit === null || !sources.has(l.commit)) continue;
    const at = toTarget ? toTarget[i] : i;
    if (at < 0) continue;
    const origins: Origin[] = l.origins.map((o) => ({
      kind: o.kind ?? 'agent',
      tool: o.tool,
      ...(o.model !== undefined ? { model: o.model } : {}),
      ...(o.session !== undefined ? { session: o.session } : {}),
      time: o.time ?? 0,
    }));
    out.set(at + 1, { cls: l.authorship, origins });
  }
  return out;
}

/** The record `target` should carry from `sources`' records: their AI lines that `target` itself added. */
async function carriedRecord(
  ctx: HookContext,
  blobs: BlobReader,
  target: string,
  committed: number,
  from: CarrySource,
  head: string,
  notes: ReadonlyMap<string, AgentTraceRecord[]>,
): Promise<AgentTraceRecord | undefined> {
  const sources = from.sources;
  // Newest first: the last commit that touched a line saw it last.
  const ordered: RecordSource[] = [...sources]
    .reverse()
    .flatMap((commit) => (notes.get(commit) ?? []).map((record) => ({ record, commit })));
  if (ordered.length === 0) return undefined;
  const mapped = await mapRecordsOnto(ctx, blobs, ordered, {
    text: (p) => blobs.text(`${target}:${p}`),
    renameDiffArgs: (rev) => [rev, target],
  });
  const added = await addedLines(ctx, target);
  const annotated = new Set(sources.filter((c) => notes.has(c)));
  const files: AttributedFile[] = [];
  for (const [path, mine] of [...added].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const text = await blobs.text(`${target}:${path}`);
    if (text === undefined || mine.size === 0) continue;
    const maps = mapped.get(path);
    // A squash holds the branch as its head shows it; a rebased commit, its original.
    const sourceRev = from.kind === 'squash' ? head : sources[0];
    const lines =
      (await blamedAtSource(ctx, sourceRev, path, text, annotated)) ?? (maps ? overlayLineMaps(maps) : undefined);
    if (!lines || lines.size === 0) continue;
    let kept = 0;
    const attributed = splitLines(text).map((t, i) => {
      const a = mine.has(i + 1) ? lines.get(i + 1) : undefined;
      if (a) kept++;
      return a ? { text: t, cls: a.cls, origins: a.origins } : { text: t, cls: 'human' as const, origins: [] };
    });
    if (kept > 0) files.push({ path, lines: attributed });
  }
  // Deterministic (time and id from the target), so carrying twice writes the same record and changes nothing.
  const seed = Buffer.from(target.slice(0, 32).padEnd(32, '0'), 'hex');
  const record = buildAgentTrace(files, {
    revision: target,
    toolVersion: TOOL_VERSION,
    now: committed * 1000,
    randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => seed[i % seed.length]),
  });
  return record.files.length > 0 ? record : undefined;
}

/** Adds `text` to `commit`'s note (union with what is there); false when the note already held it. */
async function mergeIntoNote(
  ctx: HookContext,
  blobs: BlobReader,
  commit: string,
  text: string,
  identity: Record<string, string>,
): Promise<boolean> {
  const listed = await ctx.git(['notes', '--ref', PROVENANCE_NOTES_REF, 'list', commit], { okExitCodes: [1] });
  const blob = listed.code === 0 ? listed.stdout.trim() : '';
  let next = text;
  if (blob !== '') {
    const existing = await blobs.raw(blob, MAX_NOTE_BYTES);
    if (existing === undefined) {
      await ctx.log(
        `ci carry: the note on ${commit} (blob ${blob}) is missing or over ${MAX_NOTE_BYTES} bytes; replaced by the carried record (the old one stays in the notes history)`,
      );
    } else {
      next = mergeNoteTexts(existing, text);
      if (next === existing) return false;
    }
  }
  await ctx.git(['notes', '--ref', PROVENANCE_NOTES_REF, 'add', '-f', '-F', '-', commit], {
    input: next,
    env: identity,
  });
  return true;
}

export async function carryNotes(
  repo: RepoInfo,
  options: CarryOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CarryReport> {
  const ctx = await openHookContext(repo.root, env);
  const fetched = options.remote !== undefined ? await fetchNotes(repo, options.remote) : undefined;
  const head = await resolveCommit(ctx, options.head);
  const { sources, targets, squashTarget } = await commitsOf(ctx, head, options.onto);
  const base = { head, sources, ...(fetched ? { fetched } : {}) };
  if (sources.length === 0 || targets.length === 0) return { ...base, sourcesWithNotes: 0, targets: [], skipped: [] };
  const facts = await commitFacts(ctx, [...sources, ...targets]);
  const factsOf = (id: string): CarryCommit => facts.get(id) ?? { id, authorKey: id };
  const plan = planCarry(sources.map(factsOf), targets.map(factsOf), squashTarget);
  const blobs = new BlobReader(repo.root, env);
  const carried: CarriedTarget[] = [];
  let sourcesWithNotes: number;
  try {
    const notes = await readProvenanceRecords(ctx, blobs, sources);
    sourcesWithNotes = notes.size;
    const identity = await fallbackIdentityEnv(ctx.git);
    for (const [target, from] of plan.targets) {
      const record = await carriedRecord(ctx, blobs, target, facts.get(target)?.committed ?? 0, from, head, notes);
      if (!record) continue;
      const written = await mergeIntoNote(ctx, blobs, target, formatNoteRecord(record), identity);
      const files = recordLineAttributions(record).map((f) => ({ path: f.path, lines: f.lines.size }));
      carried.push({ commit: target, kind: from.kind, sources: from.sources, files, written });
    }
  } finally {
    await blobs.close();
  }
  const lines = carried.reduce((n, t) => n + t.files.reduce((m, f) => m + f.lines, 0), 0);
  await ctx.log(
    `ci carry: ${head} onto ${options.onto}: ${lines} AI line(s) carried onto ${carried.length} commit(s) from ${sourcesWithNotes} annotated of ${sources.length} pull-request commit(s)${plan.skipped.length ? `; not paired, left alone: ${plan.skipped.join(', ')}` : ''}`,
  );
  const pushed =
    options.remote !== undefined && options.push !== false && carried.some((t) => t.written)
      ? await pushNotes(repo, options.remote)
      : undefined;
  return { ...base, sourcesWithNotes, targets: carried, skipped: plan.skipped, ...(pushed ? { pushed } : {}) };
}

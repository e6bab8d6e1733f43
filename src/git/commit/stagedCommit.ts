/**
 * Which lines of what is being committed are AI. Per changed file: the working-state record's spans (over the
 * working-tree text) are remapped onto the staged blob and viewed per line; attribution carried from predecessor
 * commits (the commit being amended, the pick, squashed or reset-away commits) fills lines the working state does
 * not claim. Lines count as added when no parent has them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../../core/sha256';
import { OriginTable, type Origin } from '../../core/attribution/origin';
import { splitLines, type CommittedFile, type CommittedLine, type LineAttribution } from '../../core/commit/lines';
import { isRegularFileMode, parseDiffRawNumstat, type ChangedFile } from '../../core/rewrite/diffRaw';
import { addedLineFlags } from '../../core/rewrite/lineMatch';
import { overlayLineMaps, type LineMap } from '../../core/rewrite/mapLines';
import { toStagedFile, type StagedFile } from '../../core/rewrite/stagedAttribution';
import { addedLinesOnly, attributeLinesOf, keepWholeSourceLines } from '../../core/rewrite/stagedLines';
import type { FileRecord } from '../../core/state/fileRecord';
import { LINE_FIRST } from '../../core/state/remapRecord';
import { WorkingStateStore } from '../stateStore';
import { parkedRecordsFor } from '../rewrite/stashPark';
import { mapRecordsOnto, type MappedByPath, type MapTarget, type RecordSource } from '../rewrite/mapRecords';
import type { BlobReader } from './blobs';
import type { GitResult } from '../exec';
import type { HookContext } from './hookContext';
import { readWorkingText, resolveRecordText } from './recordText';
import { logDrop } from '../dropLog';

/** The version being attributed and what it is compared with. */
export interface ChangeSet {
  /** Arguments selecting old and new for `git diff`, e.g. `['--cached', 'HEAD']`. */
  readonly diffArgs: readonly string[];
  /** Commits whose content decides which lines are added (the new commit's parents). */
  readonly parents: readonly string[];
  /** Records (from notes) to carry onto the new version, newest first. */
  readonly predecessors: readonly RecordSource[];
  /** `changedFiles(ctx, diffArgs)` already started (prepare-commit-msg starts it before it knows the parents). */
  readonly diff?: Promise<GitResult>;
}

/** What changed between the two versions `diffArgs` select: raw entries with line counts, renames found. */
export function changedFiles(ctx: HookContext, diffArgs: readonly string[]): Promise<GitResult> {
  return ctx.git([
    'diff',
    '-z',
    '--raw',
    '--numstat',
    '-M',
    '--no-abbrev',
    '--no-ext-diff',
    '--no-textconv',
    ...diffArgs,
  ]);
}

export interface ChangeAttribution {
  /** Every changed file; files without attribution hold only their added-line count (as human lines). */
  readonly files: CommittedFile[];
  /** AI lines per file, for the stash and the note. */
  readonly staged: StagedFile[];
  readonly origins: Origin[];
  /** Working-state records that were used, with the path they were committed at (post-commit settles them). */
  readonly settle: Array<readonly [recordPath: string, committedPath: string]>;
}

const PLACEHOLDER: CommittedLine = Object.freeze({
  text: '',
  cls: 'human',
  origins: Object.freeze([]) as readonly Origin[],
  added: true,
});
const CONCURRENCY = 16;

async function recordNames(store: WorkingStateStore): Promise<Set<string>> {
  // Listed without the store: the agent calls the launcher queued must be records first.
  await store.drainQueued();
  try {
    return new Set(await fs.readdir(store.filesDir));
  } catch {
    return new Set();
  }
}

async function hasParkedRecords(stateDir: string): Promise<boolean> {
  try {
    return (await fs.readdir(path.join(stateDir, 'parked'))).some((n) => n.endsWith('.json'));
  } catch {
    return false;
  }
}

/** The record file name of a path: the store's (which remembers it for the read that follows), else its hash. */
function recordName(store: WorkingStateStore, relPath: string): string {
  try {
    return path.basename(store.recordFile(relPath));
  } catch {
    // Not a path the store accepts: it has no record either, and the lookup says so.
    return sha256Hex(relPath) + '.json';
  }
}

/** Whether the state dir holds a record file for a path; each path is hashed once per commit (it is asked often). */
function recordLookup(store: WorkingStateStore, names: ReadonlySet<string>): (relPath: string) => boolean {
  const seen = new Map<string, boolean>();
  return (relPath) => {
    let has = seen.get(relPath);
    if (has === undefined) seen.set(relPath, (has = names.has(recordName(store, relPath))));
    return has;
  };
}

interface WorkingLines {
  readonly lines: LineMap;
  readonly recordPath: string;
}

/** The working state's AI lines of the staged text of `file`, or undefined when it has no usable record. */
async function workingLines(
  ctx: HookContext,
  store: WorkingStateStore,
  hasRecord: (relPath: string) => boolean,
  parked: boolean,
  blobs: BlobReader,
  file: ChangedFile,
  stagedText: string,
): Promise<WorkingLines | undefined> {
  const recordPaths = [file.path, ...(file.fromPath ? [file.fromPath] : [])];
  for (const recordPath of recordPaths) {
    const stored: FileRecord | undefined = hasRecord(recordPath) ? await store.read(recordPath) : undefined;
    // Records parked by `git stash` come second: the live record may have been rewritten for other text meanwhile.
    const candidates = [
      ...(stored ? [stored] : []),
      ...(parked ? await parkedRecordsFor(ctx.stateDir, recordPath) : []),
    ];
    for (const record of candidates) {
      if (record.spans.length === 0) continue;
      // The staged text first: in memory already, and usually the very text the record describes (saved, then staged).
      const text = await resolveRecordText(ctx.stateDir, record, [
        () => Promise.resolve(stagedText),
        () => readWorkingText(ctx.repo.root, file.path),
        () => (recordPath !== file.path ? readWorkingText(ctx.repo.root, recordPath) : Promise.resolve(undefined)),
        () => (file.oldBlob && !/^0+$/.test(file.oldBlob) ? blobs.text(file.oldBlob) : Promise.resolve(undefined)),
      ]);
      if (text !== undefined) {
        const lines = attributeLinesOf(text, stagedText, record, LINE_FIRST);
        // A parked record's text is in the stash: only its AI lines that came back whole count.
        const parkedCopy = record !== stored;
        return { lines: parkedCopy ? keepWholeSourceLines(lines, text, stagedText, record) : lines, recordPath };
      }
      await logDrop(
        ctx,
        'commit',
        `working state of ${recordPath}`,
        'it describes a text that no longer exists; not used for this commit',
      );
    }
  }
  return undefined;
}

async function parentTexts(blobs: BlobReader, parents: readonly string[], file: ChangedFile): Promise<string[][]> {
  const out: string[][] = [];
  for (const parent of parents) {
    const text =
      (await blobs.text(`${parent}:${file.fromPath ?? file.path}`)) ??
      (file.fromPath ? await blobs.text(`${parent}:${file.path}`) : undefined);
    if (text !== undefined) out.push(splitLines(text));
  }
  return out;
}

async function pool<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

export async function attributeChanges(
  ctx: HookContext,
  blobs: BlobReader,
  changes: ChangeSet,
): Promise<ChangeAttribution> {
  const store = WorkingStateStore.at(ctx.stateDir, { blockingReads: true });
  // The state dir listings do not depend on the diff: read them while git computes it.
  const [diff, names, parked] = await Promise.all([
    changes.diff ?? changedFiles(ctx, changes.diffArgs),
    recordNames(store),
    hasParkedRecords(ctx.stateDir),
  ]);
  const changed = parseDiffRawNumstat(diff.stdout).filter((f) => f.status !== 'D');
  const byPath = new Map(changed.map((f) => [f.path, f] as const));
  const hasRecord = recordLookup(store, names);
  const mayHaveRecord = (file: (typeof changed)[number]): boolean =>
    parked || hasRecord(file.path) || (file.fromPath !== undefined && hasRecord(file.fromPath));
  // Ask cat-file for every staged and parent blob that may be needed in one go (one write, one stream of answers)
  // rather than as each worker reaches its file (parentTexts reads the same names).
  for (const file of changed) {
    if (!isRegularFileMode(file.newMode) || !mayHaveRecord(file)) continue;
    blobs.read(file.newBlob).catch(() => undefined);
    for (const parent of changes.parents) blobs.read(`${parent}:${file.fromPath ?? file.path}`).catch(() => undefined);
  }

  const target: MapTarget = {
    text: async (p) => {
      const f = byPath.get(p);
      return f && isRegularFileMode(f.newMode) ? blobs.text(f.newBlob) : undefined;
    },
    renameDiffArgs: (revision) => [
      ...changes.diffArgs.filter((a) => a === '--cached'),
      revision,
      ...changes.diffArgs.filter((a) => a !== '--cached').slice(1),
    ],
  };
  const carried: MappedByPath =
    changes.predecessors.length > 0 ? await mapRecordsOnto(ctx, blobs, changes.predecessors, target) : new Map();

  const table = new OriginTable();
  const results = new Map<
    string,
    { committed: CommittedFile; staged?: StagedFile; settle?: readonly [string, string] }
  >();
  await pool(changed, async (file) => {
    const placeholder = (): CommittedFile => ({
      path: file.path,
      lines: new Array<CommittedLine>(file.added ?? 0).fill(PLACEHOLDER),
    });
    if (!isRegularFileMode(file.newMode) || (!mayHaveRecord(file) && !carried.has(file.path))) {
      results.set(file.path, { committed: placeholder() });
      return;
    }
    const stagedText = await blobs.text(file.newBlob);
    if (stagedText === undefined) {
      await logDrop(
        ctx,
        'commit',
        `line attribution of ${file.path}`,
        'staged content is binary, too large or unreadable; committed without it',
      );
      results.set(file.path, { committed: placeholder() });
      return;
    }
    const working = await workingLines(ctx, store, hasRecord, parked, blobs, file, stagedText);
    const texts = splitLines(stagedText);
    const added = addedLineFlags(texts, await parentTexts(blobs, changes.parents, file));
    // Working spans over lines a parent already has were committed before (its hooks may have been killed): the
    // parent's own record speaks for them, never this commit's.
    const fresh = working ? addedLinesOnly(working.lines, added) : undefined;
    if (fresh && fresh.unchanged > 0) {
      await logDrop(
        ctx,
        'commit',
        `${file.path}: ${fresh.unchanged} working-state AI line(s) are unchanged from the parent`,
        'committed before, perhaps by a commit whose hooks did not finish; not counted in this commit',
      );
    }
    // Carried lines (amend, pick, squash, a reset-away commit) follow the same rule: a line the parent already has is
    // the parent's to describe (the first part of a split commit took it; an amend's parent has it).
    const lines: LineMap = addedLinesOnly(
      overlayLineMaps([...(fresh ? [fresh.lines] : []), ...(carried.get(file.path) ?? [])]),
      added,
    ).lines;
    const committed: CommittedFile = {
      path: file.path,
      lines: texts.map((text, i): CommittedLine => {
        const a: LineAttribution | undefined = lines.get(i + 1);
        return a
          ? { text, cls: a.cls, origins: a.origins, added: added[i] }
          : { text, cls: 'human', origins: [], added: added[i] };
      }),
    };
    results.set(file.path, {
      committed,
      ...(lines.size > 0 ? { staged: toStagedFile(file.path, file.newBlob, lines, table, working?.recordPath) } : {}),
      ...(working ? { settle: [working.recordPath, file.path] as const } : {}),
    });
  });
  // Stable output order: the diff's.
  const ordered = changed.map((f) => results.get(f.path)).filter((r): r is NonNullable<typeof r> => r !== undefined);
  return {
    files: ordered.map((r) => r.committed),
    staged: ordered.flatMap((r) => (r.staged ? [r.staged] : [])),
    origins: [...table.all()],
    settle: ordered.flatMap((r) => (r.settle ? [r.settle] : [])),
  };
}

/**
 * Lossless merge of an already fetched notes ref into ours, with plumbing instead of `git notes merge`: the three
 * notes trees are listed, merged entry by entry (src/core/rewrite/notesMergePlan.ts), written into a temporary index
 * and committed with both sides as parents, and the ref is moved only if nobody moved it meanwhile. So one note
 * that cannot be read (oversized, missing, not JSON) never stops the rest from merging, and the ref only ever
 * points at a complete merge. A commit annotated on both sides is combined by a per-ref function (provenance:
 * union of records; sign-off: union of entries); when one side cannot be read, the readable one is kept as it is
 * and the merge reports it, the other staying in the notes history through the merge commit's second parent.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  fanoutOf,
  noteKeyOfPath,
  notePath,
  planNotesMerge,
  resolveNoteConflict,
  type NoteBlobState,
  type NotesEntry,
} from '../../core/rewrite/notesMergePlan';
import { mergeNoteTexts, mergeSignoffTexts } from '../../core/rewrite/noteTextMerge';
import type { GitResult, GitRunOptions } from '../exec';
import { MAX_NOTE_BYTES } from '../notes';

export { mergeNoteTexts, mergeSignoffTexts };

export type Git = (args: readonly string[], options?: Omit<GitRunOptions, 'cwd'>) => Promise<GitResult>;

/** A commit annotated on both sides whose notes could not be combined: which one the merge kept, and why. */
export interface KeptUnmerged {
  readonly commit: string;
  readonly kept: 'ours' | 'theirs';
  readonly why: string;
  /** Note blobs of both sides (the one not kept stays reachable from the merge commit's parents). */
  readonly ours: string;
  readonly theirs: string;
}

export interface RefMerge {
  /** What happened to the local notes ref. */
  readonly merge: 'none' | 'created' | 'up-to-date' | 'merged';
  /** Commits whose two notes were combined. */
  readonly conflictsResolved: number;
  /** Commits whose two notes could not be combined (one side kept as it is). */
  readonly keptUnmerged: readonly KeptUnmerged[];
}

export const NO_MERGE: RefMerge = { merge: 'none', conflictsResolved: 0, keptUnmerged: [] };

/** How often the merge is redone when the local ref moved while we merged (a commit hook writing a note). */
const MAX_MERGE_ROUNDS = 5;

export async function refExists(git: Git, ref: string): Promise<boolean> {
  return (await git(['rev-parse', '--verify', '--quiet', ref], { okExitCodes: [1] })).code === 0;
}

async function resolveRef(git: Git, ref: string): Promise<string | undefined> {
  const result = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { okExitCodes: [1] });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/**
 * Environment that gives git an identity when none is configured (a CI runner): notes commits need a committer.
 * Empty when the user has one, so their own name stays on their notes.
 */
export async function fallbackIdentityEnv(git: Git): Promise<Record<string, string>> {
  const ident = await git(['var', 'GIT_COMMITTER_IDENT'], { okExitCodes: [128, 1] });
  const author = await git(['var', 'GIT_AUTHOR_IDENT'], { okExitCodes: [128, 1] });
  if (ident.code === 0 && author.code === 0) return {};
  const who = { name: 'ai-provenance', email: 'ai-provenance@users.noreply.invalid' };
  return {
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
  };
}

interface TreeListing {
  readonly entries: Map<string, NotesEntry>;
  readonly paths: Map<string, string>;
}

/** Every entry of a notes commit's tree, keyed by annotated commit (note paths of any fanout) or path (other files). */
async function listTree(git: Git, commit: string | undefined): Promise<TreeListing> {
  const entries = new Map<string, NotesEntry>();
  const paths = new Map<string, string>();
  if (commit === undefined) return { entries, paths };
  const out = (await git(['ls-tree', '-r', '-z', '--full-tree', commit], { maxOutputBytes: 1024 * 1024 * 1024 }))
    .stdout;
  for (const line of out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = line.slice(0, tab).split(' ');
    const p = line.slice(tab + 1);
    const key = noteKeyOfPath(p) ?? p;
    entries.set(key, { mode, type, oid });
    paths.set(key, p);
  }
  return { entries, paths };
}

/** Type and size of objects, without reading their content (`cat-file --batch-check`). */
async function objectInfo(
  git: Git,
  oids: readonly string[],
): Promise<Map<string, { type: string; size: number } | undefined>> {
  const out = new Map<string, { type: string; size: number } | undefined>();
  if (oids.length === 0) return out;
  const result = await git(['cat-file', '--batch-check'], { input: oids.join('\n') + '\n' });
  result.stdout.split('\n').forEach((line, i) => {
    if (i >= oids.length) return;
    const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(line);
    out.set(oids[i], m ? { type: m[2], size: Number(m[3]) } : undefined);
  });
  return out;
}

async function blobState(
  git: Git,
  entry: NotesEntry,
  info: { type: string; size: number } | undefined,
): Promise<NoteBlobState> {
  if (entry.type !== 'blob' || (info !== undefined && info.type !== 'blob'))
    return { kind: 'unreadable', why: `not a note blob (${info?.type ?? entry.type})` };
  if (info === undefined) return { kind: 'unreadable', why: `its blob ${entry.oid} is missing from this repository` };
  if (info.size > MAX_NOTE_BYTES) return { kind: 'oversized', size: info.size };
  const read = await git(['cat-file', 'blob', entry.oid], { okExitCodes: [128], maxOutputBytes: MAX_NOTE_BYTES + 1 });
  if (read.code !== 0) return { kind: 'unreadable', why: `its blob ${entry.oid} cannot be read` };
  return { kind: 'text', text: read.stdout };
}

/**
 * Merges notes ref `theirs` into `ours` (created from it when we have none). Callers serialise merges per
 * repository (it would only cost a redone round otherwise: the ref moves by compare-and-swap).
 */
export async function mergeNotesRef(
  git: Git,
  root: string,
  ours: string,
  theirs: string,
  combine: (local: string, remote: string) => string,
): Promise<RefMerge> {
  for (let round = 1; round <= MAX_MERGE_ROUNDS; round++) {
    const theirsId = await resolveRef(git, theirs);
    if (theirsId === undefined) return NO_MERGE;
    const oursId = await resolveRef(git, ours);
    if (oursId === undefined) {
      if (
        (await git(['update-ref', '--stdin'], { input: `create ${ours} ${theirsId}\n`, okExitCodes: [128] })).code === 0
      ) {
        return { merge: 'created', conflictsResolved: 0, keptUnmerged: [] };
      }
      continue;
    }
    if (oursId === theirsId || (await isAncestor(git, theirsId, oursId)))
      return { merge: 'up-to-date', conflictsResolved: 0, keptUnmerged: [] };
    let next: string;
    let report: Omit<RefMerge, 'merge'> = { conflictsResolved: 0, keptUnmerged: [] };
    if (await isAncestor(git, oursId, theirsId)) {
      next = theirsId;
    } else {
      const built = await buildMerge(git, root, oursId, theirsId, combine);
      next = built.commit;
      report = built;
    }
    const moved = await git(['update-ref', '--stdin'], {
      input: `update ${ours} ${next} ${oursId}\n`,
      okExitCodes: [128],
    });
    if (moved.code === 0) return { merge: 'merged', ...report };
    // Someone moved our ref meanwhile (a commit hook wrote a note): merge again from its new value.
  }
  throw new Error(
    `${ours} kept moving during the notes merge; gave up after ${MAX_MERGE_ROUNDS} rounds (nothing was changed)`,
  );
}

async function isAncestor(git: Git, ancestor: string, of: string): Promise<boolean> {
  return (await git(['merge-base', '--is-ancestor', ancestor, of], { okExitCodes: [1] })).code === 0;
}

/** Writes the merged tree and a merge commit (parents: ours, theirs); the ref is not touched. */
async function buildMerge(
  git: Git,
  root: string,
  oursId: string,
  theirsId: string,
  combine: (local: string, remote: string) => string,
): Promise<{ commit: string; conflictsResolved: number; keptUnmerged: KeptUnmerged[] }> {
  const baseResult = await git(['merge-base', oursId, theirsId], { okExitCodes: [1] });
  const baseId = baseResult.code === 0 ? baseResult.stdout.trim() : undefined;
  const [base, ours, theirs] = [
    await listTree(git, baseId),
    await listTree(git, oursId),
    await listTree(git, theirsId),
  ];
  const plan = planNotesMerge(base.entries, ours.entries, theirs.entries);
  const merged = new Map(plan.merged);
  const keptUnmerged: KeptUnmerged[] = [];
  let conflictsResolved = 0;
  const info = await objectInfo(git, [...new Set(plan.conflicts.flatMap((c) => [c.ours.oid, c.theirs.oid]))]);
  for (const conflict of plan.conflicts) {
    const isNote = noteKeyOfPath(ours.paths.get(conflict.key) ?? '') !== undefined;
    const oursState = await blobState(git, conflict.ours, info.get(conflict.ours.oid));
    const theirsState = await blobState(git, conflict.theirs, info.get(conflict.theirs.oid));
    const resolution = isNote
      ? resolveNoteConflict(oursState, theirsState, combine, MAX_NOTE_BYTES, (t) => Buffer.byteLength(t))
      : ({ kind: 'kept', side: 'ours', why: 'not a note (another file in the notes tree)' } as const);
    if (resolution.kind === 'combined') {
      const oid = (await git(['hash-object', '-w', '--stdin'], { input: resolution.text })).stdout.trim();
      merged.set(conflict.key, { mode: '100644', type: 'blob', oid });
      conflictsResolved++;
    } else {
      merged.set(conflict.key, resolution.side === 'ours' ? conflict.ours : conflict.theirs);
      keptUnmerged.push({
        commit: conflict.key,
        kept: resolution.side,
        why: resolution.why,
        ours: conflict.ours.oid,
        theirs: conflict.theirs.oid,
      });
    }
  }
  const fanout = fanoutOf(ours.paths.size > 0 ? ours.paths.values() : theirs.paths.values());
  const lines = [...merged].map(([key, e]) => {
    const original = ours.paths.get(key) ?? theirs.paths.get(key) ?? key;
    return `${e.mode} ${e.type} ${e.oid}\t${noteKeyOfPath(original) !== undefined ? notePath(key, fanout) : original}\0`;
  });
  const tree = await writeTree(git, root, lines.join(''));
  const identity = await fallbackIdentityEnv(git);
  const message = `Notes merged by ai-provenance\n\n${conflictsResolved} commit(s) annotated on both sides combined, ${keptUnmerged.length} kept unmerged.\n`;
  const commit = (
    await git(['commit-tree', tree, '-p', oursId, '-p', theirsId], { input: message, env: identity })
  ).stdout.trim();
  return { commit, conflictsResolved, keptUnmerged };
}

/** `update-index --index-info` input -> a tree, through a temporary index of our own (never the user's). */
async function writeTree(git: Git, root: string, indexInfo: string): Promise<string> {
  const stateDir = path.resolve(root, (await git(['rev-parse', '--git-path', 'ai-provenance'])).stdout.trim());
  await fs.mkdir(stateDir, { recursive: true });
  const indexFile = path.join(stateDir, `notes-merge-${process.pid}-${randomBytes(4).toString('hex')}.index`);
  const env = { GIT_INDEX_FILE: indexFile };
  try {
    await git(['read-tree', '--empty'], { env });
    if (indexInfo !== '') await git(['update-index', '-z', '--index-info'], { env, input: indexInfo });
    // --missing-ok: a note blob this clone never received (kept as it is) must not stop the merge.
    return (await git(['write-tree', '--missing-ok'], { env })).stdout.trim();
  } finally {
    await fs.rm(indexFile, { force: true });
    await fs.rm(`${indexFile}.lock`, { force: true });
  }
}

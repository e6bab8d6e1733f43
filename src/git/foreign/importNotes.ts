/**
 * `ai-provenance import git-ai|agent-trace [RANGE]`: converts other tools' records into our notes on
 * refs/notes/ai-provenance. A commit that already has our note gets the foreign lines our record leaves unattributed,
 * merged with the notes-merge union (ours wins where both speak). Converting is deterministic and lines our note
 * already covers are not added again, so a second import writes nothing. Every commit left out says why.
 */
import { clipRecord, coveredLines, recordAiLines, type ForeignFormat } from '../../core/foreign';
import { recordRanges } from '../../core/commit/agentTraceRead';
import { revisionMatches } from '../../core/blame';
import { formatNoteRecord, parseNoteRecords } from '../../core/rewrite/noteRecords';
import { mergeNoteTexts } from '../../core/rewrite/noteTextMerge';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { catFileAll, objectSizes } from '../blame/catFileAll';
import { runGit } from '../exec';
import { withLock } from '../fileLock';
import { MAX_NOTE_BYTES, PROVENANCE_NOTES_REF, readNotes } from '../notes';
import type { RepoInfo } from '../repo';
import { fallbackIdentityEnv, mergeNotesRef, type Git } from '../rewrite/notesMerge';
import { STATE_DIR_NAME } from '../stateLog';
import { foreignEvidence, listForeignNotes, type ForeignBlob } from './foreignNotes';

export interface ImportOptions {
  readonly format: ForeignFormat;
  /** A revision range (`A..B`, `B`); all annotated commits when absent. */
  readonly range?: string;
  /** The foreign notes ref (default refs/notes/ai or refs/notes/agent-trace). */
  readonly ref?: string;
  /** Report what would be written without writing. */
  readonly dryRun?: boolean;
}

export interface ImportReport {
  /** Commits with a foreign record in scope. */
  readonly examined: number;
  /** Commits whose note was created or extended. */
  readonly written: number;
  /** Commits whose note already held everything the foreign record says. */
  readonly unchanged: number;
  /** AI lines added to our notes. */
  readonly aiLines: number;
  /** Commits not imported, with the reason. */
  readonly skipped: ReadonlyArray<{ readonly commit: string; readonly reason: string }>;
  /** Parts of imported records that were left out, with the reason. */
  readonly problems: ReadonlyArray<{ readonly commit: string; readonly message: string }>;
}

async function revList(repo: RepoInfo, range: string): Promise<Set<string>> {
  const result = await runGit(['rev-list', range, '--'], { cwd: repo.root, maxOutputBytes: 256 * 1024 * 1024 });
  return new Set(result.stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)));
}

async function commitTimes(repo: RepoInfo, commits: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (commits.length === 0) return out;
  const result = await runGit(['log', '--no-walk=unsorted', '--stdin', '--format=%H %ct'], {
    cwd: repo.root,
    input: commits.join('\n') + '\n',
    maxOutputBytes: 64 * 1024 * 1024,
  });
  for (const line of result.stdout.split('\n')) {
    const [c, t] = line.split(' ');
    if (c && t) out.set(c, Number(t) * 1000);
  }
  return out;
}

/**
 * Writes the imported records in one notes commit (one blob write, one tree, one commit, however many notes) and
 * merges it into refs/notes/ai-provenance with the notes merge (union where a commit already has a note), under the
 * same lock as the merges after a fetch. `git notes add` per commit would rewrite the notes tree once per note.
 */
async function writeImported(repo: RepoInfo, notes: ReadonlyMap<string, string>, source: string): Promise<void> {
  if (notes.size === 0) return;
  const git: Git = (args, options = {}) => runGit(args, { ...options, cwd: repo.root });
  const stateDir = path.join(repo.commonDir, STATE_DIR_NAME);
  await fs.mkdir(stateDir, { recursive: true });
  const dir = await fs.mkdtemp(path.join(stateDir, 'import-'));
  const tempRef = `refs/ai-provenance/import-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const commits = [...notes.keys()];
    const files = commits.map((_, i) => path.join(dir, String(i)));
    await Promise.all(commits.map((c, i) => fs.writeFile(files[i], notes.get(c)!)));
    const oids = (await git(['hash-object', '-w', '--stdin-paths'], { input: files.join('\n') + '\n' })).stdout
      .trim()
      .split('\n');
    if (oids.length !== commits.length)
      throw new Error(`git hash-object wrote ${oids.length} of ${commits.length} notes`);
    const tree = (
      await git(['mktree'], { input: commits.map((c, i) => `100644 blob ${oids[i]}\t${c}\n`).join('') })
    ).stdout.trim();
    const message = `Notes imported by ai-provenance from ${source}\n\n${commits.length} commit(s).\n`;
    const commit = (
      await git(['commit-tree', tree], { input: message, env: await fallbackIdentityEnv(git) })
    ).stdout.trim();
    await git(['update-ref', tempRef, commit]);
    await withLock(path.join(stateDir, 'notes-merge.lock'), () =>
      mergeNotesRef(git, repo.root, PROVENANCE_NOTES_REF, tempRef, mergeNoteTexts),
    );
  } finally {
    await git(['update-ref', '-d', tempRef], { okExitCodes: [1, 128] }).catch(() => undefined);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function importForeignNotes(repo: RepoInfo, options: ImportOptions): Promise<ImportReport> {
  const refs =
    options.format === 'git-ai'
      ? { gitAi: options.ref ?? undefined, agentTrace: false as const }
      : { gitAi: false as const, agentTrace: options.ref ?? undefined };
  const listed = await listForeignNotes(repo, refs);
  const inRange = options.range === undefined ? undefined : await revList(repo, options.range);
  const skipped: Array<{ commit: string; reason: string }> = [];
  const problems: Array<{ commit: string; message: string }> = [];
  const candidates = [...listed.keys()].filter((c) => !inRange || inRange.has(c)).sort();
  // Notes can outlive their commits (history rewritten, branch deleted): only commits in this repository are imported.
  const types = await objectSizes(repo.root, candidates);
  const commits: string[] = [];
  for (const c of candidates) {
    if (types.get(c)?.type === 'commit') commits.push(c);
    else skipped.push({ commit: c, reason: 'commit not in this repository' });
  }
  const [times, own] = await Promise.all([commitTimes(repo, commits), readNotes(repo, commits, PROVENANCE_NOTES_REF)]);
  const blobs: ForeignBlob[] = commits.flatMap((c) => listed.get(c)!);
  const contents = new Map<string, Buffer>();
  // Bounded: foreignEvidence never asks for a blob over the note read limit, and those are left out of this read.
  const small = blobs.filter((b) => b.size <= MAX_NOTE_BYTES).map((b) => b.blob);
  (await catFileAll(repo.root, small)).forEach((entry, i) => {
    if (entry?.found) contents.set(small[i], entry.object.content);
  });
  const toWrite = new Map<string, string>();
  let written = 0;
  let unchanged = 0;
  let aiLines = 0;
  for (const commit of commits) {
    const evidence = await foreignEvidence(
      commit,
      listed.get(commit)!,
      (blob) => Promise.resolve(contents.get(blob)),
      times.get(commit) ?? 0,
    );
    for (const { source, conversion } of evidence) {
      for (const message of conversion.skipped) problems.push({ commit, message: `${source}: ${message}` });
      if (conversion.rejected) {
        skipped.push({ commit, reason: conversion.rejected });
        continue;
      }
      if (!conversion.record) {
        skipped.push({ commit, reason: 'the record names no AI line' });
        continue;
      }
      const existing = own.get(commit);
      if (existing && 'oversized' in existing) {
        skipped.push({ commit, reason: `our note (${existing.oversized} bytes) is over the read limit; not merged` });
        continue;
      }
      let covered = new Map<string, Array<[number, number]>>();
      if (existing) {
        const parsed = parseNoteRecords(existing.text);
        if (parsed.errors.length > 0) {
          skipped.push({ commit, reason: `our note is unreadable (${parsed.errors[0]}); not merged` });
          continue;
        }
        const ranges = new Map<string, ReturnType<typeof recordRanges>[number]['ranges'][number][]>();
        for (const r of parsed.records.filter((r) => revisionMatches(r.vcs?.revision, commit)))
          for (const f of recordRanges(r)) ranges.set(f.path, [...(ranges.get(f.path) ?? []), ...f.ranges]);
        covered = coveredLines(ranges);
      }
      const clipped = clipRecord(conversion.record, covered);
      const added = recordAiLines(clipped);
      if (added === 0) {
        unchanged++;
        continue;
      }
      const text = existing ? mergeNoteTexts(existing.text, formatNoteRecord(clipped)) : formatNoteRecord(clipped);
      if (existing && text === existing.text) {
        unchanged++;
        continue;
      }
      // The clipped record goes in; the notes merge unions it with the note already there (giving `text`).
      toWrite.set(commit, (toWrite.get(commit) ?? '') + formatNoteRecord(clipped));
      // The note now holds these lines: a second foreign record on the same commit only adds what is still free.
      own.set(commit, { commit, text });
      written++;
      aiLines += added;
    }
  }
  if (!options.dryRun) await writeImported(repo, toWrite, options.format);
  return { examined: candidates.length, written, unchanged, aiLines, skipped, problems };
}

/**
 * The streamed range replay (log parsed as it arrives, notes read per commit through one cat-file) must give exactly
 * what reading the whole log, then every note in one batch, then replaying gives: on a history with AI records, an
 * unreadable and an oversized note, commit-level AI, a rename and a merge of the base into the branch.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  commitAddedLines,
  replayDag,
  type CommitProvenance,
  type DagCommit,
  type LineSource,
} from '../../../src/core/blame';
import { LogPatchParser, type CommitPatch } from '../../../src/core/blame/logPatch';
import { CatFileBatch, GitError, MAX_NOTE_BYTES, writeNote, type RepoInfo } from '../../../src/git';
import {
  PLAIN_DIFF_ARGS,
  ProvenanceReader,
  ProvenanceStream,
  readLogPatches,
  replayRange,
  type RangeReplay,
} from '../../../src/git/blame';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { commitFiles, info } from './helpers';

/** The replay as it was done before streaming: whole log, one provenance batch, each merge's other diffs alone, then the DAG. */
/** One commit's log text (as `git diff-tree` prints it after our commit marker) parsed as the log reader does. */
function parsePatch(text: string): CommitPatch {
  const patches: CommitPatch[] = [];
  const parser = new LogPatchParser((p) => patches.push(p));
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) parser.line(line);
  parser.end();
  return patches[0];
}

async function replayInMemory(repo: RepoInfo, span: string): Promise<RangeReplay> {
  const reader = await ProvenanceReader.open(repo);
  const { patches, warnings } = await readLogPatches(repo, [span], {
    mergeDiffs: true,
    reverse: true,
    keepText: (c) => reader.hasNote(c),
  });
  const identities = new Map(patches.flatMap((p) => (p.identity ? [[p.commit, p.identity] as const] : [])));
  const provenance = await reader.provenance(
    patches.map((p) => p.commit),
    { identities },
  );
  const dag = patches.map((patch): DagCommit<LineSource> => {
    const sources = new Map(commitAddedLines(patch, provenance.get(patch.commit)).files.map((a) => [a.file, a.source]));
    const otherParents = patch.parents.slice(1).map((p) => {
      const out = execFileSync('git', ['diff-tree', '-p', '-U0', '-M', ...PLAIN_DIFF_ARGS, p, patch.commit], {
        cwd: repo.root,
        encoding: 'utf8',
      });
      return parsePatch(`\u0001${patch.commit}\n${out}`).files;
    });
    return {
      commit: patch.commit,
      parents: patch.parents,
      files: patch.files,
      source: (f, line) => sources.get(f)!(line),
      ...(otherParents.length > 0 ? { otherParents } : {}),
    };
  });
  const head = patches[patches.length - 1].commit;
  return { commits: patches.map((p) => p.commit).reverse(), provenance, warnings, lines: replayDag(dag, head) };
}

/** Line sources of `paths` as plain values. */
function linesOf(replay: Pick<RangeReplay, 'lines'>, paths: readonly string[]): Record<string, unknown[]> {
  return Object.fromEntries(paths.map((p) => [p, [...(replay.lines.get(p) ?? [])]]));
}

describe('replayRange', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let r: RepoInfo;
  const paths = ['a.ts', 'b.ts', 'renamed.ts', 'm.ts'];

  before(async () => {
    repo = createTempRepo();
    r = await info(repo);
    await commitFiles(repo, { 'a.ts': ['a1', 'a2'], 'b.ts': ['b1'], 'm.ts': ['m1'] }, 'base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commitFiles(repo, { 'a.ts': ['a1', { ai: 'ai 1' }, 'a2'] }, 'ai');
    const unreadable = await commitFiles(repo, { 'b.ts': ['b1', 'b2'] }, 'unreadable note');
    await writeNote(r, unreadable, '{"version":');
    const oversized = await commitFiles(repo, { 'b.ts': ['b1', 'b2', 'b3'] }, 'oversized note');
    await writeNote(r, oversized, `{"pad":"${'x'.repeat(MAX_NOTE_BYTES)}"}`);
    repo.write('a.ts', 'a1\nai 1\na2\nassisted\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'assisted\n\nCo-authored-by: Claude <noreply@anthropic.com>']);
    repo.git(['mv', 'b.ts', 'renamed.ts']);
    await commitFiles(repo, { 'renamed.ts': ['b1', { ai: 'ai 2' }, 'b2', 'b3'] }, 'rename and ai');
    repo.git(['checkout', '-q', 'main']);
    await commitFiles(repo, { 'm.ts': ['m1', 'm2'] }, 'upstream');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['merge', '-q', '--no-edit', 'main']);
    await commitFiles(repo, { 'a.ts': ['a1', 'ai 1', { mixed: 'a2 edited' }, 'assisted'] }, 'mixed');
  });
  after(() => repo.cleanup());

  async function assertSameAsInMemory(got: RangeReplay, span: string): Promise<void> {
    const expected = await replayInMemory(r, span);
    assert.deepEqual(got.commits, expected.commits);
    assert.deepEqual([...got.provenance.keys()].sort(), [...expected.provenance.keys()].sort());
    for (const c of expected.commits) assert.deepEqual(got.provenance.get(c), expected.provenance.get(c), c);
    assert.deepEqual(got.warnings, expected.warnings);
    assert.deepEqual(linesOf(got, paths), linesOf(expected, paths));
  }

  /** Replays with a batch of its own, closed afterwards. */
  async function replay(span: string, reader: () => Promise<ProvenanceReader>): Promise<RangeReplay> {
    const batch = new CatFileBatch(r.root);
    try {
      return await replayRange(r, span, reader, batch);
    } finally {
      await batch.close();
    }
  }

  it('gives what the in-memory replay gives', async () => {
    const replayed = await replay('main..feature', () => ProvenanceReader.open(r));
    await assertSameAsInMemory(replayed, 'main..feature');
    const reasons = [...replayed.provenance.values()].flatMap((p: CommitProvenance) =>
      p.rejected ? [p.rejected] : [],
    );
    assert.equal(reasons.length, 2);
    assert.ok(
      [...replayed.provenance.values()].some((p) => p.recognition?.aiAssisted),
      'commit-level AI is recognised from the log header',
    );
    assert.deepEqual(
      replayed.lines.get('a.ts')?.map((s) => s?.authorship),
      [undefined, 'ai', 'mixed', 'ai-assisted'],
    );
    assert.deepEqual(
      replayed.lines.get('renamed.ts')?.map((s) => s?.authorship),
      [undefined, 'ai', 'human', 'human'],
      'lines of commits with ignored notes are human',
    );
  });

  it('holds back the log until a late notes listing arrives', async () => {
    const late = () =>
      new Promise<ProvenanceReader>((resolve) => setTimeout(() => resolve(ProvenanceReader.open(r)), 300));
    await assertSameAsInMemory(await replay('main..feature', late), 'main..feature');
  });

  it("rejects with git's error when the range does not exist", async () => {
    await assert.rejects(
      replay('main..no-such-branch', () => ProvenanceReader.open(r)),
      (err: unknown) => err instanceof GitError,
    );
  });

  it('answers each commit as the batch reader does, reading identities itself when none are given', async () => {
    const reader = await ProvenanceReader.open(r);
    const commits = repo.git(['rev-list', 'main..feature']).split('\n');
    const expected = await reader.provenance(commits);
    const batch = new CatFileBatch(r.root);
    try {
      const stream = new ProvenanceStream(reader, batch);
      for (const c of commits) assert.deepEqual(await stream.of(c, undefined), expected.get(c), c);
    } finally {
      await batch.close();
    }
  });
});

/**
 * The streamed range replay (log parsed as it arrives, notes read per commit through one cat-file) must give exactly
 * what reading the whole log, then every note in one batch, then replaying gives: on a history with AI records, an
 * unreadable and an oversized note, commit-level AI, a rename and a merge on the first-parent chain.
 */
import * as assert from 'node:assert/strict';
import { HUMAN_LINE, LineReplay, commitAddedLines, type CommitProvenance, type LineSource } from '../../../src/core/blame';
import { CatFileBatch, GitError, MAX_NOTE_BYTES, writeNote, type RepoInfo } from '../../../src/git';
import { ProvenanceReader, ProvenanceStream, readLogPatches, replayRange, type RangeReplay } from '../../../src/git/blame';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { commitFiles, info } from './helpers';

/** The replay as it was done before streaming: whole log, one provenance batch, then the line replay. */
async function replayInMemory(repo: RepoInfo, span: string): Promise<Omit<RangeReplay, 'merges'>> {
  const reader = await ProvenanceReader.open(repo);
  const { patches, warnings } = await readLogPatches(repo, [span], { firstParent: true, reverse: true, keepText: (c) => reader.hasNote(c) });
  const identities = new Map(patches.flatMap((p) => (p.identity ? [[p.commit, p.identity] as const] : [])));
  const provenance = await reader.provenance(patches.map((p) => p.commit), { identities });
  const lines = new LineReplay<LineSource>();
  const mergeLine: LineSource = { ...HUMAN_LINE };
  for (const patch of patches) {
    for (const added of commitAddedLines(patch, provenance.get(patch.commit)).files) {
      lines.apply(added.file, patch.parents.length > 1 ? (line) => (added.source(line) === HUMAN_LINE ? mergeLine : added.source(line)) : added.source);
    }
  }
  return { chain: patches.map((p) => p.commit).reverse(), provenance, warnings, lines, mergeLine };
}

/** Line sources of `paths` as plain values, merge lines named as such. */
function linesOf(replay: Pick<RangeReplay, 'lines' | 'mergeLine'>, paths: readonly string[]): Record<string, unknown[]> {
  return Object.fromEntries(paths.map((p) => [p, (replay.lines.get(p) ?? []).map((s) => (s === replay.mergeLine ? 'merge' : s))]));
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
    assert.deepEqual(got.chain, expected.chain);
    assert.deepEqual([...got.provenance.keys()], [...expected.provenance.keys()]);
    for (const c of expected.chain) assert.deepEqual(got.provenance.get(c), expected.provenance.get(c), c);
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
    assert.equal(replayed.merges, true);
    const reasons = [...replayed.provenance.values()].flatMap((p: CommitProvenance) => (p.rejected ? [p.rejected] : []));
    assert.equal(reasons.length, 2);
    assert.ok([...replayed.provenance.values()].some((p) => p.recognition?.aiAssisted), 'commit-level AI is recognised from the log header');
    assert.deepEqual(replayed.lines.get('a.ts')?.map((s) => s?.authorship), [undefined, 'ai', 'mixed', 'ai-assisted']);
    assert.deepEqual(replayed.lines.get('renamed.ts')?.map((s) => s?.authorship), [undefined, 'ai', 'human', 'human'], 'lines of commits with ignored notes are human');
  });

  it('holds back the log until a late notes listing arrives', async () => {
    const late = () => new Promise<ProvenanceReader>((resolve) => setTimeout(() => resolve(ProvenanceReader.open(r)), 300));
    await assertSameAsInMemory(await replay('main..feature', late), 'main..feature');
  });

  it('rejects with git\'s error when the range does not exist', async () => {
    await assert.rejects(replay('main..no-such-branch', () => ProvenanceReader.open(r)), (err: unknown) => err instanceof GitError);
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

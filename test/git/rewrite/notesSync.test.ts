/** `ai-provenance notes push|fetch`: two clones annotate concurrently; after syncing both hold everything. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAgentTrace, type AgentTraceRecord } from '../../../src/core/commit/agentTrace';
import { recordLineAttributions } from '../../../src/core/commit/agentTraceRead';
import { formatNoteRecord, parseNoteRecords } from '../../../src/core/rewrite/noteRecords';
import { findRepo } from '../../../src/git/repo';
import { fetchNotes, pushNotes, NotesSyncError } from '../../../src/git/rewrite/notesSync';
import { initRepoAt, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { CLAUDE, CLI_PATH, COPILOT, hookEnv } from '../commit/helpers/hookRepo';
import type { Origin } from '../../../src/core/attribution/origin';

function record(revision: string, path: string, aiLines: number[], origin: Origin, lineCount = 6): AgentTraceRecord {
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    text: `line ${i + 1}`,
    cls: aiLines.includes(i + 1) ? ('ai' as const) : ('human' as const),
    origins: aiLines.includes(i + 1) ? [origin] : [],
  }));
  let seed = aiLines.reduce((a, b) => a * 31 + b, 7);
  const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 256));
  return buildAgentTrace([{ path, lines }], { revision, toolVersion: 'test', now: 1_700_000_000_000, randomBytes });
}

function annotate(repo: TempRepo, commit: string, note: string): void {
  repo.git(['notes', '--ref', 'ai-provenance', 'add', '-f', '-m', note, commit]);
}

function aiLines(repo: TempRepo, commit: string): Record<string, number[]> {
  const text = repo.git(['notes', '--ref', 'ai-provenance', 'show', commit]);
  const out: Record<string, number[]> = {};
  for (const r of parseNoteRecords(text).records) {
    for (const f of recordLineAttributions(r))
      out[f.path] = [...new Set([...(out[f.path] ?? []), ...f.lines.keys()])].sort((a, b) => a - b);
  }
  return out;
}

describe('notes push / fetch', function () {
  this.timeout(60_000);
  let dir: string;
  let a: TempRepo;
  let b: TempRepo;
  let c1: string;
  let c2: string;

  beforeEach(() => {
    dir = makeTempDir('aiprov-sync-');
    const origin = initRepoAt(path.join(dir, 'origin'));
    origin.write('f.txt', 'x\n');
    c1 = origin.commitAll('one');
    origin.write('g.txt', 'y\n');
    c2 = origin.commitAll('two');
    for (const name of ['a', 'b']) spawnSync('git', ['clone', '-q', path.join(dir, 'origin'), path.join(dir, name)]);
    a = initRepoAt(path.join(dir, 'a'));
    b = initRepoAt(path.join(dir, 'b'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('concurrent notes on the same commit are unioned; nothing is lost on either side', async () => {
    annotate(a, c1, formatNoteRecord(record(c1, 'f.txt', [1, 2], CLAUDE)));
    annotate(a, c2, formatNoteRecord(record(c2, 'g.txt', [3], CLAUDE)));
    annotate(b, c1, formatNoteRecord(record(c1, 'f.txt', [2, 5], COPILOT)));
    const repoA = (await findRepo(a.root))!;
    const repoB = (await findRepo(b.root))!;
    const first = await pushNotes(repoA);
    assert.equal(first.pushed, true);
    assert.equal(first.merge, 'none');
    const second = await pushNotes(repoB);
    assert.equal(second.pushed, true);
    assert.equal(second.merge, 'merged');
    assert.equal(second.conflictsResolved, 1);
    const fetched = await fetchNotes(repoA);
    assert.equal(fetched.merge, 'merged');
    for (const repo of [a, b]) {
      assert.deepEqual(aiLines(repo, c1), { 'f.txt': [1, 2, 5] });
      assert.deepEqual(aiLines(repo, c2), { 'g.txt': [3] });
    }
    assert.equal(
      parseNoteRecords(a.git(['notes', '--ref', 'ai-provenance', 'show', c1])).records.length,
      1,
      'one merged record',
    );
    assert.equal((await fetchNotes(repoA)).merge, 'up-to-date');
  });

  it('an unreadable note on one side is kept whole next to the other', async () => {
    annotate(a, c1, 'not json at all');
    annotate(b, c1, formatNoteRecord(record(c1, 'f.txt', [4], CLAUDE)));
    await pushNotes((await findRepo(a.root))!);
    await fetchNotes((await findRepo(b.root))!);
    const text = b.git(['notes', '--ref', 'ai-provenance', 'show', c1]);
    assert.match(text, /not json at all/);
    assert.deepEqual(aiLines(b, c1), { 'f.txt': [4] });
  });

  it('the CLI; a remote that is not configured is a usage error', async () => {
    annotate(a, c1, formatNoteRecord(record(c1, 'f.txt', [1], CLAUDE)));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI_PATH, 'notes', ...args], { cwd: a.root, env: hookEnv(), encoding: 'utf8' });
    const pushed = cli('push');
    assert.equal(pushed.status, 0, pushed.stderr);
    assert.match(pushed.stdout, /pushed refs\/notes\/ai-provenance to origin/);
    assert.equal(cli('fetch', 'origin').status, 0);
    assert.equal(cli('fetch', 'nowhere').status, 2);
    assert.equal(cli('push', '--upload-pack=evil').status, 2);
    await assert.rejects(fetchNotes((await findRepo(a.root))!, '../x'), NotesSyncError);
  });
});

/**
 * One note nobody can read must not stop note sharing (#13): a 50 MB note conflicting with a normal one on each side.
 * Plain `git fetch` (the reference-transaction merge), `git pull`, `ai-provenance notes fetch|push` and the pre-push
 * background push all complete, every other note merges, the user's own notes reach the remote, and the log says
 * which commit's note was kept unmerged and why.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shareNotes } from '../../../src/git/rewrite/notesShare';
import { fetchNotes, pushNotes } from '../../../src/git/rewrite/notesSync';
import { makeTempDir } from '../helpers/tempRepo';
import { CLAUDE, COPILOT } from '../commit/helpers/hookRepo';
import {
  aiLinesOf,
  cli,
  eventually,
  hookLog,
  noteRecord,
  originRef,
  originWithClones,
  type Clone,
} from './notesHelpers';
import { spawnSync } from 'node:child_process';

const BIG = 50 * 1024 * 1024;
/** The hooks' time limit is not under test here: a loaded machine must not stop the fetch's merge. */
const SLOW_OK = { AI_PROVENANCE_HOOK_TIMEOUT_MS: '120000' };

function addNote(repo: Clone, commit: string, text: string | Buffer, dir: string): void {
  const file = path.join(dir, `note-${process.hrtime.bigint()}.txt`);
  fs.writeFileSync(file, text);
  repo.run(['notes', '--ref', 'ai-provenance', 'add', '-f', '-F', file, commit]);
  fs.rmSync(file);
}

function originNoteSize(origin: string, commit: string): number | undefined {
  const r = spawnSync('git', ['--git-dir', origin, 'notes', '--ref', 'ai-provenance', 'list', commit], {
    encoding: 'utf8',
  });
  if (r.status !== 0) return undefined;
  return Number(
    spawnSync('git', ['--git-dir', origin, 'cat-file', '-s', r.stdout.trim()], { encoding: 'utf8' }).stdout.trim(),
  );
}

function originAiLines(origin: string, commit: string): string {
  return spawnSync('git', ['--git-dir', origin, 'notes', '--ref', 'ai-provenance', 'show', commit], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  }).stdout;
}

describe('notes merge with a 50 MB conflicting note on each side', function () {
  this.timeout(240_000);
  let dir: string;
  let origin: string;
  let a: Clone;
  let b: Clone;
  let x: string;
  let y: string;

  beforeEach(async () => {
    dir = makeTempDir('aiprov-bignote-');
    ({
      origin,
      clones: [a, b],
    } = await originWithClones(dir, ['a', 'b']));
    x = a.run(['rev-parse', 'HEAD']);
    a.run(['commit', '-q', '--allow-empty', '-m', 'y']);
    y = a.run(['rev-parse', 'HEAD']);
    a.run(['push', '-q', 'origin', 'main']);
    b.run(['pull', '-q']);
    await shareNotes(a.info, 'origin');
    await shareNotes(b.info, 'origin');
    // b (already on the remote): a normal note on x, a 50 MB one on y. a (the user): 50 MB on x, its own note on y.
    addNote(b, x, noteRecord(x, 'f.txt', [1], COPILOT), dir);
    addNote(b, y, Buffer.alloc(BIG, 'b'), dir);
    assert.equal((await pushNotes(b.info)).pushed, true);
    addNote(a, x, Buffer.alloc(BIG, 'a'), dir);
    addNote(a, y, noteRecord(y, 'f.txt', [2, 3], CLAUDE), dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a plain git fetch merges the rest, keeps the readable side of each conflict and says so in the log', async () => {
    const fetched = a.tryRun(['fetch', '-q'], SLOW_OK);
    assert.equal(fetched.status, 0, fetched.stderr);
    assert.deepEqual(aiLinesOf(a, x), { 'f.txt': [1] }, 'their readable note replaces our 50 MB one at the tip');
    assert.deepEqual(aiLinesOf(a, y), { 'f.txt': [2, 3] }, 'our own note is kept');
    const log = hookLog(a);
    assert.match(
      log,
      new RegExp(
        `commit ${x}: kept origin's note as it is, not merged with our note \\(blob [0-9a-f]+\\): our note is 50\\.0 MB, over the 8 MB limit`,
      ),
    );
    assert.match(
      log,
      new RegExp(
        `commit ${y}: kept our note as it is, not merged with origin's note \\(blob [0-9a-f]+\\): their note is 50\\.0 MB, over the 8 MB limit`,
      ),
    );
    // Neither 50 MB note is lost: both are in the notes history (the merge's parents).
    const parents = a.run(['rev-list', '--parents', '-n', '1', 'refs/notes/ai-provenance']).split(' ');
    assert.equal(parents.length, 3, 'a merge commit');
    assert.equal(
      Number(a.run(['cat-file', '-s', `${parents[1]}:${notePathIn(a, parents[1], x)}`])),
      BIG + 1,
      'our 50 MB note (and the newline git adds), in our parent',
    );
    assert.equal(
      Number(a.run(['cat-file', '-s', `${parents[2]}:${notePathIn(a, parents[2], y)}`])),
      BIG + 1,
      'theirs, in theirs',
    );
  });

  it("git pull, notes fetch and notes push complete; the user's note reaches the remote", async () => {
    a.run(['commit', '-q', '--allow-empty', '-m', 'z']);
    const z = a.run(['rev-parse', 'HEAD']);
    addNote(a, z, noteRecord(z, 'f.txt', [4], CLAUDE), dir);
    const pulled = a.tryRun(['pull', '-q', '--no-rebase'], SLOW_OK);
    assert.equal(pulled.status, 0, pulled.stderr);
    const fetched = cli(a, 'fetch');
    assert.equal(fetched.status, 0, fetched.stderr);
    const pushed = cli(a, 'push');
    assert.equal(pushed.status, 0, pushed.stderr);
    assert.match(pushed.stdout, /pushed refs\/notes\/ai-provenance to origin/);
    assert.match(originAiLines(origin, y), /"start_line":2/, "the user's note on y is on the remote");
    assert.match(originAiLines(origin, z), /"start_line":4/, 'and the new one on z');
    assert.ok((originNoteSize(origin, x) ?? 0) < 1024 * 1024, 'x carries the readable note');
    // b fetches it all back: both sides converge.
    const report = await fetchNotes(b.info);
    assert.equal(report.keptUnmerged.length, 0, 'a fast-forward for b');
    assert.deepEqual(aiLinesOf(b, y), { 'f.txt': [2, 3] });
  });

  it('the pre-push background push completes with the oversized notes in play', async () => {
    a.run(['commit', '-q', '--allow-empty', '-m', 'w']);
    const w = a.run(['rev-parse', 'HEAD']);
    addNote(a, w, noteRecord(w, 'f.txt', [5], CLAUDE), dir);
    const pushed = a.tryRun(['push', '-q', 'origin', 'main']);
    assert.equal(pushed.status, 0, pushed.stderr);
    await eventually(
      'the background notes push',
      () => (/pre-push: pushed notes to origin/.test(hookLog(a)) ? true : undefined),
      120_000,
    );
    assert.match(originAiLines(origin, w), /"start_line":5/);
    assert.match(originAiLines(origin, y), /"start_line":2/);
    assert.ok(originRef(origin, 'refs/notes/ai-provenance'));
  });
});

/** The path of `commit`'s note inside notes commit `notes` (any fanout). */
function notePathIn(repo: Clone, notes: string, commit: string): string {
  return (
    repo
      .run(['ls-tree', '-r', '--name-only', notes])
      .split('\n')
      .find((p) => p.replace(/\//g, '') === commit) ?? ''
  );
}

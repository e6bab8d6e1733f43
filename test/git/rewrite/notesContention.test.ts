/**
 * Notes under contention (#12): four real clones push AI commits and their notes to one bare remote at the same
 * time, round after round, and all annotate one shared commit too. No note is lost; every push goes through by
 * retrying fetch -> merge -> push. A push the server refuses leaves no half-merged ref, locally or on the remote.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Origin } from '../../../src/core/attribution/origin';
import { pushNotes } from '../../../src/git/rewrite/notesSync';
import { makeTempDir } from '../helpers/tempRepo';
import { CLAUDE } from '../commit/helpers/hookRepo';
import { aiLinesOf, noteRecord, originRef, originWithClones, signoffNote, type Clone } from './notesHelpers';

const ROUNDS = 3;
/** The hooks' time limit is not under test here: a loaded machine must not cost a commit its note. */
const SLOW_OK = { AI_PROVENANCE_HOOK_TIMEOUT_MS: '120000' };

function originNoteLines(origin: string, commit: string): string {
  return spawnSync('git', ['--git-dir', origin, 'notes', '--ref', 'ai-provenance', 'show', commit], {
    encoding: 'utf8',
  }).stdout;
}

describe('notes under contention: four pushers', function () {
  this.timeout(300_000);
  let dir: string;
  let origin: string;
  let clones: Clone[];

  beforeEach(async () => {
    dir = makeTempDir('aiprov-contend-');
    ({ origin, clones } = await originWithClones(dir, ['p1', 'p2', 'p3', 'p4']));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('four clones pushing AI commits and notes at once lose no note', async () => {
    const shared = clones[0].run(['rev-parse', 'HEAD']);
    const written = new Map<string, { clone: number; line: number }>();
    const attempts: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Each clone commits AI code with the hooks (a real note), and annotates the shared commit in its own way.
      clones.forEach((c, i) => {
        const line = ((round + i) % 5) + 1;
        const content = Array.from({ length: 6 }, (_, k) => `p${i + 1} r${round} line ${k + 1}\n`).join('');
        c.writeAi(`p${i + 1}.txt`, content, [line]);
        const commit = c.commitHooked(`p${i + 1} round ${round}`, SLOW_OK);
        written.set(commit, { clone: i, line });
        if (round === 1) {
          const origin: Origin = { ...CLAUDE, session: `clone-${i + 1}` };
          c.run([
            'notes',
            '--ref',
            'ai-provenance',
            'add',
            '-f',
            '-m',
            noteRecord(shared, 'f.txt', [i + 1], origin),
            shared,
          ]);
          c.run([
            'notes',
            '--ref',
            'ai-provenance-signoff',
            'add',
            '-f',
            '-m',
            signoffNote(shared, `Reviewer${i + 1}`, `2025-01-0${i + 1}T10:00:00Z`),
            shared,
          ]);
        }
      });
      // All at once: each clone pushes its branch and its notes concurrently with the others.
      const results = await Promise.all(
        clones.map(async (c, i) => {
          const branch = new Promise<number>((resolve) => {
            const child = spawn('git', ['push', '-q', '--no-verify', 'origin', `HEAD:refs/heads/p${i + 1}`], {
              cwd: c.root,
              stdio: 'ignore',
            });
            child.on('exit', (code) => resolve(code ?? -1));
          });
          const notes = await pushNotes(c.info, 'origin', undefined, { noVerify: true });
          return { branch: await branch, notes };
        }),
      );
      for (const r of results) {
        assert.equal(r.branch, 0);
        assert.equal(r.notes.pushed, true);
        attempts.push(r.notes.attempts ?? 0);
      }
    }
    // Every clone's commit note is on the remote with exactly its AI line.
    for (const [commit, { clone, line }] of written) {
      assert.match(originNoteLines(origin, commit), new RegExp(`"path":"p${clone + 1}\\.txt"`), `note of ${commit}`);
      const check = clones[0];
      check.run([
        'fetch',
        '-q',
        'origin',
        '+refs/notes/ai-provenance:refs/notes/ai-provenance',
        `+refs/heads/p${clone + 1}:refs/remotes/origin/p${clone + 1}`,
      ]);
      assert.deepEqual(aiLinesOf(check, commit), { [`p${clone + 1}.txt`]: [line] });
    }
    // The shared commit holds all four clones' records, and all four reviewers' sign-offs.
    const check = clones[3];
    check.run(['fetch', '-q', 'origin', '+refs/notes/*:refs/notes/*']);
    assert.deepEqual(aiLinesOf(check, shared), { 'f.txt': [1, 2, 3, 4] });
    const signoffs = JSON.parse(check.run(['notes', '--ref', 'ai-provenance-signoff', 'show', shared]))
      .signoffs as Array<{ reviewer: { name: string } }>;
    assert.deepEqual(signoffs.map((s) => s.reviewer.name).sort(), ['Reviewer1', 'Reviewer2', 'Reviewer3', 'Reviewer4']);
    assert.ok(
      attempts.some((n) => n > 1),
      `the pushers did contend (attempts per push: ${attempts.join(',')})`,
    );
  });

  it('a push the server refuses leaves no half-merged ref, locally or on the remote', async () => {
    const [a, b] = clones;
    const c1 = a.run(['rev-parse', 'HEAD']);
    a.run(['notes', '--ref', 'ai-provenance', 'add', '-m', noteRecord(c1, 'f.txt', [1], CLAUDE), c1]);
    assert.equal((await pushNotes(a.info)).pushed, true);
    const originBefore = originRef(origin, 'refs/notes/ai-provenance');
    // The server refuses the sign-off ref only: with an atomic push, the provenance ref must not move either.
    const hook = path.join(origin, 'hooks', 'pre-receive');
    fs.writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in *signoff) echo "sign-offs are frozen" >&2; exit 1;; esac; done\nexit 0\n',
      { mode: 0o755 },
    );
    b.run(['notes', '--ref', 'ai-provenance', 'add', '-m', noteRecord(c1, 'f.txt', [2], CLAUDE), c1]);
    b.run(['notes', '--ref', 'ai-provenance-signoff', 'add', '-m', signoffNote(c1, 'Bob', '2025-01-02T10:00:00Z'), c1]);
    await assert.rejects(pushNotes(b.info), /sign-offs are frozen|declined/);
    assert.equal(originRef(origin, 'refs/notes/ai-provenance'), originBefore, 'the remote provenance ref did not move');
    assert.equal(originRef(origin, 'refs/notes/ai-provenance-signoff'), undefined);
    // Locally: a complete merge (both sides as parents, both notes combined), no merge state left behind.
    assert.deepEqual(aiLinesOf(b, c1), { 'f.txt': [1, 2] });
    assert.equal(b.run(['rev-list', '--parents', '-n', '1', 'refs/notes/ai-provenance']).split(' ').length, 3);
    for (const leftover of ['NOTES_MERGE_PARTIAL', 'NOTES_MERGE_REF', 'NOTES_MERGE_WORKTREE']) {
      assert.equal(fs.existsSync(path.join(b.root, '.git', leftover)), false, leftover);
    }
    assert.deepEqual(
      fs.readdirSync(path.join(b.root, '.git', 'ai-provenance')).filter((f) => f.includes('.index')),
      [],
      'no temporary index left',
    );
    // Once the server accepts again, the next push carries everything.
    fs.rmSync(hook);
    assert.equal((await pushNotes(b.info)).pushed, true);
    assert.match(originNoteLines(origin, c1), /"start_line":1/);
    assert.match(originNoteLines(origin, c1), /"start_line":2/);
  });
});

/**
 * Shared notes riding on plain git, with the hooks installed for real and a bare origin: a plain `git fetch`
 * merges the remote's notes (concurrent ones unioned), a plain `git push` is followed by a background notes push
 * while pushing exactly what it pushed before, and our part never changes a push's outcome.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSignoffNote } from '../../../src/core/policy';
import { installHooks, uninstallHooks } from '../../../src/git/hooks/install';
import { shareNotes } from '../../../src/git/rewrite/notesShare';
import { pushNotes } from '../../../src/git/rewrite/notesSync';
import { makeTempDir } from '../helpers/tempRepo';
import { CLAUDE, CLI_PATH, COPILOT } from '../commit/helpers/hookRepo';
import {
  aiLinesOf,
  eventually,
  hookLog,
  noteRecord,
  originRef,
  originRefs,
  originWithClones,
  signoffNote,
  type Clone,
} from './notesHelpers';

describe('shared notes with plain git fetch and push', function () {
  this.timeout(120_000);
  let dir: string;
  let origin: string;
  let a: Clone;
  let b: Clone;
  let c1: string;

  beforeEach(async () => {
    dir = makeTempDir('aiprov-share-');
    ({
      origin,
      clones: [a, b],
    } = await originWithClones(dir, ['a', 'b']));
    c1 = a.run(['rev-parse', 'HEAD']);
    await shareNotes(a.info, 'origin');
    await shareNotes(b.info, 'origin');
  });
  // The pre-push hook pushes notes in the background: give its last writes a moment rather than fail the cleanup.
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

  it('a plain git fetch merges the remote notes; concurrent notes on one commit are unioned, sign-offs too', async () => {
    a.run(['notes', '--ref', 'ai-provenance', 'add', '-m', noteRecord(c1, 'f.txt', [1, 2], CLAUDE), c1]);
    a.run([
      'notes',
      '--ref',
      'ai-provenance-signoff',
      'add',
      '-m',
      signoffNote(c1, 'Alice', '2025-01-01T10:00:00Z'),
      c1,
    ]);
    b.run(['notes', '--ref', 'ai-provenance', 'add', '-m', noteRecord(c1, 'f.txt', [2, 5], COPILOT), c1]);
    b.run(['notes', '--ref', 'ai-provenance-signoff', 'add', '-m', signoffNote(c1, 'Bob', '2025-01-02T10:00:00Z'), c1]);
    assert.equal((await pushNotes(a.info)).pushed, true);

    const fetched = b.tryRun(['fetch', '-q']);
    assert.equal(fetched.status, 0, fetched.stderr);
    assert.deepEqual(aiLinesOf(b, c1), { 'f.txt': [1, 2, 5] });
    const signoffs = parseSignoffNote(b.run(['notes', '--ref', 'ai-provenance-signoff', 'show', c1])).signoffs;
    assert.deepEqual(
      signoffs.map((s) => s.reviewer.name),
      ['Alice', 'Bob'],
    );
    assert.match(hookLog(b), /merged origin's notes \(1 commit\(s\) annotated on both sides combined\)/);
    // B's merge includes A's notes commit: A's next fetch is a fast-forward to the same union.
    b.run(['push', '-q', 'origin', 'refs/notes/ai-provenance*:refs/notes/ai-provenance*']);
    a.run(['fetch', '-q']);
    assert.deepEqual(aiLinesOf(a, c1), { 'f.txt': [1, 2, 5] });
    assert.equal(a.run(['rev-parse', 'refs/notes/ai-provenance']), b.run(['rev-parse', 'refs/notes/ai-provenance']));
  });

  it('a fetch that brings no notes changes no notes and logs nothing', async () => {
    a.run(['commit', '-q', '--allow-empty', '-m', 'two']);
    a.run(['push', '-q', 'origin', 'main']);
    assert.equal(b.tryRun(['fetch', '-q']).status, 0);
    assert.equal(b.tryRun(['rev-parse', '--verify', '-q', 'refs/notes/ai-provenance']).status, 1);
    assert.equal(hookLog(b), '');
  });

  it('a plain git push pushes exactly what it did before, and the notes follow in the background', async () => {
    // `other` is on origin; a new local commit on it must stay local (push.default=simple pushes the current branch).
    a.run(['checkout', '-q', '-b', 'other']);
    a.run(['commit', '-q', '--allow-empty', '-m', 'other 1']);
    a.run(['push', '-q', '-u', 'origin', 'other']);
    a.run(['commit', '-q', '--allow-empty', '-m', 'other 2 (not pushed)']);
    a.run(['checkout', '-q', 'main']);
    // The push above was to a shared remote: wait for its notes push (nothing to push yet) to finish.
    await eventually('the first background run', () =>
      /pre-push: no local notes to push/.test(hookLog(a)) ? true : undefined,
    );
    a.writeAi('ai.js', 'one();\ntwo();\n', [2]);
    const commit = a.commitHooked('ai commit');
    assert.deepEqual([...a.noteLines(commit)], [['ai.js', [2]]]);
    const before = originRefs(origin);
    const otherOnOrigin = originRef(origin, 'refs/heads/other');

    const pushed = a.tryRun(['push', '-q']);
    assert.equal(pushed.status, 0, pushed.stderr);
    assert.equal(pushed.stderr, '', 'nothing of ours on the push output');
    const notes = await eventually('the notes on origin', () => originRef(origin, 'refs/notes/ai-provenance'));
    await eventually('the background push to log its outcome', () =>
      /pre-push: pushed notes to origin/.test(hookLog(a)) ? true : undefined,
    );
    assert.equal(notes, a.run(['rev-parse', 'refs/notes/ai-provenance']));
    assert.equal(originRef(origin, 'refs/heads/main'), commit);
    assert.equal(originRef(origin, 'refs/heads/other'), otherOnOrigin, 'other branch not pushed');
    const changed = originRefs(origin)
      .split('\n')
      .filter((line) => line !== '' && !before.includes(line));
    assert.deepEqual(changed.map((l) => l.split(' ')[1]).sort(), ['refs/heads/main', 'refs/notes/ai-provenance']);
    assert.equal(a.tryRun(['config', '--get-all', 'remote.origin.push']).status, 1);
  });

  it('the notes push failing (the remote refuses notes) leaves the push result alone and is logged', async () => {
    fs.writeFileSync(
      path.join(origin, 'hooks', 'pre-receive'),
      '#!/bin/sh\nif grep -q " refs/notes/"; then echo "no notes here" >&2; exit 1; fi\nexit 0\n',
      { mode: 0o755 },
    );
    a.writeAi('ai.js', 'one();\n', [1]);
    const commit = a.commitHooked('ai commit');
    const pushed = a.tryRun(['push', '-q', 'origin', 'main']);
    assert.equal(pushed.status, 0, pushed.stderr);
    assert.equal(originRef(origin, 'refs/heads/main'), commit);
    await eventually('the failure to be logged', () =>
      /pre-push: could not push notes to origin \(the push itself is unaffected\)/.test(hookLog(a)) ? true : undefined,
    );
    assert.equal(originRef(origin, 'refs/notes/ai-provenance'), undefined);
  });

  it('an unreachable remote: the push fails exactly as without our hooks, and nothing hangs', async () => {
    a.run(['remote', 'set-url', 'origin', 'http://127.0.0.1:9/nowhere.git']);
    a.run(['commit', '-q', '--allow-empty', '-m', 'two']);
    const withHooks = a.tryRun(['push', '-q', 'origin', 'main']);
    await uninstallHooks(a.info);
    const without = a.tryRun(['push', '-q', 'origin', 'main']);
    assert.notEqual(without.status, 0);
    assert.equal(withHooks.status, without.status);
    // curl says how long the refused connection took ("after 0 ms"): the only part that may differ.
    const untimed = (text: string): string => text.replace(/after \d+ ms/g, 'after N ms');
    assert.equal(untimed(withHooks.stderr), untimed(without.stderr));
  });

  it("a failing original pre-push still aborts the push; it saw git's arguments and ref lines", async () => {
    const seen = path.join(dir, 'seen');
    await uninstallHooks(a.info);
    fs.writeFileSync(
      path.join(a.root, '.git', 'hooks', 'pre-push'),
      `#!/bin/sh\necho "$@" > '${seen}'\ncat >> '${seen}'\nexit 3\n`,
      { mode: 0o755 },
    );
    await installHooks(a.info, { cliPath: CLI_PATH });
    a.run(['commit', '-q', '--allow-empty', '-m', 'blocked']);
    const commit = a.run(['rev-parse', 'HEAD']);
    const before = originRef(origin, 'refs/heads/main');
    const pushed = a.tryRun(['push', '-q', 'origin', 'main']);
    assert.notEqual(pushed.status, 0);
    assert.equal(originRef(origin, 'refs/heads/main'), before);
    assert.match(
      fs.readFileSync(seen, 'utf8'),
      new RegExp(`^origin ${origin}\\nrefs/heads/main ${commit} refs/heads/main ${before}\\n$`),
    );
    assert.equal(hookLog(a), '', 'our part did not run');
  });
});

/**
 * The shell side of notes sharing: which reference-transaction and pre-push calls get past the builtin filters
 * (a stand-in `git` on PATH records every git the script starts), and the parsers of git's hook input.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOTES_SYNC_ENV, hookScript } from '../../../src/git/hooks/hookScripts';
import { fetchedRemoteNotes, pushesOnlyNotes } from '../../../src/git/rewrite/notesHooks';
import { makeTempDir } from '../helpers/tempRepo';

const A = '1'.repeat(40);
const B = '2'.repeat(40);
const ZERO = '0'.repeat(40);

describe('notes sharing in the hook scripts', () => {
  let dir: string;
  let calls: string;
  /** Runs hook `name` with a fake git that logs its arguments, prints `shared` for `config`, and fails otherwise. */
  const run = (
    name: 'reference-transaction' | 'pre-push',
    args: string[],
    input: string,
    env: Record<string, string> = {},
    shared = '',
  ) => {
    const hook = path.join(dir, name);
    fs.writeFileSync(hook, hookScript(name), { mode: 0o755 });
    fs.writeFileSync(calls, '');
    const r = spawnSync('/bin/sh', [hook, ...args], {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: { PATH: `${path.join(dir, 'bin')}:/usr/bin:/bin`, FAKE_SHARED: shared, ...env },
    });
    assert.equal(r.status, 0, r.stderr);
    return fs
      .readFileSync(calls, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(' ')[0]);
  };

  beforeEach(() => {
    dir = makeTempDir('aiprov-notes-hook-');
    calls = path.join(dir, 'calls');
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(
      path.join(dir, 'bin', 'git'),
      `#!/bin/sh\necho "$*" >> '${calls}'\n[ "$1" = config ] && printf '%s' "$FAKE_SHARED" && exit 0\nexit 1\n`,
      { mode: 0o755 },
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reference-transaction: only committed updates under refs/notes/remotes/ (or refs/stash) go on, not our own sync', () => {
    assert.deepEqual(
      run(
        'reference-transaction',
        ['committed'],
        `${A} ${B} refs/remotes/origin/main\n${A} ${B} refs/notes/ai-provenance\n`,
      ),
      [],
    );
    assert.deepEqual(
      run('reference-transaction', ['prepared'], `${ZERO} ${B} refs/notes/remotes/origin/ai-provenance\n`),
      [],
    );
    assert.deepEqual(
      run('reference-transaction', ['committed'], `${ZERO} ${B} refs/notes/remotes/origin/ai-provenance\n`),
      ['rev-parse'],
    );
    assert.deepEqual(
      run('reference-transaction', ['committed'], `${ZERO} ${B} refs/notes/remotes/origin/ai-provenance\n`, {
        [NOTES_SYNC_ENV]: '1',
      }),
      [],
    );
    assert.deepEqual(run('reference-transaction', ['committed'], `${A} ${B} refs/stash\n`, { [NOTES_SYNC_ENV]: '1' }), [
      'rev-parse',
    ]);
  });

  it('pre-push: nothing for URLs, our own pushes and remotes not shared; one config read before that', () => {
    const lines = `refs/heads/main ${B} refs/heads/main ${A}\n`;
    assert.deepEqual(run('pre-push', ['/srv/x.git', '/srv/x.git'], lines, {}, 'origin\n'), []);
    assert.deepEqual(run('pre-push', ['origin', '/srv/x.git'], lines, { [NOTES_SYNC_ENV]: '1' }, 'origin\n'), []);
    assert.deepEqual(run('pre-push', ['origin', '/srv/x.git'], lines, {}, 'origin2\nmy origin\n'), ['config']);
    assert.deepEqual(run('pre-push', ['origin', '/srv/x.git'], lines, {}, ''), ['config']);
    assert.deepEqual(run('pre-push', ['origin', '/srv/x.git'], lines, {}, 'upstream\norigin\n'), [
      'config',
      'rev-parse',
    ]);
  });

  it('pre-push: the chained hook gets the ref lines and its failure is the result', () => {
    fs.writeFileSync(
      path.join(dir, 'pre-push.pre-ai-provenance'),
      `#!/bin/sh\ncat > '${path.join(dir, 'stdin')}'\nexit 7\n`,
      { mode: 0o755 },
    );
    const hook = path.join(dir, 'pre-push');
    fs.writeFileSync(hook, hookScript('pre-push'), { mode: 0o755 });
    const lines = `refs/heads/main ${B} refs/heads/main ${A}\n`;
    const r = spawnSync('/bin/sh', [hook, 'origin', '/srv/x.git'], {
      cwd: dir,
      input: lines,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    });
    assert.equal(r.status, 7);
    assert.equal(fs.readFileSync(path.join(dir, 'stdin'), 'utf8'), lines);
  });
});

describe('hook input parsers for notes sharing', () => {
  it('fetchedRemoteNotes: remote copies of the shared refs that got a value', () => {
    const input = [
      `${ZERO} ${A} refs/notes/remotes/origin/ai-provenance`,
      `${A} ${B} refs/notes/remotes/origin/ai-provenance-signoff`,
      `${A} ${B} refs/notes/remotes/team/a/ai-provenance`,
      `${A} ${ZERO} refs/notes/remotes/gone/ai-provenance`,
      `${A} ${B} refs/notes/remotes/origin/ai-provenance-other`,
      `${A} ${B} refs/notes/remotes/../ai-provenance`,
      `${A} ${B} refs/notes/ai-provenance`,
      'garbage line',
    ].join('\n');
    assert.deepEqual(
      [...fetchedRemoteNotes(input)],
      [
        ['origin', ['refs/notes/ai-provenance', 'refs/notes/ai-provenance-signoff']],
        ['team/a', ['refs/notes/ai-provenance']],
      ],
    );
  });

  it('pushesOnlyNotes: every ref line is one of our notes refs', () => {
    assert.equal(
      pushesOnlyNotes(
        `refs/notes/ai-provenance ${A} refs/notes/ai-provenance ${B}\nrefs/notes/ai-provenance-signoff ${A} refs/notes/ai-provenance-signoff ${ZERO}\n`,
      ),
      true,
    );
    assert.equal(
      pushesOnlyNotes(
        `refs/notes/ai-provenance ${A} refs/notes/ai-provenance ${B}\nrefs/heads/main ${A} refs/heads/main ${B}\n`,
      ),
      false,
    );
    assert.equal(pushesOnlyNotes(''), false, 'an up-to-date push still carries notes that changed');
  });
});

/**
 * post-commit's node path writes the note without starting our own reference-transaction hook (a no-op for the notes
 * ref) when nothing of the user's is chained to it, and with it when something is (src/git/hooks/ownHooks.ts). What
 * git started is read from its own trace (GIT_TRACE2_EVENT): the hooks each `git notes` process ran.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHAINED_SUFFIX } from '../../../src/git/hooks/hookScripts';
import { installHooks } from '../../../src/git/hooks/install';
import { isOurHookAlone } from '../../../src/git/hooks/ownHooks';
import { findRepo } from '../../../src/git/repo';
import { makeTempDir } from '../helpers/tempRepo';
import { CLI_PATH, createHookedRepo, type HookRepo } from './helpers/hookRepo';

interface TraceEvent {
  readonly event: string;
  readonly sid: string;
  readonly name?: string;
  readonly hook_name?: string;
}

/** The hooks each `git notes` process of a hooked commit started (one list per process). */
function notesHookRuns(repo: HookRepo): string[][] {
  const trace = path.join(makeTempDir('aiprov-trace2-'), 'events');
  repo.writeAi('src/a.ts', 'export const a = 1;\nconst b = 2;\n', [1]);
  repo.commitHooked('AI work', { GIT_TRACE2_EVENT: trace });
  const events = fs
    .readFileSync(trace, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TraceEvent);
  const notes = events.filter((e) => e.event === 'cmd_name' && e.name === 'notes').map((e) => e.sid);
  assert.ok(notes.length > 0, 'no git notes process in the trace');
  return notes.map((sid) =>
    events.filter((e) => e.sid === sid && e.event === 'child_start' && e.hook_name).map((e) => e.hook_name!),
  );
}

describe('post-commit note write and our reference-transaction hook', () => {
  it('skips our own hook alone, and runs it when a hook of the user is chained behind it', async () => {
    const alone = await createHookedRepo();
    assert.deepEqual(notesHookRuns(alone), [[]]);
    assert.equal(alone.records().length, 1);

    const chained = await createHookedRepo({ install: false });
    const seen = path.join(makeTempDir('aiprov-refs-'), 'seen');
    fs.writeFileSync(
      path.join(chained.root, '.git', 'hooks', 'reference-transaction'),
      `#!/bin/sh\n[ "$1" = committed ] && cat >> '${seen}'\nexit 0\n`,
      { mode: 0o755 },
    );
    await installHooks((await findRepo(chained.root))!, { cliPath: CLI_PATH });
    assert.deepEqual(notesHookRuns(chained), [['reference-transaction', 'reference-transaction']]);
    assert.match(fs.readFileSync(seen, 'utf8'), / refs\/notes\/ai-provenance$/m);
    assert.equal(chained.records().length, 1);
  });

  it('counts a hook as ours alone only for our script with no runnable hook chained', async () => {
    const repo = await createHookedRepo();
    const hooks = path.join(repo.root, '.git', 'hooks');
    assert.equal(isOurHookAlone(hooks, 'reference-transaction'), true);
    const chained = path.join(hooks, `reference-transaction${CHAINED_SUFFIX}`);
    fs.writeFileSync(chained, '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    assert.equal(isOurHookAlone(hooks, 'reference-transaction'), true, 'git would not run a non-executable file');
    fs.chmodSync(chained, 0o755);
    assert.equal(isOurHookAlone(hooks, 'reference-transaction'), false);
    fs.rmSync(chained);
    fs.writeFileSync(path.join(hooks, 'reference-transaction'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    assert.equal(isOurHookAlone(hooks, 'reference-transaction'), false);
    fs.rmSync(path.join(hooks, 'reference-transaction'));
    assert.equal(isOurHookAlone(hooks, 'reference-transaction'), false);
  });
});

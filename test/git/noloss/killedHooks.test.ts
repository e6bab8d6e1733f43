/**
 * Issue 13, case 5: a commit whose hooks were killed (SIGKILL, a time limit) gets no note; its AI lines must never
 * show up in the next commit's note. The working state still holds spans over them, but they are unchanged from the
 * next commit's parent, so they were committed before.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../helpers/tempRepo';
import { createHookedRepo, type HookRepo } from '../commit/helpers/hookRepo';

/** A stand-in for node that kills itself: every provenance hook of the commit dies by SIGKILL. */
function killedNode(): string {
  const file = path.join(makeTempDir('aiprov-killed-'), 'node');
  fs.writeFileSync(file, '#!/bin/sh\nkill -9 $$\n', { mode: 0o755 });
  return file;
}

const FIRST = 'a();\nai1();\nb();\n';
const SECOND = 'a();\nai1();\nb();\nc();\nai2();\n';

describe('no loss: a commit whose hooks were killed lends no lines to the next (issue 13 case 5)', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  beforeEach(async () => {
    repo = await createHookedRepo();
  });
  afterEach(() => repo.cleanup());

  for (const [name, env] of [
    ['every hook killed by SIGKILL', () => ({ AI_PROVENANCE_NODE: killedNode() })],
    [
      'prepare-commit-msg stopped by its time limit',
      () => ({ AI_PROVENANCE_FAULT: 'hang:prepare-commit-msg', AI_PROVENANCE_HOOK_TIMEOUT_MS: '1500' }),
    ],
  ] as const) {
    it(`${name}: the next commit's note has only its own AI line (5), not line 2`, () => {
      repo.writeAi('a.js', FIRST, [2]);
      repo.commitHooked('killed', env());
      if (name.startsWith('every'))
        assert.equal(repo.noteLines().get('a.js'), undefined, 'the killed commit has no note');
      // The editor still holds its live spans (line 2) and adds an AI line 5, then the next commit.
      repo.writeAi('a.js', SECOND, [2, 5]);
      repo.commitHooked('next');
      assert.deepEqual(repo.noteLines().get('a.js'), [5]);
      assert.match(repo.logText(), /a\.js: 1 working-state AI line\(s\) are unchanged from the parent/);
      // The one after that: nothing left over at all.
      repo.write('a.js', SECOND + 'd();\n');
      repo.commitHooked('third');
      assert.equal(repo.noteLines().get('a.js'), undefined);
    });
  }

  it("an amend of the killed commit still takes its AI line (it is added relative to the amend's parent)", () => {
    repo.writeAi('a.js', FIRST, [2]);
    repo.commitHooked('killed', { AI_PROVENANCE_NODE: killedNode() });
    repo.run(['commit', '-q', '--amend', '-m', 'amended']);
    assert.deepEqual(repo.noteLines().get('a.js'), [2]);
  });

  it('reset, killed commit, commit, amend, reset, amend: the last amend takes line 2, which only the first reset-away note names', () => {
    repo.write('a.js', 'a();\nb();\n');
    repo.commitHooked('base');
    repo.writeAi('a.js', 'e_ai();\na();\nb();\n', [1]);
    repo.commitHooked('editor line');
    assert.deepEqual(repo.noteLines().get('a.js'), [1]);
    repo.run(['reset', '-q', '--soft', 'HEAD~1']);
    repo.commitHooked('killed', { AI_PROVENANCE_NODE: killedNode() });
    assert.equal(repo.noteLines().get('a.js'), undefined, 'the killed commit has no note');
    repo.writeAi('a.js', 'g_ai();\ne_ai();\na();\nb();\n', [1]);
    repo.commitHooked('agent line');
    assert.deepEqual(repo.noteLines().get('a.js'), [1]);
    repo.run(['commit', '-q', '--amend', '-m', 'agent line, amended']);
    assert.deepEqual(repo.noteLines().get('a.js'), [1]);
    // HEAD is the killed commit again; the amend rewrites it onto base, so line 2 is added once more.
    repo.run(['reset', '-q', '--soft', 'HEAD~1']);
    repo.run(['commit', '-q', '--amend', '-m', 'killed, amended']);
    assert.deepEqual(repo.noteLines().get('a.js'), [1, 2]);
  });
});

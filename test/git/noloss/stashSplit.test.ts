/**
 * Issue 13, case 4: `stash pop` onto a changed base, `stash drop`, and splitting a commit (`reset HEAD~1`, then two
 * partial commits). Exact line numbers before and after each step.
 */
import * as assert from 'node:assert/strict';
import { aiBlame } from '../../../src/git/blame/blame';
import { findRepo } from '../../../src/git/repo';
import { createHookedRepo, numbered, type HookRepo } from '../commit/helpers/hookRepo';

const BASE = numbered('human', 8);

function insertAt(text: string, afterLine: number, inserted: readonly string[]): string {
  const lines = text.split('\n');
  lines.splice(afterLine, 0, ...inserted);
  return lines.join('\n');
}

async function workingAiLines(repo: HookRepo, rel: string): Promise<number[]> {
  const result = await aiBlame((await findRepo(repo.root))!, rel);
  return result.lines.flatMap((l, i) => (l.authorship !== 'human' ? [i + 1] : []));
}

describe('no loss: stash onto a changed base, stash drop, split commits (issue 13 case 4)', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  beforeEach(async () => {
    repo = await createHookedRepo();
    repo.write('f.js', BASE);
    repo.commitHooked('base');
  });
  afterEach(() => repo.cleanup());

  it('stash pop onto a base that gained lines above: AI lines 4-5 become 6-7, in the working state and the note', async () => {
    repo.writeAi('f.js', insertAt(BASE, 3, ['ai(1);', 'ai(2);']), [4, 5]);
    assert.deepEqual(await workingAiLines(repo, 'f.js'), [4, 5]);
    repo.run(['stash', '-q']);
    repo.write('f.js', 'top(1);\ntop(2);\n' + BASE);
    repo.commitHooked('upstream change');
    repo.run(['stash', 'pop', '-q']);
    assert.deepEqual(await workingAiLines(repo, 'f.js'), [6, 7]);
    repo.commitHooked('after pop');
    assert.deepEqual(repo.noteLines().get('f.js'), [6, 7]);
  });

  it('stash drop: the AI text went with the stash, and the log says so', async () => {
    repo.writeAi('f.js', insertAt(BASE, 3, ['ai(1);']), [4]);
    repo.run(['stash', '-q']);
    repo.run(['stash', 'drop', '-q']);
    assert.match(
      repo.logText(),
      /dropped attribution: stash [0-9a-f]{12}: \d+ of \d+ AI character\(s\) of f\.js \(not in the work tree after the stash went/,
    );
    assert.deepEqual(await workingAiLines(repo, 'f.js'), []);
    repo.writeAi('f.js', insertAt(BASE, 5, ['later(1);']), [6]);
    repo.commitHooked('later');
    assert.deepEqual(repo.noteLines().get('f.js'), [6], 'nothing of the dropped stash comes back');
  });

  it('split a commit: reset HEAD~1, then two partial commits; each gets exactly its own AI lines', () => {
    repo.writeAi('a.js', 'a_ai();\na_h();\n', [1]);
    repo.writeAi('b.js', 'b_h();\nb_ai(1);\nb_ai(2);\n', [2, 3]);
    repo.commitHooked('both');
    assert.deepEqual([...repo.noteLines()].sort(), [
      ['a.js', [1]],
      ['b.js', [2, 3]],
    ]);
    repo.run(['reset', '-q', 'HEAD~1']);
    repo.run(['add', 'a.js']);
    repo.run(['commit', '-q', '-m', 'part a']);
    assert.deepEqual([...repo.noteLines()], [['a.js', [1]]]);
    repo.run(['add', 'b.js']);
    repo.run(['commit', '-q', '-m', 'part b']);
    assert.deepEqual([...repo.noteLines()], [['b.js', [2, 3]]]);
    assert.deepEqual(
      repo.aiLinesByBlame().map((l) => `${l.path}:${l.line}`),
      ['a.js:1', 'b.js:2', 'b.js:3'],
    );
  });

  it('split inside one file: the second part gets exactly its lines (11-12) after the first took lines 1-2', () => {
    const full = 'x1();\nx2();\n' + BASE + 'y1();\ny2();\n';
    repo.writeAi('f.js', full, [1, 2, 11, 12]);
    repo.commitHooked('all');
    repo.run(['reset', '-q', 'HEAD~1']);
    repo.write('f.js', 'x1();\nx2();\n' + BASE);
    repo.run(['add', 'f.js']);
    repo.run(['commit', '-q', '-m', 'first half']);
    assert.deepEqual(repo.noteLines().get('f.js'), [1, 2]);
    repo.write('f.js', full);
    repo.run(['add', 'f.js']);
    repo.run(['commit', '-q', '-m', 'second half']);
    assert.deepEqual(repo.noteLines().get('f.js'), [11, 12]);
  });
});

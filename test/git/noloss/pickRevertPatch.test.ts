/**
 * Issue 13, case 4 (the rest): `cherry-pick -n` / `--no-commit` then commit, `revert` / `revert -n` of a commit that
 * deleted AI lines, and `checkout -p` / `restore -p` / `restore -p --staged` over uncommitted AI text (the prompt driven
 * by answers on stdin). Exact line numbers before and after each step.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aiBlame } from '../../../src/git/blame/blame';
import { findRepo } from '../../../src/git/repo';
import { saveTextSnapshot } from '../../../src/git/textSnapshots';
import { contentHash } from '../../../src/core/hash';
import { createHookedRepo, numbered, type HookRepo } from '../commit/helpers/hookRepo';

const BASE = numbered('human', 12);

function insertAt(text: string, afterLine: number, inserted: readonly string[]): string {
  const lines = text.split('\n');
  lines.splice(afterLine, 0, ...inserted);
  return lines.join('\n');
}

async function workingAiLines(repo: HookRepo, rel: string): Promise<number[]> {
  const result = await aiBlame((await findRepo(repo.root))!, rel);
  return result.lines.flatMap((l, i) => (l.authorship !== 'human' ? [i + 1] : []));
}

describe('no loss: cherry-pick -n, revert -n, checkout -p / restore -p (issue 13 case 4)', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  beforeEach(async () => {
    repo = await createHookedRepo();
    repo.write('f.js', BASE);
    repo.commitHooked('base');
  });
  afterEach(() => repo.cleanup());

  /** A side branch whose one commit adds AI lines 4-5 to f.js; main gains two human lines on top meanwhile. */
  function sideWithAi(): string {
    repo.run(['checkout', '-q', '-b', 'side']);
    repo.writeAi('f.js', insertAt(BASE, 3, ['ai(1);', 'ai(2);']), [4, 5]);
    const picked = repo.commitHooked('side: ai lines');
    assert.deepEqual(repo.noteLines().get('f.js'), [4, 5]);
    repo.run(['checkout', '-q', '-']);
    repo.write('f.js', 'top(1);\ntop(2);\n' + BASE);
    repo.commitHooked('main: two lines on top');
    return picked;
  }

  for (const flag of ['-n', '--no-commit']) {
    it(`cherry-pick ${flag} then commit: the picked AI lines 4-5 are 6-7 in the new commit's note`, () => {
      const picked = sideWithAi();
      repo.run(['cherry-pick', flag, picked]);
      repo.run(['commit', '-q', '-m', 'picked by hand']);
      assert.deepEqual(repo.noteLines().get('f.js'), [6, 7]);
      assert.deepEqual(
        repo.aiLinesByBlame().map((l) => l.line),
        [6, 7],
      );
    });
  }

  it('cherry-pick -n -x then commit (the message names the pick): lines 6-7', () => {
    const picked = sideWithAi();
    repo.run(['cherry-pick', '-n', '-x', picked]);
    repo.run(['commit', '-q', '--no-edit']);
    assert.deepEqual(repo.noteLines().get('f.js'), [6, 7]);
  });

  it('cherry-pick -n, edit, commit with another message: the picked lines still found by content (6-7)', () => {
    const picked = sideWithAi();
    repo.run(['cherry-pick', '-n', picked]);
    fs.appendFileSync(path.join(repo.root, 'f.js'), 'tail();\n');
    repo.run(['add', 'f.js']);
    repo.run(['commit', '-q', '-m', 'something else entirely']);
    assert.deepEqual(repo.noteLines().get('f.js'), [6, 7]);
  });

  for (const noCommit of [false, true]) {
    it(`revert${noCommit ? ' -n then commit' : ''} of a commit that deleted AI lines 4-5: they come back as AI (4-5)`, () => {
      repo.writeAi('f.js', insertAt(BASE, 3, ['ai(1);', 'ai(2);']), [4, 5]);
      repo.commitHooked('ai lines');
      repo.write('f.js', BASE);
      const deleting = repo.commitHooked('delete them');
      if (noCommit) {
        repo.run(['revert', '-n', deleting]);
        repo.run(['commit', '-q', '-m', 'bring them back']);
      } else repo.run(['revert', '--no-edit', deleting]);
      assert.deepEqual(repo.noteLines().get('f.js'), [4, 5]);
      assert.deepEqual(
        repo.aiLinesByBlame().map((l) => l.line),
        [4, 5],
      );
    });
  }

  it('revert -n of the commit that added AI lines: nothing AI left, nothing carried', () => {
    repo.writeAi('f.js', insertAt(BASE, 3, ['ai(1);', 'ai(2);']), [4, 5]);
    const adding = repo.commitHooked('ai lines');
    repo.write('g.js', 'other();\n');
    repo.commitHooked('other');
    repo.run(['revert', '-n', adding]);
    repo.run(['commit', '-q', '-m', 'revert']);
    assert.equal(repo.noteLines().get('f.js'), undefined);
    assert.deepEqual(repo.aiLinesByBlame(), []);
  });

  /** Two uncommitted AI hunks far apart: lines 2-3 and 13-14 of 16, with the text snapshot the editor keeps. */
  async function twoHunks(): Promise<void> {
    const text = insertAt(insertAt(BASE, 10, ['far(1);', 'far(2);']), 1, ['near(1);', 'near(2);']);
    repo.writeAi('f.js', text, [2, 3, 13, 14]);
    await saveTextSnapshot(path.join(repo.root, '.git', 'ai-provenance'), contentHash(text), text);
  }

  for (const command of [
    ['checkout', '-p', '--', 'f.js'],
    ['restore', '-p', '--', 'f.js'],
  ]) {
    it(`${command.slice(0, 2).join(' ')}: discard the first AI hunk, keep the second (13-14 become 11-12); the log says what went`, async () => {
      await twoHunks();
      assert.deepEqual(await workingAiLines(repo, 'f.js'), [2, 3, 13, 14]);
      repo.run(command, {}, 'y\nn\n');
      assert.deepEqual(await workingAiLines(repo, 'f.js'), [11, 12]);
      repo.commitHooked('kept the far hunk');
      assert.deepEqual(repo.noteLines().get('f.js'), [11, 12]);
      assert.match(
        repo.logText(),
        /dropped attribution: post-commit: 16 AI character\(s\) of f\.js \(no longer in the work tree/,
      );
    });
  }

  it('restore -p --staged (unstage one hunk): the commit gets 2-3, the next one 13-14', async () => {
    await twoHunks();
    repo.run(['add', 'f.js']);
    repo.run(['restore', '-p', '--staged', '--', 'f.js'], {}, 'n\ny\n');
    repo.run(['commit', '-q', '-m', 'near only']);
    assert.deepEqual(repo.noteLines().get('f.js'), [2, 3]);
    // Lines 2-3 through the note, 13-14 from the working state (still unstaged).
    assert.deepEqual(await workingAiLines(repo, 'f.js'), [2, 3, 13, 14]);
    repo.commitHooked('far');
    assert.deepEqual(repo.noteLines().get('f.js'), [13, 14]);
  });
});

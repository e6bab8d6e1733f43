/**
 * Line attribution through `git rebase -i` (reorder, squash, fixup, edit, drop), with the hooks installed for
 * real. Each scenario compares the AI lines of the tip before and after, read back through the notes by blame.
 */
import * as assert from 'node:assert/strict';
import { createHookedRepo, lines, numbered, type HookRepo } from '../commit/helpers/hookRepo';
import { assertNormalizedNotes, assertSameAiLines, rebaseWith, texts } from './helpers';

const BASE = numbered('human', 20);

/** base (20 human lines in f.js) <- A (3 AI lines after line 15) <- B (4 AI lines after line 5). */
async function twoAiCommits(): Promise<{ repo: HookRepo; base: string; a: string; b: string }> {
  const repo = await createHookedRepo();
  repo.write('f.js', BASE);
  const base = repo.commitAll('base');
  const baseLines = BASE.split('\n').slice(0, 20);
  const withA = [...baseLines.slice(0, 15), 'const a1 = 1;', 'const a2 = 2;', 'const a3 = 3;', ...baseLines.slice(15)];
  repo.writeAi('f.js', withA.join('\n') + '\n', lines(16, 18));
  const a = repo.commitHooked('A');
  const withB = [
    ...withA.slice(0, 5),
    'const b1 = 1;',
    'const b2 = 2;',
    'const b3 = 3;',
    'const b4 = 4;',
    ...withA.slice(5),
  ];
  repo.writeAi('f.js', withB.join('\n') + '\n', lines(6, 9));
  const b = repo.commitHooked('B');
  return { repo, base, a, b };
}

describe('rewrite: rebase -i', function () {
  this.timeout(60_000);
  let repo: HookRepo | undefined;
  afterEach(() => repo?.cleanup());

  it('writes notes per commit at their own revision', async () => {
    const s = await twoAiCommits();
    repo = s.repo;
    assert.deepEqual(repo.noteLines(s.a).get('f.js'), lines(16, 18));
    assert.deepEqual(repo.noteLines(s.b).get('f.js'), lines(6, 9));
    assert.deepEqual(texts(repo.aiLinesByBlame()), [
      'f.js: const b1 = 1;',
      'f.js: const b2 = 2;',
      'f.js: const b3 = 3;',
      'f.js: const b4 = 4;',
      'f.js: const a1 = 1;',
      'f.js: const a2 = 2;',
      'f.js: const a3 = 3;',
    ]);
  });

  it('reorder: line numbers are recomputed for the moved commit', async () => {
    const s = await twoAiCommits();
    repo = s.repo;
    const before = repo.aiLinesByBlame();
    rebaseWith(repo, s.base, [`pick ${s.b}`, `pick ${s.a}`]);
    assertSameAiLines(repo.aiLinesByBlame(), before);
    // A now comes after B, so its lines sit 4 lower at its own revision.
    assert.deepEqual(repo.noteLines('HEAD').get('f.js'), lines(20, 22));
    assert.deepEqual(repo.noteLines('HEAD~1').get('f.js'), lines(6, 9));
    assertNormalizedNotes(repo, `${s.base}..HEAD`);
  });

  it("squash: one record with both commits' lines", async () => {
    const s = await twoAiCommits();
    repo = s.repo;
    const before = repo.aiLinesByBlame();
    rebaseWith(repo, s.base, [`pick ${s.a}`, `squash ${s.b}`], { GIT_EDITOR: 'true' });
    assert.equal(repo.run(['rev-list', '--count', `${s.base}..HEAD`]), '1');
    assertSameAiLines(repo.aiLinesByBlame(), before);
    assert.deepEqual(repo.noteLines().get('f.js'), [...lines(6, 9), ...lines(20, 22)]);
    assertNormalizedNotes(repo, `${s.base}..HEAD`);
  });

  it('fixup: a human edit of an AI line in the fixup stays human, the rest stays AI', async () => {
    const s = await twoAiCommits();
    repo = s.repo;
    const current = repo.run(['show', 'HEAD:f.js']).split('\n');
    current[6] = 'const b2 = 22; // fixed by hand'; // line 7 (b2)
    repo.write('f.js', current.join('\n') + '\n');
    repo.commitHooked('fixup! B');
    const before = repo.aiLinesByBlame();
    assert.ok(!texts(before).includes('f.js: const b2 = 22; // fixed by hand'));
    rebaseWith(repo, s.base, [`pick ${s.a}`, `pick ${s.b}`, `fixup ${repo.run(['rev-parse', 'HEAD'])}`]);
    assert.equal(repo.run(['rev-list', '--count', `${s.base}..HEAD`]), '2');
    assertSameAiLines(repo.aiLinesByBlame(), before);
    assert.deepEqual(repo.noteLines().get('f.js'), [6, 8, 9]);
    assertNormalizedNotes(repo, `${s.base}..HEAD`);
  });

  it('drop: the dropped commit leaves no record and the others shift', async () => {
    const s = await twoAiCommits();
    repo = s.repo;
    const before = repo.aiLinesByBlame();
    rebaseWith(repo, s.base, [`pick ${s.a}`]);
    const after = repo.aiLinesByBlame();
    assert.deepEqual(
      texts(after),
      texts(before).filter((t) => t.includes('const a')),
    );
    assert.deepEqual(
      after.map((l) => l.line),
      [16, 17, 18],
    );
    assertNormalizedNotes(repo, `${s.base}..HEAD`);
  });

  it('edit: AI work amended at the stop joins the carried attribution', async () => {
    const s = await twoAiCommits();
    repo = s.repo;
    const before = repo.aiLinesByBlame();
    rebaseWith(repo, s.base, [`edit ${s.a}`, `pick ${s.b}`]);
    // Stopped at A: the agent appends two lines.
    const atA = repo.run(['show', 'HEAD:f.js']) + '\n';
    repo.writeAi('f.js', atA + 'const e1 = 1;\nconst e2 = 2;\n', [24, 25]);
    repo.run(['add', '-A']);
    repo.run(['commit', '-q', '--amend', '--no-edit']);
    repo.run(['rebase', '--continue']);
    const after = repo.aiLinesByBlame();
    assert.deepEqual(texts(after), [...texts(before), 'f.js: const e1 = 1;', 'f.js: const e2 = 2;']);
    assert.deepEqual(repo.noteLines('HEAD~1').get('f.js'), [...lines(16, 18), 24, 25]);
    assertNormalizedNotes(repo, `${s.base}..HEAD`);
  });
});

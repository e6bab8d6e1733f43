/**
 * Line attribution through amend, pull --rebase, cherry-pick, stash / stash pop, merge --squash, reset --soft and
 * renames, with the hooks installed for real; AI lines are read back through the notes (by blame).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { contentHash } from '../../../src/core/hash';
import { serializeFileRecord } from '../../../src/core/state/fileRecord';
import { initRepoAt, makeTempDir } from '../helpers/tempRepo';
import { CLI_PATH, COPILOT, createHookedRepo, extendRepo, numbered, type HookRepo } from '../commit/helpers/hookRepo';
import { installHooks } from '../../../src/git/hooks/install';
import { findRepo } from '../../../src/git/repo';
import { aiBlame } from '../../../src/git/blame/blame';
import { assertNormalizedNotes, assertSameAiLines, texts } from './helpers';

const BASE = numbered('human', 12);

async function repoWithBase(): Promise<{ repo: HookRepo; base: string }> {
  const repo = await createHookedRepo();
  repo.write('f.js', BASE);
  return { repo, base: repo.commitAll('base') };
}

function insertAt(text: string, afterLine: number, inserted: readonly string[]): string {
  const l = text.split('\n');
  l.splice(afterLine, 0, ...inserted);
  return l.join('\n');
}

describe('rewrite: amend, pull --rebase, cherry-pick, stash, squash merge, reset, renames', function () {
  this.timeout(60_000);
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('amend: human lines added above move the AI lines; the summary is updated, not duplicated', async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    repo.writeAi('f.js', insertAt(BASE, 6, ['ai(1);', 'ai(2);']), [7, 8]);
    repo.commitHooked('add ai');
    const before = repo.aiLinesByBlame();
    repo.write('f.js', insertAt(insertAt(BASE, 6, ['ai(1);', 'ai(2);']), 0, ['// header']));
    repo.run(['add', '-A']);
    repo.run(['commit', '-q', '--amend', '-m', repo.message()]);
    const after = repo.aiLinesByBlame();
    assert.deepEqual(texts(after), texts(before));
    assert.deepEqual(
      after.map((l) => l.line),
      [8, 9],
    );
    const message = repo.message();
    assert.equal(message.match(/^AI-Assisted:/gm)?.length, 1);
    assert.match(message, /^AI-Assisted: 67% of added lines \(2\/3; agent 2\)$/m);
    assert.equal(message.match(/^Assisted-by:/gm)?.length, 1);
    assertNormalizedNotes(repo, 'HEAD~1..HEAD');
  });

  it('pull --rebase: local AI lines follow upstream changes above them', async () => {
    const upstream = initRepoAt(path.join(makeTempDir('aiprov-up-'), 'up.git'));
    cleanups.push(upstream.cleanup);
    upstream.git(['config', 'receive.denyCurrentBranch', 'ignore']);
    upstream.write('f.js', BASE);
    upstream.commitAll('base');
    const local = extendRepo(initRepoAt(makeTempDir('aiprov-local-')));
    cleanups.push(local.cleanup);
    local.run(['remote', 'add', 'origin', upstream.root]);
    local.run(['fetch', '-q', 'origin']);
    local.run(['reset', '-q', '--hard', 'origin/main']);
    local.run(['branch', '-q', '--set-upstream-to=origin/main']);
    const info = await findRepo(local.root);
    await installHooks(info!, { cliPath: CLI_PATH });
    local.writeAi('f.js', insertAt(BASE, 8, ['mine(1);', 'mine(2);', 'mine(3);']), [9, 10, 11]);
    local.commitHooked('local ai');
    const before = local.aiLinesByBlame();
    // Someone else adds lines at the top upstream.
    upstream.write('f.js', insertAt(BASE, 0, ['// license', '// more']));
    upstream.commitAll('upstream');
    local.run(['pull', '-q', '--rebase']);
    const after = local.aiLinesByBlame();
    assert.deepEqual(texts(after), texts(before));
    assert.deepEqual(
      after.map((l) => l.line),
      [11, 12, 13],
    );
    assertNormalizedNotes(local, 'HEAD~1..HEAD');
  });

  it('cherry-pick: the pick gets a note remapped to its own content', async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    repo.run(['checkout', '-q', '-b', 'feature']);
    repo.writeAi('g.js', 'export const x = 1;\nexport const y = 2;\n', [1, 2], COPILOT);
    repo.commitHooked('feature g');
    repo.writeAi('f.js', insertAt(BASE, 10, ['picked(1);', 'picked(2);']), [11, 12]);
    const pickMe = repo.commitHooked('feature f');
    const before = repo.aiLinesByBlame().filter((l) => l.path === 'f.js');
    repo.run(['checkout', '-q', 'main']);
    repo.write('f.js', insertAt(BASE, 0, ['// main only', '// main only 2', '// main only 3']));
    repo.commitAll('main diverges');
    repo.run(['cherry-pick', pickMe]);
    const after = repo.aiLinesByBlame();
    assert.deepEqual(texts(after), texts(before));
    assert.deepEqual(
      after.map((l) => l.line),
      [14, 15],
    );
    assert.deepEqual([...repo.noteLines().keys()], ['f.js']);
    assertNormalizedNotes(repo, 'HEAD~1..HEAD');
  });

  it('stash / stash pop: working-state spans survive even when the record is rewritten meanwhile', async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    const text = insertAt(BASE, 3, ['stashed(1);', 'stashed(2);']);
    repo.writeAi('f.js', text, [4, 5]);
    repo.run(['stash', '-q']);
    assert.equal(fs.readFileSync(path.join(repo.root, 'f.js'), 'utf8'), BASE);
    // What an editor watching the file does: record the reverted text, with no AI in it.
    const store = WorkingStateStore.at(path.join(repo.root, '.git', 'ai-provenance'));
    fs.writeFileSync(
      store.recordFile('f.js'),
      serializeFileRecord({
        version: 1,
        path: 'f.js',
        contentHash: contentHash(BASE),
        length: BASE.length,
        origins: [],
        spans: [],
        updated: Date.now(),
      }),
    );
    repo.run(['stash', 'pop', '-q']);
    const record = await store.read('f.js');
    assert.equal(record?.contentHash, contentHash(text));
    assert.equal(record?.spans.length, 2);
    repo.commitHooked('after pop');
    assert.deepEqual(repo.noteLines().get('f.js'), [4, 5]);
    assert.match(repo.message(), /^AI-Assisted: 100% of added lines \(2\/2; agent 2\)$/m);
  });

  it('stash, a commit on the base, pop: the spans carried onto the popped text survive a later outside edit', async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    const info = await findRepo(repo.root);
    const aiLines = async () =>
      (await aiBlame(info!, 'f.js')).lines.flatMap((l, i) => (l.authorship !== 'human' ? [i + 1] : []));
    repo.writeAi('f.js', insertAt(BASE, 3, ['stashed(1);']), [4]);
    repo.run(['stash', '-q']);
    repo.write('f.js', insertAt(BASE, 0, ['// upstream']));
    repo.commitHooked('upstream');
    repo.run(['stash', 'pop', '-q']);
    // The pop put the text back one line lower; the restored record describes the popped text.
    assert.deepEqual(await aiLines(), [5]);
    // An outside edit (a formatter, `echo >>`): blame and the next commit carry the spans through the kept text.
    const popped = fs.readFileSync(path.join(repo.root, 'f.js'), 'utf8');
    repo.write('f.js', insertAt(popped, 6, ['human(after);']));
    assert.deepEqual(await aiLines(), [5]);
    repo.commitHooked('after pop');
    assert.deepEqual(repo.noteLines().get('f.js'), [5]);
  });

  it('stash apply (no ref change): the parked spans are used by the next commit', async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    const text = insertAt(BASE, 3, ['applied(1);']);
    repo.writeAi('f.js', text, [4]);
    repo.run(['stash', '-q']);
    const store = WorkingStateStore.at(path.join(repo.root, '.git', 'ai-provenance'));
    await store.delete('f.js');
    repo.run(['stash', 'apply', '-q']);
    repo.commitHooked('after apply');
    assert.deepEqual(repo.noteLines().get('f.js'), [4]);
  });

  it("merge --squash: the squash commit carries every squashed commit's lines", async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    repo.run(['checkout', '-q', '-b', 'feature']);
    repo.writeAi('f.js', insertAt(BASE, 2, ['one(1);']), [3]);
    repo.commitHooked('f1');
    repo.writeAi('h.js', 'h();\nhuman();\n', [1], COPILOT);
    repo.commitHooked('f2');
    const before = repo.aiLinesByBlame();
    repo.run(['checkout', '-q', 'main']);
    repo.run(['merge', '-q', '--squash', 'feature']);
    repo.run(['commit', '-q', '-m', 'squashed feature']);
    assertSameAiLines(repo.aiLinesByBlame(), before);
    assert.deepEqual([...repo.noteLines()].sort(), [
      ['f.js', [3]],
      ['h.js', [1]],
    ]);
    assert.match(repo.message(), /^AI-Assisted: 67% of added lines \(2\/3; inline 1, agent 1\)$/m);
    assertNormalizedNotes(repo, 'HEAD~1..HEAD');
  });

  it("reset --soft then recommit: the new commit carries the reset commits' lines", async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    repo.writeAi('f.js', insertAt(BASE, 2, ['r1();']), [3]);
    repo.commitHooked('r1');
    repo.writeAi('f.js', insertAt(insertAt(BASE, 2, ['r1();']), 9, ['r2();', 'r3();']), [10, 11]);
    repo.commitHooked('r2');
    const before = repo.aiLinesByBlame();
    repo.run(['reset', '-q', '--soft', 'HEAD~2']);
    repo.run(['commit', '-q', '-m', 'recommitted']);
    assertSameAiLines(repo.aiLinesByBlame(), before);
    assert.deepEqual(repo.noteLines().get('f.js'), [3, 10, 11]);
    assertNormalizedNotes(repo, 'HEAD~1..HEAD');
  });

  it('git mv with edits: committed AI lines follow the rename; uncommitted ones move with the staged rename', async () => {
    const { repo } = await repoWithBase();
    cleanups.push(repo.cleanup);
    repo.writeAi('a.js', 'alpha();\nbeta();\nhuman();\n', [1, 2]);
    repo.commitHooked('a');
    const before = repo.aiLinesByBlame();
    repo.run(['mv', 'a.js', 'b.js']);
    repo.write('b.js', '// moved\n' + fs.readFileSync(path.join(repo.root, 'b.js'), 'utf8'));
    repo.commitHooked('rename with edit');
    const after = repo.aiLinesByBlame();
    assert.deepEqual(
      after.map((l) => l.text),
      before.map((l) => l.text),
    );
    assert.deepEqual(
      after.map((l) => `${l.path}:${l.line}`),
      ['b.js:2', 'b.js:3'],
    );
    // Uncommitted AI text renamed before its first commit: the record under the old path is used.
    const cText = 'gamma();\ndelta();\n';
    repo.writeAi('c.js', cText, [2]);
    repo.run(['add', 'c.js']);
    repo.commitHooked('c');
    repo.writeAi('c.js', cText + 'epsilon();\n', [3]);
    repo.run(['mv', 'c.js', 'd.js']);
    repo.commitHooked('rename c');
    assert.deepEqual(repo.noteLines().get('d.js'), [3]);
    assert.deepEqual(texts(repo.aiLinesByBlame().filter((l) => l.path === 'd.js')), [
      'd.js: delta();',
      'd.js: epsilon();',
    ]);
  });
});

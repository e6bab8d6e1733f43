import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../../src/core/hash';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { piecesOfKind, readRecord, runCli } from './helpers/hookHarness';

describe('session start / stop / status (agents without hooks)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo();
    repo.write('src/app.py', 'def main():\n    pass\n');
    repo.write('src/util.py', 'X = 1\n');
    repo.commitAll('initial');
  });
  afterEach(() => repo.cleanup());

  const session = (...args: string[]) => runCli(['session', ...args], { cwd: repo.root });

  it('attributes what changed on disk since start, committed changes included, to the named agent', async () => {
    repo.write('src/util.py', 'X = 1\nY = 2\n'); // the human's uncommitted work before the session
    const start = await session('start', '--agent', 'aider', '--model', 'openai/gpt-5');
    assert.equal(start.code, 0, start.err);
    assert.match(start.out, /started for aider \(openai\/gpt-5\): 1 changed file\(s\) snapshotted/);
    assert.match((await session('status')).out, /aider \(openai\/gpt-5\) since/);

    // What Aider did: edit util.py further, change app.py and commit it (Aider auto-commits), create a file.
    repo.write('src/util.py', 'X = 1\nY = 2\nZ = 3\n');
    repo.write('src/app.py', 'def main():\n    print("hi")\n');
    repo.git(['add', 'src/app.py']);
    repo.git(['commit', '-q', '-m', 'aider: print']);
    repo.write('src/new.py', 'import os\n');

    const stop = await session('stop');
    assert.equal(stop.code, 0, stop.err);
    assert.match(stop.out, /attributed to aider/);
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/util.py'), 'X = 1\nY = 2\nZ = 3\n', 'agent'), [
      'Z = 3\n',
    ]);
    assert.deepEqual(
      piecesOfKind(await readRecord(repo.root, 'src/app.py'), 'def main():\n    print("hi")\n', 'agent'),
      ['    print("hi")\n'],
    );
    const created = await readRecord(repo.root, 'src/new.py');
    assert.deepEqual(created?.spans, [[0, 10, 0]]);
    assert.equal(created?.origins[0].tool, 'aider');
    assert.equal(created?.origins[0].model, 'openai/gpt-5');
    assert.match(created?.origins[0].session ?? '', /^s-/);
    assert.equal((await session('status')).out, 'no active session\n');
  });

  it("a file the editor recorded during the session keeps the editor's attribution", async () => {
    await session('start', '--agent', 'aider');
    // The user types in VS Code; the extension records the file's new text (one inline completion in it).
    const typed = 'def main():\n    return 42\n';
    repo.write('src/app.py', typed);
    const store = await WorkingStateStore.open(repo.root);
    const at = typed.indexOf('42');
    await store.write({
      version: 1,
      path: 'src/app.py',
      contentHash: contentHash(typed),
      length: typed.length,
      origins: [{ kind: 'inline', tool: 'GitHub Copilot', time: Date.now() }],
      spans: [[at, at + 2, 0]],
      updated: Date.now() + 1,
    });
    // Meanwhile the agent writes util.py.
    repo.write('src/util.py', 'X = 2\n');
    const stop = await session('stop');
    assert.match(stop.out, /kept\s+src\/app\.py/);
    const app = await readRecord(repo.root, 'src/app.py');
    assert.deepEqual(piecesOfKind(app, typed, 'agent'), []);
    assert.deepEqual(piecesOfKind(app, typed, 'inline'), ['42']);
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/util.py'), 'X = 2\n', 'agent'), ['X = 2\n']);
  });

  it('refuses a second start and a stop without a session; validates arguments', async () => {
    assert.equal((await session('start', '--agent', 'aider')).code, 0);
    const second = await session('start', '--agent', 'other');
    assert.equal(second.code, 1);
    assert.match(second.err, /already active/);
    assert.equal((await session('stop')).code, 0);
    const none = await session('stop');
    assert.equal(none.code, 1);
    assert.match(none.err, /no active session/);
    assert.equal((await session('start')).code, 2);
    assert.equal((await session('start', '--agent', 'bad\u0007name')).code, 1);
    assert.equal((await session('status', '--agent', 'x')).code, 2);
    assert.equal(fs.existsSync(path.join(repo.root, '.git', 'ai-provenance', 'agent-session.json')), false);
  });
});

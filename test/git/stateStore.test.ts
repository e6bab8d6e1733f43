import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeFileRecord } from '../../src/core/state/fileRecord';
import { WorkingStateStore } from '../../src/git/stateStore';
import { agentOrigin, makeRecord } from './helpers/records';
import { TempRepo, createTempRepo, initRepoAt, makeTempDir } from './helpers/tempRepo';

const TEXT = 'const answer = 42;\nexport default answer;\n';

describe('working-state store: location', () => {
  let repo: TempRepo;
  let worktreeParent: string;
  before(() => {
    repo = createTempRepo({ commit: true });
    worktreeParent = makeTempDir('aiprov-wt-');
    repo.git(['worktree', 'add', '--quiet', '-b', 'side', path.join(worktreeParent, 'wt')]);
  });
  after(() => {
    repo.cleanup();
    fs.rmSync(worktreeParent, { recursive: true, force: true });
  });

  it('lives in the git dir, never the work tree, and each worktree and nested repo has its own', async () => {
    const nested = initRepoAt(path.join(repo.root, 'nested'));
    const main = await WorkingStateStore.open(path.join(repo.root, 'README.md'));
    const wt = await WorkingStateStore.open(path.join(worktreeParent, 'wt'));
    const inner = await WorkingStateStore.open(nested.root);
    assert.equal(main.stateDir, path.join(repo.root, '.git', 'ai-provenance'));
    assert.equal(wt.stateDir, path.join(repo.root, '.git', 'worktrees', 'wt', 'ai-provenance'));
    assert.equal(inner.stateDir, path.join(nested.root, '.git', 'ai-provenance'));
    assert.equal(main.repo?.root, repo.root);

    const record = makeRecord('README.md', TEXT, [agentOrigin('s')], [[0, 5, 0]]);
    await main.write(record);
    assert.equal(await wt.read('README.md'), undefined);
    assert.equal(await inner.read('README.md'), undefined);
    assert.equal(
      repo.git(['status', '--porcelain', '--ignored']),
      '?? nested/',
      'nothing but the nested repo appears in the work tree',
    );
  });

  it('refuses to open outside a repository', async () => {
    const outside = makeTempDir('aiprov-outside-');
    try {
      await assert.rejects(WorkingStateStore.open(outside), /not inside a git work tree/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('working-state store: records', () => {
  let dir: string;
  let store: WorkingStateStore;
  beforeEach(() => {
    dir = makeTempDir('aiprov-state-');
    store = WorkingStateStore.at(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = () => fs.readdirSync(store.filesDir).sort();

  it('reads nothing before the first write (and creates no directories)', async () => {
    assert.equal(await store.read('src/a.ts'), undefined);
    assert.deepEqual(await store.list(), []);
    assert.equal(fs.existsSync(store.filesDir), false);
  });

  it('writes atomically and reads back the same record, leaving no temp or lock files', async () => {
    const record = makeRecord(
      'src/a.ts',
      TEXT,
      [agentOrigin('s1')],
      [
        [0, 5, 0],
        [10, 12, 0],
      ],
    );
    const stored = await store.write(record);
    assert.deepEqual(stored, record);
    assert.deepEqual(await store.read('src/a.ts'), record);
    assert.deepEqual(files(), [path.basename(store.recordFile('src/a.ts'))]);
    assert.match(files()[0], /^[0-9a-f]{64}\.json$/);
    assert.equal(fs.readFileSync(store.recordFile('src/a.ts'), 'utf8'), serializeFileRecord(record));
  });

  it('merges with the stored record by default and replaces in replace mode', async () => {
    const o1 = agentOrigin('one');
    const o2 = agentOrigin('two');
    await store.write(makeRecord('a.ts', TEXT, [o1], [[0, 5, 0]], 100));
    const merged = await store.write(makeRecord('a.ts', TEXT, [o2], [[8, 10, 0]], 200));
    assert.deepEqual(merged.spans, [
      [0, 5, 0],
      [8, 10, 1],
    ]);
    assert.deepEqual(merged.origins, [o1, o2]);
    assert.deepEqual(await store.read('a.ts'), merged);

    const replaced = await store.write(makeRecord('a.ts', TEXT, [o2], [[8, 10, 0]], 300), { mode: 'replace' });
    assert.deepEqual((await store.read('a.ts'))?.spans, [[8, 10, 0]]);
    assert.deepEqual(await store.read('a.ts'), replaced);
  });

  it('keeps a settled record against a replace computed before it (committed spans stay committed)', async () => {
    const o = agentOrigin('one');
    // The editor captured its spans at 100; post-commit settled the file at 200, keeping only [8, 10).
    await store.write({ ...makeRecord('a.ts', TEXT, [o], [[8, 10, 0]], 200), settled: true }, { mode: 'replace' });
    const kept = await store.write(
      makeRecord(
        'a.ts',
        TEXT,
        [o],
        [
          [0, 5, 0],
          [8, 10, 0],
        ],
        100,
      ),
      { mode: 'replace' },
    );
    assert.deepEqual(kept.spans, [[8, 10, 0]]);
    assert.equal(kept.settled, true);
    // A later editor write (it has adopted the settled record) replaces it as usual.
    const later = await store.write(makeRecord('a.ts', TEXT, [o], [[8, 12, 0]], 300), { mode: 'replace' });
    assert.deepEqual((await store.read('a.ts'))?.spans, [[8, 12, 0]]);
    assert.equal(later.settled, undefined);
  });

  it('keeps writing after its folder was removed behind its back', async () => {
    await store.write(makeRecord('a.ts', TEXT, [agentOrigin('one')], [[0, 5, 0]]));
    fs.rmSync(dir, { recursive: true, force: true });
    const again = makeRecord('b.ts', TEXT, [agentOrigin('two')], [[1, 3, 0]]);
    assert.deepEqual(await store.write(again), again);
    assert.deepEqual(await store.read('b.ts'), again);
  });

  it('lets newer text win over older text', async () => {
    await store.write(makeRecord('a.ts', TEXT, [agentOrigin('old')], [[0, 5, 0]], 500));
    const stale = makeRecord('a.ts', TEXT + 'more', [agentOrigin('stale')], [[0, 2, 0]], 400);
    const result = await store.write(stale);
    assert.equal(result.updated, 500);
    assert.equal((await store.read('a.ts'))?.origins[0].session, 'old');
  });

  it('rejects invalid records and paths without touching disk', async () => {
    await assert.rejects(store.write(makeRecord('../escape.ts', TEXT, [], [])), /invalid file record \(path\)/);
    await assert.rejects(store.write({ ...makeRecord('a.ts', TEXT, [], []), length: -1 }), /length/);
    await assert.rejects(store.read('/abs/path'), /invalid path/);
    assert.equal(fs.existsSync(store.filesDir), false);
  });

  it('deletes', async () => {
    await store.write(makeRecord('a.ts', TEXT, [], []));
    assert.equal(await store.delete('a.ts'), true);
    assert.equal(await store.delete('a.ts'), false);
    assert.equal(await store.read('a.ts'), undefined);
    assert.deepEqual(files(), []);
  });

  it('renames a record to its new path, replacing any record there', async () => {
    const origin = agentOrigin('r');
    await store.write(makeRecord('old/name.ts', TEXT, [origin], [[1, 4, 0]], 10));
    await store.write(makeRecord('new/name.ts', 'other', [], [], 20));
    assert.equal(await store.rename('old/name.ts', 'new/name.ts'), true);
    assert.equal(await store.read('old/name.ts'), undefined);
    assert.deepEqual(await store.read('new/name.ts'), makeRecord('new/name.ts', TEXT, [origin], [[1, 4, 0]], 10));
    assert.equal(await store.rename('old/name.ts', 'elsewhere.ts'), false);
    assert.deepEqual(files(), [path.basename(store.recordFile('new/name.ts'))]);
  });

  it('lists all records sorted by path', async () => {
    for (const p of ['b.ts', 'a/z.ts', 'a.ts']) {
      await store.write(makeRecord(p, TEXT, [], []));
    }
    assert.deepEqual(
      (await store.list()).map((r) => r.path),
      ['a.ts', 'a/z.ts', 'b.ts'],
    );
  });
});

describe('working-state store: corrupt files', () => {
  let dir: string;
  let store: WorkingStateStore;
  beforeEach(() => {
    dir = makeTempDir('aiprov-state-');
    store = WorkingStateStore.at(dir);
    fs.mkdirSync(store.filesDir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const log = () => fs.readFileSync(path.join(dir, 'log.txt'), 'utf8');
  const corruptFiles = () => fs.readdirSync(store.filesDir).filter((n) => n.includes('.corrupt-'));

  for (const [name, content, reason] of [
    ['truncated JSON', '{"version":1,"path":"a.t', /not JSON/],
    ['a wrong version', JSON.stringify({ ...makeRecord('a.ts', TEXT, [], []), version: 2 }), /unsupported version 2/],
    [
      'a span outside the text',
      JSON.stringify(makeRecord('a.ts', TEXT, [agentOrigin('x')], [[0, 9999, 0]])),
      /spans\[0\]/,
    ],
    ['a record for another path', JSON.stringify(makeRecord('b.ts', TEXT, [], [])), /record is for "b.ts"/],
  ] as const) {
    it(`moves a record with ${name} aside, logs why and reads it as absent`, async () => {
      fs.writeFileSync(store.recordFile('a.ts'), content);
      assert.equal(await store.read('a.ts'), undefined);
      assert.equal(fs.existsSync(store.recordFile('a.ts')), false);
      assert.equal(corruptFiles().length, 1);
      assert.match(corruptFiles()[0], /^[0-9a-f]{64}\.json\.corrupt-\d{4}-\d\d-\d\dT/);
      assert.equal(fs.readFileSync(path.join(store.filesDir, corruptFiles()[0]), 'utf8'), content);
      assert.match(log(), reason);
    });
  }

  it('writes over a corrupt record (moving it aside first) and skips corrupt files in list', async () => {
    fs.writeFileSync(store.recordFile('a.ts'), 'garbage');
    fs.writeFileSync(store.recordFile('b.ts'), '[]');
    const record = makeRecord('a.ts', TEXT, [agentOrigin('x')], [[0, 1, 0]]);
    assert.deepEqual(await store.write(record), record);
    assert.deepEqual(await store.list(), [record]);
    assert.equal(corruptFiles().length, 2);
    assert.match(log(), /expected an object, got an array/);
  });

  it('ignores unrelated files and removes old temp files in list', async () => {
    fs.writeFileSync(path.join(store.filesDir, 'notes.txt'), 'hello');
    const temp = path.join(store.filesDir, `.${'0'.repeat(64)}.json.tmp-123-abcdef01`);
    fs.writeFileSync(temp, 'partial');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(temp, old, old);
    assert.deepEqual(await store.list(), []);
    assert.equal(fs.existsSync(temp), false);
    assert.equal(fs.existsSync(path.join(store.filesDir, 'notes.txt')), true);
  });
});

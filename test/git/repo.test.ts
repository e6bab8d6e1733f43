import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitError } from '../../src/git/exec';
import { findRepo, gitPath, headCommit, readBlobAt, toRepoRelativePath } from '../../src/git/repo';
import { TempRepo, createTempRepo, initRepoAt, makeTempDir } from './helpers/tempRepo';

describe('repository discovery', () => {
  let repo: TempRepo;
  let worktree: string;
  let nested: TempRepo;
  before(() => {
    repo = createTempRepo({ commit: true });
    repo.write('src/deep/file.ts', 'x\n');
    nested = initRepoAt(path.join(repo.root, 'vendor', 'inner'));
    worktree = path.join(makeTempDir('aiprov-wt-'), 'wt');
    repo.git(['worktree', 'add', '--quiet', '-b', 'feature', worktree]);
  });
  after(() => {
    repo.cleanup();
    fs.rmSync(path.dirname(worktree), { recursive: true, force: true });
  });

  it('finds the root, git dir and common dir from the root, a subdirectory and a file', async () => {
    const expected = { root: repo.root, gitDir: path.join(repo.root, '.git'), commonDir: path.join(repo.root, '.git') };
    assert.deepEqual(await findRepo(repo.root), expected);
    assert.deepEqual(await findRepo(path.join(repo.root, 'src', 'deep')), expected);
    assert.deepEqual(await findRepo(path.join(repo.root, 'src', 'deep', 'file.ts')), expected);
  });

  it('finds the repo for a path that does not exist yet', async () => {
    const info = await findRepo(path.join(repo.root, 'new', 'dir', 'file.ts'));
    assert.equal(info?.root, repo.root);
  });

  it('finds the nested repository, not the outer one, for paths inside it', async () => {
    const info = await findRepo(path.join(nested.root, 'a.txt'));
    assert.deepEqual(info, {
      root: nested.root,
      gitDir: path.join(nested.root, '.git'),
      commonDir: path.join(nested.root, '.git'),
    });
  });

  it('finds a linked worktree with its own git dir and the shared common dir', async () => {
    const info = await findRepo(worktree);
    assert.equal(info?.root, fs.realpathSync(worktree));
    assert.equal(info?.gitDir, path.join(repo.root, '.git', 'worktrees', 'wt'));
    assert.equal(info?.commonDir, path.join(repo.root, '.git'));
  });

  it('returns undefined outside any work tree and inside the .git dir', async () => {
    const outside = makeTempDir('aiprov-outside-');
    try {
      assert.equal(await findRepo(outside), undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    assert.equal(await findRepo(path.join(repo.root, '.git')), undefined);
  });

  it('ignores a GIT_DIR inherited from a hook: discovery is by path', async () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(nested.root, '.git');
    try {
      assert.equal((await findRepo(repo.root))?.root, repo.root);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('resolves --git-path per worktree and per nested repo', async () => {
    const main = await gitPath((await findRepo(repo.root))!, 'ai-provenance');
    const wt = await gitPath((await findRepo(worktree))!, 'ai-provenance');
    const inner = await gitPath((await findRepo(nested.root))!, 'ai-provenance');
    assert.equal(main, path.join(repo.root, '.git', 'ai-provenance'));
    assert.equal(wt, path.join(repo.root, '.git', 'worktrees', 'wt', 'ai-provenance'));
    assert.equal(inner, path.join(nested.root, '.git', 'ai-provenance'));
  });

  it('rejects git path names that git would read as options', async () => {
    const info = (await findRepo(repo.root))!;
    await assert.rejects(gitPath(info, '--all'), /invalid git path name/);
  });

  it('maps absolute paths to repo-relative forward-slash paths', async () => {
    const info = (await findRepo(repo.root))!;
    assert.equal(toRepoRelativePath(info, path.join(repo.root, 'src', 'deep', 'file.ts')), 'src/deep/file.ts');
    assert.equal(toRepoRelativePath(info, repo.root), undefined);
    assert.equal(toRepoRelativePath(info, path.join(repo.root, '..', 'x')), undefined);
  });
});

describe('reading commits and blobs', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('reports no HEAD on an unborn branch, then the commit', async () => {
    const info = (await findRepo(repo.root))!;
    assert.equal(await headCommit(info), undefined);
    assert.equal(await readBlobAt(info, 'HEAD', 'a.txt'), undefined);
    repo.write('a.txt', 'one\n');
    const sha = repo.commitAll('first');
    assert.equal(await headCommit(info), sha);
    assert.match(sha, /^[0-9a-f]{40}$/);
  });

  it('reads a file at a rev; undefined when absent', async () => {
    const info = (await findRepo(repo.root))!;
    repo.write('dir/a b.txt', 'v1 ünïcode\n');
    const first = repo.commitAll('v1');
    repo.write('dir/a b.txt', 'v2\n');
    repo.git(['add', 'dir/a b.txt']);
    repo.write('dir/a b.txt', 'v3 unstaged\n');
    repo.write('untracked.txt', 'u\n');

    assert.equal(await readBlobAt(info, 'HEAD', 'dir/a b.txt'), 'v1 ünïcode\n');
    assert.equal(await readBlobAt(info, first, 'dir/a b.txt'), 'v1 ünïcode\n');
    assert.equal(await readBlobAt(info, 'HEAD', 'untracked.txt'), undefined);
    assert.equal(await readBlobAt(info, 'HEAD', 'missing/file'), undefined);
    assert.equal(await readBlobAt(info, 'HEAD~5', 'dir/a b.txt'), undefined);
    assert.equal(await readBlobAt(info, 'HEAD', 'dir'), undefined); // a tree, not a blob
  });

  it('rejects revs and paths that could be read as options or escape the repo', async () => {
    const info = (await findRepo(repo.root))!;
    await assert.rejects(readBlobAt(info, '--output=/tmp/x', 'a'), /invalid revision/);
    await assert.rejects(readBlobAt(info, 'HEAD:other', 'a'), /invalid revision/);
    await assert.rejects(readBlobAt(info, 'HEAD', '../outside'), /invalid path/);
    await assert.rejects(readBlobAt(info, 'HEAD', '/etc/passwd'), /invalid path/);
  });

  it('surfaces real failures as GitError instead of "missing"', async () => {
    const info = (await findRepo(repo.root))!;
    repo.write('a.txt', 'one\n');
    repo.commitAll('first');
    // Corrupt the blob object: reading it is an error, not an absence.
    const blob = repo.git(['rev-parse', 'HEAD:a.txt']);
    const objectFile = path.join(repo.root, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    fs.chmodSync(objectFile, 0o644);
    fs.writeFileSync(objectFile, 'not zlib');
    await assert.rejects(
      readBlobAt(info, 'HEAD', 'a.txt'),
      (err: unknown) => err instanceof GitError && err.kind === 'exit',
    );
  });
});

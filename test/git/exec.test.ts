import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitError, gitEnv, runGit } from '../../src/git/exec';
import { TempRepo, createTempRepo } from './helpers/tempRepo';
import { skipBecause } from '../skip';

describe('git exec', () => {
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo({ commit: true });
  });
  after(() => repo.cleanup());

  it('returns stdout, stderr and exit code 0', async () => {
    const result = await runGit(['rev-parse', '--is-inside-work-tree'], { cwd: repo.root });
    assert.deepEqual(result, { stdout: 'true\n', stderr: '', code: 0 });
  });

  it('throws a GitError carrying the command, cwd, exit code and stderr', async () => {
    const error = await runGit(['rev-parse', '--verify', 'no-such-branch'], {
      cwd: repo.root,
      env: { LC_ALL: 'C' },
    }).then(
      () => assert.fail('expected a failure'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof GitError);
    assert.equal(error.kind, 'exit');
    assert.equal(error.code, 128);
    assert.deepEqual(error.args, ['rev-parse', '--verify', 'no-such-branch']);
    assert.equal(error.cwd, repo.root);
    assert.match(error.stderr, /Needed a single revision/);
    assert.match(error.message, /git rev-parse --verify no-such-branch .*exit code 128.*Needed a single revision/);
  });

  it('returns allowed non-zero exit codes as results', async () => {
    const result = await runGit(['rev-parse', '--verify', '--quiet', 'no-such-branch'], {
      cwd: repo.root,
      okExitCodes: [1],
    });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
  });

  it("takes no optional locks: a read leaves the index as it is, so it cannot collide with the user's own git", async () => {
    // A tracked file whose stat data changed but not its content: `git status` would refresh and rewrite the index.
    const file = path.join(
      repo.root,
      fs.readdirSync(repo.root).find((n) => n !== '.git')!,
    );
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    const index = path.join(repo.root, '.git', 'index');
    const before = fs.statSync(index);
    await runGit(['status', '--porcelain'], { cwd: repo.root });
    const after = fs.statSync(index);
    assert.deepEqual([after.ino, after.mtimeMs], [before.ino, before.mtimeMs], 'the index was not rewritten');
    assert.equal(gitEnv().GIT_OPTIONAL_LOCKS, '0');
  });

  it('pipes input to stdin', async () => {
    const result = await runGit(['hash-object', '--stdin'], { cwd: repo.root, input: 'hello\n' });
    assert.equal(result.stdout.trim(), 'ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('closes stdin when there is no input, so commands that read it do not hang', async () => {
    const result = await runGit(['hash-object', '--stdin'], { cwd: repo.root });
    assert.equal(result.stdout.trim(), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'); // the empty blob
  });

  it('applies env overrides and removes variables set to undefined', async () => {
    const ident = await runGit(['var', 'GIT_AUTHOR_IDENT'], {
      cwd: repo.root,
      env: { GIT_AUTHOR_NAME: 'Override Name' },
    });
    assert.match(ident.stdout, /^Override Name </);
    const env = gitEnv({ HOME: undefined, EXTRA: 'x' });
    assert.equal('HOME' in env, false);
    assert.equal(env.EXTRA, 'x');
    assert.equal(env.GIT_TERMINAL_PROMPT, '0');
  });

  it('passes arguments verbatim, never through a shell', async () => {
    const file = path.join(repo.root, 'literal.cfg');
    const value = '$(echo pwned); `id` | cat > /dev/null && echo "x"';
    await runGit(['config', '--file', file, 'a.b', value], { cwd: repo.root });
    const read = await runGit(['config', '--file', file, 'a.b'], { cwd: repo.root });
    assert.equal(read.stdout, value + '\n');
  });

  it('fails with kind "output-too-large" past maxOutputBytes', async () => {
    repo.write('big.txt', 'x'.repeat(10_000));
    const error = await runGit(['hash-object', '-w', 'big.txt'], { cwd: repo.root })
      .then((r) => runGit(['cat-file', 'blob', r.stdout.trim()], { cwd: repo.root, maxOutputBytes: 100 }))
      .then(
        () => assert.fail('expected a failure'),
        (err: unknown) => err,
      );
    assert.ok(error instanceof GitError);
    assert.equal(error.kind, 'output-too-large');
  });

  it('fails with kind "spawn" when the working directory does not exist', async () => {
    const missing = path.join(repo.root, 'does-not-exist');
    assert.equal(fs.existsSync(missing), false);
    await assert.rejects(
      runGit(['status'], { cwd: missing }),
      (err: unknown) => err instanceof GitError && err.kind === 'spawn',
    );
  });

  it('kills git after timeoutMs with kind "timeout"', async function () {
    if (process.platform === 'win32') skipBecause(this, 'the test sleeps through a POSIX shell alias');
    // A shell alias that sleeps without holding our pipes, so the kill is what ends the call.
    const args = ['-c', 'alias.nap=!sleep 5 >/dev/null 2>&1 </dev/null', 'nap'];
    await assert.rejects(
      runGit(args, { cwd: repo.root, timeoutMs: 150 }),
      (err: unknown) => err instanceof GitError && err.kind === 'timeout' && /timed out after 150 ms/.test(err.message),
    );
  });
});

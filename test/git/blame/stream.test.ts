import * as assert from 'node:assert/strict';
import { GitError } from '../../../src/git';
import { streamGitLines } from '../../../src/git/blame';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

describe('streamGitLines', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  // Far more than one batch of output, with multi-byte characters everywhere (so some straddle batch boundaries) and
  // no newline after the last line.
  const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} déjà vu ✓ ${'x'.repeat(i % 37)}`);
  before(() => {
    repo = createTempRepo();
    repo.write('big.txt', lines.join('\n'));
    repo.commitAll('big');
  });
  after(() => repo.cleanup());

  it('delivers every line in order, whole, however the output is cut', async () => {
    const got: string[] = [];
    await streamGitLines(repo.root, ['cat-file', 'blob', 'HEAD:big.txt'], (line) => got.push(line));
    assert.equal(got.length, lines.length);
    assert.deepEqual(got, lines);
  });

  it('stops git when aborted, and rejects', async () => {
    const stop = new AbortController();
    const run = streamGitLines(repo.root, ['cat-file', 'blob', 'HEAD:big.txt'], () => undefined, {
      signal: stop.signal,
    });
    stop.abort();
    await assert.rejects(
      run,
      (err: unknown) => err instanceof GitError && err.kind === 'signal' && /no longer needed/.test(err.message),
    );
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(
      streamGitLines(repo.root, ['--version'], () => undefined, { signal: aborted.signal }),
      (err: unknown) => err instanceof GitError && err.kind === 'signal',
    );
  });

  it('rejects with the exit status when git fails', async () => {
    await assert.rejects(
      streamGitLines(repo.root, ['cat-file', 'blob', 'HEAD:missing.txt'], () => undefined),
      (err: unknown) => err instanceof GitError && err.kind === 'exit',
    );
  });
});

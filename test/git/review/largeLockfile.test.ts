import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * A workspace lockfile over 1 MiB (pydantic-ai's uv.lock is 1.5 MB) is still read for package names: a dependency it
 * already resolves must not be called "absent from uv.lock".
 */
describe('review reads a lockfile over 1 MiB at the head', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const pyproject = (deps: readonly string[]): string =>
    ['[project]', 'name = "acme"', 'dependencies = [', ...deps.map((d) => `    "${d}",`), ']', ''].join('\n');

  before(() => {
    repo = createTempRepo();
    const packages: string[] = ['version = 1', ''];
    // ~1.6 MB of packages, with the one the change adds as a direct dependency far past the first MiB.
    for (let i = 0; i < 20_000; i++)
      packages.push('[[package]]', `name = "pkg-${i}"`, `version = "1.${i % 97}.0"`, 'source = { registry = "x" }', '');
    packages.push('[[package]]', 'name = "httpx2"', 'version = "2.7.0"', '');
    const lock = packages.join('\n');
    assert.ok(lock.length > 1.2 * 1024 * 1024, `fixture lockfile is ${lock.length} bytes`);
    repo.write('uv.lock', lock);
    repo.write('pyproject.toml', pyproject(['httpx>=0.27']));
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'add']);
    repo.write('pyproject.toml', pyproject(['httpx>=0.27', 'httpx2>=2.7']));
    repo.commitAll('depend on httpx2 directly (the lock already has it)');
    repo.git(['checkout', '-q', '-b', 'add-missing']);
    repo.write('pyproject.toml', pyproject(['httpx>=0.27', 'httpx2>=2.7', 'httpx3>=1']));
    repo.commitAll('depend on a package the lock does not have');
  });
  after(() => repo.cleanup());

  it('finds the new dependency resolved in the large lockfile', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..add');
    const hits = review.findings.filter((f) => f.ruleId === 'new-dependency');
    assert.equal(hits.length, 1, JSON.stringify(review.findings.map((f) => [f.ruleId, f.why])));
    assert.match(hits[0].why, /httpx2 .*resolved in uv\.lock/);
    assert.doesNotMatch(hits[0].why, /absent/);
  });

  it('still says a package the large lockfile lacks is absent', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'add..add-missing');
    const hit = review.findings.find((f) => f.ruleId === 'new-dependency' && /httpx3/.test(f.why));
    assert.ok(hit, JSON.stringify(review.findings.map((f) => [f.ruleId, f.why])));
    assert.match(hit.why, /absent from uv\.lock/);
  });
});

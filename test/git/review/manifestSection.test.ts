import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * A dependency added deep inside `devDependencies` gets a hunk that does not show the section's key: the review reads
 * the manifest at the head to know it is a dev dependency, not a new runtime one (gemini-cli added vitest this way).
 */
describe('review reads a changed manifest at the head for the section of a dependency line', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const manifest = (dev: readonly string[], runtime: readonly string[]): string =>
    JSON.stringify(
      {
        name: 'acme',
        version: '1.0.0',
        dependencies: Object.fromEntries(runtime.map((d) => [d, '^1.0.0'])),
        devDependencies: Object.fromEntries(dev.map((d) => [d, '^1.0.0'])),
      },
      null,
      2,
    ) + '\n';
  // Enough dev dependencies that git's three lines of context stop short of the "devDependencies" key.
  const devTools = Array.from({ length: 12 }, (_, i) => `tool-${String(i).padStart(2, '0')}`);

  before(() => {
    repo = createTempRepo();
    repo.write('package.json', manifest(devTools, ['left-pad']));
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'dev']);
    repo.write('package.json', manifest([...devTools.slice(0, 8), 'tool-08a', ...devTools.slice(8)], ['left-pad']));
    repo.commitAll('add a dev tool in the middle of devDependencies');
  });
  after(() => repo.cleanup());

  it('reports the new package as dev-only, not as a runtime dependency', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..dev');
    const found = review.findings.map((f) => [f.ruleId, f.why]);
    assert.ok(!review.findings.some((f) => f.ruleId === 'new-dependency'), JSON.stringify(found));
    const dev = review.findings.find((f) => f.ruleId === 'new-dev-dependency');
    assert.ok(dev, JSON.stringify(found));
    assert.match(dev.why, /tool-08a/);
  });
});

import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * Whenever a workflow changed, the review reads it whole at the head and the base (src/git), so the tier judges an
 * edit inside the job it lands in: a timeout beside a PAT job stays T0, a step of the PAT job is T2.
 */
describe('review reads changed workflows whole at both sides', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const workflow = (timeout: number, push: string): string =>
    [
      'name: schema',
      'on:',
      '  schedule:',
      '    - cron: "0 0 * * *"',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  bench:',
      `    timeout-minutes: ${timeout}`,
      '    steps:',
      '      - run: cargo bench',
      '  update:',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '        with:',
      '          token: ${{ secrets.SCHEMA_PUSH_PAT }}',
      `      - run: ${push}`,
      '',
    ].join('\n');

  before(() => {
    repo = createTempRepo();
    repo.write('.github/workflows/schema.yml', workflow(20, 'git push origin HEAD'));
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'timeout']);
    repo.write('.github/workflows/schema.yml', workflow(30, 'git push origin HEAD'));
    repo.commitAll('more time for benchmarks');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'push']);
    repo.write('.github/workflows/schema.yml', workflow(20, 'git push origin HEAD:refs/heads/schema-next'));
    repo.commitAll('push the schema to its own branch');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'own-action']);
    repo.write(
      '.github/workflows/schema.yml',
      workflow(20, 'git push origin HEAD').replace(
        '      - run: git push',
        '      - uses: acme/schema-gen@v2\n      - run: git push',
      ),
    );
    repo.commitAll('generate the schema with our action');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['branch', 'own-base', 'own-action']);
    repo.git(['checkout', '-q', '-b', 'own-bump', 'own-action']);
    repo.write(
      '.github/workflows/schema.yml',
      workflow(20, 'git push origin HEAD').replace(
        '      - run: git push',
        '      - uses: acme/schema-gen@v3\n      - run: git push',
      ),
    );
    repo.commitAll('bump our schema action');
    repo.git(['checkout', '-q', 'main']);
  });
  after(() => repo.cleanup());

  it("the origin remote's owner makes its own action first-party: bumped in the PAT job, T1; with no remote, T2", async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const without = await analyzeBranch(info, 'own-base..own-bump');
    assert.equal(without.review.tier, 'T2', without.review.reasons.join('\n'));
    repo.git(['remote', 'add', 'origin', 'git@github.com:acme/schema.git']);
    try {
      const own = await analyzeBranch(info, 'own-base..own-bump');
      assert.equal(own.review.tier, 'T1', own.review.reasons.join('\n'));
      repo.git(['remote', 'set-url', 'origin', 'https://github.com/someone-else/schema.git']);
      const other = await analyzeBranch(info, 'own-base..own-bump');
      assert.equal(other.review.tier, 'T2', other.review.reasons.join('\n'));
    } finally {
      repo.git(['remote', 'remove', 'origin']);
    }
  });

  it('a timeout in the read-only job is T0 though another job holds a PAT', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..timeout');
    assert.equal(review.tier, 'T0', review.reasons.join('\n'));
  });

  it('a step of the job holding the PAT is T2, and the reason names the job and the secret', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..push');
    assert.equal(review.tier, 'T2', review.reasons.join('\n'));
    assert.ok(
      review.reasons.some((r: string) => /job update, which holds secrets\.SCHEMA_PUSH_PAT \[ci-write\]/.test(r)),
      review.reasons.join('\n'),
    );
  });
});

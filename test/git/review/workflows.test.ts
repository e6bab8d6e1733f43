import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/** The review reads the CI workflows at the head (src/git) when a manifest changed: is a moved minimum tested? */
describe('review reads the CI workflows at the head for moved version bounds', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const pyproject = (min: string): string =>
    [
      '[project]',
      'name = "acme"',
      `requires-python = ">=${min}"`,
      'dependencies = [',
      '    "httpx>=0.27",',
      ']',
      '',
    ].join('\n');
  const workflow = [
    'name: tests',
    'on: [push]',
    'jobs:',
    '  unit:',
    '    strategy:',
    '      matrix:',
    '        python-version: ["3.10", "3.12"]',
    '    steps:',
    '      - run: pytest',
    '',
  ].join('\n');

  before(() => {
    repo = createTempRepo();
    repo.write('pyproject.toml', pyproject('3.10'));
    repo.write('.github/workflows/tests.yml', workflow);
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'lower']);
    repo.write('pyproject.toml', pyproject('3.9'));
    repo.commitAll('support 3.9');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'no-ci']);
    repo.git(['rm', '-q', '-r', '.github']);
    repo.write('pyproject.toml', pyproject('3.9'));
    repo.commitAll('support 3.9, drop CI');
  });
  after(() => repo.cleanup());

  it('names the workflow and the versions its jobs run when none runs the new minimum', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..lower');
    const hit = review.findings.find((f) => f.ruleId === 'dependency-bound-untested');
    assert.ok(hit, JSON.stringify(review.findings.map((f) => f.ruleId)));
    assert.equal(hit.severity, 'medium');
    assert.match(
      hit.why,
      /requires-python minimum lowered: ">=3\.10" -> ">=3\.9".*3\.10, 3\.12.*read tests\.yml \(unit\)/,
    );
  });

  it('says once, as info, that the repository has no CI workflow', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..no-ci');
    const hit = review.findings.find((f) => f.ruleId === 'dependency-bound-untested');
    assert.ok(hit, JSON.stringify(review.findings.map((f) => f.ruleId)));
    assert.equal(hit.severity, 'info');
    assert.match(hit.why, /no CI workflow/);
  });
});

import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/** The review reads the CI workflows at the head (src/git) when a manifest changed: is a moved minimum tested? */
describe('review reads the CI workflows at the head for moved version bounds', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const pyproject = (min: string, httpx = '0.27'): string =>
    [
      '[project]',
      'name = "acme"',
      `requires-python = ">=${min}"`,
      'dependencies = [',
      `    "httpx>=${httpx}",`,
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
    repo.write('uv.lock', 'version = 1\n\n[[package]]\nname = "httpx"\nversion = "0.28.1"\n');
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'bump']);
    repo.write('pyproject.toml', pyproject('3.10', '0.28.1'));
    repo.commitAll('httpx 0.28.1 is what the lock has');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'bump-below-lock']);
    repo.write('pyproject.toml', pyproject('3.10', '0.28'));
    repo.commitAll('httpx 0.28');
    repo.git(['checkout', '-q', 'main']);
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

  it('reads the lockfile at the head: a minimum it resolves exactly is tested, one below it is not', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const exact = await analyzeBranch(info, 'main..bump');
    assert.deepEqual(
      exact.review.findings.filter((f) => f.ruleId === 'dependency-bound-untested').map((f) => f.why),
      [],
    );
    const below = await analyzeBranch(info, 'main..bump-below-lock');
    const hit = below.review.findings.find((f) => f.ruleId === 'dependency-bound-untested');
    assert.ok(hit, JSON.stringify(below.review.findings.map((f) => f.ruleId)));
    assert.equal(hit.severity, 'low');
    assert.match(hit.why, /httpx minimum raised.*the lockfile resolves 0\.28\.1/);
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

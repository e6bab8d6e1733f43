import * as assert from 'node:assert/strict';
import { buildChange } from '../../../../src/core/review/model/change';
import { downstreamOf, jobAt, parseWorkflow, powerOf } from '../../../../src/core/review/model/workflow';
import { workflowChange } from '../../../../src/core/review/model/workflowChange';
import { parseUnifiedDiff } from '../../../../src/core/review/diff/parse';
import { baseTextOf, diffOf, headTextOf, type FileSpec } from '../helpers';

/**
 * A workflow read by indentation: triggers, jobs and what each job holds; and what a change does to them. Shapes
 * modelled on workflows of public repositories (a release pipeline with a PAT, a gh-aw lock file, a Codex bug-fix
 * workflow); every fixture is written here.
 */
const WF = [
  'name: release',
  'on:',
  '  schedule:',
  '  - cron: "0 6 * * *"',
  '  workflow_dispatch:',
  'permissions:',
  '  contents: read',
  'env:',
  '  SLACK: ${{ secrets.SLACK_WEBHOOK }}',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    timeout-minutes: 20',
  '    steps:',
  '      - id: write-cache',
  '        run: cargo build',
  '  publish:',
  '    needs: [build]',
  '    permissions:',
  '      id-token: write',
  '    steps:',
  '      - uses: actions/create-github-app-token@v2',
  '        with:',
  '          permission-contents: write',
  '      - run: gh release create',
  '        env:',
  '          GH_TOKEN: ${{ secrets.RELEASE_PAT }}',
  '          NOT_A_SECRET: ${{ secrets.GITHUB_TOKEN }}',
];

describe('review/model/workflow: which job holds what', () => {
  const wf = parseWorkflow(WF.join('\n'));

  it('reads the events of `on:`, not the cron list under one of them', () => {
    assert.deepEqual(wf.triggers, ['schedule', 'workflow_dispatch']);
    assert.deepEqual(parseWorkflow('on: [push, issue_comment]\njobs:\n  a:\n    steps: []\n').triggers, [
      'push',
      'issue_comment',
    ]);
  });

  it('gives each job its own write scopes, broker and app-token requests included; a step id is no scope', () => {
    const build = wf.jobs.find((j) => j.id === 'build')!;
    const publish = wf.jobs.find((j) => j.id === 'publish')!;
    assert.deepEqual(build.writes, []);
    assert.deepEqual([...publish.writes].sort(), ['contents', 'id-token']);
    assert.deepEqual(publish.needs, ['build']);
    assert.deepEqual(
      downstreamOf(wf, build).map((j) => j.id),
      ['publish'],
    );
    assert.equal(jobAt(wf, 16)?.id, 'build');
    assert.equal(jobAt(wf, 25)?.id, 'publish');
  });

  it('counts secrets other than GITHUB_TOKEN, the workflow env too; only write-capable ones are power', () => {
    const publish = wf.jobs.find((j) => j.id === 'publish')!;
    assert.deepEqual([...publish.secrets].sort(), ['RELEASE_PAT', 'SLACK_WEBHOOK']);
    assert.ok(powerOf(publish).includes('secrets.RELEASE_PAT'));
    assert.ok(!powerOf(publish).includes('secrets.SLACK_WEBHOOK'));
    assert.deepEqual(powerOf(wf.jobs.find((j) => j.id === 'build')!), []);
  });

  it('recognises LLM agent steps and gh-aw lock files; a script that only names a vendor is none', () => {
    const agent = parseWorkflow(
      [
        'on: issues',
        'jobs:',
        '  fix:',
        '    steps:',
        '      - uses: openai/codex-action@abc',
        '      - run: codex exec "go"',
      ].join('\n'),
    );
    assert.ok(agent.jobs[0].agent?.includes('openai/codex-action'));
    const lock = parseWorkflow('# gh-aw-metadata: {"agent_id":"claude"}\non:\n  schedule: []\njobs: {}\n');
    assert.equal(lock.compiledAgent, true);
    const plain = parseWorkflow(
      ['on: push', 'jobs:', '  docs:', '    steps:', '      - run: echo "see claude docs"'].join('\n'),
    );
    assert.equal(plain.jobs[0].agent, undefined);
    assert.equal(plain.compiledAgent, false);
  });
});

function changeOf(spec: FileSpec) {
  const diff = parseUnifiedDiff(diffOf(spec));
  const change = buildChange(diff, undefined, {});
  const file = change.files[0];
  return workflowChange(file, headTextOf(spec).get(spec.path), baseTextOf(spec).get(spec.path))!;
}

describe('review/model/workflowChange: what a change does to credentials', () => {
  const head = (i: number) => WF.slice(0, i);
  const tail = (i: number) => WF.slice(i);

  it('a timeout or options appended to a command are not edits', () => {
    const timeout = changeOf({
      path: '.github/workflows/r.yml',
      before: head(12),
      del: [WF[12]],
      add: ['    timeout-minutes: 30'],
      after: tail(13),
    });
    assert.deepEqual(timeout.grants, []);
    assert.ok(timeout.jobs.every((j) => j.edits === 0));
    const flag = changeOf({
      path: '.github/workflows/r.yml',
      before: head(15),
      del: [WF[15]],
      add: ['        run: cargo build --config-file ci.toml'],
      after: tail(16),
    });
    assert.ok(
      flag.jobs.every((j) => j.edits === 0),
      JSON.stringify(flag.jobs),
    );
  });

  it('a step edited in the job holding the PAT is an edit of that job', () => {
    const c = changeOf({
      path: '.github/workflows/r.yml',
      before: head(24),
      del: [WF[24]],
      add: ['      - run: gh release create --draft=false "$TAG"'],
      after: tail(25),
    });
    assert.deepEqual(
      c.jobs.map((j) => [j.job.id, j.edits]),
      [['publish', 2]],
    );
  });

  it('a new write scope is a grant; a secret restored from a comment is not, a new one is', () => {
    const scope = changeOf({
      path: '.github/workflows/r.yml',
      before: head(19),
      add: ['      pull-requests: write'],
      after: tail(19),
    });
    assert.deepEqual(
      scope.grants.map((g) => `${g.job} ${g.what}`),
      ['publish pull-requests: write'],
    );
    const restored = changeOf({
      path: '.github/workflows/r.yml',
      before: head(27),
      del: ['          # TOKEN_B: ${{ secrets.REGISTRY_TEST_TOKEN }}'],
      add: ['          TOKEN_B: ${{ secrets.REGISTRY_TEST_TOKEN }}'],
      after: tail(27),
    });
    assert.deepEqual(restored.grants, []);
    const fresh = changeOf({
      path: '.github/workflows/r.yml',
      before: head(27),
      add: ['          NPM: ${{ secrets.NPM_TOKEN }}'],
      after: tail(27),
    });
    assert.deepEqual(
      fresh.grants.map((g) => g.what),
      ['secrets.NPM_TOKEN'],
    );
  });

  it("an app token's `permission-<scope>: write` input narrows the token: no grant", () => {
    const c = changeOf({
      path: '.github/workflows/r.yml',
      before: head(24),
      add: ['          permission-pull-requests: write'],
      after: tail(24),
    });
    assert.deepEqual(c.grants, []);
  });

  it('sees `gh pr merge --admin` and the job it runs in', () => {
    const c = changeOf({
      path: '.github/workflows/r.yml',
      before: head(24),
      del: [WF[24]],
      add: ['      - run: gh pr merge --squash --admin "$BRANCH"'],
      after: tail(25),
    });
    assert.equal(c.bypass?.job?.id, 'publish');
  });
});

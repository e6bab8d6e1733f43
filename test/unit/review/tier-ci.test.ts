import * as assert from 'node:assert/strict';
import { ciTextOf, diffOf, findingsOf, review, type FileSpec } from './helpers';

/**
 * CI pipelines tiered by what the change does to their credentials, read from the whole workflow (context.ciText),
 * not from the changed hunk. Shapes modelled on merged pull requests of public repositories (a benchmark timeout, a
 * dependabot action bump in a workflow holding a PAT, secrets restored to a registry test, a Slack heartbeat job, a
 * gh-aw lock file made callable, a Codex bug-fixer whose output a write job publishes, an `--admin` merge);
 * every fixture is written here.
 */
const judge = (...files: FileSpec[]) => review(diffOf(...files), undefined, { ciText: ciTextOf(...files) });
const why = (r: ReturnType<typeof judge>) => r.blastRadius.reasons.join('\n');

/** A workflow with a read-only bench job and a job that pushes with a PAT. */
const SCHEMA = [
  'name: schema',
  'on:',
  '  schedule:',
  '    - cron: "0 0 * * *"',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  bench:',
  '    runs-on: ubuntu-latest',
  '    timeout-minutes: 20',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - run: cargo bench --cache-dir .cache',
  '  update:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '        with:',
  '          token: ${{ secrets.SCHEMA_PUSH_PAT }}',
  '      - uses: some-org/schema-gen@v1',
  '      - run: git push origin HEAD',
];
const at = (i: number, del: string[], add: string[], lines = SCHEMA): FileSpec => ({
  path: '.github/workflows/schema.yml',
  before: lines.slice(0, i),
  del,
  add,
  after: lines.slice(i + del.length),
});

describe('review/tier: CI judged in the job the change lands in', () => {
  it('a timeout, a comment or an option appended in a workflow that holds a PAT elsewhere is T0', () => {
    for (const spec of [
      at(9, [SCHEMA[9]], ['    timeout-minutes: 30']),
      at(12, [SCHEMA[12]], ['      - run: cargo bench --config-file ci.toml --cache-dir .cache']),
      at(0, [], ['# Maintained by hand since the generator was dropped.']),
    ]) {
      const r = judge(spec);
      assert.equal(r.blastRadius.tier, 'T0', why(r));
    }
  });

  it('a step edited in the job holding the PAT is T2 and names the job; in the read-only job, T1', () => {
    const pat = judge(at(20, [SCHEMA[20]], ['      - run: git push origin HEAD:refs/heads/schema']));
    assert.equal(pat.blastRadius.tier, 'T2', why(pat));
    assert.match(why(pat), /edits steps of job update, which holds secrets\.SCHEMA_PUSH_PAT \[ci-write\]/);
    const bench = judge(at(12, [SCHEMA[12]], ['      - run: cargo bench -p core']));
    assert.equal(bench.blastRadius.tier, 'T1', why(bench));
  });

  it("GitHub's own action bumped in the PAT job is T1; a third-party action bumped there is T2 (it runs with the token)", () => {
    const own = judge(at(16, [SCHEMA[16]], ['      - uses: actions/checkout@v6']));
    assert.equal(own.blastRadius.tier, 'T1', why(own));
    const third = judge(at(19, [SCHEMA[19]], ['      - uses: some-org/schema-gen@v2']));
    assert.equal(third.blastRadius.tier, 'T2', why(third));
    assert.match(why(third), /third-party action some-org\/schema-gen in job update/);
  });

  it("the repository owner's own action bumped in the PAT job is first-party (T1); another owner's stays T2", () => {
    const spec = at(19, [SCHEMA[19]], ['      - uses: some-org/schema-gen@v2']);
    const judgeAs = (owner?: string) =>
      review(diffOf(spec), undefined, { ciText: ciTextOf(spec), ...(owner ? { repositoryOwner: owner } : {}) });
    const own = judgeAs('Some-Org');
    assert.equal(own.blastRadius.tier, 'T1', why(own));
    assert.doesNotMatch(why(own), /third-party/);
    const other = judgeAs('another-org');
    assert.equal(other.blastRadius.tier, 'T2', why(other));
    // A prefix of the owner is another owner.
    assert.equal(judgeAs('some').blastRadius.tier, 'T2');
    assert.equal(judgeAs().blastRadius.tier, 'T2');
  });

  it('secrets restored to a read-only test job, or a webhook the workflow already had, stay T1; a new secret is T2', () => {
    const TEST = [
      'on: push',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  registries:',
      '    steps:',
      '      - run: ./scripts/registries-test.py',
      '        env:',
      '          AWS_URL: ${{ secrets.REGISTRY_AWS_URL }}',
    ];
    const restored = judge({
      path: '.github/workflows/test.yml',
      before: TEST,
      del: ['          # ARTIFACTORY_TOKEN: ${{ secrets.REGISTRY_TEST_ARTIFACTORY_TOKEN }}'],
      add: ['          ARTIFACTORY_TOKEN: ${{ secrets.REGISTRY_TEST_ARTIFACTORY_TOKEN }}'],
    });
    assert.equal(restored.blastRadius.tier, 'T1', why(restored));
    const fresh = judge({
      path: '.github/workflows/test.yml',
      before: TEST,
      add: ['          NPM_TOKEN: ${{ secrets.NPM_PUBLISH_TOKEN }}'],
    });
    assert.equal(fresh.blastRadius.tier, 'T2', why(fresh));
    assert.match(why(fresh), /job registries gains secrets\.NPM_PUBLISH_TOKEN \[ci-write\]/);
  });

  it('a write scope added to a job is T2 whatever else the edit does', () => {
    const r = judge(at(6, [], ['  pull-requests: write']));
    assert.equal(r.blastRadius.tier, 'T2', why(r));
    assert.match(why(r), /gains pull-requests: write/);
  });

  it('`gh pr merge --admin` with a PAT is T3; without any credential, T2', () => {
    const r = judge(at(20, [SCHEMA[20]], ['      - run: gh pr merge --squash --admin "$BRANCH"']));
    assert.equal(r.blastRadius.tier, 'T3', why(r));
    assert.match(why(r), /\[ci-review-bypass\]/);
    const bare = judge(at(12, [SCHEMA[12]], ['      - run: gh pr merge --squash --admin "$BRANCH"']));
    assert.equal(bare.blastRadius.tier, 'T2', why(bare));
  });
});

/** A gh-aw lock file (compiled from a .md): a read-only agent job; a safe-outputs job writes for it. */
const LOCK = [
  '# gh-aw-metadata: {"schema_version":"v4","agent_id":"claude"}',
  '# This file was automatically generated by gh-aw. DO NOT EDIT.',
  'name: "Attention triage"',
  'on:',
  '  schedule:',
  '  - cron: 10 */6 * * *',
  '  workflow_dispatch:',
  'permissions: {}',
  'jobs:',
  '  agent:',
  '    permissions:',
  '      contents: read',
  '      issues: read',
  '    steps:',
  '      - uses: github/gh-aw-actions/setup@0123456789012345678901234567890123456789',
  '      - name: Run agent',
  '        run: node claude_harness.cjs launcher --print --prompt-file /tmp/prompt.txt',
  '        env:',
  '          ANTHROPIC_API_KEY: ${{ secrets.MODEL_API_KEY }}',
  '  safe_outputs:',
  '    needs: [agent]',
  '    permissions:',
  '      issues: write',
  '    steps:',
  '      - run: node apply_safe_outputs.cjs',
  '        env:',
  '          GH_TOKEN: ${{ secrets.GH_AW_GITHUB_TOKEN }}',
];

describe('review/tier: LLM agents in CI', () => {
  it('a gh-aw agent workflow made callable by other workflows is T3, one finding naming what was granted', () => {
    const spec: FileSpec = {
      path: '.github/workflows/triage.lock.yml',
      before: LOCK.slice(0, 6),
      add: ['  workflow_call:', '    secrets:', '      MODEL_API_KEY:', '        required: true'],
      after: LOCK.slice(6),
    };
    const r = judge(spec);
    assert.equal(r.blastRadius.tier, 'T3', why(r));
    assert.match(why(r), /\[ci-write-untrusted\]/);
    const hits = findingsOf(r, 'ci-agent-untrusted-input');
    assert.equal(hits.length, 1);
    assert.match(hits[0].why, /job agent .*issues: read.*workflow_call/);
    // The agent finding names what the change brought: no "pipeline changed" restating it for the same file.
    assert.equal(findingsOf(r, 'ci-changed').length, 0);
  });

  it('the same lock file recompiled (steps and versions moved, nothing granted) is no agent finding and not T3', () => {
    const r = judge({
      path: '.github/workflows/triage.lock.yml',
      before: LOCK.slice(0, 16),
      del: [LOCK[16]],
      add: ['        run: node claude_harness.cjs launcher --print --verbose --prompt-file /tmp/prompt.txt'],
      after: LOCK.slice(17),
    });
    assert.ok(r.blastRadius.tier < 'T3', why(r));
    assert.equal(findingsOf(r, 'ci-agent-untrusted-input').length, 0);
  });

  /** A Codex bug-fixer: the agent reads the issue; a later job publishes its patch with a write token. */
  const FIX = [
    'on:',
    '  workflow_call:',
    'jobs:',
    '  fix:',
    '    permissions:',
    '      contents: read',
    '    steps:',
    '      - uses: ./.github/actions/load-issue-context',
    '      - run: |',
    '          if [ "$(git rev-parse HEAD^)" != "$GITHUB_SHA" ]; then exit 1; fi',
    '      - uses: openai/codex-action@0123456789012345678901234567890123456789',
    '        with:',
    '          openai-api-key: ${{ secrets.OPENAI_API_KEY }}',
    '  lint:',
    '    steps:',
    '      - run: cargo clippy',
    '  publish:',
    '    needs: fix',
    '    permissions:',
    '      contents: write',
    '    steps:',
    '      - run: git push origin "automations/fix"',
  ];

  it("a check relaxed in the agent's job, whose output a write job publishes, is T3", () => {
    const r = judge({
      path: '.github/workflows/fix.yml',
      before: FIX.slice(0, 9),
      del: [FIX[9]],
      add: ['          git merge-base --is-ancestor "$GITHUB_SHA" HEAD || exit 1'],
      after: FIX.slice(10),
    });
    assert.equal(r.blastRadius.tier, 'T3', why(r));
    assert.match(
      why(r),
      /LLM agent in job fix reads untrusted text .*load-issue-context.*contents: write in job publish/,
    );
  });

  it('an edit of an unrelated job in the same workflow is not T3', () => {
    const r = judge({
      path: '.github/workflows/fix.yml',
      before: FIX.slice(0, 15),
      del: [FIX[15]],
      add: ['      - run: cargo clippy --all-targets'],
      after: FIX.slice(16),
    });
    assert.ok(r.blastRadius.tier < 'T3', why(r));
    assert.equal(findingsOf(r, 'ci-agent-untrusted-input').length, 0);
  });

  it('the model of an agent answering comments with a write token moved: no agent finding, not T3', () => {
    const ASSISTANT = [
      'on:',
      '  issue_comment:',
      '    types: [created]',
      'jobs:',
      '  claude:',
      '    permissions:',
      '      contents: write',
      '      issues: write',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}',
    ];
    const r = judge({
      path: '.github/workflows/claude.yml',
      before: ASSISTANT,
      del: ['          claude_args: --model claude-opus-4-5'],
      add: ['          claude_args: --model claude-opus-4-6'],
    });
    assert.ok(r.blastRadius.tier < 'T3', why(r));
    assert.equal(findingsOf(r, 'ci-agent-untrusted-input').length, 0);
  });

  it('a new read-only Claude review on pull_request (a model key, read permissions) is no agent finding', () => {
    const r = judge({
      path: '.github/workflows/review.yml',
      status: 'added',
      add: [
        'on: pull_request',
        'permissions:',
        '  contents: read',
        '  pull-requests: read',
        'jobs:',
        '  review:',
        '    steps:',
        '      - uses: anthropics/claude-code-action@v1',
        '        with:',
        '          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}',
      ],
    });
    assert.equal(findingsOf(r, 'ci-agent-untrusted-input').length, 0);
    assert.ok(r.blastRadius.tier < 'T3', why(r));
  });
});

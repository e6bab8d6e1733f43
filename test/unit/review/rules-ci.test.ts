import * as assert from 'node:assert/strict';
import { check, ciTextOf, diffOf, findingsOf, review, type FileSpec } from './helpers';

/**
 * Credential-broker grants, LLM agents outside Actions handed a push key, and review bypasses. Shapes modelled on
 * merged pull requests of public repositories (an ost-simple-sts grant for a private mirror, a Cloud Run job running a
 * code-generation agent, a release bot merging with `--admin`); every fixture is written here.
 */
const GRANTS_BEFORE = ['{', '  "grants": [', '    {', '      "caller": "app",', '      "target": "app-dev",'];

describe('review/rules credential-broker grants', () => {
  check([
    {
      lang: 'json',
      name: 'an ost-simple-sts grant of contents and workflows write on another repository',
      files: {
        path: '.github/ost-simple-sts.json',
        before: GRANTS_BEFORE,
        add: [
          '      "caller_workflow": "sync-mirror.yml",',
          '      "on": ["push"],',
          '      "permissions": { "contents": "write", "workflows": "write" },',
          '      "target": "app-private"',
        ],
        after: ['    }', '  ]', '}'],
      },
      fires: 'ci-credential-grant',
      severity: 'high',
    },
    {
      lang: 'yaml',
      name: 'an Octo STS trust policy granting pull-requests write',
      files: {
        path: '.github/chainguard/release.sts.yaml',
        status: 'added',
        add: [
          'issuer: https://token.actions.githubusercontent.com',
          'subject: repo:example/app:ref:refs/heads/main',
          'permissions:',
          '  pull_requests: write',
        ],
      },
      fires: 'ci-credential-grant',
      severity: 'high',
    },
    {
      lang: 'json',
      name: 'a grant removed from the broker file',
      files: {
        path: '.github/ost-simple-sts.json',
        before: GRANTS_BEFORE,
        del: ['      "permissions": { "contents": "write" },'],
        after: ['    }', '  ]', '}'],
      },
      silent: 'ci-credential-grant',
    },
    {
      lang: 'json',
      name: 'a tsconfig option named like a permission',
      files: { path: 'tsconfig.json', before: ['{'], add: ['  "contents": "write",'], after: ['}'] },
      silent: 'ci-credential-grant',
    },
  ]);
});

/** A Cloud Run job spec: the container gets a GitHub push key from Secret Manager. */
const JOB: FileSpec = {
  path: 'infra/pr-generator/job.yaml',
  status: 'added',
  add: [
    "kind: 'Job'",
    'spec:',
    '  containers:',
    '    - env:',
    "        - name: 'GIT_TOKEN'",
    '          valueFrom:',
    '            secretKeyRef:',
    "              name: 'PR_BOT_GITHUB_PUSH_KEY'",
  ],
};
const WORKER: FileSpec = {
  path: 'infra/pr-generator/workflow.yaml',
  status: 'added',
  add: ['- doc_id: \'${"gh_" + doc.repo + "_" + string(doc.issue_number)}\''],
};

describe('review/rules LLM agent jobs handed a push credential', () => {
  check([
    {
      lang: 'yaml',
      name: 'a code-generation agent job gets a push key and is fed by issues',
      files: [
        JOB,
        WORKER,
        { path: 'infra/pr-generator/requirements.txt', status: 'added', add: ['google-antigravity>=0.1.0'] },
      ],
      fires: 'ci-agent-untrusted-input',
      severity: 'high',
    },
    {
      lang: 'yaml',
      name: 'the same job spec without an agent (a plain sync job)',
      files: [JOB, WORKER, { path: 'infra/pr-generator/requirements.txt', status: 'added', add: ['requests>=2'] }],
      silent: 'ci-agent-untrusted-input',
    },
    {
      lang: 'yaml',
      name: 'an agent job with only its model key',
      files: [
        {
          path: 'infra/summarizer/job.yaml',
          status: 'added',
          add: [
            '    - env:',
            "        - name: 'MODEL_NAME'",
            "          value: 'gemini-3.5-flash'",
            "        - name: 'GEMINI_API_KEY'",
            '          valueFrom:',
            '            secretKeyRef:',
            "              name: 'GEMINI_API_KEY'",
          ],
        },
      ],
      silent: 'ci-agent-untrusted-input',
    },
  ]);
});

describe('review/rules review bypass in CI', () => {
  const release = (cmd: string): FileSpec => ({
    path: '.github/workflows/publish-versions.yml',
    before: ['      - name: Merge', '        run: |', '          sleep 10'],
    del: ['          gh pr merge --squash "$BRANCH"'],
    add: [cmd],
  });
  check([
    {
      lang: 'yaml',
      name: '`gh pr merge --admin`',
      files: release('          gh pr merge --squash --admin "$BRANCH"'),
      fires: 'ci-risky-step',
      severity: 'high',
    },
    {
      lang: 'yaml',
      name: '`gh pr merge --auto` waits for the required reviews',
      files: release('          gh pr merge --squash --auto "$BRANCH"'),
      silent: 'ci-risky-step',
    },
  ]);
});

/**
 * A new workflow's jobs with no `permissions:` block anywhere get the repository's default token, which the diff
 * cannot show (read-write on repositories made before February 2023). Modelled on a new Python test workflow with one
 * job and no block; the near-misses set the block at the top or in the job.
 */
describe('review/rules a new workflow that sets no permissions', () => {
  const workflow = (top: readonly string[], job: readonly string[]): FileSpec => ({
    path: '.github/workflows/tools-tests.yml',
    status: 'added',
    add: [
      'name: tools tests',
      'on:',
      '  push:',
      '    branches: [main]',
      '  pull_request:',
      ...top,
      'jobs:',
      '  unit:',
      '    runs-on: ubuntu-latest',
      ...job,
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: python -m pytest tools',
      '  lint:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: ruff check tools',
    ],
  });
  const whyOf = (f: FileSpec): string =>
    findingsOf(review(diffOf(f), undefined, { ciText: ciTextOf(f) }), 'ci-changed')[0]?.why ?? '';

  it('says the token is the default when no job sets a block', () => {
    assert.match(whyOf(workflow([], [])), /they set no `permissions:`, so the token gets the repository's default/);
  });
  it('names only the jobs without a block', () => {
    const why = whyOf(workflow([], ['    permissions:', '      contents: read']));
    assert.match(why, /; lint sets no `permissions:`/);
    assert.doesNotMatch(why, /unit sets/);
  });
  it('says nothing of the token when the workflow sets a block for every job', () => {
    const why = whyOf(workflow(['permissions:', '  contents: read'], []));
    assert.match(why, /new workflow \(on: push, pull_request\): jobs unit; lint$/);
    assert.doesNotMatch(why, /permissions/);
  });
});

/**
 * A tool fetched at run time with no version (`uvx`, `pipx run`, `npx --yes`, `pnpm dlx`, `go install …@latest`) in a
 * job that holds a credential. Modelled on publish and coverage-upload jobs of public Python and Go repositories;
 * every workflow here is written for the test.
 */
describe('review/rules an unpinned tool run in a job holding a credential', () => {
  const job = (perms: readonly string[], env: readonly string[], run: readonly string[]): FileSpec => ({
    path: '.github/workflows/release.yml',
    before: [
      'name: release',
      'on:',
      '  push:',
      '    tags: ["v*"]',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      ...perms,
      ...env,
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: uv build',
    ],
    add: run,
    after: [],
  });
  const withContext = (f: FileSpec) => ({ ciText: ciTextOf(f) });
  const OIDC = ['    permissions:', '      id-token: write', '      contents: read'];
  const cases = [
    { name: 'uvx twine in a job with an OIDC token', files: job(OIDC, [], ['      - run: uvx twine upload dist/*']) },
    {
      name: 'pipx run in a job holding a publish secret',
      files: job([], ['    env:', '      PYPI_TOKEN: ${{ secrets.PYPI_TOKEN }}'], ['      - run: pipx run build']),
    },
    {
      name: 'go install @latest in a job that writes contents',
      files: job(
        ['    permissions:', '      contents: write'],
        [],
        ['      - run: go install golang.org/x/vuln/cmd/govulncheck@latest'],
      ),
    },
    {
      name: 'npx --yes inside a run block of a job that writes contents',
      files: job(
        ['    permissions:', '      contents: write'],
        [],
        ['      - run: |', '          npx --yes semantic-release', '          echo done'],
      ),
    },
  ];
  check(
    cases.map((c) => ({
      lang: 'yaml',
      ...c,
      fires: 'ci-risky-step',
      severity: 'medium' as const,
      context: withContext(c.files),
    })),
  );
  const silent = [
    { name: 'uvx with a pinned tool', files: job(OIDC, [], ['      - run: uvx twine==6.1.0 upload dist/*']) },
    {
      name: 'uvx --from a pinned package',
      files: job(OIDC, [], ["      - run: uvx --from 'twine==6.1.0' twine upload dist/*"]),
    },
    { name: 'npx --yes with a version', files: job(OIDC, [], ['      - run: npx --yes semantic-release@24.2.0']) },
    {
      name: 'an unpinned uvx in a job with no credential',
      files: job(['    permissions:', '      contents: read'], [], ['      - run: uvx ruff check .']),
    },
    { name: 'uvx in a step name, not a script', files: job(OIDC, [], ['      - name: uvx twine check']) },
    { name: "go run of the module's own command", files: job(OIDC, [], ['      - run: go run ./cmd/release']) },
  ];
  check(silent.map((c) => ({ lang: 'yaml', ...c, silent: 'ci-risky-step', context: withContext(c.files) })));

  it('names the tool, the job and what it holds', () => {
    const f = job(OIDC, [], ['      - run: uvx twine upload dist/*']);
    const why = findingsOf(review(diffOf(f), undefined, withContext(f)), 'ci-risky-step')[0]?.why ?? '';
    assert.match(
      why,
      /"uvx twine" runs whatever version the index serves that day, in job publish, which holds id-token: write/,
    );
  });
});

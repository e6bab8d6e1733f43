import * as assert from 'node:assert/strict';
import { parseWorkflow } from '../../../src/core/review/model/workflow';
import { ciTextOf, diffOf, findingsOf, review, type FileSpec } from './helpers';

/**
 * What counts as changing a credential-holding CI job: what runs with the credential or what it can reach (a script,
 * an action or its version, an input that is code, picks a credential or the code checked out, artifacts and outputs
 * flowing into the job), not every line edited in it. Caches turned off lower the risk; an action's plain input is
 * an option. A renamed or split job is matched to the job it came from by content. Shapes modelled on release and
 * lint workflows of public repositories (caches turned off across release workflows, a scanner's upload switched
 * per repository, a promotion job split in two); every fixture is written here.
 */
const judge = (...files: FileSpec[]) => review(diffOf(...files), undefined, { ciText: ciTextOf(...files) });
const why = (r: ReturnType<typeof judge>) => r.blastRadius.reasons.join('\n');

/** A docs site built and pushed with a PAT. */
const SITE = [
  'name: site',
  'on:',
  '  release:',
  '    types: [published]',
  'permissions: {}',
  'jobs:',
  '  site:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '        with:',
  '          token: ${{ secrets.SITE_PUSH_PAT }}',
  '      - uses: actions/setup-python@v6',
  '        with:',
  '          python-version: "3.13"',
  '      - uses: some-org/rust-cache@v2',
  '      - uses: some-org/setup-tool@v3',
  '        with:',
  '          version: "1.4.0"',
  '      - run: make site',
  '      - run: git push origin gh-pages',
];
const at = (i: number, del: string[], add: string[], lines = SITE, path = '.github/workflows/site.yml'): FileSpec => ({
  path,
  before: lines.slice(0, i),
  del,
  add,
  after: lines.slice(i + del.length),
});

describe('review/tier CI: what a credential-holding job runs or reaches', () => {
  it('caches turned off, or a cache step removed, in the job holding the PAT are T1, not ci-write, and no finding', () => {
    for (const spec of [
      at(15, [], ['          cache: ""']),
      at(18, [], ['          enable-cache: false']),
      at(15, [SITE[15]], []),
    ]) {
      const r = judge(spec);
      assert.equal(r.blastRadius.tier, 'T1', why(r));
      assert.match(why(r), /only turns caches off or removes cache steps/);
      assert.doesNotMatch(why(r), /\[ci-write\]/);
      assert.equal(findingsOf(r, 'ci-changed').length, 0);
    }
  });

  it('read access given to a workflow whose job holds a PAT is T1; write access is T2', () => {
    const read = judge(at(4, ['permissions: {}'], ['permissions:', '  contents: read']));
    assert.equal(read.blastRadius.tier, 'T1', why(read));
    const jobRead = judge(at(7, [], ['    permissions:', '      contents: read', '      actions: none']));
    assert.equal(jobRead.blastRadius.tier, 'T1', why(jobRead));
    const write = judge(at(4, ['permissions: {}'], ['permissions:', '  contents: write']));
    assert.equal(write.blastRadius.tier, 'T2', why(write));
  });

  it('a cache turned on, or a cache step added, in that job is T2: a poisoned cache would reach the token', () => {
    for (const spec of [
      at(18, [], ['          enable-cache: true']),
      at(16, [], ['      - uses: some-org/tool-cache@v1']),
    ]) {
      const r = judge(spec);
      assert.equal(r.blastRadius.tier, 'T2', why(r));
      assert.match(why(r), /edits steps of job site, which holds secrets\.SITE_PUSH_PAT \[ci-write\]/);
    }
  });

  it("an action's plain input is T0; an input that is code, picks the checkout or carries a secret is T2", () => {
    const plain = judge(at(18, [], ["          annotations: ${{ github.repository == 'org/site' }}"]));
    assert.equal(plain.blastRadius.tier, 'T0', why(plain));
    assert.equal(findingsOf(plain, 'ci-changed').length, 0);
    for (const line of [
      '          args: --features site-extras',
      '          ref: ${{ github.event.pull_request.head.sha }}',
      '          extra-token: ${{ secrets.OTHER_PAT }}',
      '          persist-credentials: true',
    ]) {
      const r = judge(at(18, [], [line]));
      assert.equal(r.blastRadius.tier, 'T2', `${line}\n${why(r)}`);
    }
  });

  it("a tool's version input moved in that job is T2 (what runs with the PAT changed); the finding is left out", () => {
    const r = judge(at(18, [SITE[18]], ['          version: "1.5.0"']));
    assert.equal(r.blastRadius.tier, 'T2', why(r));
    assert.equal(findingsOf(r, 'ci-changed').length, 0);
  });

  it("a version input of GitHub's own setup action is a first-party bump (T1); a third-party one names its action", () => {
    const first = judge(at(14, [SITE[14]], ['          python-version: "3.14"']));
    assert.equal(first.blastRadius.tier, 'T1', why(first));
    const third = judge(at(18, [SITE[18]], ['          version: "1.5.0"']));
    assert.match(why(third), /moves third-party action some-org\/setup-tool in job site/);
  });

  it('a script edited in that job is T2 and one finding quotes the edit in the job', () => {
    const r = judge(at(19, [SITE[19]], ['      - run: make site PUBLISH=1']));
    assert.equal(r.blastRadius.tier, 'T2', why(r));
    const hits = findingsOf(r, 'ci-changed');
    assert.equal(hits.length, 1);
    assert.match(
      hits[0].why,
      /changes what runs in job site, which holds secrets\.SITE_PUSH_PAT \("- run: make site PUBLISH=1"\)/,
    );
    assert.equal(hits[0].range?.start, 20);
  });
});

/** A read-only build whose artifacts a release job downloads and publishes with a write token. */
const BUILD = [
  'on: push',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  build:',
  '    steps:',
  '      - run: cargo build --release',
  '      - uses: actions/upload-artifact@v5',
  '  lint:',
  '    steps:',
  '      - run: cargo clippy',
  '  release:',
  '    needs: [build]',
  '    permissions:',
  '      contents: write',
  '    steps:',
  '      - uses: actions/download-artifact@v6',
  '      - run: gh release upload "$TAG" dist/*',
];

describe('review/tier CI: artifacts and outputs flowing into a credential-holding job', () => {
  it('a build step edited in a read-only job whose artifacts the release job publishes is T2, naming both', () => {
    const r = judge(at(6, [BUILD[6]], ['      - run: make dist'], BUILD, '.github/workflows/release.yml'));
    assert.equal(r.blastRadius.tier, 'T2', why(r));
    assert.match(why(r), /edits what job build runs, whose artifacts job release takes while holding contents: write/);
  });

  it('a third-party action moved in a read-only job whose artifacts the release job publishes is T2', () => {
    const lines = [...BUILD.slice(0, 7), '      - uses: some-org/install-tool@v2.1.0', ...BUILD.slice(7)];
    const r = judge(
      at(7, [lines[7]], ['      - uses: some-org/install-tool@v2.1.4'], lines, '.github/workflows/release.yml'),
    );
    assert.equal(r.blastRadius.tier, 'T2', why(r));
    assert.match(
      why(r),
      /moves third-party action some-org\/install-tool in job build, whose artifacts job release takes while holding contents: write/,
    );
  });

  it('reaches a token through a read-only job that passes the outputs on', () => {
    const lines = [
      'on: pull_request',
      'permissions: {}',
      'jobs:',
      '  review:',
      '    outputs:',
      '      verdict: ${{ steps.r.outputs.text }}',
      '    steps:',
      '      - uses: some-org/install-tool@v2.1.0',
      '      - id: r',
      '        run: ./review.sh',
      '  prepare:',
      '    needs: review',
      '    outputs:',
      '      body: ${{ steps.p.outputs.body }}',
      '    steps:',
      '      - id: p',
      '        run: ./prepare.sh "${{ needs.review.outputs.verdict }}"',
      '  post:',
      '    needs: prepare',
      '    permissions:',
      '      pull-requests: write',
      '    steps:',
      '      - run: gh pr comment --body "${{ needs.prepare.outputs.body }}"',
    ];
    const r = judge(
      at(7, [lines[7]], ['      - uses: some-org/install-tool@v2.1.4'], lines, '.github/workflows/review.yml'),
    );
    assert.equal(r.blastRadius.tier, 'T2', why(r));
    assert.match(why(r), /in job review, whose outputs job post takes while holding pull-requests: write/);
  });

  it('a third-party action moved in a read-only job nothing downstream takes from stays T1', () => {
    const lines = [...BUILD.slice(0, 11), '      - uses: some-org/install-tool@v2.1.0', ...BUILD.slice(11)];
    const r = judge(
      at(11, [lines[11]], ['      - uses: some-org/install-tool@v2.1.4'], lines, '.github/workflows/release.yml'),
    );
    assert.equal(r.blastRadius.tier, 'T1', why(r));
  });

  it('a read-only job nothing downstream takes from stays T1', () => {
    const r = judge(at(10, [BUILD[10]], ['      - run: cargo fmt --check'], BUILD, '.github/workflows/release.yml'));
    assert.equal(r.blastRadius.tier, 'T1', why(r));
  });

  it('a build step edited in a reusable workflow whose artifacts the calling release workflow publishes is T2', () => {
    // The binaries are built by a callable read-only workflow; the release workflow calls it, then a job holding a
    // write token downloads what it built (through a job that checks the build first) and uploads it.
    const binaries = [
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      plan: { type: string }',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  linux-arm:',
      '    runs-on: ubuntu-24.04-arm',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '      - run: cargo build --release --target aarch64-unknown-linux-gnu',
      '      - uses: actions/upload-artifact@v6',
      '        with: { name: artifacts-linux-arm, path: target/dist }',
    ];
    const release = (file: string) => [
      'on: { push: { tags: ["*"] } }',
      'permissions: {}',
      'jobs:',
      '  build-binaries:',
      `    uses: ./.github/workflows/${file}`,
      '    secrets: inherit',
      '  check:',
      '    needs: [build-binaries]',
      '    steps:',
      '      - uses: actions/download-artifact@v7',
      '      - run: ./check-dist.sh',
      '  publish:',
      '    needs: [check]',
      '    permissions:',
      '      contents: write',
      '    steps:',
      '      - uses: actions/download-artifact@v7',
      '      - run: gh release upload "$TAG" artifacts/*',
    ];
    const edit = at(
      11,
      [binaries[11]],
      ['      - run: ./scripts/pgo-build.sh aarch64-unknown-linux-gnu'],
      binaries,
      '.github/workflows/build-binaries.yml',
    );
    const withCaller = (text: readonly string[]) =>
      review(diffOf(edit), undefined, {
        ciText: ciTextOf(edit),
        workflows: [{ path: '.github/workflows/release.yml', text: text.join('\n') + '\n' }],
      });
    const r = withCaller(release('build-binaries.yml'));
    assert.equal(r.blastRadius.tier, 'T2', why(r));
    assert.match(
      why(r),
      /edits what job linux-arm runs, whose artifacts job publish of \.github\/workflows\/release\.yml takes while holding contents: write/,
    );
    // Near misses: a caller calling another workflow, no caller read, and a callable workflow nobody publishes from.
    assert.equal(withCaller(release('build-docs.yml')).blastRadius.tier, 'T1');
    assert.equal(judge(edit).blastRadius.tier, 'T1');
    const lint = release('build-binaries.yml').slice(0, 11);
    assert.equal(withCaller(lint).blastRadius.tier, 'T1');
    // A job that only passes every secret on to yet another workflow (`secrets: inherit`) holds none of its own here.
    const passOn = [
      ...lint,
      '  report:',
      '    needs: [check]',
      '    uses: ./.github/workflows/report.yml',
      '    with: { verdict: "${{ needs.check.outputs.verdict }}" }',
      '    secrets: inherit',
    ];
    assert.equal(withCaller(passOn).blastRadius.tier, 'T1', why(withCaller(passOn)));
    // An output read only in a job's `if:` decides whether it runs; nothing of it reaches the token.
    const gated = [
      ...lint,
      '  scan:',
      '    needs: [check]',
      "    if: ${{ needs.check.outputs.run-scan == 'true' }}",
      '    permissions:',
      '      security-events: write',
      '    steps:',
      '      - run: ./scan.sh',
    ];
    assert.equal(withCaller(gated).blastRadius.tier, 'T1', why(withCaller(gated)));
    // Nor does one compared with a literal: a flag handed on as an input (`push: needs.x.outputs.push == 'true'`).
    const flag = gated.map((l) =>
      l === '      - run: ./scan.sh'
        ? "      - run: ./scan.sh --upload=${{ needs.check.outputs.upload == 'true' }}"
        : l,
    );
    assert.equal(withCaller(flag).blastRadius.tier, 'T1', why(withCaller(flag)));
    const fed = gated.map((l) =>
      l === '      - run: ./scan.sh' ? '      - run: ./scan.sh "${{ needs.check.outputs.list }}"' : l,
    );
    assert.equal(withCaller(fed).blastRadius.tier, 'T2', why(withCaller(fed)));
  });
});

/** A job holding a brokered write token, renamed or split. */
const PROMOTE = [
  'on: workflow_dispatch',
  'permissions: {}',
  'jobs:',
  '  promote:',
  '    runs-on: ubuntu-latest',
  '    permissions:',
  '      id-token: write',
  '    steps:',
  '      - uses: some-org/broker-token@v1',
  '        with:',
  '          permissions: |',
  '            contents: write',
  '      - run: ./scripts/check-approval.sh',
  '      - run: ./scripts/rebase-candidate.sh',
  '      - run: git push upstream HEAD',
];

describe('review/tier CI: a renamed job keeps the grants it had', () => {
  it('a job renamed with the same steps gains nothing and edits nothing', () => {
    const r = judge(at(3, [PROMOTE[3]], ['  publish-candidate:'], PROMOTE, '.github/workflows/promote.yml'));
    assert.doesNotMatch(why(r), /gains/);
    assert.ok(r.blastRadius.tier < 'T2', why(r));
  });

  it('a job copied beside the original is new and gains its grants', () => {
    const r = judge({
      path: '.github/workflows/promote.yml',
      before: PROMOTE,
      add: PROMOTE.slice(3).map((l, i) => (i === 0 ? '  promote-again:' : l)),
    });
    assert.match(why(r), /job promote-again gains id-token: write, contents: write \[ci-write\]/);
    assert.match(findingsOf(r, 'ci-changed')[0]?.why ?? '', /job promote-again gains/);
  });

  it('a job split in two keeps the grants in its first half; a new third job that requests the token gains it', () => {
    const head = [
      ...PROMOTE.slice(0, 3),
      '  prepare:',
      ...PROMOTE.slice(4, 13),
      '  push:',
      '    needs: prepare',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - uses: some-org/broker-token@v1',
      '        with:',
      '          permissions: |',
      '            contents: write',
      ...PROMOTE.slice(13),
    ];
    const r = judge({ path: '.github/workflows/promote.yml', before: [], del: PROMOTE, add: head });
    assert.doesNotMatch(why(r), /job prepare gains/);
  });
});

describe('review/rules ci-changed: only what a reviewer must check', () => {
  it('a read-only job edited in a workflow read whole gives no finding; a job removed does', () => {
    const edited = judge(
      at(10, [BUILD[10]], ['      - run: cargo fmt --check'], BUILD, '.github/workflows/release.yml'),
    );
    assert.equal(findingsOf(edited, 'ci-changed').length, 0);
    const dropped = judge(at(8, BUILD.slice(8, 11), [], BUILD, '.github/workflows/release.yml'));
    const hits = findingsOf(dropped, 'ci-changed');
    assert.equal(hits.length, 1);
    assert.match(hits[0].why, /removes job lint: its steps no longer run/);
  });

  it('a new workflow is one finding naming its triggers and the jobs holding credentials', () => {
    const r = judge({ path: '.github/workflows/site.yml', status: 'added', add: SITE });
    const hits = findingsOf(r, 'ci-changed');
    assert.equal(hits.length, 1);
    assert.match(hits[0].why, /new workflow \(on: release\): job site, which holds secrets\.SITE_PUSH_PAT/);
  });

  it('a new job between an LLM agent and the job acting on its output: the agent finding alone, no restatement', () => {
    const wf = [
      'on: pull_request',
      'permissions: {}',
      'jobs:',
      '  labels:',
      '    outputs:',
      '      labels: ${{ steps.agent.outputs.final-message }}',
      '    steps:',
      '      - run: gh pr view "$PR" --json title,body > pr.json',
      '      - id: agent',
      '        uses: openai/codex-action@v1',
      '  apply:',
      '    needs: labels',
      '    permissions:',
      '      pull-requests: write',
      '    steps:',
      '      - run: gh pr edit "$PR" --add-label "${{ needs.labels.outputs.labels }}"',
    ];
    const check = [
      '  check:',
      '    needs: labels',
      '    outputs:',
      '      ok: ${{ steps.v.outputs.ok }}',
      '    steps:',
      '      - id: v',
      '        run: ./validate-labels.sh "${{ needs.labels.outputs.labels }}"',
    ];
    const r = judge({ path: '.github/workflows/labels.yml', before: wf.slice(0, 10), add: check, after: wf.slice(10) });
    assert.equal(findingsOf(r, 'ci-agent-untrusted-input').length, 1, why(r));
    assert.equal(findingsOf(r, 'ci-changed').length, 0);
  });

  it('a permission that only lost its comment is no risky step; one really added is', () => {
    const base = [...PROMOTE.slice(0, 6), '      id-token: write # for the broker', ...PROMOTE.slice(7)];
    const comment = judge(at(6, [base[6]], ['      id-token: write'], base, '.github/workflows/promote.yml'));
    assert.equal(findingsOf(comment, 'ci-risky-step').length, 0);
    const fresh = judge(at(6, [], ['      contents: write'], PROMOTE, '.github/workflows/promote.yml'));
    assert.equal(findingsOf(fresh, 'ci-risky-step').length, 1);
  });
});

describe('review/rules ci-changed: near-misses that stay silent', () => {
  it('a permission or step whose trailing comment alone changed edits nothing (T0, no finding)', () => {
    const base = [...PROMOTE.slice(0, 6), '      id-token: write # for the broker', ...PROMOTE.slice(7)];
    const r = judge(at(6, [base[6]], ['      id-token: write'], base, '.github/workflows/promote.yml'));
    assert.equal(r.blastRadius.tier, 'T0', why(r));
    assert.equal(findingsOf(r, 'ci-changed').length, 0);
  });

  it('a contributor pre-commit configuration deleted is no pipeline finding', () => {
    const r = judge({ path: '.pre-commit-config.yaml', del: ['repos:', '  - repo: local', '    hooks: []'] });
    assert.equal(findingsOf(r, 'ci-changed').length, 0);
  });

  it("a job added by a gh-aw recompile is the compiler's: no item; a hand-written new job names the secret it gains", () => {
    const lock = [
      '# gh-aw-metadata: {"schema_version":"v4"}',
      'on: workflow_dispatch',
      'jobs:',
      '  agent:',
      '    steps:',
      '      - run: node harness.cjs --print',
    ];
    const recompiled = judge({
      path: '.github/workflows/triage.lock.yml',
      before: lock,
      add: ['  pre_activation:', '    steps:', '      - run: node check_membership.cjs'],
    });
    assert.equal(findingsOf(recompiled, 'ci-changed').length, 0);
    const heartbeat = judge({
      path: '.github/workflows/monitor.yml',
      before: BUILD,
      add: [
        '  heartbeat:',
        '    steps:',
        '      - run: ./notify.sh',
        '        env:',
        '          HOOK: ${{ secrets.CHAT_WEBHOOK }}',
      ],
    });
    assert.match(findingsOf(heartbeat, 'ci-changed')[0]?.why ?? '', /job heartbeat gains secrets\.CHAT_WEBHOOK/);
  });
});

describe('review/model/workflow: action inputs', () => {
  it("knows each input's key and its step's action, block values included; env entries are env", () => {
    const wf = parseWorkflow(
      [
        'jobs:',
        '  b:',
        '    steps:',
        '      - name: build',
        '        uses: some-org/builder@v1',
        '        with:',
        '          args: |',
        '            --release',
        '          cache: false',
        '        env:',
        '          MODE: fast',
        '      - with:',
        '          key: x',
        '        uses: other/cache@v4',
      ].join('\n'),
    );
    assert.deepEqual(wf.inputs.get(6), { key: 'args', action: 'some-org/builder' });
    assert.deepEqual(wf.inputs.get(7), { key: 'args', action: 'some-org/builder' });
    assert.deepEqual(wf.inputs.get(8), { key: 'cache', action: 'some-org/builder' });
    assert.equal(wf.roles[10], 'env');
    assert.deepEqual(wf.inputs.get(12), { key: 'key', action: 'other/cache' });
  });
});

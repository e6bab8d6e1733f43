import * as assert from 'node:assert/strict';
import type { LineProvenance, ProvenanceSource } from '../../../src/core/review/types';
import { ALL_AI, ALL_HUMAN, added, diffOf, removed, review, type FileSpec } from './helpers';

/**
 * The tier follows what a change touches and the signals found, not its volume or who wrote it. Change shapes are
 * modelled on merged pull requests of public repositories (a Rust + TypeScript desktop app with Codex, Copilot-agent
 * and Claude commits; Python tools with Claude trailers); every fixture is written here.
 */
const TRAILER_ONLY: ProvenanceSource = (): LineProvenance => ({ authorship: 'ai', evidence: 'commit', tool: 'Claude' });
const tier = (d: string, prov?: ProvenanceSource, ctx = {}) => review(d, prov, ctx).blastRadius;
const lines = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

/** A new CI job that only reads: checkout, toolchain, lint (like a "check docs" or "clippy" job added to push.yaml). */
const LINT_JOB: FileSpec = {
  path: '.github/workflows/push.yaml',
  before: ['jobs:'],
  add: [
    '  lint-docs:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: read',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          persist-credentials: false',
    '      - run: cargo doc --workspace --no-deps',
    '      - run: cargo clippy --all-targets -- -D warnings',
  ],
};

describe('review/tier: what the change touches', () => {
  it('a read-only CI lint job is T1 whoever wrote it', () => {
    for (const prov of [ALL_HUMAN, ALL_AI, TRAILER_ONLY]) {
      const br = tier(diffOf(LINT_JOB), prov);
      assert.equal(br.tier, 'T1', br.reasons.join('\n'));
      assert.ok(
        br.reasons.includes('T1: read-only pipeline .github/workflows/push.yaml changed [ci-read-only]'),
        br.reasons.join('\n'),
      );
    }
  });

  it('a pipeline with write access or secrets is T2; with untrusted issue text too, T3', () => {
    const publish = {
      path: '.github/workflows/release.yml',
      before: ['jobs:'],
      add: [
        '  publish:',
        '    permissions:',
        '      contents: write',
        '    steps:',
        '      - run: cargo publish',
        '        env:',
        '          CARGO_REGISTRY_TOKEN: ${{ secrets.CRATES_TOKEN }}',
      ],
    };
    assert.equal(tier(diffOf(publish)).tier, 'T2');
    const triage = {
      path: '.github/workflows/triage.yml',
      before: ['on: issues', 'permissions:', '  issues: write'],
      add: [
        '    steps:',
        '      - uses: some-org/llm-agent@v1',
        '        with:',
        '          prompt: "Label this issue: ${{ github.event.issue.body }}"',
      ],
    };
    const br = tier(diffOf(triage));
    assert.equal(br.tier, 'T3', br.reasons.join('\n'));
    assert.ok(br.reasons.some((r) => r.endsWith('[ci-write-untrusted]')));
  });

  it('a test-only change is T0-T1 even with a Claude trailer on every line', () => {
    const test = added(
      'tests/test_transcript.py',
      ...lines(36, (i) => (i % 6 === 0 ? `def test_case_${i}():` : `    assert parse(${i}) == ${i}`)),
    );
    const br = tier(diffOf(test), TRAILER_ONLY);
    assert.ok(br.tier <= 'T1', br.reasons.join('\n'));
    const big = added('crates/app/tests/rebase.rs', ...lines(500, (i) => `    assert_eq!(step(${i}), ${i});`));
    assert.equal(tier(diffOf(big), ALL_AI).tier, 'T1', 'size alone does not lift a test-only change');
  });

  it('a test-only change asks for a peer past 200 lines, not 100; beside code its tests count in full', () => {
    // A harness refactor: one builder on the test context replaces a field each test set by hand.
    const harness = {
      path: 'crates/app/tests/it/common/mod.rs',
      before: ['impl TestContext {'],
      add: lines(40, (i) => `    pub fn with_dir_${i}(mut self) -> Self { self.dir_${i} = true; self }`),
    };
    const uses = {
      path: 'crates/app/tests/it/uninstall.rs',
      before: ['fn uninstall() {'],
      del: lines(40, (i) => `    context.dir_${i} = Some(temp.child("d${i}"));`),
      add: lines(40, (i) => `    let context = context.with_dir_${i}();`),
    };
    const refactor = tier(diffOf(harness, uses));
    assert.equal(refactor.tier, 'T0', refactor.reasons.join('\n'));
    // Past 200 lines the same kind of change asks for a peer, and the reason says the count was test-only.
    const wide = tier(
      diffOf(harness, { ...uses, del: lines(90, (i) => `    x${i}();`), add: lines(90, (i) => `    y${i}();`) }),
    );
    assert.equal(wide.tier, 'T1', wide.reasons.join('\n'));
    assert.ok(wide.reasons.includes('T1: 220 changed lines (over 200, test-only) [size]'), wide.reasons.join('\n'));
    // Near miss: one line of product code beside the same tests is sized as code with its tests.
    const withCode = tier(diffOf(harness, uses, added('crates/app/src/cache.rs', 'pub const DIR: &str = "d";')));
    assert.equal(withCode.tier, 'T1', withCode.reasons.join('\n'));
  });

  it('a test-only change that commits a private key is T2, not T3', () => {
    const fixture = added(
      'tests/fixtures/scenario/shared.sh',
      'echo "-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABFwAAAAdzc2gtcn',
      '-----END OPENSSH PRIVATE KEY-----" > "$1"',
    );
    const br = tier(diffOf(fixture));
    assert.equal(br.tier, 'T2', br.reasons.join('\n'));
    assert.ok(
      br.reasons.some((r) => /capped: a test-only change, but .*confirm it is a throwaway \[secret\]$/.test(r)),
      br.reasons.join('\n'),
    );
  });

  it('re-recorded cassettes and snapshots do not count as size; the code and tests beside them do', () => {
    const fix = added('pkg/models/retry.py', ...lines(60, (i) => `    attempt_${i} = compute(${i})`));
    const test = added('tests/models/test_retry.py', ...lines(30, (i) => `    assert attempt(${i}) == ${i}`));
    const cassette = added('tests/models/cassettes/test_retry.yaml', ...lines(900, (i) => `  - request: ${i}`));
    const snap = added(
      'src/__snapshots__/view.test.ts.snap',
      ...lines(500, (i) => `exports[\`row ${i}\`] = \`${i}\`;`),
    );
    assert.equal(tier(diffOf(fix, test, cassette, snap), ALL_HUMAN).tier, 'T0');
    assert.equal(
      tier(diffOf(fix, test, added('tests/models/test_more.py', ...lines(400, (i) => `    assert f(${i})`))), ALL_HUMAN)
        .tier,
      'T2',
    );
  });

  it('documentation-only changes stay at T1 however large', () => {
    assert.equal(tier(diffOf(added('docs/guide.md', ...lines(600, (i) => `Paragraph ${i}.`))), ALL_AI).tier, 'T1');
  });

  it('agent instructions changed in wording only stay with the docs (T1); one that adds a tool or command is T3', () => {
    const docs = Array.from({ length: 25 }, (_, i) => added(`docs/page${i}.md`, `Plain wording ${i}.`));
    const wording = added('docs/AGENTS.md', '## Plain language', '', 'Name the concept instead of a vague word.');
    assert.equal(tier(diffOf(...docs, wording)).tier, 'T1');
    const grants = added('docs/AGENTS.md', '## Checks', '', 'Always run `make publish` after editing a page.');
    assert.equal(tier(diffOf(...docs, grants)).tier, 'T3');
  });

  it('tests deleted with the code they test (a revert, a removed feature) ask for T1, not T2', () => {
    const code = removed(
      'internal/ui/header.go',
      lines(30, (i) => `\tpart${i} := format(${i})`),
    );
    const test = removed('internal/ui/header_test.go', [
      'func TestHeaderFormat(t *testing.T) {',
      '\trequire.Equal(t, "a", format(1))',
      '}',
    ]);
    assert.equal(tier(diffOf(code, test)).tier, 'T1');
    const kept = removed('internal/ui/header.go', ['\tpart := format(1)'], ['\tpart := format(2)']);
    assert.equal(tier(diffOf(kept, test)).tier, 'T2');
  });

  it("a word in a path is not a critical path: chat transcripts under session/, a login modal's wording", () => {
    const transcripts = diffOf(
      added('src/session/transcript.py', 'def render(messages):', '    return "\\n".join(m.text for m in messages)'),
      added('data/sessions/2026-01-05.jsonl', '{"role": "user", "text": "hi"}'),
    );
    const br = tier(transcripts);
    assert.equal(br.tier, 'T0', br.reasons.join('\n'));
    const modal = diffOf(
      removed(
        'apps/desktop/src/components/onboarding/LoginConfirmationModal.svelte',
        ['  <p>Log in to continue</p>'],
        ['  <p>Confirm the sign-in in your browser, then come back here.</p>'],
      ),
    );
    assert.equal(tier(modal, ALL_AI).tier, 'T0');
    const llm = diffOf(
      removed(
        'src/llm/client.py',
        ['    max_tokens = 1024'],
        ['    max_tokens = 4096', '    count = count_tokens(prompt)'],
      ),
    );
    assert.equal(tier(llm).tier, 'T0', 'token counts of a language model are not credentials');
  });

  it('critical paths configured in .ai-provenance.json still apply by path', () => {
    const d = diffOf(added('src/session/store.ts', 'export const ttl = 5;'));
    assert.equal(tier(d, undefined, { criticalPaths: ['src/session/'] }).tier, 'T3');
    assert.equal(tier(d).tier, 'T0');
  });
});

describe('review/tier: a sandbox rule is read in the form it falls under, in the whole profile', () => {
  const path = 'packages/cli/src/utils/sandbox-macos-open.sb';
  const profile = (writable: readonly string[], head = ['(allow default)', '(deny file-write*)']) => [
    '(version 1)',
    ...head,
    '(allow file-write*',
    ...writable.map((p) => `    (subpath (param "${p}"))`),
    '    (literal "/dev/null")',
    ')',
  ];
  const texts = (base: readonly string[], head: readonly string[]) => ({
    baseText: new Map([[path, base.join('\n') + '\n']]),
    headText: new Map([[path, head.join('\n') + '\n']]),
  });
  const sandboxReason = (br: { reasons: readonly string[] }) =>
    br.reasons.find((r) => /sandbox policy/.test(r)) ?? br.reasons.join(' | ');

  it('a path dropped from an allow list opened above the hunk narrows the profile (T2); one added widens it (T3)', () => {
    const base = profile(['TARGET_DIR', 'TMP_DIR', 'CACHE_DIR', 'NPM_DIR', 'GITCONFIG']);
    const head = profile(['TARGET_DIR', 'TMP_DIR', 'CACHE_DIR', 'NPM_DIR']);
    // The hunk starts at line 6: three lines of context, none of them the `(allow file-write*` on line 4.
    const drop = {
      path,
      start: 6,
      before: base.slice(5, 8),
      del: [base[8]],
      after: base.slice(9),
    };
    const narrowed = tier(diffOf(drop), ALL_HUMAN, texts(base, head));
    assert.equal(narrowed.tier, 'T2', narrowed.reasons.join('\n'));
    assert.match(sandboxReason(narrowed), /^T2: narrows sandbox policy/);
    // Without the profile's text the verb is unknown: read as a change of the boundary.
    assert.equal(tier(diffOf(drop), ALL_HUMAN).tier, 'T3');
    // Near miss: the same list gains a path; the process may now write there.
    const gain = {
      path,
      start: 6,
      before: head.slice(5, 8),
      add: ['    (subpath (param "SSH_DIR"))'],
      after: head.slice(8),
    };
    const wider = profile(['TARGET_DIR', 'TMP_DIR', 'CACHE_DIR', 'SSH_DIR', 'NPM_DIR']);
    const widened = tier(diffOf(gain), ALL_HUMAN, texts(head, wider));
    assert.equal(widened.tier, 'T3', widened.reasons.join('\n'));
  });

  it('allow-by-default turned into deny-by-default with an allow list narrows it, unless it allows what was denied', () => {
    const writable = ['TARGET_DIR', 'TMP_DIR'];
    const base = profile(writable);
    const allowList = ['(deny default)', '(allow file-read*)', '(allow process-exec)', '(allow network-outbound)'];
    const head = profile(writable, allowList);
    const flip = { path, start: 2, del: base.slice(1, 3), add: head.slice(1, 5), after: base.slice(3, 5) };
    const narrowed = tier(diffOf(flip), ALL_HUMAN, texts(base, head));
    assert.equal(narrowed.tier, 'T2', narrowed.reasons.join('\n'));
    assert.match(sandboxReason(narrowed), /^T2: narrows sandbox policy/);
    // Near miss: the new allow list also lets the process write where the base denied it (`file-write*` was denied
    // outright but for two paths): wider there, whatever the default.
    const writes = [...allowList, '(allow file-write-data (subpath (param "HOME_DIR")))'];
    const headWrites = profile(writable, writes);
    const flipWrites = { ...flip, add: headWrites.slice(1, 6) };
    const widened = tier(diffOf(flipWrites), ALL_HUMAN, texts(base, headWrites));
    assert.equal(widened.tier, 'T3', widened.reasons.join('\n'));
    // Near miss: deny-by-default turned into allow-by-default.
    const loosen = tier(
      diffOf({ path, start: 2, del: head.slice(1, 5), add: base.slice(1, 3), after: head.slice(5, 7) }),
      ALL_HUMAN,
      texts(head, base),
    );
    assert.equal(loosen.tier, 'T3', loosen.reasons.join('\n'));
  });
});

describe('review/tier: security fixes and reworks reach T3 whoever wrote them', () => {
  it('code reshaped around credential plumbing that did not change is not credential work', () => {
    const reshaped = removed(
      'pkg/providers/gateway.py',
      [
        '        return wrap(OpenAIProvider(api_key=api_key, base_url=base_url, http_client=client))',
        '        provider = CloudProvider(api_key=api_key, base_url=base_url)',
        '        _set_gateway_auth(provider.client, api_key)',
      ],
      [
        '        provider = wrap(OpenAIProvider(api_key=api_key, base_url=base_url, http_client=client))',
        '        cloud = CloudProvider(api_key=api_key, base_url=base_url)',
        '        _set_gateway_auth(cloud.client, api_key)',
        '        return with_known_models(provider)',
      ],
    );
    const br = tier(diffOf(reshaped), ALL_HUMAN);
    assert.equal(br.tier, 'T0', br.reasons.join('\n'));
    // Near miss: where the key comes from changed.
    const source = removed(
      'pkg/providers/gateway.py',
      ['        provider = CloudProvider(api_key=api_key, base_url=base_url)'],
      ['        provider = CloudProvider(api_key=os.environ.get("CLOUD_KEY", api_key), base_url=base_url)'],
    );
    const changed = tier(diffOf(source), ALL_HUMAN);
    assert.equal(changed.tier, 'T3', changed.reasons.join('\n'));
    assert.match(changed.reasons[0], /changes existing credential/);
  });

  it('a human command-injection fix (shell string -> argument list, quoting) is T3', () => {
    const fix = removed(
      'src/tools/git_runner.py',
      ['    out = subprocess.run(f"git log {branch} -- {path}", shell=True, capture_output=True)'],
      ['    out = subprocess.run(["git", "log", branch, "--", path], capture_output=True)'],
    );
    const br = tier(diffOf(fix), ALL_HUMAN);
    assert.equal(br.tier, 'T3', br.reasons.join('\n'));
    assert.match(
      br.reasons[0],
      /^T3: changes existing process-execution code in src\/tools\/git_runner\.py:1 \(subprocess\.run\) \[security-surface\]$/,
    );
    const quoting = removed(
      'src/editor.py',
      ['    cmd = editor + " " + filename'],
      ['    cmd = editor + " " + shlex.quote(filename)'],
    );
    // Only the line building the command changed, next to the call that runs it: quoting added is a security fix.
    assert.equal(
      tier(diffOf({ ...quoting, after: ['    os.system(cmd)'] })).tier,
      'T3',
      'adding quoting to a shell command line',
    );
    const beside = added('src/editor.py', '    subprocess.run(["git", "status"], check=True)');
    assert.equal(tier(diffOf(beside)).tier, 'T2', 'a new process call beside existing code');
  });

  it('the name of a kind of login compared picks behaviour: no credential code; a key compared or sent still is', () => {
    // A quota hint shown to Google-login users only (TypeScript), the same in Python, Go and a switch label.
    const hint = added(
      'packages/core/src/utils/retry.ts',
      'function withHint(error: Error, authType?: string): Error {',
      "  if (authType === 'oauth-personal' || authType === 'compute-default-credentials') {",
      "    return new Error(error.message + ' Set a project to get your own quota.');",
      '  }',
      '  return error;',
      '}',
    );
    const py = added(
      'app/errors.py',
      'def hint(auth_type):',
      '    if auth_type == "api_key":',
      '        return "check the quota"',
    );
    const go = added('internal/ui/hint.go', 'switch kind {', 'case "oauth":', '\treturn "log in again"', '}');
    for (const d of [hint, py, go]) {
      const br = tier(diffOf(d), ALL_HUMAN);
      assert.equal(br.tier, 'T0', `${d.path}: ${br.reasons.join('\n')}`);
    }
    // Near misses: a key compared, a header set by name, a key read by a name the comparison does not cover.
    const compared = added('app/verify.py', 'def ok(request):', '    return request.access_token == expected_token');
    const header = added('src/client.ts', "headers['Authorization'] = `Bearer ${key}`;");
    const read = added('internal/auth/env.go', 'if os.Getenv("GH_TOKEN") == "" {', '\treturn nil', '}');
    for (const d of [compared, header, read]) {
      const br = tier(diffOf(d), ALL_HUMAN);
      assert.equal(br.tier, 'T2', `${d.path}: ${br.reasons.join('\n')}`);
      assert.match(br.reasons[0], /adds credential\/permission code/);
    }
  });

  it('a key test kept while the clause beside it changed is not changed credential code; the key test changed is', () => {
    // An Azure provider's Entra fallback: the environment check went from membership to truthiness.
    const env = removed(
      'pkg/providers/azure.py',
      ["        if entra_authenticated and not api_key and 'AZURE_OPENAI_API_KEY' not in os.environ:"],
      ["        if entra_authenticated and not api_key and not os.getenv('AZURE_OPENAI_API_KEY'):"],
    );
    const br = tier(diffOf(env), ALL_HUMAN);
    assert.equal(br.tier, 'T0', br.reasons.join('\n'));
    const ts = removed(
      'src/auth/pick.ts',
      ['  if (!apiKey && process.env.USE_ADC !== undefined) {'],
      ["  if (!apiKey && process.env.USE_ADC === 'true') {"],
    );
    assert.equal(tier(diffOf(ts), ALL_HUMAN).tier, 'T0', 'the same in TypeScript');
    // Near miss: the key test itself changed (an empty key now counts as given).
    const keyTest = removed(
      'pkg/providers/azure.py',
      ["        if entra_authenticated and not api_key and 'AZURE_OPENAI_API_KEY' not in os.environ:"],
      ["        if entra_authenticated and api_key is None and 'AZURE_OPENAI_API_KEY' not in os.environ:"],
    );
    const changed = tier(diffOf(keyTest), ALL_HUMAN);
    assert.equal(changed.tier, 'T3', changed.reasons.join('\n'));
    assert.match(changed.reasons[0], /changes existing credential/);
  });

  it('instructions printed to the user about logging in are not credential code; printing a token is', () => {
    const reworded = removed(
      'internal/cmd/login.go',
      ['\tfmt.Println("Open the link below and follow the steps to authenticate with the provider:")'],
      ['\tfmt.Println("Press enter to open the link below and authenticate with the provider:")'],
    );
    const br = tier(diffOf(reworded), ALL_HUMAN);
    assert.equal(br.tier, 'T0', br.reasons.join('\n'));
    const py = removed(
      'app/cli/login.py',
      ['    print("Paste the code shown in your browser to authorize this device")'],
      ['    print("Paste the code from your browser to authorize this machine")'],
    );
    assert.equal(tier(diffOf(py), ALL_HUMAN).tier, 'T0');
    // Near miss: the printed value is the credential itself.
    const leak = removed(
      'internal/cmd/login.go',
      ['\tfmt.Println("logged in")'],
      ['\tfmt.Println("logged in", resp.AccessToken)'],
    );
    assert.notEqual(tier(diffOf(leak), ALL_HUMAN).tier, 'T0');
  });

  // Shapes from gemini-cli's macOS seatbelt profiles (files and, since #28551, embedded copies) and the class around
  // them: seccomp filters, AppArmor profiles, Landlock rulesets, sandbox launchers; written here.
  it('sandbox policy is a security surface: seatbelt rules (files or embedded), seccomp, Landlock, AppArmor, launchers', () => {
    const reasonOf = (...files: FileSpec[]) => {
      const br = tier(diffOf(...files), ALL_HUMAN);
      return { tier: br.tier, reason: br.reasons.find((r) => /sandbox policy/.test(r)) ?? br.reasons.join(' | ') };
    };
    const sb = reasonOf(
      removed(
        'packages/cli/src/utils/sandbox-macos-permissive-open.sb',
        ['(allow network-outbound (remote tcp "localhost:*"))'],
        ['(allow network-outbound)'],
      ),
    );
    assert.equal(sb.tier, 'T3');
    assert.match(
      sb.reason,
      /^T3: changes sandbox policy \(what a spawned process may do\) in packages\/cli\/src\/utils\/sandbox-macos-permissive-open\.sb:1 \(\(allow network-outbound\)\) \[security-surface\]$/,
    );
    const embedded = reasonOf(
      added(
        'packages/cli/src/utils/sandboxBuiltinProfiles.ts',
        'export const PERMISSIVE_OPEN = `(version 1)',
        '(allow default)',
        '(deny file-write* (subpath "/"))',
        '(allow file-write* (subpath (param "TARGET_DIR")))',
        '`;',
      ),
    );
    assert.equal(embedded.tier, 'T3', 'a new profile embedded in code sets the boundary as much as a changed one');
    assert.match(embedded.reason, /adds sandbox policy .*sandboxBuiltinProfiles\.ts:2 \(\(allow default\)/);
    for (const [spec, what] of [
      [added('src/sandbox/filter.c', '  seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ptrace), 0);'), 'seccomp'],
      [
        added('profiles/docker-seccomp.json', '    { "names": ["ptrace"], "action": "SCMP_ACT_ALLOW" },'),
        'seccomp file',
      ],
      [
        added('src/sandbox.rs', '    let status = ruleset.add_rule(PathBeneath::new(fd, AccessFs::from_all(abi)))?;'),
        'Landlock',
      ],
      [added('debian/apparmor.d/usr.bin.agent', '  /home/** rw,'), 'AppArmor profile'],
      [
        added('src/run.ts', "  const child = spawn('bwrap', ['--ro-bind', '/', '/', '--unshare-net', cmd]);"),
        'bubblewrap',
      ],
      [added('scripts/run.sh', 'docker run --security-opt seccomp=unconfined "$IMAGE"'), 'unconfined container'],
    ] as const) {
      const r = reasonOf(spec);
      assert.match(r.reason, /sandbox policy/, what);
    }
    assert.equal(
      reasonOf(added('scripts/run.sh', 'docker run --security-opt seccomp=unconfined "$IMAGE"')).tier,
      'T2',
      'a developer script: one step lower',
    );
    // Deny rules only (gemini-cli #28935's container deny lists): the boundary narrows, T2; the newline git adds at
    // the end of the file moves an existing rule, which changes nothing.
    const narrowed = reasonOf({
      path: 'packages/cli/src/utils/sandbox-macos-strict-open.sb',
      before: ['(allow network-inbound (local ip "localhost:9229"))'],
      del: ['(allow network-outbound)'],
      add: [
        '(allow network-outbound)',
        '',
        ';; Block container daemon sockets',
        '(deny file-read* file-write*',
        '    (literal "/var/run/docker.sock")',
        '    (subpath "/var/run/docker")',
        ')',
        '(deny process-exec',
        '    (literal "/usr/local/bin/docker")',
        ')',
      ],
    });
    assert.equal(narrowed.tier, 'T2', narrowed.reason);
    assert.match(
      narrowed.reason,
      /^T2: narrows sandbox policy \(deny rules only.*strict-open\.sb:\d+ \(\(deny file-read\* file-write\*\)/,
    );
    const widened = reasonOf(
      removed('profiles/agent.sb', ['(deny network-outbound (remote ip "*:*"))'], ['(allow network-outbound)']),
    );
    assert.equal(widened.tier, 'T3', 'a deny dropped and an allow added: wider');
    const closedThenAllow = reasonOf(
      added(
        'profiles/agent.sb',
        '(deny process-exec',
        '    (literal "/usr/bin/docker")',
        ')',
        '    (literal "/bin/sh")',
      ),
    );
    assert.equal(closedThenAllow.tier, 'T3', 'a line after the deny form closed is not under deny');
    // Near misses: the word "sandbox" in code, an iframe attribute, a test of the profiles, a comment-only edit, JS
    // that says allow/deny.
    for (const spec of [
      added('src/config.ts', '  sandbox: settings.sandbox ?? false,', "  const profile = 'permissive-open';"),
      added('src/ui/frame.tsx', '  return <iframe sandbox="allow-scripts" src={url} />;'),
      added('src/policy.ts', '  if (allow && !deny) return (allow || deny);'),
      added('packages/cli/src/utils/sandbox.test.ts', "  expect(profile).toContain('(allow default)');"),
      removed(
        'packages/cli/src/utils/sandbox-macos-strict.sb',
        [';; Old comment'],
        [';; Allow reads of the target dir'],
      ),
    ])
      assert.doesNotMatch(tier(diffOf(spec), ALL_HUMAN).reasons.join('\n'), /sandbox policy/, spec.path);
  });

  it("a text template the product ships (an agent tool's description) reworded is T1; its indentation alone is not", () => {
    const path = 'internal/agent/tools/shell.md.tpl';
    const reworded = tier(
      diffOf({
        path,
        before: ['When committing:'],
        del: ['- Write a short summary line.'],
        add: [
          '- Write a summary line under 72 characters, in the imperative.',
          '- Explain why in the body; do not list the files changed.',
        ],
      }),
    );
    assert.equal(reworded.tier, 'T1', reworded.reasons.join('\n'));
    assert.match(
      reworded.reasons[0],
      /^T1: rewords internal\/agent\/tools\/shell\.md\.tpl, a text template .*\[shipped-template\]$/,
    );
    // Near misses: the same lines re-indented, a template under examples/, a test's golden template.
    const indent = tier(
      diffOf({
        path,
        before: ['EOF'],
        del: ['   Co-Authored-By: {{ .Agent }}'],
        add: ['Co-Authored-By: {{ .Agent }}'],
      }),
    );
    assert.equal(indent.tier, 'T0', indent.reasons.join('\n'));
    for (const other of ['examples/agent/prompt.md.tpl', 'internal/agent/testdata/prompt.md.tpl']) {
      const br = tier(diffOf(added(other, 'You are a helpful agent.', 'Always run the tests.')));
      assert.equal(br.tier, 'T0', `${other}: ${br.reasons.join('\n')}`);
    }
  });

  it("a new service's manifest lists its runtime dependencies: T1 with the service; one added to an existing manifest T2", () => {
    const deps = ['    "express": "^5.1.0",', '    "@google-cloud/pubsub": "^5.2.0"'];
    const manifest: FileSpec = {
      status: 'added',
      ...added(
        'services/egress/package.json',
        '{',
        '  "name": "egress-service",',
        '  "private": true,',
        '  "dependencies": {',
        ...deps,
        '  }',
        '}',
      ),
    };
    const server = added(
      'services/egress/src/server.ts',
      "import express from 'express';",
      'export const app = express();',
    );
    const fresh = review(diffOf(manifest, server));
    assert.ok(
      fresh.findings.some((f) => f.ruleId === 'new-dependency'),
      'the finding stays: the reviewer still sees the list',
    );
    assert.equal(fresh.blastRadius.tier, 'T1', fresh.blastRadius.reasons.join('\n'));
    // Near miss: the same dependency added to a manifest that already ships.
    const existing = {
      path: 'services/egress/package.json',
      before: ['{', '  "name": "egress-service",', '  "dependencies": {'],
      add: ['    "@google-cloud/pubsub": "^5.2.0",'],
      after: ['    "express": "^5.1.0"', '  }', '}'],
    };
    const grown = review(diffOf(existing));
    assert.equal(grown.blastRadius.tier, 'T2', grown.blastRadius.reasons.join('\n'));
  });

  it('contributor hooks (.pre-commit-config.yaml): a pinned revision moved is T0; a new hook source is T1', () => {
    const bump = removed(
      '.pre-commit-config.yaml',
      ['    rev: 3f2a9c1e0b7d4a5c6e8f9a0b1c2d3e4f5a6b7c8d  # frozen: v0.16.2'],
      ['    rev: 9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c  # frozen: v0.16.3'],
    );
    const br = tier(
      diffOf({ ...bump, before: ['repos:', '  - repo: https://example.org/lint/lint-pre-commit'] }),
      ALL_HUMAN,
    );
    assert.equal(br.tier, 'T0', br.reasons.join('\n'));
    assert.match(br.reasons[0], /contributor hooks \.pre-commit-config\.yaml: revisions, hooks or arguments changed/);
    const source = added(
      '.pre-commit-config.yaml',
      '  - repo: https://example.org/someone/format-hooks',
      '    rev: v1.2.0',
      '    hooks:',
      '      - id: format-all',
    );
    const bs = tier(diffOf(source), ALL_HUMAN);
    assert.equal(bs.tier, 'T1', bs.reasons.join('\n'));
    assert.match(
      bs.reasons[0],
      /gain a hook source run on every contributor's machine \(https:\/\/example\.org\/someone/,
    );
    // Near miss: a real pipeline's read-only edit stays T1.
    const lint = removed(
      '.github/workflows/lint.yml',
      ['      - run: ruff check .'],
      ['      - run: ruff check --fix .'],
    );
    assert.equal(tier(diffOf(lint), ALL_HUMAN).tier, 'T1');
  });

  it('a field named for encrypted data is not cryptography; encrypting is', () => {
    const payload = added(
      'app/models/reasoning.py',
      'class ReasoningPart:',
      '    encrypted_content: str | None = None',
      '    # Opaque reasoning the provider returns; sent back unchanged.',
    );
    const br = tier(diffOf(payload), ALL_HUMAN);
    assert.ok(!br.reasons.some((r) => /cryptograph/.test(r)), br.reasons.join('\n'));
    const encrypts = added('app/store/secrets.py', '    token = fernet.encrypt(raw.encode())');
    assert.ok(
      tier(diffOf(encrypts), ALL_HUMAN).reasons.some((r) => /cryptograph/.test(r)),
      'an encrypt call is cryptography',
    );
  });

  it("a detector's own patterns (regex literals, String.raw) are not the work they name", () => {
    const detector = added(
      'src/scan/surface.ts',
      'const SANDBOX = new RegExp(',
      '  [',
      '    String.raw`\\bsandbox-exec\\b|\\bbwrap\\b|--privileged\\b`,',
      '    String.raw`\\bsubprocess\\.(?:run|Popen)\\b`,',
      "  ].join('|'),",
      ');',
      'const TOKEN = /\\baccess_token\\b/;',
    );
    const br = tier(diffOf(detector), ALL_HUMAN);
    assert.equal(br.tier, 'T0', br.reasons.join('\n'));
    // Near miss: code that runs the sandbox launcher.
    const runs = added('src/scan/launch.ts', "spawn('bwrap', ['--ro-bind', '/', '/', cmd]);");
    assert.notEqual(tier(diffOf(runs), ALL_HUMAN).tier, 'T0');
  });

  it('Rust and Go process building: Command::new / exec.Command argument changes are T3; a clap builder is not', () => {
    const rust = removed(
      'crates/but/src/editor.rs',
      ['    let status = Command::new("sh").arg("-c").arg(format!("{editor} {path}")).status()?;'],
      ['    let status = Command::new(editor).arg(path).status()?;'],
    );
    assert.equal(tier(diffOf(rust)).tier, 'T3');
    const go = removed(
      'internal/hooks/run.go',
      ['\tcmd := exec.Command("sh", "-c", script+" "+arg)'],
      ['\tcmd := exec.Command(script, arg)'],
    );
    assert.equal(tier(diffOf(go)).tier, 'T3');
    const clap = removed(
      'crates/but/src/args.rs',
      ['        .arg(Arg::new("verbose"))'],
      ['        .arg(Arg::new("verbose").short(\'v\'))'],
    );
    assert.equal(tier(diffOf(clap)).tier, 'T0', '.arg( without a process in sight is not process building');
  });

  it("an embedded shell's exec handler replaced is T3: every command it runs goes through it", () => {
    const runner = {
      path: 'internal/shell/runner.go',
      before: ['func newRunner(blockFuncs []BlockFunc) (*interp.Runner, error) {', '\treturn interp.New('],
      del: ['\t\tinterp.ExecHandlers(standardHandlers(blockFuncs)...),'],
      add: [
        '\t\texecHandlerOption(blockFuncs),',
        '\t)',
        '}',
        '',
        'func execHandlerOption(blockFuncs []BlockFunc) interp.RunnerOption {',
        '\thandler := isolatedExecHandler(killTimeout)',
        '\tfor _, mw := range slices.Backward(standardHandlers(blockFuncs)) {',
        '\t\thandler = mw(handler)',
        '\t}',
        '\treturn interp.ExecHandler(handler)',
      ],
      after: ['}'],
    };
    const br = tier(diffOf(runner));
    assert.equal(br.tier, 'T3', br.reasons.join('\n'));
    assert.match(
      br.reasons[0],
      /changes existing process-execution code in internal\/shell\/runner\.go:\d+ \(interp\.ExecHandler/,
    );
    // Near misses: the handler line keeps its code and only its comment moves; a middleware added to the list.
    const comment = removed(
      'internal/shell/runner.go',
      ['\treturn interp.ExecHandler(handler) //nolint:staticcheck // the plural form appends the default handler'],
      ['\t// The plural form appends the default handler.', '\treturn interp.ExecHandler(handler)'],
    );
    assert.equal(tier(diffOf(comment)).tier, 'T0', tier(diffOf(comment)).reasons.join('\n'));
    const middleware = removed(
      'internal/shell/handlers.go',
      ['\treturn []func(interp.ExecHandlerFunc) interp.ExecHandlerFunc{builtins(), blocked(blockFuncs)}'],
      ['\treturn []func(interp.ExecHandlerFunc) interp.ExecHandlerFunc{builtins(), blocked(blockFuncs), timing()}'],
    );
    assert.equal(tier(diffOf(middleware)).tier, 'T0', tier(diffOf(middleware)).reasons.join('\n'));
  });

  it('credential and crypto handling: changing it is T3, adding it T2', () => {
    const changed = removed(
      'crates/gitbutler-user/src/api.rs',
      ['    req.header("Authorization", format!("Bearer {}", user.access_token))'],
      ['    req.bearer_auth(&user.access_token)'],
    );
    assert.equal(tier(diffOf(changed)).tier, 'T3');
    const askpass = added(
      'apps/lite/ui/src/AskpassPrompt.tsx',
      'export function AskpassPrompt({ onSubmit }: Props) {',
      '  const [passphrase, setPassphrase] = useState("");',
      '  return <input type="password" onChange={(e) => setPassphrase(e.target.value)} />;',
      '}',
    );
    assert.equal(tier(diffOf(askpass)).tier, 'T2');
  });

  it('the same work in a developer script is one step lower', () => {
    const script = added(
      'scripts/run-desktop-with-env.mjs',
      "import { spawn } from 'node:child_process';",
      "const child = spawn('pnpm', ['tauri', 'dev'], { stdio: 'inherit', env });",
    );
    const br = tier(diffOf(script));
    assert.equal(br.tier, 'T1', br.reasons.join('\n'));
  });

  it('an evaluation harness is developer tooling: its key handling and its size are a step lower', () => {
    const judge = added(
      'tools/triage-agent/evals/triage/judge.py',
      'import os',
      'client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])',
      ...lines(500, (i) => `SCORES_${i} = score_case(${i})`),
    );
    const br = tier(diffOf(judge), ALL_HUMAN);
    assert.equal(br.tier, 'T1', br.reasons.join('\n'));
    // Near miss: a shipped package whose name ends in "evals" is product code.
    const shipped = added('pydantic_evals/judge.py', 'client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])');
    assert.equal(tier(diffOf(shipped), ALL_HUMAN).tier, 'T2');
  });

  it('a rework of existing production code is T3 whoever wrote it; size alone stops at T2', () => {
    const rework = diffOf(
      removed(
        'src/core/graph.py',
        lines(160, (i) => `    old_walk(${i})`),
        lines(170, (i) => `    new_walk(${i})`),
      ),
    );
    const br = tier(rework, ALL_HUMAN);
    assert.equal(br.tier, 'T3', br.reasons.join('\n'));
    assert.ok(
      br.reasons.some((r) =>
        /^T3: rework of existing code: -160\/\+170 lines in src\/core\/graph\.py \[core-rework\]$/.test(r),
      ),
      br.reasons.join('\n'),
    );
    const feature = diffOf(added('src/core/new_feature.py', ...lines(450, (i) => `    step(${i})`)));
    assert.equal(tier(feature).tier, 'T2', 'a large new file is size, not a rework');
    const example = diffOf(
      removed(
        'examples/demo/main.py',
        lines(160, (i) => `old(${i})`),
        lines(170, (i) => `new(${i})`),
      ),
    );
    assert.equal(tier(example).tier, 'T0', 'examples are not core, and their size counts one step lower');
  });
});

/**
 * Size counts code and its tests; docs, examples and developer scripts count apart. Shapes from merged pull requests
 * of public repositories: a 227-line changelog (T0), a 370-line report script (T0), an eval tool of 450 script lines
 * (T1, not T2).
 */
describe('review/tier: size counts code and tests, docs and scripts apart', () => {
  const code = (path: string, n: number): FileSpec => added(path, ...lines(n, (i) => `  step${i}();`));
  it('code with its tests over 100 lines is T1, over 400 T2', () => {
    const small = tier(diffOf(code('src/project/check.rs', 3), code('tests/project/check.rs', 90)));
    assert.equal(small.tier, 'T0', small.reasons.join('\n'));
    const mid = tier(diffOf(code('src/session/cache.py', 51), code('tests/test_cache.py', 69)));
    assert.equal(mid.tier, 'T1', mid.reasons.join('\n'));
    assert.ok(mid.reasons.includes('T1: 120 changed lines (over 100) [size]'), mid.reasons.join('\n'));
    const big = tier(diffOf(code('src/chat/markdown.go', 323), code('src/chat/markdown_test.go', 126)));
    assert.equal(big.tier, 'T2', big.reasons.join('\n'));
  });

  it('docs, examples and developer scripts raise T1 at most, and only over 400 lines', () => {
    const changelog = added('CHANGELOG.md', ...lines(227, (i) => `- change ${i}`));
    assert.equal(tier(diffOf(changelog)).tier, 'T0');
    const tool = tier(diffOf(code('scripts/utils/report.ts', 290), code('scripts/eval-report-cli.ts', 80)));
    assert.equal(tool.tier, 'T0', tool.reasons.join('\n'));
    const bigTool = tier(diffOf(code('scripts/utils/report.ts', 450), added('docs/evals.md', '# Evals')));
    assert.equal(bigTool.tier, 'T1', bigTool.reasons.join('\n'));
    assert.ok(
      bigTool.reasons.includes('T1: 451 changed lines of docs, examples or scripts (over 400) [size]'),
      bigTool.reasons.join('\n'),
    );
  });

  it("a developer script with its own tests, or top-level dev/, is support; tools/ and an agent's src/tools/ are code", () => {
    const report = tier(
      diffOf(code('scripts/eval-coverage.ts', 340), code('scripts/tests/eval-coverage.test.ts', 510)),
    );
    assert.equal(report.tier, 'T1', report.reasons.join('\n'));
    // A top-level tools/ may hold deployed services (a triage agent on Cloud Run): it keeps its size.
    assert.equal(tier(diffOf(code('tools/triage-agent/worker.py', 450))).tier, 'T2');
    assert.equal(tier(diffOf(code('dev/bench_runner.py', 450))).tier, 'T1');
    assert.equal(tier(diffOf(code('crates/zip/test_vectors/generate.py', 450))).tier, 'T1');
    const agentTools = tier(diffOf(code('packages/core/src/tools/shell.ts', 450)));
    assert.equal(agentTools.tier, 'T2', agentTools.reasons.join('\n'));
  });

  it('a release bump whose files change only version strings is no size; its changelog counts as docs', () => {
    const bump = (path: string, from: string, to: string): FileSpec => ({
      path,
      before: ['[package]', 'name = "pkg"'],
      del: [from],
      add: [to],
      after: ['edition = "2021"'],
    });
    const files: FileSpec[] = [];
    for (let i = 0; i < 40; i++)
      files.push(bump(`crates/pkg-${i}/Cargo.toml`, 'version = "0.12.4"', 'version = "0.12.5"'));
    for (let i = 0; i < 10; i++)
      files.push(
        bump(
          `docs/guides/install-${i}.md`,
          'curl -LsSf https://example.com/pkg/0.12.4/install.sh | sh',
          'curl -LsSf https://example.com/pkg/0.12.5/install.sh | sh',
        ),
      );
    files.push(added('CHANGELOG.md', '## 0.12.5', ...lines(60, (i) => `- change ${i} (#${21000 + i})`)));
    const r = tier(diffOf(...files));
    assert.equal(r.tier, 'T0', r.reasons.join('\n'));
    // Near-miss: the same files with code beside the version line are real breadth.
    const real = files.slice(0, 30).map((f) => ({ ...f, add: [...(f.add ?? []), 'rust-version = "1.85"'] }));
    const breadth = tier(diffOf(...real));
    assert.equal(breadth.tier, 'T2', breadth.reasons.join('\n'));
  });

  it('JSON data, files marked generated and a docs site configuration are not code size', () => {
    // An interpreter download list regenerated by a sync job: thousands of JSON lines, read as data (T1 over 400).
    const entry = (i: number) => `  "cpython-3.12.${i}-linux-x86_64-gnu": { "sha256": "${'ab'.repeat(32)}" },`;
    const metadata = {
      path: 'crates/py-fetch/download-metadata.json',
      before: ['{'],
      del: lines(600, entry),
      add: lines(2500, (i) => entry(i + 1000)),
    };
    const sync = tier(diffOf(metadata, added('crates/py-fetch/src/lib.rs', 'pub const LATEST: &str = "3.12.14";')));
    assert.equal(sync.tier, 'T1', sync.reasons.join('\n'));
    assert.match(sync.reasons.join('\n'), /3100 changed lines of docs, examples or scripts/);
    // A Go file opening with the generator's marker (new), and a docs site's build configuration (removed).
    const gen = added(
      'internal/api/client.gen.go',
      '// Code generated by oapi-codegen. DO NOT EDIT.',
      ...lines(500, (i) => `func F${i}() {}`),
    );
    const mkdocs = { path: 'mkdocs.yml', status: 'deleted' as const, del: lines(500, (i) => `  - page-${i}.md`) };
    for (const d of [gen, mkdocs]) {
      const br = tier(diffOf(d));
      assert.ok(br.tier <= 'T1', `${d.path}: ${br.reasons.join('\n')}`);
      assert.ok(!br.reasons.some((r) => /^T2: .*changed lines \(over/.test(r)), br.reasons.join('\n'));
    }
    // Files .gitattributes marks linguist-generated; the last line that sets or unsets it wins.
    const schema = added('schema/api.yaml', ...lines(300, (i) => `field${i}: { type: string }`));
    const attrs = 'schema/*.yaml linguist-generated=true\n*.golden linguist-generated\n';
    assert.equal(tier(diffOf(schema), undefined, { gitattributes: attrs }).tier, 'T0');
    const unset = attrs + 'schema/api.yaml -linguist-generated\n';
    assert.equal(tier(diffOf(schema), undefined, { gitattributes: unset }).tier, 'T1', 'unset again: counted');
    assert.equal(tier(diffOf(schema), undefined, { gitattributes: '*.golden linguist-generated\n' }).tier, 'T1');
    // Near misses: JSON that configures a tool, YAML that defines a deployed workflow, and code without the marker.
    const tsconfig = added('packages/core/tsconfig.json', ...lines(150, (i) => `  "opt${i}": true,`));
    const flow = added(
      'tools/agent/workflows/triage-workflow.yaml',
      ...lines(150, (i) => `  - step${i}: { call: http.post }`),
    );
    const code = added('internal/api/client.go', '// Client calls the API.', ...lines(150, (i) => `func F${i}() {}`));
    for (const d of [tsconfig, flow, code]) {
      const br = tier(diffOf(d));
      assert.equal(br.tier, 'T1', `${d.path}: ${br.reasons.join('\n')}`);
      assert.match(br.reasons[0], /changed lines \(over 100\) \[size\]/);
    }
  });
});

describe('review/tier: AI raises the tier at most one step, only with a signal inside AI lines', () => {
  const swallow = added('src/io.ts', 'try { save(); } catch (e) {}');

  it('a medium signal inside AI lines: one step; the same in human lines: none', () => {
    assert.equal(tier(diffOf(swallow), ALL_HUMAN).tier, 'T1');
    const br = tier(diffOf(swallow), ALL_AI);
    assert.equal(br.tier, 'T2');
    assert.ok(
      br.reasons.some((r) => r.endsWith('[ai-step/swallowed-error]')),
      br.reasons.join('\n'),
    );
    assert.equal(tier(diffOf(swallow), TRAILER_ONLY).tier, 'T2', 'commit-level AI lines count as AI lines');
  });

  it('never more than one step, however many AI signals', () => {
    const many = diffOf(
      swallow,
      added('src/b.ts', 'try { load(); } catch (e) {}'),
      added('src/c.ts', 'try { sync(); } catch (e) {}'),
    );
    assert.equal(tier(many, ALL_AI).tier, 'T2');
    assert.equal(tier(many, ALL_AI).reasons.filter((r) => /\[ai-step\//.test(r)).length, 1);
  });

  it('AI share alone, a low signal, or a shape finding (size, CI touched) inside AI lines: no step', () => {
    assert.equal(tier(diffOf(added('src/a.ts', ...lines(300, (i) => `v(${i});`))), ALL_AI).tier, 'T1');
    assert.equal(tier(diffOf(LINT_JOB), ALL_AI).tier, 'T1');
  });

  it('every reason names the rule that raised it', () => {
    const br = tier(
      diffOf(
        swallow,
        LINT_JOB,
        removed('src/run.py', ['    subprocess.run(cmd, shell=True)'], ['    subprocess.run(shlex.split(cmd))']),
      ),
      ALL_AI,
    );
    for (const r of br.reasons) assert.match(r, /^T[0-3]: .+ \[[a-z0-9/._-]+\]$/, r);
  });
});

/**
 * Test and logging rules that pair removed lines with added ones: hits, and the near-misses a reviewer called noise
 * on real pull requests (a re-indented or rewritten block whose calls pair up wrongly, one consolidation reported per
 * file, a skip that depends on where the test runs, a test asserting through a helper, an extraction read as churn).
 * Shapes modelled on real changes of public repositories, written here; none copied.
 */
import * as assert from 'node:assert/strict';
import { added, check, diffOf, findingsOf, review, type FileSpec } from './helpers';

/** A modified file: unchanged lines before, removed, added, unchanged after. */
const edit = (path: string, before: string[], del: string[], add: string[], after: string[] = []): FileSpec => ({
  path,
  before,
  del,
  add,
  after,
  start: 40,
});

describe('review/pairing: log levels', () => {
  check([
    {
      lang: 'ts',
      name: 'a wrapped warning lowered to debug, same message',
      files: edit(
        'src/server/store.ts',
        ['  if (!task) {'],
        ['    logger.warn('],
        ['    logger.debug('],
        ['      `task ${id} not found in store`,', '    );', '    return undefined;', '  }'],
      ),
      fires: 'log-level-changed',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'a loop rewritten: wrapped info calls re-indented, a new error call beside them',
      files: edit(
        'src/agent/executor.ts',
        ['  async run(events: Event[]) {'],
        [
          '    for (const event of events) {',
          '      logger.info(',
          '        `[executor] event ${event.kind} for ${event.id}`,',
          '      );',
          '      handle(event);',
          '    }',
        ],
        [
          '    try {',
          '      for (const event of events) {',
          '        logger.info(',
          '          `[executor] event ${event.kind} for ${event.id}`,',
          '        );',
          '        handle(event);',
          '      }',
          '    } catch (err) {',
          '      logger.error(',
          '        `[executor] run failed: ${String(err)}`,',
          '      );',
          '    }',
        ],
        ['  }'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'ts',
      name: 'a warning re-indented into a branch, a new debug log next to it',
      files: edit(
        'src/auth/cache.ts',
        ['  try {'],
        ['    debugLogger.warn(', '      `cached credentials unreadable: ${String(e)}`,', '    );'],
        [
          '    if (cached) {',
          '      debugLogger.warn(',
          '        `cached credentials unreadable: ${String(e)}`,',
          '      );',
          '    }',
          '    debugLogger.debug(',
          '      `falling back to the credentials file at ${path}`,',
          '    );',
        ],
        ['  }'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'py',
      name: 'an error lowered to debug, message on the next line',
      files: edit(
        'src/app/worker.py',
        ['    except OSError as exc:'],
        ['        logger.error('],
        ['        logger.debug('],
        ['            "could not write the checkpoint %s: %s", path, exc', '        )', '        return None'],
      ),
      fires: 'log-level-changed',
    },
    {
      lang: 'py',
      name: 'a block moved under a new with: the warning re-indented, a new error for a new failure',
      files: edit(
        'src/app/worker.py',
        ['    def flush(self):'],
        [
          '        if self.pending:',
          '            logger.warning(',
          '                "flush with %d pending", len(self.pending)',
          '            )',
        ],
        [
          '        with self.lock:',
          '            if self.pending:',
          '                logger.warning(',
          '                    "flush with %d pending", len(self.pending)',
          '                )',
          '            if self.closed:',
          '                logger.error(',
          '                    "flush after close"',
          '                )',
        ],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'go',
      name: 'a warning raised to an error, same fields',
      files: edit(
        'internal/sync/worker.go',
        ['\tif err != nil {'],
        ['\t\tslog.Warn("upload failed", "err", err)'],
        ['\t\tslog.Error("upload failed", "err", err)'],
        ['\t}'],
      ),
      fires: 'log-level-changed',
    },
    {
      lang: 'go',
      name: 'a loop rewritten: the info log re-indented, an error log added for the new branch',
      files: edit(
        'internal/sync/worker.go',
        ['func (w *Worker) drain() {'],
        ['\tfor _, job := range w.jobs {', '\t\tslog.Info(', '\t\t\t"draining job", "id", job.ID,', '\t\t)', '\t}'],
        [
          '\tfor _, job := range w.jobs {',
          '\t\tif job.Done {',
          '\t\t\tslog.Info(',
          '\t\t\t\t"draining job", "id", job.ID,',
          '\t\t\t)',
          '\t\t} else {',
          '\t\t\tslog.Error(',
          '\t\t\t\t"job left unfinished", "id", job.ID, "state", job.State,',
          '\t\t\t)',
          '\t\t}',
          '\t}',
        ],
        ['}'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'rust',
      name: 'a warning lowered to trace',
      files: edit(
        'src/cache/mod.rs',
        ['    if let Err(err) = fs::remove_file(&path) {'],
        ['        warn!("failed to remove stale cache entry {}: {err}", path.display());'],
        ['        trace!("failed to remove stale cache entry {}: {err}", path.display());'],
        ['    }'],
      ),
      fires: 'log-level-changed',
    },
    {
      lang: 'rust',
      name: 'a warning moved into a match arm, a new debug line beside it',
      files: edit(
        'src/cache/mod.rs',
        ['    let removed = fs::remove_file(&path);'],
        [
          '    if let Err(err) = removed {',
          '        warn!(',
          '            "failed to remove {}: {err}",',
          '            path.display()',
          '        );',
          '    }',
        ],
        [
          '    match removed {',
          '        Ok(()) => {',
          '            debug!(',
          '                "removed {}",',
          '                path.display()',
          '            );',
          '        }',
          '        Err(err) => {',
          '            warn!(',
          '                "failed to remove {}: {err}",',
          '                path.display()',
          '            );',
          '        }',
          '    }',
        ],
      ),
      silent: 'log-level-changed',
    },
  ]);
});

/** `depth` levels of indent: four spaces each, or tabs in Go. */
const pad = (lang: string, depth: number): string => (lang === 'go' ? '\t'.repeat(depth) : '    '.repeat(depth));

/**
 * A block inside a loop extracted into a new helper, plus a call whose arguments were rewrapped: the extracted lines
 * come back two levels out (the helper's body), the rewrapped ones one level out, so two kinds of re-indentation pair
 * up. `def` opens the helper, `call` replaces the block, `body` is the block (one level deep in the helper).
 */
function extraction(
  lang: string,
  path: string,
  def: string[],
  end: string[],
  call: string,
  body: string[],
  args: [string, string],
): FileSpec {
  const at = (depth: number, lines: string[]): string[] => lines.map((l) => pad(lang, depth) + l);
  const wrapped = ['first_value,', 'second_value,', 'third_value,'];
  return {
    path,
    start: 10,
    before: ['// helpers'],
    add: [...def, ...at(1, body), ...end, ''],
    after: ['// the loop'],
    hunks: [
      {
        start: 30,
        before: [pad(lang, 2) + 'for item in items {'],
        del: at(3, body),
        add: [pad(lang, 3) + call],
        after: [pad(lang, 2) + '}'],
      },
      {
        start: 60,
        before: [pad(lang, 2) + '// setup'],
        del: [pad(lang, 2) + args[0], ...at(4, wrapped), pad(lang, 2) + ')'],
        add: [pad(lang, 2) + args[1], ...at(3, wrapped), pad(lang, 1) + ')'],
        after: [pad(lang, 2) + 'done()'],
      },
    ],
  };
}

const RUST_BODY = [
  'let deps = if let Some(extra) = extra {',
  '    Either::Left(',
  '        package',
  '            .optional_dependencies',
  '            .get(extra)',
  '            .into_iter()',
  '            .flatten(),',
  '    )',
  '} else {',
  '    Either::Right(package.dependencies.iter())',
  '};',
  'deps.for_each(|dep| queue.push(dep));',
];
const PY_BODY = [
  'if extra is not None:',
  '    deps = (',
  '        package.optional_dependencies',
  '        .get(extra, [])',
  '    )',
  'else:',
  '    deps = package.dependencies',
  'for dep in deps:',
  '    if dep.marker.evaluate(env):',
  '        queue.append(dep)',
  '        seen.add(dep.name)',
];
const TS_BODY = [
  'const deps = extra',
  '  ? pkg.optionalDependencies',
  '      .get(extra)',
  '      ?.values() ?? []',
  '  : pkg.dependencies;',
  'for (const dep of deps) {',
  '  if (dep.marker.evaluate(env)) {',
  '    queue.push(dep);',
  '    seen.add(dep.name);',
  '  }',
  '}',
];
const GO_BODY = [
  'deps := pkg.Dependencies',
  'if extra != "" {',
  '\tdeps = pkg.OptionalDependencies[extra]',
  '}',
  'for _, dep := range deps {',
  '\tif dep.Marker.Evaluate(env) {',
  '\t\tqueue = append(queue, dep)',
  '\t\tseen[dep.Name] = true',
  '\t}',
  '}',
];

describe('review/pairing: whitespace churn and extracted code', () => {
  check([
    {
      lang: 'rust',
      name: 'a block extracted into a new fn (re-indented by the move), a call rewrapped',
      files: extraction(
        'rust',
        'crates/resolver/src/lock/installable.rs',
        ["fn package_dependencies<'a>(package: &'a Package, extra: Option<&str>) {"],
        ['}'],
        'package_dependencies(package, extra);',
        RUST_BODY,
        ['let activated = Activated::new(', 'let activated = Activated::new('],
      ),
      silent: 'whitespace-churn',
    },
    {
      lang: 'py',
      name: 'a block extracted into a new def, a call rewrapped',
      files: extraction(
        'py',
        'src/resolver/installable.py',
        ['def _queue_dependencies(package, extra, env, queue, seen):'],
        [],
        '_queue_dependencies(package, extra, env, queue, seen)',
        PY_BODY,
        ['activated = Activated(', 'activated = Activated('],
      ),
      silent: 'whitespace-churn',
    },
    {
      lang: 'ts',
      name: 'a block extracted into a new function, a call rewrapped',
      files: extraction(
        'ts',
        'src/resolver/installable.ts',
        ['function queueDependencies(pkg: Package, extra: string | undefined, env: Env): void {'],
        ['}'],
        'queueDependencies(pkg, extra, env);',
        TS_BODY,
        ['const activated = new Activated(', 'const activated = new Activated('],
      ),
      silent: 'whitespace-churn',
    },
    {
      lang: 'go',
      name: 'a block extracted into a new func, a call rewrapped',
      files: extraction(
        'go',
        'internal/resolver/installable.go',
        ['func queueDependencies(pkg *Package, extra string, env Env) {'],
        ['}'],
        'queueDependencies(pkg, extra, env)',
        GO_BODY,
        ['activated := NewActivated(', 'activated := NewActivated('],
      ),
      silent: 'whitespace-churn',
    },
    {
      lang: 'ts',
      name: 'a new helper beside lines reformatted in place (trailing spaces and indent)',
      files: {
        path: 'src/resolver/format.ts',
        start: 10,
        del: Array.from({ length: 12 }, (_, i) => `call(${i});`),
        add: [
          'function helper(): void {',
          '  other();',
          '}',
          '',
          ...Array.from({ length: 12 }, (_, i) => (i % 2 ? `  call(${i});` : `call(${i});  `)),
        ],
      },
      fires: 'whitespace-churn',
    },
  ]);
});

describe('review/pairing: skips that depend on where the test runs', () => {
  check([
    {
      lang: 'py',
      name: 'skipif on a missing key and a missing cassette (the recording lets it run)',
      files: added(
        'tests/models/test_search.py',
        '@pytest.mark.skipif(',
        "    not os.environ.get('SEARCH_API_KEY') and not _FULL_PARAMS_CASSETTE.is_file(),",
        "    reason='needs SEARCH_API_KEY to record the cassette',",
        ')',
        'def test_search_full_params(allow_model_requests: None) -> None:',
        '    assert run_search().ok',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'py',
      name: 'skipif on a secret alone: low, CI may lack it',
      files: added(
        'tests/models/test_search.py',
        "@pytest.mark.skipif(not os.getenv('SEARCH_API_KEY'), reason='needs a live key')",
        'def test_search_live() -> None:',
        '    assert run_search().ok',
      ),
      fires: 'test-skipped',
      severity: 'low',
    },
    {
      lang: 'py',
      name: 'pytest.skip inside an if on the platform, importorskip',
      files: added(
        'tests/test_paths.py',
        "np = pytest.importorskip('numpy')",
        '',
        'def test_long_paths() -> None:',
        "    if sys.platform == 'win32':",
        "        pytest.skip('long paths need a registry switch')",
        '    assert make_long_path().exists()',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'py',
      name: 'an unconditional skip mark',
      files: added(
        'tests/test_paths.py',
        "@pytest.mark.skip(reason='flaky on CI')",
        'def test_long_paths() -> None:',
        '    assert make_long_path().exists()',
      ),
      fires: 'test-skipped',
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'skipif on a constant',
      files: added(
        'tests/test_paths.py',
        "@pytest.mark.skipif(True, reason='broken since the refactor')",
        'def test_long_paths() -> None:',
        '    assert make_long_path().exists()',
      ),
      fires: 'test-skipped',
    },
    {
      lang: 'py',
      name: 'skipif on an optional import left None',
      files: added(
        'tests/test_download.py',
        "    @pytest.mark.skipif(legacy_client is None, reason='the legacy client is not installed')",
        '    async def test_errors_match_the_legacy_client(self) -> None:',
        '        assert legacy_client is not None',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'py',
      name: 'skipif on a constant, its reason saying what is not available',
      files: added(
        'tests/test_paths.py',
        "@pytest.mark.skipif(True, reason='the long-path API is not available yet')",
        'def test_long_paths() -> None:',
        '    assert make_long_path().exists()',
      ),
      fires: 'test-skipped',
    },
    {
      lang: 'ts',
      name: 'skipIf on a flag, the test body reading the environment',
      files: added(
        'src/fs/paths.test.ts',
        "it.skipIf(BROKEN)('keeps symlinks', () => {",
        '  expect(resolve(process.env.HOME!)).toBe(home);',
        '});',
      ),
      fires: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Skip when a tool is not on PATH',
      files: added(
        'internal/tools/grep_test.go',
        'func TestGrepRipgrep(t *testing.T) {',
        '\tif _, err := exec.LookPath("rg"); err != nil {',
        '\t\tt.Skip("needs ripgrep")',
        '\t}',
        '\trequire.NotEmpty(t, grep("x"))',
        '}',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Skip at the top of a test',
      files: added(
        'internal/tools/grep_test.go',
        'func TestGrepRipgrep(t *testing.T) {',
        '\tt.Skip("fails since the rewrite")',
        '\trequire.NotEmpty(t, grep("x"))',
        '}',
      ),
      fires: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Skip unless a token is set: low',
      files: added(
        'internal/api/live_test.go',
        'func TestLiveAPI(t *testing.T) {',
        '\tif os.Getenv("ACME_API_TOKEN") == "" {',
        '\t\tt.Skip("set ACME_API_TOKEN to run")',
        '\t}',
        '\trequire.NoError(t, ping())',
        '}',
      ),
      fires: 'test-skipped',
      severity: 'low',
    },
    {
      lang: 'ts',
      name: 'it.skipIf on the platform, a docker-gated alias',
      files: added(
        'src/fs/paths.test.ts',
        'const withDocker = hasDocker() ? it : it.skip;',
        "it.skipIf(process.platform === 'win32')('keeps symlinks', () => {",
        '  expect(resolve(link)).toBe(target);',
        '});',
        "withDocker('runs in a container', () => {",
        '  expect(run()).toBe(0);',
        '});',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'ts',
      name: 'it.skip on a case',
      files: added(
        'src/fs/paths.test.ts',
        "it.skip('keeps symlinks', () => {",
        '  expect(resolve(link)).toBe(target);',
        '});',
      ),
      fires: 'test-skipped',
    },
    {
      lang: 'ts',
      name: 'describe.skipIf on a missing API key: low',
      files: added(
        'src/llm/live.test.ts',
        "describe.skipIf(!process.env.OPENAI_API_KEY)('live completions', () => {",
        "  it('answers', async () => {",
        '    expect(await complete("hi")).toBeTruthy();',
        '  });',
        '});',
      ),
      fires: 'test-skipped',
      severity: 'low',
    },
    {
      lang: 'rust',
      name: 'ignored only without a feature (cfg_attr)',
      files: added(
        'tests/network.rs',
        '#[test]',
        '#[cfg_attr(not(feature = "pypi"), ignore)]',
        'fn install_from_index() {',
        '    assert!(install("anyio").is_ok());',
        '}',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'rust',
      name: 'a plain #[ignore]',
      files: added(
        'tests/network.rs',
        '#[test]',
        '#[ignore]',
        'fn install_from_index() {',
        '    assert!(install("anyio").is_ok());',
        '}',
      ),
      fires: 'test-skipped',
    },
    {
      lang: 'java',
      name: 'disabled when an environment variable says CI',
      files: added(
        'src/test/java/com/acme/NetTest.java',
        '    @Test',
        '    @DisabledIfEnvironmentVariable(named = "CI", matches = "true")',
        '    void resolvesLocalhost() {',
        '        assertEquals("127.0.0.1", resolve("localhost"));',
        '    }',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'java',
      name: 'a plain @Disabled',
      files: added(
        'src/test/java/com/acme/NetTest.java',
        '    @Test',
        '    @Disabled',
        '    void resolvesLocalhost() {',
        '        assertEquals("127.0.0.1", resolve("localhost"));',
        '    }',
      ),
      fires: 'test-skipped',
    },
  ]);

  it('keeps a secret-gated skip low when the code it tests changed too (T1), an unconditional one high (T2)', () => {
    const code = edit('src/search/client.py', ['def search(q):'], ['    return call(q)'], ['    return call(q, 5)']);
    const gated = review(
      diffOf(
        code,
        added(
          'tests/search/test_client.py',
          "@pytest.mark.skipif(not os.getenv('SEARCH_API_KEY'), reason='needs a live key')",
          'def test_search_live() -> None:',
          '    assert search("x")',
        ),
      ),
    );
    const [skip] = findingsOf(gated, 'test-skipped');
    assert.equal(skip.severity, 'low');
    assert.equal(gated.blastRadius.tier, 'T1');
    const plain = review(
      diffOf(
        code,
        added(
          'tests/search/test_client.py',
          "@pytest.mark.skip(reason='flaky')",
          'def test_search_live() -> None:',
          '    assert search("x")',
        ),
      ),
    );
    assert.equal(findingsOf(plain, 'test-skipped')[0].severity, 'high');
    assert.equal(plain.blastRadius.tier, 'T2');
  });
});

/** A provider's test file losing its "passes the HTTP client" case (language-specific spelling). */
const lost = (path: string, lines: string[]): FileSpec => ({ path, start: 30, before: [''], del: lines, after: [''] });

const PROVIDERS = ['alpha', 'bravo', 'charlie'];

/** Per-provider tests of one behaviour removed, one shared parametrized test added: one question for the change. */
const consolidations: { lang: string; files: FileSpec[] }[] = [
  {
    lang: 'py',
    files: [
      ...PROVIDERS.map((p) =>
        lost(`tests/providers/test_${p}.py`, [
          `def test_${p}_provider_pass_http_client() -> None:`,
          '    http_client = httpx.AsyncClient()',
          `    provider = Provider${p}(http_client=http_client, api_key='k')`,
          '    assert provider.client._client == http_client',
          '',
        ]),
      ),
      added(
        'tests/providers/test_shared_http_clients.py',
        "@pytest.mark.parametrize('case', CASES, ids=lambda c: c.id)",
        'def test_provider_uses_given_http_client(case: Case) -> None:',
        '    http_client = httpx.AsyncClient()',
        '    assert case.create_with_http_client(http_client).client._client is http_client',
      ),
    ],
  },
  {
    lang: 'ts',
    files: [
      ...PROVIDERS.map((p) =>
        lost(`src/providers/${p}.test.ts`, [
          `it('${p} provider passes the http client through', () => {`,
          '  const httpClient = new HttpClient();',
          `  expect(new ${p}Provider({ httpClient }).client).toBe(httpClient);`,
          '});',
        ]),
      ),
      added(
        'src/providers/shared-http-client.test.ts',
        "it.each(CASES)('$id provider passes the http client through', ({ create }) => {",
        '  const httpClient = new HttpClient();',
        '  expect(create(httpClient).client).toBe(httpClient);',
        '});',
      ),
    ],
  },
  {
    lang: 'go',
    files: [
      ...PROVIDERS.map((p) =>
        lost(`providers/${p}_test.go`, [
          `func Test${p}ProviderPassHTTPClient(t *testing.T) {`,
          '\tc := &http.Client{}',
          `\trequire.Same(t, c, New${p}(WithHTTPClient(c)).Client())`,
          '}',
        ]),
      ),
      added(
        'providers/shared_client_test.go',
        'func TestProvidersPassHTTPClient(t *testing.T) {',
        '\tfor _, tc := range cases {',
        '\t\tt.Run(tc.name, func(t *testing.T) {',
        '\t\t\tc := &http.Client{}',
        '\t\t\trequire.Same(t, c, tc.create(c).Client())',
        '\t\t})',
        '\t}',
        '}',
      ),
    ],
  },
  {
    lang: 'rust',
    files: [
      ...PROVIDERS.map((p) =>
        lost(`tests/provider_${p}.rs`, [
          '#[test]',
          `fn ${p}_provider_passes_http_client() {`,
          '    let client = Client::new();',
          `    assert!(${p}::Provider::with_client(client.clone()).client().same(&client));`,
          '}',
        ]),
      ),
      added(
        'tests/providers_shared_client.rs',
        '#[rstest]',
        '#[case::alpha(alpha::Provider::with_client)]',
        'fn provider_passes_http_client(#[case] create: fn(Client) -> Box<dyn Provider>) {',
        '    let client = Client::new();',
        '    assert!(create(client.clone()).client().same(&client));',
        '}',
      ),
    ],
  },
];

/** The same removals with no test added anywhere: each file keeps its own finding. */
describe('review/pairing: tests consolidated into a shared test', () => {
  check(
    consolidations.flatMap(({ lang, files }) => [
      {
        lang,
        name: 'per-provider cases replaced by one shared test: one low finding for the change',
        files,
        fires: 'test-deleted',
        severity: 'low' as const,
      },
      {
        lang,
        name: 'per-provider cases removed, nothing added: one finding per file, medium',
        files: files.slice(0, -1),
        fires: 'test-deleted',
        severity: 'medium' as const,
      },
    ]),
  );

  for (const { lang, files } of consolidations) {
    it(`${lang}: the consolidation is one finding counting every file, naming the replacement as a question`, () => {
      const code = edit('src/providers/base.ts', ['class Base {'], ['  a = 1;'], ['  a = 2;']);
      const r = review(diffOf(code, ...files));
      const found = findingsOf(r, 'test-deleted');
      assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.why)));
      assert.equal(found[0].count, 3);
      assert.equal(found[0].severity, 'low');
      assert.match(found[0].why, /consolidated into .*shared.*: does it cover each removed case\?/);
      assert.match(found[0].why, /the same in 2 more files/);
      const apart = findingsOf(review(diffOf(code, ...files.slice(0, -1))), 'test-deleted');
      assert.equal(apart.length, 3);
    });
  }

  it('a test removed with the deprecated API it tests is low; without the deprecation removed it stays medium', () => {
    const test = lost('tests/test_params.py', [
      'def test_old_ids_still_accepted_as_an_argument():',
      '    with pytest.warns(DeprecationWarning):',
      '        Params(old_ids={"a"})',
      '',
    ]);
    const shim = edit(
      'src/pkg/params.py',
      ['class Params:'],
      ['    def __init__(self, old_ids=None):', '        warnings.warn("old_ids is deprecated", DeprecationWarning)'],
      ['    def __init__(self):'],
    );
    const [withShim] = findingsOf(review(diffOf(shim, test)), 'test-deleted');
    assert.equal(withShim.severity, 'low');
    assert.match(withShim.why, /removed with the deprecated API it tests/);
    const other = edit('src/pkg/params.py', ['class Params:'], ['    x = 1'], ['    x = 2']);
    const [alone] = findingsOf(review(diffOf(other, test)), 'test-deleted');
    assert.equal(alone.severity, 'high');
  });
});

/** Read without syntax trees (the line rules' fallback): checks that are not assertion calls still count. */
describe('review/pairing: new tests that check without an assertion call (no tree)', () => {
  check([
    {
      lang: 'py',
      name: 'a child interpreter run with check=True',
      files: added(
        'tests/test_boot.py',
        'def test_disabled_detector_is_not_imported() -> None:',
        '    subprocess.run(',
        "        [sys.executable, '-c', 'import app, sys; sys.exit(\"detector\" in sys.modules)'],",
        '        check=True,',
        '    )',
      ),
      silent: 'assertion-weakened',
    },
    {
      lang: 'py',
      name: 'a child interpreter run without check',
      files: added(
        'tests/test_boot.py',
        'def test_boot() -> None:',
        "    subprocess.run([sys.executable, '-c', 'import app'])",
      ),
      fires: 'assertion-weakened',
    },
    {
      lang: 'go',
      name: 'a helper named for checking, given t',
      files: added(
        'format/format_test.go',
        'func TestFormatTabs(t *testing.T) {',
        '\tmustMatchGolden(t, "tabs", Format("\\tx"))',
        '}',
      ),
      silent: 'assertion-weakened',
    },
    {
      lang: 'ts',
      name: 'an imported expectation helper',
      files: added(
        'src/table/render.test.ts',
        "it('renders two rows', () => {",
        '  expectRows(render(rows), 2);',
        '});',
      ),
      silent: 'assertion-weakened',
    },
  ]);
});

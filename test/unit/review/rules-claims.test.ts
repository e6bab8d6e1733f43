/**
 * Hits and near-misses for rules in languages (or file kinds) they claim that the other rule tables did not cover;
 * ruleCoverage.test.ts asks for one of each per claim. Shapes modelled on real changes of public repositories
 * (undici, httpx, the MCP Python SDK, serde, just, gitbutler, cline), written here; none copied.
 */
import { Case, FileSpec, added, check, removed } from './helpers';

/** A modified file: unchanged lines before, removed, added, unchanged after. */
const edit = (path: string, before: string[], del: string[], add: string[], after: string[] = []): FileSpec => ({
  path,
  before,
  del,
  add,
  after,
  start: 20,
});

describe('review/rules claims: security sinks by language', () => {
  check([
    {
      lang: 'rust',
      name: 'SQL text built with format! from a caller value',
      files: added(
        'src/store/users.rs',
        '    let sql = format!("SELECT id, name FROM users WHERE name = \'{}\'", name);',
      ),
      fires: 'injection',
    },
    {
      lang: 'rust',
      name: 'a bound query parameter is not string building',
      files: added(
        'src/store/users.rs',
        '    let row = sqlx::query("SELECT id, name FROM users WHERE name = $1").bind(name).fetch_one(&pool).await?;',
      ),
      silent: 'injection',
    },
    {
      lang: 'rust',
      name: '#![forbid(unsafe_code)] names unsafe without using it',
      files: added('src/lib.rs', '#![forbid(unsafe_code)]', '#![deny(missing_docs)]'),
      silent: 'dangerous-sink',
    },
    {
      lang: 'go',
      name: 'executing a parsed html/template escapes its data',
      files: added('internal/web/render.go', '\tif err := tmpl.ExecuteTemplate(w, "page", data); err != nil {'),
      silent: 'dangerous-sink',
    },
    {
      lang: 'ts',
      name: 'an option value interpolated into an argument vector',
      files: added('src/git/fetch.ts', '  args.push(`--depth=${depth}`);'),
      fires: 'command-quoting',
    },
    {
      lang: 'ts',
      name: 'a fixed flag pushed onto the arguments',
      files: added('src/git/fetch.ts', "  args.push('--no-tags');"),
      silent: 'command-quoting',
    },
    {
      lang: 'py',
      name: 'a fixed flag appended to the command list',
      files: added('src/server/stdio.py', '        cmd.append("--no-banner")'),
      silent: 'command-quoting',
    },
    {
      lang: 'py',
      name: "a parameter's description appended to a docstring's Args section",
      files: added('src/tools/render.py', "            args_lines.append(f'{indent}{param.name}: {first_line}')"),
      silent: 'command-quoting',
    },
    {
      lang: 'ts',
      name: 'an option described in the usage text',
      files: added('src/cli/usage.ts', '  commandHelp.push(`  --${flag.name}  ${flag.summary}`);'),
      silent: 'command-quoting',
    },
    {
      lang: 'py',
      name: 'a formatted flag appended to the command line list',
      files: added('src/tools/launch.py', '        command_line.append(f"--root={root}")'),
      fires: 'command-quoting',
    },
    {
      lang: 'go',
      name: 'a formatted flag appended to exec arguments',
      files: added('internal/run/cmd.go', '\targs = append(args, fmt.Sprintf("--config=%s", path))'),
      fires: 'command-quoting',
    },
    {
      lang: 'go',
      name: 'a constant flag appended to exec arguments',
      files: added('internal/run/cmd.go', '\targs = append(args, "--quiet")'),
      silent: 'command-quoting',
    },
    {
      lang: 'rust',
      name: 'a recipe argument formatted into the command line',
      files: added('src/recipe.rs', '    command.arg(format!("--working-directory={}", dir.display()));'),
      fires: 'command-quoting',
    },
    {
      lang: 'rust',
      name: 'a path passed as its own argument',
      files: added('src/recipe.rs', '    command.arg(&dir);'),
      silent: 'command-quoting',
    },
  ]);
});

describe('review/rules claims: security settings and switches', () => {
  check([
    {
      lang: 'cs',
      name: 'a certificate callback that checks the policy errors',
      files: added(
        'src/Client/HttpFactory.cs',
        '        handler.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => errors == SslPolicyErrors.None;',
      ),
      silent: 'tls-verification-off',
    },
    {
      lang: 'cs',
      name: 'SHA-256 for a content hash',
      files: added('src/Storage/Blob.cs', '        using var sha = SHA256.Create();'),
      silent: 'weak-crypto',
    },
    {
      lang: 'cs',
      name: 'an exception handler page instead of the developer page',
      files: added('src/Web/Program.cs', '    app.UseExceptionHandler("/Error");'),
      silent: 'insecure-setting',
    },
    {
      lang: 'cs',
      name: 'an endpoint restricted to a role',
      files: added('src/Web/AdminController.cs', '    [Authorize(Roles = "Admin")]'),
      silent: 'auth-weakened',
    },
    {
      lang: 'ts',
      name: 'a case-insensitive option is no safety switch',
      files: added('src/cli/search.ts', "  .option('--ignore-case', 'match regardless of case')"),
      silent: 'safety-switch-exposed',
    },
    {
      lang: 'py',
      name: 'an existing switch moved to a new settings model',
      files: removed(
        'src/server/settings.py',
        ['    allow_remote: bool = False'],
        ['    allow_remote: bool = Field(False, description="accept connections from other hosts")'],
      ),
      silent: 'safety-switch-exposed',
    },
    {
      lang: 'go',
      name: 'a verbosity flag',
      files: added('cmd/server/main.go', '\tflag.BoolVar(&verbose, "verbose", false, "log every request")'),
      silent: 'safety-switch-exposed',
    },
    {
      lang: 'rust',
      name: 'a settings field that turns signature checks off',
      files: added('src/config.rs', '    pub skip_signature_check: bool,'),
      fires: 'safety-switch-exposed',
    },
    {
      lang: 'rust',
      name: 'an allow-list is configuration, not a switch',
      files: added('src/config.rs', '    pub allow_list: Vec<String>,'),
      silent: 'safety-switch-exposed',
    },
    {
      lang: 'sql',
      name: 'a scoped delete of expired sessions',
      files: added('db/cleanup.sql', 'DELETE FROM sessions WHERE expires_at < now();'),
      silent: 'destructive-operation',
    },
    {
      lang: 'md',
      name: 'typography in agent instructions is not hidden text',
      files: added('AGENTS.md', '- Keep the café example naïve → one file per command'),
      silent: 'hidden-characters',
    },
    {
      lang: 'docker',
      name: 'a download checked against its digest, not piped into a shell',
      files: added(
        'Dockerfile',
        'RUN curl -fsSL -o /tmp/tool.tgz https://releases.example.com/tool.tgz && echo "$TOOL_SHA  /tmp/tool.tgz" | sha256sum -c -',
      ),
      silent: 'ci-risky-step',
    },
    {
      lang: 'npm',
      name: 'an .npmrc setting that is not a registry',
      files: added('.npmrc', 'save-exact=true'),
      silent: 'dependency-source',
    },
  ]);
});

const cases: Case[] = [];
describe('review/rules claims: tests and error handling by language', () => {
  cases.push(
    {
      lang: 'rust',
      name: 'a slow integration test ignored',
      files: edit('tests/signals.rs', ['#[test]'], [], ['#[ignore]'], ['fn interrupt_kills_child() {']),
      fires: 'test-skipped',
    },
    {
      lang: 'rust',
      name: 'an inline unit test ignored inside src/',
      files: edit('src/run.rs', ['    #[test]'], [], ['    #[ignore = "flaky on CI"]'], ['    fn times_out() {']),
      fires: 'test-skipped',
    },
    {
      lang: 'rust',
      name: 'a field named ignore_errors in a test is no skipped test',
      files: added('tests/config.rs', '    let cfg = Config { ignore_errors: true, ..Config::default() };'),
      silent: 'test-skipped',
    },
    {
      lang: 'rust',
      name: 'an integration test file deleted',
      files: {
        path: 'tests/legacy_format.rs',
        status: 'deleted',
        del: ['#[test]', 'fn reads_v1() {', '    assert!(parse(V1).is_ok());', '}'],
      },
      fires: 'test-deleted',
    },
    {
      lang: 'rust',
      name: 'an integration test renamed, none removed',
      files: edit(
        'tests/lexer.rs',
        ['#[test]'],
        ['fn lexes_idents() {'],
        ['fn lexes_identifiers_and_keywords() {'],
        ['    assert_eq!(lex("a"), [Ident("a")]);'],
      ),
      silent: 'test-deleted',
    },
    {
      lang: 'cs',
      name: 'an xUnit test renamed, none removed',
      files: edit(
        'tests/Acme.Tests/ParserTests.cs',
        ['    [Fact]'],
        ['    public void ParsesBlank() {'],
        ['    public void ParsesBlankInputAsEmpty() {'],
        ['        Assert.Equal(Node.Empty, new Parser().Parse("  "));'],
      ),
      silent: 'test-deleted',
    },
    {
      lang: 'cs',
      name: 'an assertion moved to the collection it checks, as strong as before',
      files: edit(
        'tests/Acme.Tests/QueueTests.cs',
        ['    public void DrainEmptiesTheQueue() {', '        queue.Drain();'],
        ['        Assert.Equal(0, queue.Count);'],
        ['        Assert.Empty(queue.Items);'],
      ),
      silent: 'assertion-weakened',
    },
    {
      lang: 'rust',
      name: 'an inline test checks a renamed accessor, the expected value kept',
      files: edit(
        'src/de.rs',
        ['#[cfg(test)]', 'mod tests {', '    #[test]', '    fn flattened_fields() {'],
        ['        assert_eq!(value.fields().len(), 3);'],
        ['        assert_eq!(value.field_count(), 3);'],
      ),
      silent: 'expectation-changed',
    },
    {
      lang: 'ts',
      name: 'the call under test renamed, the expected value kept',
      files: edit(
        'test/pool.test.ts',
        ["  it('closes idle sockets', async () => {"],
        ['    assert.strictEqual(pool.idleCount(), 0);'],
        ['    assert.strictEqual(pool.stats().idle, 0);'],
      ),
      silent: 'expectation-changed',
    },
    {
      lang: 'py',
      name: 'the client call under test changed, the expected status kept',
      files: edit(
        'tests/test_redirects.py',
        ['def test_redirect_follows(client):'],
        ['    assert client.get("/old").status_code == 200'],
        ['    assert client.get("/old", follow_redirects=True).status_code == 200'],
      ),
      silent: 'expectation-changed',
    },
    {
      lang: 'go',
      name: 'the checked field renamed, the expected value kept',
      files: edit(
        'internal/queue/queue_test.go',
        ['func TestDrain(t *testing.T) {'],
        ['\tassert.Equal(t, 0, q.Len())'],
        ['\tassert.Equal(t, 0, q.Pending())'],
      ),
      silent: 'expectation-changed',
    },
    {
      lang: 'rust',
      name: 'the checked accessor changed, the expected value kept',
      files: edit(
        'tests/de.rs',
        ['fn flattened_fields() {'],
        ['    assert_eq!(value.fields().len(), 3);'],
        ['    assert_eq!(value.field_count(), 3);'],
      ),
      silent: 'expectation-changed',
    },
    {
      lang: 'rust',
      name: 'production code asks whether it runs under cargo test',
      files: added('src/update.rs', '    if cfg!(test) {', '        return Ok(LATEST);', '    }'),
      fires: 'test-special-case',
    },
    {
      lang: 'rust',
      name: 'an inline test module gated on #[cfg(test)]',
      files: added('src/update.rs', '#[cfg(test)]', 'mod tests {', '    use super::*;'),
      silent: 'test-special-case',
    },
    {
      lang: 'cs',
      name: 'exiting with the failure code',
      files: added('src/Cli/Program.cs', '            Environment.Exit(exitCode);'),
      silent: 'test-special-case',
    },
    {
      lang: 'ts',
      name: 'a process-wide handler that keeps a broken process alive',
      files: added('src/cli/main.ts', "process.on('uncaughtException', (err) => {", '  log.error(err);', '});'),
      fires: 'broad-catch',
    },
    {
      lang: 'go',
      name: 'a function named recoverState is not recover()',
      files: added('internal/session/store.go', '\tstate, err := s.recoverState(ctx)'),
      silent: 'broad-catch',
    },
    {
      lang: 'rust',
      name: 'a config error mapped and returned, now unwrapped',
      files: edit(
        'src/config.rs',
        ['pub fn load(path: &Path) -> Result<Config> {'],
        ['    let text = fs::read_to_string(path).map_err(|e| Error::Read(path.into(), e))?;'],
        ['    let text = fs::read_to_string(path).unwrap();'],
      ),
      fires: 'error-handling-removed',
    },
    {
      lang: 'cs',
      name: 'a catch that wrapped the IO error removed',
      files: edit(
        'src/Acme/ConfigLoader.cs',
        ['        try {', '            return File.ReadAllText(path);', '        }'],
        [
          '        catch (IOException ex) {',
          '            throw new ConfigException($"cannot read {path}", ex);',
          '        }',
        ],
        ['        finally { }'],
      ),
      fires: 'error-handling-removed',
    },
    {
      lang: 'rust',
      name: 'a lint allowed for a whole module',
      files: added('src/ast.rs', '#![allow(dead_code)]'),
      fires: 'check-suppressed',
    },
    {
      lang: 'rust',
      name: 'a derive attribute is no suppression',
      files: added('src/ast.rs', '#[derive(Debug, Clone, PartialEq)]'),
      silent: 'check-suppressed',
    },
    {
      lang: 'rust',
      name: 'a function left as todo!()',
      files: added('src/export.rs', 'pub fn export_sarif(report: &Report) -> String {', '    todo!()', '}'),
      fires: 'placeholder',
    },
    {
      lang: 'rust',
      name: 'a to-do list field is no placeholder',
      files: added('src/board.rs', '    board.todo_items.push(item);'),
      silent: 'placeholder',
    },
    {
      lang: 'rust',
      name: 'a new check that always answers true',
      files: added('src/policy.rs', 'pub fn is_allowed(&self, path: &Path) -> bool {', '    true', '}'),
      fires: 'stub-body',
    },
    {
      lang: 'rust',
      name: 'a one-line accessor is not a stub',
      files: added('src/policy.rs', 'pub fn len(&self) -> usize {', '    self.rules.len()', '}'),
      silent: 'stub-body',
    },
  );
  check(cases);
});

describe('review/rules claims: resilience, concurrency and logs', () => {
  check([
    {
      lang: 'cs',
      name: 'a timeout variable renamed, same value',
      files: removed(
        'src/Acme/Client.cs',
        ['        var timeout = TimeSpan.FromSeconds(30);'],
        ['        var requestTimeout = TimeSpan.FromSeconds(30);'],
      ),
      silent: 'resilience-removed',
    },
    {
      lang: 'cs',
      name: 'the HTTP timeout raised tenfold',
      files: removed(
        'src/Acme/Client.cs',
        ['        client.Timeout = TimeSpan.FromSeconds(30);'],
        ['        client.Timeout = TimeSpan.FromSeconds(300);'],
      ),
      fires: 'resilience-changed',
    },
    {
      lang: 'py',
      name: 'a timeout literal moved into a named default',
      files: removed(
        'src/client/session.py',
        ['        self._timeout = timeout or 30'],
        ['        self._timeout = timeout or DEFAULT_TIMEOUT'],
      ),
      silent: 'resilience-changed',
    },
    {
      lang: 'go',
      name: 'a deadline literal moved into a constant',
      files: removed(
        'internal/rpc/client.go',
        ['\tctx, cancel := context.WithTimeout(ctx, 5*time.Second)'],
        ['\tctx, cancel := context.WithTimeout(ctx, callTimeout)'],
      ),
      silent: 'resilience-changed',
    },
    {
      lang: 'java',
      name: 'a connect timeout literal moved into configuration',
      files: removed(
        'src/main/java/com/acme/HttpConfig.java',
        ['        builder.connectTimeout(Duration.ofSeconds(10));'],
        ['        builder.connectTimeout(config.connectTimeout());'],
      ),
      silent: 'resilience-changed',
    },
    {
      lang: 'cs',
      name: 'awaiting one request is not concurrency',
      files: added('src/Acme/Client.cs', '        var response = await client.GetAsync(url, token);'),
      silent: 'concurrency-introduced',
    },
    {
      lang: 'ts',
      name: 'a log message reworded at the same level',
      files: removed(
        'src/pool.ts',
        ["    this.logger.warn('socket closed early');"],
        ["    this.logger.warn('socket closed before the response ended');"],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'py',
      name: 'routine info lowered to debug: no warning or error lost',
      files: removed(
        'src/server/session.py',
        ['        logger.info("session %s closed", sid)'],
        ['        logger.debug("session %s closed", sid)'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'go',
      name: 'a warning given more context at the same level',
      files: removed(
        'internal/sync/worker.go',
        ['\tslog.Warn("retrying upload", "err", err)'],
        ['\tslog.Warn("retrying upload", "err", err, "attempt", n)'],
      ),
      silent: 'log-level-changed',
    },
    {
      lang: 'rust',
      name: 'routine info lowered to debug',
      files: removed(
        'src/git/remote.rs',
        ['        tracing::info!(remote = %name, "fetched");'],
        ['        tracing::debug!(remote = %name, "fetched");'],
      ),
      silent: 'log-level-changed',
    },
  ]);
});

describe('review/rules claims: public API and callers', () => {
  const refs = (name: string, ...hits: [string, number, string][]) =>
    new Map([[name, hits.map(([path, line, text]) => ({ path, line, text }))]]);
  check([
    {
      lang: 'rust',
      name: 'a parameter added to a private helper',
      files: removed(
        'src/de/map.rs',
        ['fn read_key(&mut self) -> Result<Key> {'],
        ['fn read_key(&mut self, depth: usize) -> Result<Key> {'],
      ),
      silent: 'public-api-changed',
    },
    {
      lang: 'ts',
      name: 'an exported helper now reached only from tests',
      files: edit(
        'src/util/headers.ts',
        [],
        ['export function parseHeaders(raw: string[]): Headers {'],
        ['export function parseHeaders(raw: readonly string[]): Headers {'],
        ['  const out = new Headers();'],
      ),
      context: {
        references: refs(
          'parseHeaders',
          ['src/util/headers.ts', 20, 'export function parseHeaders(raw: readonly string[]): Headers {'],
          ['test/headers.test.ts', 8, '    const h = parseHeaders(["a: b"]);'],
        ),
      },
      fires: 'test-only-callers',
    },
    {
      lang: 'ts',
      name: 'a new module tested before the next change wires it up (not dead: nothing called it before)',
      files: {
        path: 'src/util/headers.ts',
        status: 'added',
        add: ['export function parseHeaders(raw: string[]) {', '  return raw;', '}'],
      },
      context: {
        references: refs(
          'parseHeaders',
          ['src/util/headers.ts', 1, 'export function parseHeaders(raw: string[]) {'],
          ['test/headers.test.ts', 8, '    const h = parseHeaders(["a: b"]);'],
        ),
      },
      silent: 'test-only-callers',
    },
    {
      lang: 'ts',
      name: 'a changed helper the client still calls',
      files: edit(
        'src/util/headers.ts',
        [],
        ['export function parseHeaders(raw: string[]): Headers {'],
        ['export function parseHeaders(raw: readonly string[]): Headers {'],
        ['  const out = new Headers();'],
      ),
      context: {
        references: refs(
          'parseHeaders',
          ['src/util/headers.ts', 20, 'export function parseHeaders(raw: readonly string[]): Headers {'],
          ['src/client.ts', 41, '    const headers = parseHeaders(lines);'],
          ['test/headers.test.ts', 8, '    const h = parseHeaders(["a: b"]);'],
        ),
      },
      silent: 'test-only-callers',
    },
    {
      lang: 'py',
      name: 'a changed function only the test suite calls',
      files: edit(
        'src/mcp/shared/progress.py',
        [],
        ['def progress_ratio(done, total):'],
        ['def progress_ratio(done: float, total: float | None) -> float:'],
        ['    if not total:'],
      ),
      context: {
        references: refs(
          'progress_ratio',
          ['src/mcp/shared/progress.py', 20, 'def progress_ratio(done: float, total: float | None) -> float:'],
          ['tests/shared/test_progress.py', 14, '    assert progress_ratio(1, 2) == 0.5'],
        ),
      },
      fires: 'test-only-callers',
    },
    {
      lang: 'py',
      name: 'a changed function the session still calls',
      files: edit(
        'src/mcp/shared/progress.py',
        [],
        ['def progress_ratio(done, total):'],
        ['def progress_ratio(done: float, total: float | None) -> float:'],
        ['    if not total:'],
      ),
      context: {
        references: refs(
          'progress_ratio',
          ['src/mcp/shared/progress.py', 20, 'def progress_ratio(done: float, total: float | None) -> float:'],
          ['src/mcp/shared/session.py', 88, '        ratio = progress_ratio(done, total)'],
        ),
      },
      silent: 'test-only-callers',
    },
    {
      lang: 'go',
      name: 'a changed exported function only tests call',
      files: edit(
        'internal/tree/walk.go',
        [],
        ['func WalkDepth(root *Node) int {'],
        ['func WalkDepth(root *Node, limit int) int {'],
        ['\tif root == nil {'],
      ),
      context: {
        references: refs(
          'WalkDepth',
          ['internal/tree/walk.go', 20, 'func WalkDepth(root *Node, limit int) int {'],
          ['internal/tree/walk_test.go', 12, '\tif got := WalkDepth(root, 10); got != 3 {'],
        ),
      },
      fires: 'test-only-callers',
    },
    {
      lang: 'go',
      name: 'a changed exported function the command still calls',
      files: edit(
        'internal/tree/walk.go',
        [],
        ['func WalkDepth(root *Node) int {'],
        ['func WalkDepth(root *Node, limit int) int {'],
        ['\tif root == nil {'],
      ),
      context: {
        references: refs(
          'WalkDepth',
          ['internal/tree/walk.go', 20, 'func WalkDepth(root *Node, limit int) int {'],
          ['cmd/tree/main.go', 30, '\tdepth := tree.WalkDepth(root, *limit)'],
        ),
      },
      silent: 'test-only-callers',
    },
    {
      lang: 'rust',
      name: 'a changed function the binary still calls',
      files: edit(
        'src/manifest.rs',
        [],
        ['pub fn legacy_parse(text: &str) -> Manifest {'],
        ['pub fn legacy_parse(text: &str) -> Manifest {', '    let text = text.trim_start_matches(BOM);'],
        ['    parse_lines(text.lines())'],
      ),
      context: {
        references: refs(
          'legacy_parse',
          ['src/manifest.rs', 20, 'pub fn legacy_parse(text: &str) -> Manifest {'],
          ['src/main.rs', 55, '    let manifest = manifest::legacy_parse(&text);'],
        ),
      },
      silent: 'test-only-callers',
    },
  ]);
});

describe('review/rules claims: comments that claim API behaviour, critical paths', () => {
  check([
    {
      lang: 'ts',
      name: 'an AI-written comment says the pool is thread-safe',
      files: added('src/pool.ts', '  // The pool is thread-safe and never throws on close.', '  close(): void {'),
      ai: true,
      fires: 'api-claim',
    },
    {
      lang: 'ts',
      name: 'an AI-written comment that explains, not promises',
      files: added('src/pool.ts', '  // Close idle sockets first so pending requests can finish.', '  close(): void {'),
      ai: true,
      silent: 'api-claim',
    },
    {
      lang: 'py',
      name: 'an AI-written test comment says the server guarantees ordering',
      files: added(
        'tests/test_ordering.py',
        '    # the server guarantees responses in request order',
        '    assert ids == sorted(ids)',
      ),
      ai: true,
      fires: 'api-claim',
    },
    {
      lang: 'go',
      name: 'an AI-written test comment saying what the code under test does',
      files: added(
        'internal/mcp/gate_test.go',
        '\t// send is non-blocking: the gate buffers until the reader starts',
        '\trequire.True(t, g.Send(msg))',
      ),
      ai: true,
      silent: 'api-claim',
    },
    {
      lang: 'py',
      name: 'an AI-written test comment describing the setup',
      files: added(
        'tests/test_ordering.py',
        '    # send three requests before reading any response',
        '    assert ids == sorted(ids)',
      ),
      ai: true,
      silent: 'api-claim',
    },
    {
      lang: 'ts',
      name: 'token verification added to the auth middleware',
      files: added(
        'src/server/middleware.ts',
        '  const token = req.headers.authorization?.replace(/^Bearer /, "");',
        '  const claims = await verifyJwt(token, keys);',
      ),
      fires: 'critical-path-touched',
    },
    {
      lang: 'py',
      name: 'a chat session transcript is no auth code, whatever its path says',
      files: added(
        'src/session/transcript.py',
        '    def append(self, message: Message) -> None:',
        '        self.messages.append(message)',
      ),
      silent: 'critical-path-touched',
    },
  ]);
});

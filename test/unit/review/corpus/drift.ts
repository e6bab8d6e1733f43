/**
 * Dependency bounds and kinds, and comments or messages that contradict the code next to them, in pull-request
 * shapes modelled on merged changes of public repositories (a transport API reduced to one `request` parameter while
 * its docstring kept the old ones; an engines floor next to a Node matrix; a lowest-direct resolution job; a
 * minimal-versions job; a Go require bump). Written by this team; no third-party code.
 */
import { CorpusCase, edit } from './types';

const workflow = (name: string, ...jobLines: string[]): { path: string; text: string } => ({
  path: `.github/workflows/${name}`,
  text: ['name: CI', 'on: [push, pull_request]', 'jobs:', ...jobLines].join('\n') + '\n',
});
const NODE_MATRIX = workflow(
  'ci.yml',
  '  test:',
  '    strategy:',
  '      matrix:',
  "        node-version: ['20', '22', '24']",
  '    steps:',
  '      - uses: actions/setup-node@v4',
  '        with:',
  '          node-version: ${{ matrix.node-version }}',
  '      - run: npm ci && npm test',
);
const PY_MATRIX = workflow(
  'tests.yml',
  '  unit:',
  '    strategy:',
  '      matrix:',
  '        python-version: ["3.10", "3.11", "3.12", "3.13"]',
  '    steps:',
  '      - run: uv sync --frozen --python ${{ matrix.python-version }}',
  '      - run: uv run pytest',
);
const PY_LOWEST = workflow(
  'lowest.yml',
  '  lowest:',
  '    steps:',
  '      - run: uv sync --resolution lowest-direct',
  '      - run: uv run pytest',
);
const RUST_CI = workflow(
  'ci.yml',
  '  msrv:',
  '    strategy:',
  '      matrix:',
  '        rust: [1.61.0, 1.65.0]',
  '    steps:',
  '      - uses: dtolnay/rust-toolchain@master',
  '        with:',
  '          toolchain: ${{ matrix.rust }}',
  '      - run: cargo check',
  '  minimal:',
  '    steps:',
  '      - run: cargo generate-lockfile -Z minimal-versions',
  '      - run: cargo check --locked',
);
const GO_CI = workflow(
  'go.yml',
  '  test:',
  '    steps:',
  '      - uses: actions/setup-go@v5',
  '        with:',
  "          go-version: '1.22'",
  '      - run: go test ./...',
);

export const DRIFT_CASES: readonly CorpusCase[] = [
  // TypeScript / JavaScript
  {
    id: 'ts-jsdoc-stale-param',
    lang: 'ts',
    title: 'Acquire a connection with an abort signal instead of a priority',
    files: [
      edit(
        'src/pool/pool.ts',
        [
          'class Pool {',
          '  /**',
          '   * Waits for a free connection.',
          '   * @param priority lower numbers are served first',
          '   */',
        ],
        ['  acquire(priority: number): Promise<Connection> {'],
        ['  acquire(signal: AbortSignal): Promise<Connection> {'],
        ['    return this.queue.wait(signal);', '  }', '}'],
      ),
    ],
    expect: ['doc-names-missing-parameter'],
    forbid: [],
  },
  {
    id: 'ts-jsdoc-updated',
    lang: 'ts',
    title: 'Acquire a connection with an abort signal, docs updated',
    files: [
      edit(
        'src/pool/pool.ts',
        ['class Pool {', '  /**', '   * Waits for a free connection.'],
        [
          '   * @param priority lower numbers are served first',
          '   */',
          '  acquire(priority: number): Promise<Connection> {',
        ],
        ['   * @param signal aborts the wait', '   */', '  acquire(signal: AbortSignal): Promise<Connection> {'],
        ['    return this.queue.wait(signal);', '  }', '}'],
      ),
    ],
    expect: [],
    forbid: ['doc-names-missing-parameter'],
  },
  {
    id: 'ts-timeout-comment',
    lang: 'ts',
    title: 'Give the WebSocket upgrade more time',
    files: [
      edit(
        'lib/web/websocket/constants.js',
        ["'use strict'", ''],
        [],
        ['// Abort the opening handshake after 10 seconds', 'const HANDSHAKE_TIMEOUT = 30_000', ''],
        ['module.exports = { HANDSHAKE_TIMEOUT }'],
      ),
    ],
    expect: ['comment-contradicts-code'],
    forbid: [],
  },
  {
    id: 'ts-timeout-comment-agrees',
    lang: 'ts',
    title: 'Name the poll limits',
    files: [
      edit(
        'lib/poll/limits.js',
        ["'use strict'", ''],
        [],
        [
          '// Abort the opening handshake after 30 seconds',
          'const HANDSHAKE_TIMEOUT_MS = 30 * 1000',
          '// Poll every 5s',
          'const MAX_POLLS = 12',
          '',
        ],
        ['module.exports = { HANDSHAKE_TIMEOUT_MS, MAX_POLLS }'],
      ),
    ],
    expect: [],
    forbid: ['comment-contradicts-code'],
  },
  {
    id: 'ts-message-after-reset',
    lang: 'ts',
    title: 'Fail queued requests when the socket closes',
    files: [
      edit(
        'src/client/queue.ts',
        ['  onClose(): void {', '    if (this.pending.length > 0) {'],
        [],
        [
          '      this.pending = [];',
          '      throw new Error(`socket closed with ${this.pending.length} requests in flight`);',
        ],
        ['    }', '  }'],
      ),
    ],
    expect: ['message-reads-cleared-value'],
    forbid: [],
  },
  {
    id: 'ts-message-before-reset',
    lang: 'ts',
    title: 'Fail queued requests when the socket closes (count kept first)',
    files: [
      edit(
        'src/client/queue.ts',
        ['  onClose(): void {', '    if (this.pending.length > 0) {'],
        [],
        [
          '      const dropped = this.pending.length;',
          '      this.pending = [];',
          '      throw new Error(`socket closed with ${dropped} requests in flight`);',
        ],
        ['    }', '  }'],
      ),
    ],
    expect: [],
    forbid: ['message-reads-cleared-value'],
  },
  {
    id: 'ts-engines-lowered',
    lang: 'ts',
    title: 'Support Node 18 again',
    files: [edit('package.json', ['  "engines": {'], ['    "node": ">=20.18.1"'], ['    "node": ">=18.17"'], ['  },'])],
    expect: ['dependency-bound-untested'],
    forbid: [],
    context: { workflows: [NODE_MATRIX] },
  },
  {
    id: 'ts-dependency-bump-locked',
    lang: 'ts',
    title: 'Bump undici from 6.19.0 to 6.21.1',
    files: [
      edit(
        'package.json',
        ['  "dependencies": {'],
        ['    "undici": "^6.19.0",'],
        ['    "undici": "^6.21.1",'],
        ['    "ws": "^8.18.0"'],
      ),
      edit(
        'package-lock.json',
        ['    "node_modules/undici": {'],
        ['      "version": "6.19.0",'],
        ['      "version": "6.21.1",'],
        ['      "license": "MIT",'],
      ),
    ],
    expect: [],
    forbid: ['dependency-bound-untested', 'new-dependency', 'lockfile-only-change'],
    context: { workflows: [NODE_MATRIX] },
  },
  {
    id: 'ts-dev-dependency',
    lang: 'ts',
    title: 'Type-check the benchmarks with tsd',
    files: [
      edit(
        'package.json',
        ['  "devDependencies": {', '    "borp": "^0.20.0",'],
        [],
        ['    "tsd": "^0.31.2",'],
        ['    "typescript": "^5.6.2"'],
      ),
    ],
    expect: ['new-dev-dependency'],
    forbid: ['new-dependency', 'dependency-bound-untested'],
    context: { workflows: [NODE_MATRIX] },
  },
  {
    id: 'ts-dev-dependency-bump',
    lang: 'ts',
    title: 'Bump tsd',
    files: [
      edit(
        'package.json',
        ['  "devDependencies": {', '    "borp": "^0.20.0",'],
        ['    "tsd": "^0.31.1",'],
        ['    "tsd": "^0.31.2",'],
        ['    "typescript": "^5.6.2"'],
      ),
    ],
    expect: [],
    forbid: ['new-dev-dependency', 'new-dependency', 'dependency-bound-untested'],
    context: { workflows: [NODE_MATRIX] },
  },
  // Python
  {
    id: 'py-transport-docstring',
    lang: 'py',
    title: 'Transport API as a plain request -> response method',
    files: [
      edit(
        'httpx_lite/transports/base.py',
        ['class BaseTransport:'],
        ['    def handle_request(self, method, url, headers, stream):'],
        ['    def handle_request(self, request: Request) -> Response:'],
        [
          '        """Send a single HTTP request and return a response.',
          '',
          '        Args:',
          '            method: The request method as bytes.',
          '            url: The URL as a tuple of scheme, host, port, target.',
          '            headers: A list of header pairs.',
          '            stream: The request body.',
          '        """',
          '        raise NotImplementedError()',
        ],
      ),
    ],
    expect: ['doc-names-missing-parameter', 'public-api-changed'],
    forbid: [],
  },
  {
    id: 'py-transport-docstring-updated',
    lang: 'py',
    title: 'Transport API as a plain request -> response method, docstring updated',
    files: [
      edit(
        'httpx_lite/transports/base.py',
        ['class BaseTransport:'],
        [
          '    def handle_request(self, method, url, headers, stream):',
          '        """Send a single HTTP request and return a response.',
          '',
          '        Args:',
          '            method: The request method as bytes.',
          '            url: The URL as a tuple of scheme, host, port, target.',
        ],
        [
          '    def handle_request(self, request: Request) -> Response:',
          '        """Send a single HTTP request and return a response.',
          '',
          '        Args:',
          '            request: The request to send.',
        ],
        ['        """', '        raise NotImplementedError()'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: ['doc-names-missing-parameter'],
  },
  {
    id: 'py-retry-comment',
    lang: 'py',
    title: 'Retry the session initialisation',
    files: [
      edit(
        'src/client/session.py',
        ['    async def initialize(self) -> InitializeResult:'],
        ['        return await self._send_initialize()'],
        [
          '        # Retry up to 3 times before giving up',
          '        for attempt in range(6):',
          '            try:',
          '                return await self._send_initialize()',
          '            except anyio.EndOfStream:',
          '                await anyio.sleep(0.1 * attempt)',
          '        raise McpError("server did not answer initialize")',
        ],
        [''],
      ),
    ],
    expect: ['comment-contradicts-code'],
    forbid: [],
  },
  {
    id: 'py-buffer-cleared',
    lang: 'py',
    title: 'Reject a truncated SSE event',
    files: [
      edit(
        'src/transport/sse.py',
        ['    def close(self) -> None:', '        if self._buffer:'],
        [],
        ['            self._buffer.clear()', '            raise ValueError(f"truncated event: {self._buffer!r}")'],
        [''],
      ),
    ],
    expect: ['message-reads-cleared-value'],
    forbid: [],
  },
  {
    id: 'py-buffer-kept',
    lang: 'py',
    title: 'Reject a truncated SSE event (data kept before clearing)',
    files: [
      edit(
        'src/transport/sse.py',
        ['    def close(self) -> None:', '        if self._buffer:'],
        [],
        [
          '            data = bytes(self._buffer)',
          '            self._buffer.clear()',
          '            raise ValueError(f"truncated event: {data!r}")',
        ],
        [''],
      ),
    ],
    expect: [],
    forbid: ['message-reads-cleared-value'],
  },
  {
    id: 'py-requires-python-tested',
    lang: 'py',
    title: 'Drop Python 3.9',
    files: [
      edit(
        'pyproject.toml',
        ['[project]', 'name = "mcp-lite"'],
        ['requires-python = ">=3.9"'],
        ['requires-python = ">=3.10"'],
        ['readme = "README.md"'],
      ),
    ],
    expect: [],
    forbid: ['dependency-bound-untested'],
    context: { workflows: [PY_MATRIX] },
  },
  {
    id: 'py-dependency-lowered',
    lang: 'py',
    title: 'Allow older anyio releases',
    files: [
      edit(
        'pyproject.toml',
        ['dependencies = [', '    "httpx>=0.27",'],
        ['    "anyio>=4.5",'],
        ['    "anyio>=4.0",'],
        ['    "pydantic>=2.7",'],
      ),
    ],
    expect: ['dependency-bound-untested'],
    forbid: ['new-dependency'],
    context: { workflows: [PY_MATRIX] },
  },
  {
    id: 'py-dependency-lowered-lowest-job',
    lang: 'py',
    title: 'Allow older anyio releases (lowest-direct job in CI)',
    files: [
      edit(
        'pyproject.toml',
        ['dependencies = [', '    "httpx>=0.27",'],
        ['    "anyio>=4.5",'],
        ['    "anyio>=4.0",'],
        ['    "pydantic>=2.7",'],
      ),
    ],
    expect: [],
    forbid: ['dependency-bound-untested', 'new-dependency'],
    context: { workflows: [PY_MATRIX, PY_LOWEST] },
  },
  {
    id: 'py-docs-group-bump',
    lang: 'py',
    title: 'Restructure the docs site',
    files: [
      edit(
        'pyproject.toml',
        ['[dependency-groups]', 'docs = [', '    "mkdocs>=1.6.1,<2",'],
        ['    "mkdocs-material[imaging]>=9.5.45",'],
        ['    "mkdocs-material[imaging]>=9.7.0",', '    "mkdocs-glightbox>=0.4.0",'],
        [']'],
      ),
    ],
    expect: ['new-dev-dependency'],
    forbid: ['dependency-bound-untested', 'new-dependency'],
    context: { workflows: [PY_MATRIX] },
  },
  // Rust
  {
    id: 'rust-rustdoc-stale-argument',
    lang: 'rust',
    title: 'Take connection options as one struct',
    files: [
      edit(
        'src/connect.rs',
        [
          '/// Opens a connection.',
          '///',
          '/// # Arguments',
          '///',
          '/// * `addr` - where to connect',
          '/// * `nodelay` - disable Nagle',
        ],
        ['pub(crate) fn connect(addr: &str, nodelay: bool) -> io::Result<Conn> {'],
        ['pub(crate) fn connect(addr: &str, opts: &ConnectOptions) -> io::Result<Conn> {'],
        ['    Conn::open(addr, opts)', '}'],
      ),
    ],
    expect: ['doc-names-missing-parameter'],
    forbid: [],
  },
  {
    id: 'rust-rustdoc-arguments-updated',
    lang: 'rust',
    title: 'Take connection options as one struct (rustdoc updated with it)',
    files: [
      edit(
        'src/connect.rs',
        ['/// Opens a connection.', '///', '/// # Arguments', '///', '/// * `addr` - where to connect'],
        ['/// * `nodelay` - disable Nagle', 'pub(crate) fn connect(addr: &str, nodelay: bool) -> io::Result<Conn> {'],
        [
          '/// * `opts` - socket options (Nagle, timeouts)',
          'pub(crate) fn connect(addr: &str, opts: &ConnectOptions) -> io::Result<Conn> {',
        ],
        ['    Conn::open(addr, opts)', '}'],
      ),
    ],
    expect: [],
    forbid: ['doc-names-missing-parameter'],
  },
  {
    id: 'rust-backoff-comment',
    lang: 'rust',
    title: 'Back off between config lock attempts',
    files: [
      edit(
        'crates/core/src/config_lock.rs',
        ['fn lock_config(path: &Path) -> Result<Lock> {'],
        ['    let lock = acquire(path, Fail::Immediately)?;'],
        [
          '    // Back off for 2 seconds while another process holds the lock',
          '    let lock = acquire(path, Fail::AfterDurationWithBackoff(Duration::from_millis(500)))?;',
        ],
        ['    Ok(lock)', '}'],
      ),
    ],
    expect: ['comment-contradicts-code'],
    forbid: [],
  },
  {
    id: 'rust-backoff-comment-agrees',
    lang: 'rust',
    title: 'Back off between config lock attempts (comment matches)',
    files: [
      edit(
        'crates/core/src/config_lock.rs',
        ['fn lock_config(path: &Path) -> Result<Lock> {'],
        ['    let lock = acquire(path, Fail::Immediately)?;'],
        [
          '    // Back off for 1s while another process holds the lock',
          '    let lock = acquire(path, Fail::AfterDurationWithBackoff(Duration::from_secs(1)))?;',
        ],
        ['    Ok(lock)', '}'],
      ),
    ],
    expect: [],
    forbid: ['comment-contradicts-code'],
  },
  {
    id: 'rust-msrv-raised',
    lang: 'rust',
    title: 'Use let-else: raise the MSRV',
    files: [
      edit(
        'Cargo.toml',
        ['[package]', 'name = "justlike"', 'edition = "2021"'],
        ['rust-version = "1.61"'],
        ['rust-version = "1.70"'],
        [''],
      ),
    ],
    expect: ['dependency-bound-untested'],
    forbid: [],
    context: { workflows: [RUST_CI] },
  },
  {
    id: 'rust-serde-lowered-minimal-job',
    lang: 'rust',
    title: 'Accept older serde releases (minimal-versions job in CI)',
    files: [
      edit(
        'Cargo.toml',
        ['[dependencies]'],
        ['serde = { version = "1.0.190", features = ["derive"] }'],
        ['serde = { version = "1.0.166", features = ["derive"] }'],
        [''],
      ),
    ],
    expect: [],
    forbid: ['dependency-bound-untested', 'new-dependency'],
    context: { workflows: [RUST_CI] },
  },
  {
    id: 'rust-dev-dependency',
    lang: 'rust',
    title: 'Snapshot-test the formatter',
    files: [edit('Cargo.toml', ['[dev-dependencies]', 'pretty_assertions = "1.4"'], [], ['insta = "1.39"'], [''])],
    expect: ['new-dev-dependency'],
    forbid: ['new-dependency'],
    context: { workflows: [RUST_CI] },
  },
  {
    id: 'rust-message-after-take',
    lang: 'rust',
    title: 'Drop pending writes on shutdown',
    files: [
      edit(
        'src/writer.rs',
        ['    fn shutdown(&mut self) {'],
        [],
        [
          '        let pending = std::mem::take(&mut self.pending);',
          '        log::warn!("dropping {} pending writes", self.pending.len());',
          '        drop(pending);',
        ],
        ['    }'],
      ),
    ],
    expect: ['message-reads-cleared-value'],
    forbid: [],
  },
  // Go
  {
    id: 'go-doc-old-name',
    lang: 'go',
    title: 'Rename Dial to Connect',
    files: [
      edit(
        'client/dial.go',
        ['// Dial opens a connection to the daemon and performs the handshake.'],
        ['func Dial(ctx context.Context, addr string) (*Conn, error) {'],
        ['func Connect(ctx context.Context, addr string) (*Conn, error) {'],
        ['\treturn handshake(ctx, addr)', '}'],
      ),
    ],
    expect: ['doc-names-missing-parameter', 'public-api-changed'],
    forbid: [],
  },
  {
    id: 'go-doc-renamed-too',
    lang: 'go',
    title: 'Rename Dial to Connect, doc updated',
    files: [
      edit(
        'client/dial.go',
        [],
        [
          '// Dial opens a connection to the daemon and performs the handshake.',
          'func Dial(ctx context.Context, addr string) (*Conn, error) {',
        ],
        [
          '// Connect opens a connection to the daemon and performs the handshake.',
          'func Connect(ctx context.Context, addr string) (*Conn, error) {',
        ],
        ['\treturn handshake(ctx, addr)', '}'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: ['doc-names-missing-parameter'],
  },
  {
    id: 'go-keepalive-comment',
    lang: 'go',
    title: 'Keep idle connections alive',
    files: [
      edit(
        'internal/transport/dialer.go',
        ['func newDialer() *net.Dialer {', '\treturn &net.Dialer{'],
        [],
        [
          '\t\t// 30s keepalive, as the load balancer drops idle flows after a minute',
          '\t\tKeepAlive: 15 * time.Second,',
        ],
        ['\t}', '}'],
      ),
    ],
    expect: ['comment-contradicts-code'],
    forbid: [],
  },
  {
    id: 'go-buffer-reset',
    lang: 'go',
    title: 'Report an unterminated frame',
    files: [
      edit(
        'internal/frame/reader.go',
        ['\tif !complete {'],
        [],
        ['\t\tr.buf.Reset()', '\t\treturn fmt.Errorf("unterminated frame: %q", r.buf.String())'],
        ['\t}'],
      ),
    ],
    expect: ['message-reads-cleared-value'],
    forbid: [],
  },
  {
    id: 'go-buffer-kept',
    lang: 'go',
    title: 'Report an unterminated frame (text kept before reset)',
    files: [
      edit(
        'internal/frame/reader.go',
        ['\tif !complete {'],
        [],
        [
          '\t\tpartial := r.buf.String()',
          '\t\tr.buf.Reset()',
          '\t\treturn fmt.Errorf("unterminated frame: %q", partial)',
        ],
        ['\t}'],
      ),
    ],
    expect: [],
    forbid: ['message-reads-cleared-value'],
  },
  {
    id: 'go-directive-raised',
    lang: 'go',
    title: 'Use range-over-func: go 1.23',
    files: [edit('go.mod', ['module example.com/daemon', ''], ['go 1.21'], ['go 1.23'], [''])],
    expect: ['dependency-bound-untested'],
    forbid: [],
    context: { workflows: [GO_CI] },
  },
  {
    id: 'go-require-bump',
    lang: 'go',
    title: 'Bump golang.org/x/net to v0.33.0',
    files: [
      edit('go.mod', ['require ('], ['\tgolang.org/x/net v0.30.0'], ['\tgolang.org/x/net v0.33.0'], [')']),
      edit(
        'go.sum',
        [],
        ['golang.org/x/net v0.30.0 h1:AAAA=', 'golang.org/x/net v0.30.0/go.mod h1:BBBB='],
        ['golang.org/x/net v0.33.0 h1:CCCC=', 'golang.org/x/net v0.33.0/go.mod h1:DDDD='],
      ),
    ],
    expect: [],
    forbid: ['dependency-bound-untested', 'new-dependency'],
    context: { workflows: [GO_CI] },
  },
];

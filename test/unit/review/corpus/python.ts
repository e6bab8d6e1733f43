/** Python pull requests of the review corpus (see types.ts). */
import { CorpusCase, edit } from './types';

export const PYTHON_CASES: readonly CorpusCase[] = [
  {
    id: 'py-wire-names',
    lang: 'py',
    title: 'Model the initialize result with its wire names',
    files: [
      edit(
        'src/proto/types.py',
        ['class InitializeResult(BaseModel):', '    """What the server answers to initialize."""'],
        [],
        [
          '    protocolVersion: str  # noqa: N815',
          '    serverInfo: Implementation  # noqa: N815',
          '    capabilities: ServerCapabilities',
          '    instructionsUrl: str | None = None  # noqa: N815',
        ],
        [''],
      ),
    ],
    expect: [],
    forbid: ['check-suppressed'],
  },
  {
    id: 'py-noqa-unused',
    lang: 'py',
    title: 'Silence the unused import in the CLI',
    files: [edit('src/cli/main.py', ['import sys'], [], ['import readline  # noqa'], ['import typer'])],
    expect: ['check-suppressed'],
    forbid: [],
  },
  {
    id: 'py-guard-assert',
    lang: 'py',
    title: 'Test tool results carry text content',
    files: [
      edit(
        'tests/server/test_tools.py',
        [
          'async def test_call_tool_returns_text(client):',
          '    result = await client.call_tool("echo", {"text": "hi"})',
        ],
        ['    assert result.content[0].text == "hi"'],
        [
          '    assert result is not None',
          '    assert result.content[0].text == "hi"',
          '    assert result.isError is False',
        ],
        [''],
      ),
    ],
    expect: [],
    forbid: ['assertion-weakened'],
  },
  {
    id: 'py-unlink-missing',
    lang: 'py',
    title: 'Remove the socket file on shutdown',
    files: [
      edit(
        'src/server/unix.py',
        ['    async def close(self) -> None:', '        await self._listener.aclose()'],
        [],
        ['        try:', '            os.unlink(self._path)', '        except FileNotFoundError:', '            pass'],
        [''],
      ),
    ],
    expect: [],
    forbid: ['swallowed-error', 'broad-catch'],
  },
  {
    id: 'py-drop-send-errors',
    lang: 'py',
    title: 'Do not crash the session when a notification fails',
    files: [
      edit(
        'src/session/notify.py',
        ['    async def send_notification(self, note: Notification) -> None:'],
        ['        await self._write(note)'],
        ['        try:', '            await self._write(note)', '        except Exception:', '            pass'],
        [''],
      ),
    ],
    expect: ['swallowed-error'],
    forbid: [],
  },
  {
    id: 'py-npx-command',
    lang: 'py',
    title: 'Launch stdio servers through npx',
    files: [
      edit(
        'src/client/launch.py',
        ['def launch(package: str, port: int) -> subprocess.Popen:'],
        ['    return subprocess.Popen(["node", package])'],
        ['    cmd = f"npx -y {package} --port {port}"', '    return subprocess.Popen(shlex.split(cmd))'],
        [''],
      ),
    ],
    expect: ['command-quoting', 'dangerous-sink'],
    forbid: [],
  },
  {
    id: 'py-task-group',
    lang: 'py',
    title: 'Read and write the stream concurrently',
    files: [
      edit(
        'src/transport/stdio.py',
        ['async def run(read_stream, write_stream):'],
        ['    await pump(read_stream, write_stream)'],
        [
          '    async with anyio.create_task_group() as tg:',
          '        tg.start_soon(reader, read_stream)',
          '        tg.start_soon(writer, write_stream)',
        ],
        [''],
      ),
    ],
    expect: ['concurrency-introduced'],
    forbid: [],
  },
  {
    id: 'py-wait-response',
    lang: 'py',
    title: 'Wait for the matching response',
    files: [
      edit(
        'src/session/base.py',
        ['    async def send_request(self, request):', '        await self._write(request)'],
        ['        return await anyio.fail_after(self._timeout, self._responses.get, request.id)'],
        ['        response = await self._response_stream.receive()', '        return response'],
        [''],
      ),
    ],
    expect: ['unbounded-wait', 'resilience-removed'],
    forbid: [],
  },
  {
    id: 'py-quiet-parse-failure',
    lang: 'py',
    title: 'Less noise from malformed messages',
    files: [
      edit(
        'src/transport/sse.py',
        ['        except ValidationError as exc:'],
        ['            logger.error("Failed to parse message: %s", exc)'],
        ['            logger.debug("Failed to parse message: %s", exc)'],
        ['            continue'],
      ),
    ],
    expect: ['log-level-changed'],
    forbid: ['swallowed-error'],
  },
  {
    id: 'py-body-limit',
    lang: 'py',
    title: 'Apply the request body limit to every endpoint',
    files: [
      edit(
        'src/server/http.py',
        ['    async def handle_post(self, request):'],
        ['        body = await request.body()'],
        ['        body = await read_limited(request, self.max_body)'],
        ['        return await self._dispatch(body)'],
      ),
      edit(
        'tests/server/test_http.py',
        ['    resp = await client.post("/messages", content=b"x" * (LIMIT + 1))'],
        ['    assert resp.status_code == 400'],
        ['    assert resp.status_code == 413'],
        [''],
      ),
    ],
    expect: ['expectation-changed'],
    forbid: [],
  },
  {
    id: 'py-pydantic-bump',
    lang: 'py',
    title: 'Require a newer pydantic',
    files: [
      edit(
        'pyproject.toml',
        ['dependencies = ['],
        ['    "pydantic>=2.7.0",'],
        ['    "pydantic>=2.11.0",'],
        ['    "anyio>=4.5",', ']'],
      ),
    ],
    expect: [],
    forbid: ['new-dependency'],
  },
  {
    id: 'py-new-dep',
    lang: 'py',
    title: 'Add SSE client support',
    files: [edit('pyproject.toml', ['dependencies = [', '    "anyio>=4.5",'], [], ['    "httpx-sse>=0.4",'], [']'])],
    expect: ['new-dependency'],
    forbid: [],
  },
  {
    id: 'py-call-tool-timeout',
    lang: 'py',
    title: 'call_tool takes a timeout',
    files: [
      edit(
        'src/client/session.py',
        ['class ClientSession:'],
        ['    async def call_tool(self, name: str, arguments: dict | None = None) -> CallToolResult:'],
        ['    async def call_tool(self, name: str, timeout: float, arguments: dict | None = None) -> CallToolResult:'],
        ['        """Calls a tool on the server."""'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'py-progress-appended',
    lang: 'py',
    title: 'call_tool reports progress',
    files: [
      edit(
        'src/client/session.py',
        ['class ClientSession:'],
        ['    async def call_tool(self, name: str, arguments: dict | None = None) -> CallToolResult:'],
        [
          '    async def call_tool(self, name: str, arguments: dict | None = None, progress: Callable | None = None) -> CallToolResult:',
        ],
        ['        """Calls a tool on the server."""'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'py-unsafe-paths-flag',
    lang: 'py',
    title: 'Let the file server serve any path on request',
    files: [
      edit(
        'src/servers/files.py',
        ['    parser = argparse.ArgumentParser()', '    parser.add_argument("--root", default=".")'],
        [],
        ['    parser.add_argument("--allow-outside-root", action="store_true")'],
        ['    args = parser.parse_args()'],
      ),
    ],
    expect: ['safety-switch-exposed'],
    forbid: [],
  },
  {
    id: 'py-uv-hint',
    lang: 'py',
    title: 'Explain how to install uv',
    files: [
      edit(
        'src/cli/dev.py',
        ['    if shutil.which("uv") is None:'],
        ['        raise RuntimeError("uv not found")'],
        [
          '        raise RuntimeError("uv not found; install it as described at https://docs.astral.sh/uv/getting-started/")',
        ],
        [''],
      ),
    ],
    expect: [],
    forbid: ['hard-coded-endpoint'],
  },
  {
    id: 'py-assert-if-ok',
    lang: 'py',
    title: 'Test the resource listing',
    files: [
      edit(
        'tests/client/test_resources.py',
        ['async def test_list_resources(client):', '    response = await client.list_resources()'],
        [],
        ['    if response.resources:', '        assert response.resources[0].uri == "file:///a.txt"'],
        [''],
      ),
    ],
    expect: ['assertion-cannot-fail'],
    forbid: [],
  },
  {
    id: 'py-sleep-then-absent',
    lang: 'py',
    title: 'Sessions are dropped after disconnect',
    files: [
      edit(
        'tests/server/test_sessions.py',
        ['async def test_session_dropped(server, client):', '    await client.close()'],
        [],
        ['    await anyio.sleep(0.1)', '    assert not server.sessions'],
        [''],
      ),
    ],
    expect: ['assertion-cannot-fail'],
    forbid: [],
  },
  {
    id: 'py-test-fakes',
    lang: 'py',
    title: 'A fake transport for the session tests',
    files: [
      edit(
        'tests/client/test_session.py',
        ['', ''],
        [],
        [
          'class FakeTransport(Transport):',
          '    async def send(self, message):  # pragma: no cover',
          '        raise NotImplementedError',
          '',
          'async def test_session_uses_transport(session):',
          '    assert session.transport is not None',
          '    assert isinstance(session.transport, StdioTransport)',
        ],
        [''],
      ),
    ],
    expect: [],
    forbid: ['placeholder', 'check-suppressed', 'assertion-weakened'],
  },
  {
    id: 'py-auth-docs',
    lang: 'py',
    title: 'docs: the token exchange, step by step',
    files: [
      edit(
        'docs/client/oauth-clients.md',
        ['The client posts its credentials:', '', '```http', 'POST /token'],
        [],
        ['grant_type=client_credentials', 'client_id=notes-agent', 'client_secret=notes-agent-secret'],
        ['```'],
      ),
    ],
    expect: [],
    forbid: ['secret', 'critical-path-touched'],
  },
  {
    id: 'py-auth-tests',
    lang: 'py',
    title: 'More OAuth tests',
    files: [
      edit(
        'tests/auth/test_token.py',
        ['async def test_refresh(provider):', '    token = await provider.refresh("r1")'],
        [],
        ['    assert token.access_token == "a2"', '    assert token.expires_in == 3600'],
        [''],
      ),
    ],
    expect: [],
    forbid: ['critical-path-touched', 'ai-in-critical-path'],
  },
  {
    // Process words inside string literals (a help text, a usage block) run nothing: no sink, no critical path.
    id: 'py-process-words-in-help-text',
    lang: 'py',
    title: 'Document how the runner starts each test file',
    files: [
      edit(
        'src/runner/cli.py',
        ['def build_parser() -> argparse.ArgumentParser:', '    parser = argparse.ArgumentParser(prog="runner")'],
        [],
        [
          '    parser.add_argument(',
          '        "--isolate",',
          '        help="Start each file with subprocess.run(cmd, shell=True) or os.system(cmd) in --legacy mode",',
          '    )',
          '    parser.epilog = """Examples:',
          '    runner --isolate   # each file in its own subprocess.Popen(argv)',
          '    runner --quote     # arguments joined with shlex.quote(arg)',
          '    runner --async     # each file through asyncio.create_subprocess_exec',
          '    """',
        ],
        ['    return parser'],
      ),
    ],
    expect: [],
    forbid: ['dangerous-sink', 'critical-path-touched', 'command-quoting'],
  },
  {
    // The same words beside a real process start: the call is code and still counts.
    id: 'py-process-call-beside-help-text',
    lang: 'py',
    title: 'Run each test file in its own interpreter',
    files: [
      edit(
        'src/runner/isolate.py',
        ['def run_file(path: str, legacy: bool) -> int:'],
        ['    return run_in_process(path)'],
        [
          '    note = "starting with subprocess.run (shell=True in legacy mode)"',
          '    done = subprocess.run([sys.executable, "-m", "pytest", path], check=False)',
          '    return done.returncode',
        ],
        [''],
      ),
    ],
    // The process start is said by dangerous-sink; critical-path-touched leaves it to that finding.
    expect: ['dangerous-sink'],
    forbid: [],
  },
];

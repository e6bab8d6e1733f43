/**
 * Pull requests the tree rules judge from both sides of the change (see types.ts): public signatures, public
 * functions that start deleting files, changed functions only tests call. Modelled on the shapes of merged pull
 * requests of client libraries (an HTTP client, an MCP SDK, a serialisation crate, a Go SDK); written by this team.
 */
import { CorpusCase, edit, newFile } from './types';

export const SIGNATURE_CASES: readonly CorpusCase[] = [
  {
    id: 'sig-ts-dispatcher-first',
    lang: 'ts',
    title: 'request() takes the dispatcher first',
    files: [
      edit(
        'index.ts',
        ["import { Dispatcher } from './lib/dispatcher';", ''],
        ['export function request(url: string | URL, options?: RequestOptions): Promise<ResponseData> {'],
        [
          'export function request(',
          '  dispatcher: Dispatcher,',
          '  url: string | URL,',
          '  options?: RequestOptions,',
          '): Promise<ResponseData> {',
        ],
        ['  return dispatch(url, options);', '}'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'sig-ts-private-package-export-dropped',
    lang: 'ts',
    title: 'Dead-code sweep in an extension (a private package): exports only their own module uses become private',
    files: [
      edit(
        'src/git/agents/queueDir.ts',
        ["import * as path from 'node:path';", ''],
        ["export const QUEUE_DIR = 'agent-post';"],
        ["const QUEUE_DIR = 'agent-post';"],
        ['', 'export function queueDir(stateDir: string): string {', '  return path.join(stateDir, QUEUE_DIR);', '}'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
    context: { jsPackages: new Map([['', true]]) },
  },
  {
    id: 'sig-ts-options-appended',
    lang: 'ts',
    title: 'Agent accepts connect options',
    files: [
      edit(
        'lib/agent.ts',
        ['export class Agent {', '  private readonly clients = new Map<string, Client>();'],
        ['  constructor(factory: ClientFactory) {'],
        ['  constructor(factory: ClientFactory, connect?: ConnectOptions) {'],
        ['    this.factory = factory;', '  }', '}'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'sig-ts-internal-helper',
    lang: 'ts',
    title: 'parseHeaders keeps raw values',
    files: [
      edit(
        'lib/core/util.ts',
        [],
        ['function parseHeaders(raw: Buffer[], obj: Record<string, string>): Record<string, string> {'],
        [
          'function parseHeaders(raw: Buffer[], keepRaw: boolean, obj: Record<string, string>): Record<string, string> {',
        ],
        ['  return obj;', '}'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'sig-ts-cache-clear',
    lang: 'ts',
    title: 'clearCache removes the cache folder',
    files: [
      edit(
        'src/cache.ts',
        ["import { rmSync } from 'node:fs';", '', 'export function clearCache(dir: string): void {'],
        ['  entries.clear();'],
        ['  entries.clear();', '  rmSync(dir, { recursive: true, force: true });'],
        ['}'],
      ),
    ],
    // The line rule knows only `fs.rmSync(`: the tree sees the imported `rmSync`.
    expect: ['public-function-deletes-files'],
    forbid: [],
  },
  {
    id: 'sig-ts-temp-cleanup',
    lang: 'ts',
    title: 'Remove the temporary download on failure',
    files: [
      edit(
        'src/download.ts',
        [
          "import * as fs from 'node:fs';",
          '',
          'export async function download(url: string, target: string): Promise<void> {',
        ],
        [],
        [
          '  const tmpFile = `${target}.part`;',
          '  await fetchTo(url, tmpFile).catch((err) => {',
          '    fs.unlinkSync(tmpFile);',
          '    throw err;',
          '  });',
        ],
        ['}'],
      ),
    ],
    expect: [],
    forbid: ['public-function-deletes-files'],
  },
  {
    id: 'sig-py-request-id-inserted',
    lang: 'py',
    title: 'send_request takes a request id before the metadata',
    files: [
      edit(
        'src/mcp/shared/session.py',
        ['class BaseSession:'],
        ['    async def send_request(self, request, result_type, metadata=None):'],
        ['    async def send_request(self, request, result_type, request_id=None, metadata=None):'],
        ['        return await self._send(request, result_type)'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'sig-py-keyword-appended',
    lang: 'py',
    title: 'call_tool accepts request state',
    files: [
      edit(
        'src/mcp/client/session.py',
        ['class ClientSession:'],
        ['    async def call_tool(self, name: str, arguments: Optional[dict] = None) -> CallToolResult:'],
        [
          '    async def call_tool(',
          '        self,',
          '        name: str,',
          '        arguments: dict | None = None,',
          '        *,',
          '        request_state: str | None = None,',
          '    ) -> CallToolResult:',
        ],
        ['        return await self._call(name, arguments)'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'sig-py-removed-export',
    lang: 'py',
    title: 'Drop the deprecated stdio_server alias',
    files: [
      edit(
        'src/mcp/__init__.py',
        ['from .server import Server', '', '__all__ = [', '    "Server",'],
        ['    "stdio_server",'],
        [],
        ['    "Tool",', ']'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'sig-py-rmtree-workspace',
    lang: 'py',
    title: 'Workspace.reset starts from an empty folder',
    files: [
      edit(
        'src/kit/workspace.py',
        ['import shutil', '', 'class Workspace:', '    def reset(self, root):'],
        ['        self.files.clear()'],
        ['        shutil.rmtree(root, ignore_errors=True)', '        self.files.clear()'],
      ),
    ],
    expect: ['public-function-deletes-files', 'destructive-operation'],
    forbid: [],
  },
  {
    id: 'sig-py-own-socket',
    lang: 'py',
    title: 'Unlink the control socket on stop',
    files: [
      edit(
        'src/kit/control.py',
        ['import os', '', 'class ControlServer:', '    def stop(self):', '        self._server.close()'],
        [],
        ['        if os.path.exists(self._socket_path):', '            os.unlink(self._socket_path)'],
      ),
    ],
    expect: [],
    forbid: ['public-function-deletes-files'],
  },
  {
    id: 'sig-rust-pub-return',
    lang: 'rust',
    title: 'Serializer::end reports the bytes written',
    files: [
      edit(
        'src/ser.rs',
        ['impl Serializer {', '    /// Finishes the document.'],
        ['    pub fn end(self) -> Result<()> {'],
        ['    pub fn end(self) -> Result<usize> {'],
        ['        self.writer.flush()', '    }', '}'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'sig-rust-crate-private',
    lang: 'rust',
    title: 'Thread the span through the tokenizer',
    files: [
      edit(
        'src/lexer.rs',
        [],
        ['pub(crate) fn tokenize(text: &str) -> Vec<Token> {'],
        ['pub(crate) fn tokenize(text: &str, span: Span) -> Vec<Token> {'],
        ['    Lexer::new(text).collect()', '}'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'sig-rust-uninstall',
    lang: 'rust',
    title: 'uninstall removes the installed binary',
    files: [
      edit(
        'src/install.rs',
        ['pub fn uninstall(bin_dir: &Path, name: &str) -> io::Result<()> {', '    let target = bin_dir.join(name);'],
        ['    println!("remove {}", target.display());'],
        ['    fs::remove_file(&target)?;'],
        ['    Ok(())', '}'],
      ),
    ],
    expect: ['public-function-deletes-files'],
    forbid: [],
  },
  {
    id: 'sig-rust-test-only-helper',
    lang: 'rust',
    title: 'Faster legacy header parsing',
    files: [
      edit(
        'src/header.rs',
        ['pub(crate) fn parse_legacy(raw: &[u8]) -> Header {'],
        ['    Header::from_bytes(raw)'],
        ['    Header::from_bytes(raw.strip_prefix(MAGIC).unwrap_or(raw))'],
        ['}'],
      ),
    ],
    context: {
      headText: new Map([
        [
          'src/decode.rs',
          [
            '/// The old format: see parse_legacy in header.rs.',
            'pub fn decode(raw: &[u8]) -> Header {',
            '    Header::from_bytes(raw)',
            '}',
            '#[cfg(test)]',
            'mod tests {',
            '    #[test]',
            '    fn legacy() {',
            '        let h = crate::header::parse_legacy(b"v1");',
            '        assert_eq!(h.version, 1);',
            '    }',
            '}',
          ].join('\n'),
        ],
      ]),
      references: new Map([
        [
          'parse_legacy',
          [
            { path: 'src/header.rs', line: 1, text: 'pub(crate) fn parse_legacy(raw: &[u8]) -> Header {' },
            { path: 'src/decode.rs', line: 1, text: '/// The old format: see parse_legacy in header.rs.' },
            { path: 'src/decode.rs', line: 9, text: '        let h = crate::header::parse_legacy(b"v1");' },
          ],
        ],
      ]),
    },
    expect: ['test-only-callers'],
    forbid: [],
  },
  {
    id: 'sig-go-ctx-method',
    lang: 'go',
    title: 'Client.Publish takes a context',
    files: [
      edit(
        'client.go',
        ['package broker', '', '// Publish sends msg to topic.'],
        ['func (c *Client) Publish(topic string, msg []byte) error {'],
        ['func (c *Client) Publish(ctx context.Context, topic string, msg []byte) error {'],
        ['\treturn c.conn.Write(topic, msg)', '}'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
  },
  {
    id: 'sig-go-opts-appended',
    lang: 'go',
    title: 'NewClient accepts options',
    files: [
      edit(
        'client.go',
        ['package broker', ''],
        ['func NewClient(addr string) (*Client, error) {'],
        ['func NewClient(addr string, opts ...Option) (*Client, error) {'],
        ['\treturn dial(addr)', '}'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'sig-go-removeall',
    lang: 'go',
    title: 'Store.Reset starts from scratch',
    files: [
      edit(
        'store/store.go',
        ['package store', '', 'func (s *Store) Reset(dir string) error {'],
        ['\ts.index = map[string]string{}'],
        ['\ts.index = map[string]string{}', '\tif err := os.RemoveAll(dir); err != nil {', '\t\treturn err', '\t}'],
        ['\treturn nil', '}'],
      ),
    ],
    expect: ['public-function-deletes-files', 'destructive-operation'],
    forbid: [],
  },
  {
    id: 'sig-go-main-package',
    lang: 'go',
    title: 'The tool reads its config path from a flag',
    files: [
      edit(
        'syncer/run.go',
        ['package main', ''],
        ['func Run(out string) error {'],
        ['func Run(config, out string) error {'],
        ['\treturn generate(out)', '}'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
  },
  {
    id: 'sig-go-new-package',
    lang: 'go',
    title: 'Add a retry package',
    files: [
      newFile('retry/retry.go', ['package retry', '', 'func Do(n int, f func() error) error {', '\treturn f()', '}']),
    ],
    expect: [],
    forbid: ['public-api-changed', 'public-function-deletes-files'],
  },
  {
    id: 'sig-rust-unpublished-crate',
    lang: 'rust',
    title: 'The dev tool crate (publish = false) takes the cache root first',
    files: [
      edit(
        'crates/devtool/src/generate.rs',
        ['use std::path::Path;', ''],
        ['pub fn generate_schema(out: &Path) -> Result<()> {'],
        ['pub fn generate_schema(cache: &Path, out: &Path) -> Result<()> {'],
        ['    write_schema(out)', '}'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
    context: { crates: new Map([['crates/devtool', true]]) },
  },
  {
    id: 'sig-rust-published-crate',
    lang: 'rust',
    title: 'The published cache crate takes the cache root first',
    files: [
      edit(
        'crates/cache/src/schema.rs',
        ['use std::path::Path;', ''],
        ['pub fn generate_schema(out: &Path) -> Result<()> {'],
        ['pub fn generate_schema(cache: &Path, out: &Path) -> Result<()> {'],
        ['    write_schema(out)', '}'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
    context: { crates: new Map([['crates/cache', false]]) },
  },
  {
    id: 'sig-py-no-package',
    lang: 'py',
    title: 'A bot script repository (no pyproject declaring a package) changes a handler',
    files: [
      edit(
        'bot/handlers.py',
        ['import logging', ''],
        ['def on_message(event, reply):'],
        ['def on_message(client, event, reply):'],
        ['    reply(event.text)'],
      ),
    ],
    expect: [],
    forbid: ['public-api-changed'],
    context: { pythonPackages: new Map() },
  },
  {
    id: 'sig-py-declared-package',
    lang: 'py',
    title: 'A package its pyproject declares changes a public function',
    files: [
      edit(
        'src/chatkit/handlers.py',
        ['import logging', ''],
        ['def on_message(event, reply):'],
        ['def on_message(client, event, reply):'],
        ['    reply(event.text)'],
      ),
    ],
    expect: ['public-api-changed'],
    forbid: [],
    context: { pythonPackages: new Map([['', false]]) },
  },
];

/**
 * The rules that read both sides of a change as syntax trees: public API changes (public-api-changed),
 * public functions that newly delete files (public-function-deletes-files), and changed functions only tests call
 * (test-only-callers), each with hits and near-misses per language it claims.
 */
import * as assert from 'node:assert/strict';
import type { ReviewContext, Severity } from '../../../src/core/review/types';
import { GRAMMARS, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { baseTextOf, CHECKED_CASES, diffOf, headTextOf, review, type FileSpec } from './helpers';
import { edit, newFile } from './corpus/types';
import { needsReading } from '../../../src/core/review/rules/callers';

let syntax: SyntaxParser | undefined;

type Ref = { path: string; line: number; text: string };

interface TreeCase {
  readonly lang: 'ts' | 'js' | 'py' | 'rust' | 'go' | 'java';
  readonly name: string;
  readonly files: readonly FileSpec[];
  readonly fires?: string;
  readonly silent?: string;
  readonly severity?: Severity;
  /** Words the finding's `why` must contain. */
  readonly says?: readonly string[];
  /** Other files at the head (callers), and grep hits by name. */
  readonly texts?: Readonly<Record<string, string>>;
  readonly references?: Readonly<Record<string, readonly Ref[]>>;
}

function contextOf(c: TreeCase): ReviewContext {
  return {
    headText: new Map([...headTextOf(...c.files), ...Object.entries(c.texts ?? {})]),
    baseText: baseTextOf(...c.files),
    ...(c.references ? { references: new Map(Object.entries(c.references)) } : {}),
    ...(syntax ? { syntax } : {}),
  };
}

function checkTree(cases: readonly TreeCase[]): void {
  // The rule-coverage meta-test reviews these cases too, with the same two-sided context (read once syntax is loaded).
  for (const c of cases)
    CHECKED_CASES.push({
      lang: c.lang,
      name: c.name,
      files: c.files,
      ...(c.fires ? { fires: c.fires } : {}),
      ...(c.silent ? { silent: c.silent } : {}),
      get context() {
        return contextOf(c);
      },
    });
  for (const c of cases) {
    it(`${c.lang} ${c.fires ? '+' : '-'} ${c.name}`, () => {
      const report = review(diffOf(...c.files), undefined, contextOf(c));
      const rule = c.fires ?? c.silent!;
      const hits = report.findings.filter((f) => f.ruleId === rule);
      if (c.fires) {
        assert.ok(
          hits.length > 0,
          `expected ${rule}; got ${JSON.stringify(report.findings.map((f) => `${f.ruleId}: ${f.why}`))}`,
        );
        if (c.severity) assert.equal(hits[0].severity, c.severity, hits[0].why);
        for (const w of c.says ?? []) assert.ok(hits[0].why.includes(w), `"${w}" in ${hits[0].why}`);
      } else
        assert.deepEqual(
          hits.map((f) => f.why),
          [],
          `expected no ${rule}`,
        );
    });
  }
}

before(async () => {
  syntax = await loadSyntaxParser(GRAMMARS);
  assert.ok(syntax, 'tree-sitter grammars load');
});

const API = 'public-api-changed';
const DEL = 'public-function-deletes-files';
const ONLY = 'test-only-callers';

describe('review rules on both trees: public API changes', () => {
  checkTree([
    {
      lang: 'ts',
      name: 'a parameter inserted before existing ones at the entry point',
      files: [
        edit(
          'src/index.ts',
          ['/** Sends a request. */'],
          ['export function request(url: string, opts?: RequestOptions): Promise<Response> {'],
          ['export function request(method: string, url: string, opts?: RequestOptions): Promise<Response> {'],
          ['  return dispatch(url, opts);', '}'],
        ),
      ],
      fires: API,
      severity: 'high',
      says: ['inserted before existing', 'request(url: string', 'request(method: string'],
    },
    {
      lang: 'ts',
      name: 'a class method of an exported class loses a parameter',
      files: [
        edit(
          'src/pool.ts',
          ['export class Pool {', '  private size = 0;'],
          ['  drain(timeout: number, force: boolean): Promise<void> {'],
          ['  drain(timeout: number): Promise<void> {'],
          ['    return this.close(timeout);', '  }', '}'],
        ),
      ],
      fires: API,
      severity: 'medium',
      says: ['Pool.drain', 'removed'],
    },
    {
      lang: 'ts',
      name: 'a parameter retyped to an imported alias whose union holds the old type',
      silent: API,
      texts: { 'src/types.ts': 'export type BodyInput = string | Uint8Array | Blob;\n' },
      files: [
        edit(
          'src/send.ts',
          ["import { type BodyInput as Input } from './types';", ''],
          ['export function send(url: string, body: string): Promise<void> {'],
          ['export function send(url: string, body: Input): Promise<void> {'],
          ['  return post(url, body);', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'a Go alias of the same name is not read for TypeScript',
      fires: API,
      says: ['type of "body" changed'],
      texts: { 'pkg/body/types.go': 'package body\n\ntype BodyInput = string | Blob\n' },
      files: [
        edit(
          'src/send.ts',
          ["import { type BodyInput } from './types';", ''],
          ['export function send(url: string, body: string): Promise<void> {'],
          ['export function send(url: string, body: BodyInput): Promise<void> {'],
          ['  return post(url, body);', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'a parameter retyped to an alias that narrows it',
      fires: API,
      says: ['type of "body" changed', 'Input'],
      texts: { 'src/types.ts': 'export type BodyInput = Uint8Array | Blob;\n' },
      files: [
        edit(
          'src/send.ts',
          ["import { type BodyInput as Input } from './types';", ''],
          ['export function send(url: string, body: string | Blob): Promise<void> {'],
          ['export function send(url: string, body: Input): Promise<void> {'],
          ['  return post(url, body);', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'a return type changed',
      files: [
        edit(
          'src/body.ts',
          [],
          ['export async function readBody(stream: Readable): Promise<Buffer> {'],
          ['export async function readBody(stream: Readable): Promise<string> {'],
          ['  return collect(stream);', '}'],
        ),
      ],
      fires: API,
      says: ['return type changed', 'Promise<Buffer>'],
    },
    {
      lang: 'ts',
      name: 'a re-export dropped from the entry point',
      files: [
        edit(
          'index.js',
          ["export { Agent } from './lib/agent.js';"],
          ["export { ProxyAgent } from './lib/proxy-agent.js';"],
          [],
          ["export { Pool } from './lib/pool.js';"],
        ),
      ],
      fires: API,
      severity: 'high',
      says: ['ProxyAgent', 'removed'],
    },
    {
      lang: 'js',
      name: 'a CommonJS export renamed',
      files: [
        edit(
          'lib/cache.js',
          [],
          ['function clearCache (store) {', '  store.clear()', '}', '', 'module.exports = { clearCache }'],
          ['function resetCache (store) {', '  store.clear()', '}', '', 'module.exports = { resetCache }'],
        ),
      ],
      fires: API,
      says: ['renamed to', 'resetCache'],
    },
    {
      lang: 'ts',
      name: 'an optional parameter appended (existing calls unchanged)',
      silent: API,
      files: [
        edit(
          'src/index.ts',
          [],
          ['export function request(url: string): Promise<Response> {'],
          ['export function request(url: string, opts?: RequestOptions): Promise<Response> {'],
          ['  return dispatch(url, opts);', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'parameters reflowed over lines (formatting only)',
      silent: API,
      files: [
        edit(
          'src/index.ts',
          [],
          ['export function request(url: string, opts?: RequestOptions): Promise<Response> {'],
          ['export function request(', '  url: string,', '  opts?: RequestOptions,', '): Promise<Response> {'],
          ['  return dispatch(url, opts);', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'a function that is not exported',
      silent: API,
      files: [
        edit(
          'src/index.ts',
          [],
          ['function normalise(url: string): string {'],
          ['function normalise(base: URL, url: string): string {'],
          ['  return url.trim();', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'a private method of an exported class',
      silent: API,
      files: [
        edit(
          'src/pool.ts',
          ['export class Pool {'],
          ['  private grow(n: number): void {'],
          ['  private grow(n: number, max: number): void {'],
          ['    this.size += n;', '  }', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'a parameter renamed (callers pass it by position)',
      silent: API,
      files: [
        edit(
          'src/index.ts',
          [],
          ['export function request(url: string): Promise<Response> {'],
          ['export function request(target: string): Promise<Response> {'],
          ['  return dispatch(target);', '}'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: "an application's route table and a story",
      silent: API,
      files: [
        edit(
          'apps/web/src/routes.ts',
          [],
          ['export const routeTree = buildTree(routes);'],
          ['const routeTree = buildTree(routes);'],
        ),
        edit('src/components/Switch.stories.tsx', [], ['export const WithLabel = () => <Switch label="On" />;'], []),
      ],
    },
    {
      lang: 'py',
      name: "a test-vector generator's module constant (the script deleted)",
      silent: API,
      files: [
        {
          path: 'crates/extract/test_vectors/generate.py',
          status: 'deleted',
          del: [
            'import json',
            '',
            'CASES: list[Dir] = [',
            '    Dir("empty", []),',
            ']',
            '',
            'def main():',
            '    print(json.dumps(CASES))',
          ],
        },
      ],
    },
    {
      lang: 'ts',
      name: 'an exported helper of a test file',
      silent: API,
      files: [
        edit(
          'test/utils.ts',
          [],
          ['export function startServer(port: number): Server {'],
          ['export function startServer(host: string, port: number): Server {'],
          ['  return listen(port);', '}'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'a parameter inserted before existing ones in a public method',
      files: [
        edit(
          'httpkit/client.py',
          ['class Client:'],
          ['    def send(self, request, *, stream=False):'],
          ['    def send(self, request, auth, *, stream=False):'],
          ['        return self._transport.handle(request)'],
        ),
      ],
      fires: API,
      says: ['Client.send', 'new required parameter'],
    },
    {
      lang: 'py',
      name: 'a default changed',
      files: [
        edit(
          'httpkit/api.py',
          [],
          ['def get(url, params=None, follow_redirects=False):'],
          ['def get(url, params=None, follow_redirects=True):'],
          ['    return request("GET", url, params=params)'],
        ),
      ],
      fires: API,
      says: ['default of', 'False', 'True'],
    },
    {
      lang: 'py',
      name: 'a name dropped from __all__ of the package entry point',
      files: [edit('httpkit/__init__.py', ['__all__ = ['], ['    "BasicAuth",'], [], ['    "Client",', ']'])],
      fires: API,
      severity: 'high',
      says: ['BasicAuth'],
    },
    {
      lang: 'py',
      name: 'a class of a private module its package re-exports',
      texts: { 'httpkit/__init__.py': 'from ._auth import DigestAuth\n__all__ = ["DigestAuth"]\n' },
      files: [
        edit(
          'httpkit/_auth.py',
          ['class DigestAuth:'],
          ['    def __init__(self, username, password):'],
          ['    def __init__(self, username):'],
          ['        self._username = username'],
        ),
      ],
      fires: API,
      says: ['DigestAuth.__init__', 'password'],
    },
    {
      lang: 'py',
      name: 'a public class moved to another module with its methods',
      silent: API,
      files: [
        edit(
          'kit/auth.py',
          ['import base64', ''],
          ['class TokenAuth:', '    def apply(self, request):', '        return request'],
          [],
        ),
        edit(
          'kit/tokens.py',
          ['import base64', ''],
          [],
          ['class TokenAuth:', '    def apply(self, request):', '        return request'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'a keyword-only parameter with a default appended',
      silent: API,
      files: [
        edit(
          'httpkit/api.py',
          [],
          ['def get(url, params=None):'],
          ['def get(url, params=None, *, timeout=None):'],
          ['    return request("GET", url, params=params)'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'Optional[str] spelled str | None',
      silent: API,
      files: [
        edit(
          'httpkit/api.py',
          [],
          ['def get(url: str, params: Optional[Dict[str, str]] = None) -> Optional[Response]:'],
          ['def get(url: str, params: dict[str, str] | None = None) -> Response | None:'],
          ['    return request("GET", url, params=params)'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'a parameter accepts more union members',
      silent: API,
      files: [
        edit(
          'kit/prompts.py',
          ['class Message:'],
          ['    def __init__(self, content: str | Block, **kwargs: Any):'],
          ['    def __init__(self, content: str | Block | Image | Audio, **kwargs: Any):'],
          ['        self.content = content'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'overloads retyped to an imported alias whose union holds the old type',
      silent: API,
      texts: {
        'kit/_http.py': [
          'from typing import TYPE_CHECKING, TypeAlias',
          'if TYPE_CHECKING:',
          '    HttpClient: TypeAlias = oldhttp.AsyncClient | newhttp.AsyncClient',
          'else:',
          '    HttpClient = newhttp.AsyncClient',
          '',
        ].join('\n'),
      },
      files: [
        edit(
          'kit/providers/acme.py',
          [
            'from .._http import (',
            '    HttpClient as _Client,',
            ')',
            '',
            'class AcmeProvider:',
            '    @overload',
            '    def __init__(self, *, api_key: str) -> None: ...',
            '    @overload',
          ],
          ['    def __init__(self, *, api_key: str, http_client: oldhttp.AsyncClient) -> None: ...'],
          ['    def __init__(self, *, api_key: str, http_client: _Client) -> None: ...'],
          [
            '    def __init__(self, *, api_key: str | None = None, http_client: object = None) -> None:',
            '        pass',
          ],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'a parameter retyped to an alias that leaves the old type out',
      fires: API,
      says: ['type of "client" changed', 'oldhttp.AsyncClient', '_Client'],
      texts: { 'kit/_http.py': 'HttpClient: TypeAlias = newhttp.AsyncClient\n' },
      files: [
        edit(
          'kit/api.py',
          ['from ._http import HttpClient as _Client', ''],
          ['def fetch(url: str, client: oldhttp.AsyncClient | None = None) -> bytes:'],
          ['def fetch(url: str, client: _Client | None = None) -> bytes:'],
          ['    return b""'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'an overload that no longer accepts its calls is quoted beside the new overload closest to it',
      fires: API,
      says: [
        'an overload was changed or removed',
        'transport: Literal["sse"], port: int',
        '-> "def run(self, transport: int',
      ],
      files: [
        edit(
          'kit/server.py',
          ['class Server:', '    @overload', '    def run(self) -> None: ...', '    @overload'],
          ['    def run(self, transport: Literal["sse"], port: int) -> None: ...'],
          ['    def run(self, transport: int, port: int) -> None: ...'],
          ['    def run(self, transport: int | None = None, port: int = 0) -> None:', '        pass'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'typing overloads gain a keyword-only parameter with a default',
      silent: API,
      files: [
        edit(
          'kit/server.py',
          [
            'class Server:',
            '    @overload',
            '    def run(self, transport: Literal["stdio"] = ...) -> None: ...',
            '    @overload',
            '    def run(self, transport: Literal["sse"], *, port: int = ...) -> None: ...',
          ],
          ['    def run(self, transport: str = "stdio", *, port: int = 8000) -> None:'],
          ['    def run(self, transport: str = "stdio", *, port: int = 8000, body_limit: int = LIMIT) -> None:'],
          ['        self._run(transport, port)'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'a private module nothing re-exports',
      silent: API,
      texts: { 'httpkit/__init__.py': 'from ._client import Client\n' },
      files: [
        edit(
          'httpkit/_utils.py',
          [],
          ['def to_bytes(value, encoding="utf-8"):'],
          ['def to_bytes(encoding, value):'],
          ['    return value.encode(encoding)'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'an underscore function',
      silent: API,
      files: [edit('httpkit/api.py', [], ['def _merge(a, b):'], ['def _merge(a):'], ['    return a'])],
    },
    {
      lang: 'rust',
      name: 'a pub fn gains a required parameter',
      files: [
        edit(
          'src/lib.rs',
          ['/// Parses a justfile.'],
          ['pub fn parse(src: &str) -> Result<Ast, Error> {'],
          ['pub fn parse(src: &str, path: &Path) -> Result<Ast, Error> {'],
          ['    Parser::new(src).parse()', '}'],
        ),
      ],
      fires: API,
      severity: 'high',
      says: ['new required parameter', 'path'],
    },
    {
      lang: 'rust',
      name: 'a pub method return type changed',
      files: [
        edit(
          'src/de.rs',
          ['impl Deserializer {'],
          ['    pub fn end(&mut self) -> Result<()> {'],
          ['    pub fn end(&mut self) -> Result<usize> {'],
          ['        self.finish()', '    }', '}'],
        ),
      ],
      fires: API,
      says: ['Deserializer.end', 'return type'],
    },
    {
      lang: 'rust',
      name: 'pub re-exports moved into a macro_rules! body (still declared)',
      silent: API,
      files: [
        edit(
          'src/lib.rs',
          [],
          ['pub use crate::de::{Deserialize, Deserializer};'],
          [
            'macro_rules! crate_root {',
            '    () => {',
            '        pub use crate::de::{Deserialize, Deserializer};',
            '    };',
            '}',
            'crate_root!();',
          ],
        ),
      ],
    },
    {
      lang: 'rust',
      name: 'pub re-exports moved into a macro of a new file the entry point expands',
      silent: API,
      files: [
        edit('src/lib.rs', ['mod crate_root;'], ['pub use crate::ser::{Serialize, Serializer};'], ['crate_root!();']),
        newFile('src/crate_root.rs', [
          'macro_rules! crate_root {',
          '    () => {',
          '        pub use crate::ser::{Serialize, Serializer};',
          '    };',
          '}',
        ]),
      ],
    },
    {
      lang: 'rust',
      name: 'a pub(crate) fn changed',
      silent: API,
      files: [
        edit(
          'src/de.rs',
          [],
          ['pub(crate) fn peek(input: &str) -> Option<char> {'],
          ['pub(crate) fn peek(input: &str, at: usize) -> Option<char> {'],
          ['    input.chars().nth(0)', '}'],
        ),
      ],
    },
    {
      lang: 'rust',
      name: 'a pub fn inside a #[cfg(test)] module',
      silent: API,
      files: [
        edit(
          'src/de.rs',
          ['#[cfg(test)]', 'mod tests {'],
          ['    pub fn sample() -> String {'],
          ['    pub fn sample(n: usize) -> String {'],
          ['        String::new()', '    }', '}'],
        ),
      ],
    },
    // A re-export added beside an unchanged one is an addition (uv #21130, #21133), in each language's export list.
    {
      lang: 'rust',
      name: 'a name added to a pub use list beside an unchanged one',
      silent: API,
      files: [
        edit(
          'src/lib.rs',
          ['mod space;'],
          ['pub use crate::space::{physical_space, supports_physical_space};'],
          ['pub use crate::space::{PhysicalSpaceError, physical_space, supports_physical_space};'],
        ),
      ],
    },
    {
      lang: 'rust',
      name: 'a single pub use grown into a list, and a path moved under the same name',
      silent: API,
      files: [
        edit(
          'src/lib.rs',
          ['mod requirement;'],
          ['pub use crate::requirement::RequirementsTxtRequirement;', 'pub use crate::old::Hints;'],
          [
            'pub use crate::requirement::{MakeEditableError, RequirementsTxtRequirement};',
            'pub use crate::hints::{self as hint_types, Hints};',
          ],
        ),
      ],
    },
    {
      lang: 'rust',
      name: 'a name dropped from a pub use list',
      files: [
        edit(
          'src/lib.rs',
          ['mod space;'],
          ['pub use crate::space::{physical_space, supports_physical_space};'],
          ['pub use crate::space::physical_space;'],
        ),
      ],
      fires: API,
      severity: 'high',
      says: ['supports_physical_space', 'removed'],
    },
    {
      lang: 'ts',
      name: 'a name added to an export list beside an unchanged one',
      silent: API,
      files: [
        edit(
          'src/index.ts',
          [],
          ["export { parseConfig } from './config';"],
          ["export { ConfigError, parseConfig } from './config';"],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'a name added to __all__ and the import list beside an unchanged one',
      silent: API,
      files: [
        edit(
          'httpkit/__init__.py',
          [],
          ['from ._client import Client', '__all__ = ["Client"]'],
          ['from ._client import Client, ClientError', '__all__ = ["Client", "ClientError"]'],
        ),
      ],
    },
    // A pub item of a private module (`mod x;`) reaches other crates only through a `pub use` above it (uv #21130).
    {
      lang: 'rust',
      name: 'a type renamed in a private module the crate root never re-exports',
      silent: API,
      files: [
        edit(
          'src/requirement.rs',
          ['#[derive(Debug)]'],
          ['pub enum EditableError {'],
          ['pub enum MakeEditableError {'],
          ['    Registry,', '}'],
        ),
      ],
      texts: { 'src/lib.rs': 'mod requirement;\npub use crate::requirement::RequirementsTxtRequirement;\n' },
    },
    {
      lang: 'rust',
      name: 'a type renamed in a private module the crate root re-exports by name',
      files: [
        edit(
          'src/requirement.rs',
          ['#[derive(Debug)]'],
          ['pub enum EditableError {'],
          ['pub enum MakeEditableError {'],
          ['    Registry,', '}'],
        ),
      ],
      texts: { 'src/lib.rs': 'mod requirement;\npub use crate::requirement::{EditableError, Requirement};\n' },
      fires: API,
      says: ['EditableError'],
    },
    {
      lang: 'rust',
      name: 'a function changed in a pub module below a private one the crate root re-exports whole',
      files: [
        edit(
          'src/lock/export/cyclonedx.rs',
          [],
          ['pub fn from_lock(target: &Target, prune: &[Name]) -> Bom {'],
          ['pub fn from_lock(target: &Target, hashes: bool, prune: &[Name]) -> Bom {'],
          ['    todo!()', '}'],
        ),
      ],
      texts: {
        'src/lib.rs': 'mod lock;\npub use lock::{Lock, cyclonedx};\n',
        'src/lock/mod.rs': 'pub(crate) mod export;\npub use crate::lock::export::cyclonedx;\n',
        'src/lock/export/mod.rs': 'pub mod cyclonedx;\nmod metadata;\n',
      },
      fires: API,
      says: ['from_lock', 'inserted'],
    },
    {
      lang: 'rust',
      name: 'a function changed in a module that is pub all the way down',
      files: [
        edit(
          'src/de/value.rs',
          [],
          ['pub fn parse(input: &str) -> Value {'],
          ['pub fn parse(input: &str, strict: bool) -> Value {'],
          ['    todo!()', '}'],
        ),
      ],
      texts: { 'src/lib.rs': 'pub mod de;\n', 'src/de.rs': 'pub mod value;\n' },
      fires: API,
      says: ['strict'],
    },
    // "still used in": only a mention shaped like a use of the changed function (uv #21131, #17455).
    {
      lang: 'rust',
      name: "another type's associated function and a struct field of the same name are no callers",
      files: [
        edit(
          'src/export.rs',
          [],
          ['pub fn from_lock(target: &Target, prune: &[Name]) -> Bom {'],
          ['pub fn from_lock(target: &Target, hashes: bool, prune: &[Name]) -> Bom {'],
          ['    todo!()', '}'],
        ),
        edit(
          'src/options.rs',
          [],
          ['pub fn resolver_options(args: Args) -> Options {'],
          ['pub fn resolver_options(args: Args, indexes: &[Index]) -> Options {'],
          ['    todo!()', '}'],
        ),
      ],
      references: {
        from_lock: [
          {
            path: 'src/upgrade.rs',
            line: 94,
            text: '        if let Some(p) = Preference::from_lock(package, path)? {',
          },
          { path: 'src/preference.rs', line: 40, text: '    pub fn from_lock(package: &Package) -> Self {' },
        ],
        resolver_options: [
          { path: 'src/scenarios.rs', line: 175, text: '        !case.scenario.resolver_options.universal' },
          { path: 'src/scenarios.rs', line: 542, text: '        .resolver_options' },
          { path: 'src/model.rs', line: 12, text: '    pub resolver_options: ResolverOptions,' },
        ],
      },
      fires: API,
      severity: 'medium',
    },
    {
      lang: 'rust',
      name: 'a call through the module path is a caller',
      files: [
        edit(
          'src/export.rs',
          [],
          ['pub fn from_lock(target: &Target, prune: &[Name]) -> Bom {'],
          ['pub fn from_lock(target: &Target, hashes: bool, prune: &[Name]) -> Bom {'],
          ['    todo!()', '}'],
        ),
      ],
      references: {
        from_lock: [{ path: 'src/cmd.rs', line: 471, text: '    let bom = export::from_lock(&target, true, &prune);' }],
      },
      fires: API,
      severity: 'high',
      says: ['still used in src/cmd.rs'],
    },
    {
      lang: 'py',
      name: "a method's caller is a method call, not another class's function of the same name",
      files: [
        edit(
          'httpkit/lock.py',
          ['class Lock:'],
          ['    def from_resolution(self, resolution, root):'],
          ['    def from_resolution(self, resolution, manifest, root):'],
          ['        return None'],
        ),
      ],
      references: {
        from_resolution: [
          { path: 'httpkit/other.py', line: 3, text: '    x = Preference.from_resolution(res)' },
          { path: 'httpkit/sync.py', line: 9, text: '    lock = Lock.from_resolution(res, manifest, root)' },
        ],
      },
      fires: API,
      severity: 'high',
      says: ['still used in httpkit/sync.py'],
    },
    {
      lang: 'py',
      name: 'a free function named only as an attribute of self elsewhere has no caller',
      files: [
        edit(
          'httpkit/auth.py',
          [],
          ['def refresh_token(session):'],
          ['def refresh_token(session, scope):'],
          ['    return None'],
        ),
      ],
      references: {
        refresh_token: [{ path: 'httpkit/client.py', line: 20, text: '        self.refresh_token = None' }],
      },
      fires: API,
      severity: 'medium',
    },
    {
      lang: 'go',
      name: 'a context inserted before existing parameters',
      files: [
        edit(
          'client.go',
          ['package kit', '', '// Dial connects.'],
          ['func Dial(addr string, opts ...Option) (*Conn, error) {'],
          ['func Dial(ctx context.Context, addr string, opts ...Option) (*Conn, error) {'],
          ['\treturn dial(addr, opts)', '}'],
        ),
      ],
      fires: API,
      severity: 'high',
      says: ['inserted before existing'],
    },
    {
      lang: 'go',
      name: 'an exported method removed',
      files: [
        edit(
          'store/store.go',
          ['package store', ''],
          ['func (s *Store) Compact() error {', '\treturn s.db.Compact()', '}', ''],
          [],
          ['func (s *Store) Close() error {', '\treturn s.db.Close()', '}'],
        ),
      ],
      fires: API,
      says: ['Store.Compact', 'removed'],
    },
    {
      lang: 'go',
      name: 'variadic options appended',
      silent: API,
      files: [
        edit(
          'store/store.go',
          ['package store', ''],
          ['func Open(path string) (*Store, error) {'],
          ['func Open(path string, opts ...Option) (*Store, error) {'],
          ['\treturn open(path)', '}'],
        ),
      ],
    },
    {
      lang: 'go',
      name: 'an unexported function',
      silent: API,
      files: [
        edit(
          'store/store.go',
          ['package store', ''],
          ['func open(path string) (*Store, error) {'],
          ['func open(path string, mode int) (*Store, error) {'],
          ['\treturn nil, nil', '}'],
        ),
      ],
    },
    {
      lang: 'java',
      name: 'a public method gains a required parameter',
      files: [
        edit(
          'src/main/java/org/kit/Client.java',
          ['package org.kit;', '', 'public class Client {'],
          ['  public Response send(Request request) throws IOException {'],
          ['  public Response send(Request request, Duration timeout) throws IOException {'],
          ['    return transport.send(request);', '  }', '}'],
        ),
      ],
      fires: API,
      says: ['Client.send', 'timeout'],
    },
    {
      lang: 'java',
      name: 'a private method, and an overload added beside the old one',
      silent: API,
      files: [
        edit(
          'src/main/java/org/kit/Client.java',
          [
            'package org.kit;',
            '',
            'public class Client {',
            '  public Response send(Request request) {',
            '    return send(request, 0);',
            '  }',
          ],
          ['  private Response retry(Request request) {'],
          [
            '  public Response send(Request request, int attempts) {',
            '    return retry(request, attempts);',
            '  }',
            '  private Response retry(Request request, int attempts) {',
          ],
          ['    return null;', '  }', '}'],
        ),
      ],
    },
    {
      lang: 'java',
      name: 'a protected hook of a public class, and a public method of a package-private class',
      silent: API,
      files: [
        edit(
          'src/main/java/org/kit/Client.java',
          ['package org.kit;', '', 'public class Client {'],
          ['  protected void onResponse(Response response) {'],
          ['  protected void onResponse(Request request, Response response) {'],
          ['  }', '}'],
        ),
        edit(
          'src/main/java/org/kit/Pool.java',
          ['package org.kit;', '', 'class Pool {'],
          ['  public void release(Conn conn) {'],
          ['  public void release(Conn conn, boolean reuse) {'],
          ['  }', '}'],
        ),
      ],
    },
  ]);
});

describe('review rules on both trees: public functions that newly delete files', () => {
  checkTree([
    {
      lang: 'py',
      name: 'a public function gains shutil.rmtree',
      files: [
        edit(
          'cachekit/store.py',
          ['import shutil', '', 'def reset(root):'],
          ['    return None'],
          ['    shutil.rmtree(root)'],
        ),
      ],
      fires: DEL,
      severity: 'high',
      says: ['reset', 'shutil.rmtree'],
    },
    {
      lang: 'py',
      name: 'a public method deletes through a private helper it now calls',
      files: [
        edit(
          'cachekit/store.py',
          ['import os', '', 'def _drop(path):', '    os.remove(path)', '', 'class Store:', '    def evict(self, key):'],
          ['        self._index.pop(key)'],
          ['        _drop(self._index.pop(key))'],
        ),
      ],
      fires: DEL,
      severity: 'medium',
      says: ['Store.evict', 'os.remove', '_drop'],
    },
    {
      lang: 'py',
      name: 'a private function gains os.remove',
      silent: DEL,
      files: [edit('cachekit/store.py', ['import os', '', 'def _gc(path):'], ['    pass'], ['    os.remove(path)'])],
    },
    {
      lang: 'py',
      name: 'a public function removes its own temporary file',
      silent: DEL,
      files: [
        edit(
          'cachekit/store.py',
          ['import os', '', 'def save(data, path):', '    tmp_path = path + ".tmp"'],
          [],
          ['    os.remove(tmp_path)'],
        ),
      ],
    },
    {
      lang: 'py',
      name: 'a public function that already deleted, edited elsewhere',
      silent: DEL,
      files: [
        edit(
          'cachekit/store.py',
          ['import os', '', 'def purge(path):', '    os.remove(path)'],
          ['    return True'],
          ['    return None'],
        ),
      ],
    },
    {
      lang: 'ts',
      name: 'an exported function gains a recursive fs.rmSync',
      files: [
        edit(
          'src/cache.ts',
          ["import * as fs from 'node:fs';", '', 'export function clearCache(dir: string): void {'],
          [],
          ['  fs.rmSync(dir, { recursive: true, force: true });'],
          ['}'],
        ),
      ],
      fires: DEL,
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'a function that is not exported gains fs.unlinkSync',
      silent: DEL,
      files: [
        edit(
          'src/cache.ts',
          ["import * as fs from 'node:fs';", '', 'function dropEntry(file: string): void {'],
          [],
          ['  fs.unlinkSync(file);'],
          ['}'],
        ),
      ],
    },
    {
      lang: 'rust',
      name: 'a pub fn gains fs::remove_file',
      files: [
        edit(
          'src/lib.rs',
          ['pub fn uninstall(path: &Path) -> io::Result<()> {'],
          [],
          ['    fs::remove_file(path)?;'],
          ['    Ok(())', '}'],
        ),
      ],
      fires: DEL,
      severity: 'medium',
    },
    {
      lang: 'rust',
      name: 'a pub(crate) fn gains fs::remove_dir_all',
      silent: DEL,
      files: [
        edit(
          'src/lib.rs',
          ['pub(crate) fn wipe(path: &Path) -> io::Result<()> {'],
          [],
          ['    fs::remove_dir_all(path)?;'],
          ['    Ok(())', '}'],
        ),
      ],
    },
    {
      lang: 'go',
      name: 'an exported function gains os.RemoveAll',
      files: [
        edit(
          'cache/cache.go',
          ['package cache', '', 'func Prune(dir string) error {'],
          ['\treturn nil'],
          ['\treturn os.RemoveAll(dir)'],
          ['}'],
        ),
      ],
      fires: DEL,
      severity: 'high',
    },
    {
      lang: 'go',
      name: 'an unexported function gains os.Remove',
      silent: DEL,
      files: [
        edit(
          'cache/cache.go',
          ['package cache', '', 'func prune(file string) error {'],
          ['\treturn nil'],
          ['\treturn os.Remove(file)'],
          ['}'],
        ),
      ],
    },
    {
      lang: 'java',
      name: 'a public method gains Files.delete',
      files: [
        edit(
          'src/main/java/org/kit/Store.java',
          ['public class Store {', '  public void drop(Path file) throws IOException {'],
          [],
          ['    Files.delete(file);'],
          ['  }', '}'],
        ),
      ],
      fires: DEL,
    },
    {
      lang: 'java',
      name: 'a private method gains Files.delete',
      silent: DEL,
      files: [
        edit(
          'src/main/java/org/kit/Store.java',
          ['public class Store {', '  private void drop(Path file) throws IOException {'],
          [],
          ['    Files.delete(file);'],
          ['  }', '}'],
        ),
      ],
    },
  ]);
});

describe('review rules on trees: changed functions only tests call', () => {
  const change = edit(
    'src/manifest.rs',
    ['/// Parses manifests written before v2.'],
    ['pub(crate) fn legacy_parse(text: &str) -> Manifest {'],
    ['pub(crate) fn legacy_parse(text: &str) -> Manifest {', '    let text = text.trim_start_matches(BOM);'],
    ['    parse_lines(text.lines())', '}'],
  );
  const def = { path: 'src/manifest.rs', line: 2, text: 'pub(crate) fn legacy_parse(text: &str) -> Manifest {' };
  checkTree([
    {
      lang: 'rust',
      name: 'production mentions are a comment and a string; the calls are in a #[cfg(test)] module',
      files: [change],
      texts: {
        'src/load.rs': [
          '// legacy_parse is kept for old files',
          'pub fn load(t: &str) -> Manifest {',
          '    log::debug!("not using legacy_parse");',
          '    parse(t)',
          '}',
          '#[cfg(test)]',
          'mod tests {',
          '    #[test]',
          '    fn old() {',
          '        let m = crate::manifest::legacy_parse("");',
          '    }',
          '}',
        ].join('\n'),
      },
      references: {
        legacy_parse: [
          def,
          { path: 'src/load.rs', line: 1, text: '// legacy_parse is kept for old files' },
          { path: 'src/load.rs', line: 3, text: '    log::debug!("not using legacy_parse");' },
          { path: 'src/load.rs', line: 10, text: '        let m = crate::manifest::legacy_parse("");' },
        ],
      },
      fires: ONLY,
      says: ['legacy_parse', 'src/load.rs'],
    },
    {
      lang: 'rust',
      name: 'a production call after the tests',
      silent: ONLY,
      files: [change],
      texts: { 'src/load.rs': 'pub fn load(t: &str) -> Manifest {\n    legacy_parse(t)\n}\n' },
      references: {
        legacy_parse: [
          def,
          { path: 'src/load.rs', line: 2, text: '    legacy_parse(t)' },
          { path: 'tests/manifest.rs', line: 4, text: '    legacy_parse("")' },
        ],
      },
    },
    {
      lang: 'py',
      name: 'a helper only tests call; it also calls itself',
      files: [
        edit(
          'pkg/tree.py',
          ['def flatten_nodes(node):'],
          ['    return [node]'],
          ['    return [node] + [x for c in node.children for x in flatten_nodes(c)]'],
        ),
      ],
      texts: {
        'tests/test_tree.py':
          'from pkg.tree import flatten_nodes\n\ndef test_flat():\n    assert flatten_nodes(N) == [N]\n',
      },
      references: {
        flatten_nodes: [
          { path: 'pkg/tree.py', line: 1, text: 'def flatten_nodes(node):' },
          {
            path: 'pkg/tree.py',
            line: 2,
            text: '    return [node] + [x for c in node.children for x in flatten_nodes(c)]',
          },
          { path: 'tests/test_tree.py', line: 1, text: 'from pkg.tree import flatten_nodes' },
          { path: 'tests/test_tree.py', line: 4, text: '    assert flatten_nodes(N) == [N]' },
        ],
      },
      fires: ONLY,
    },
    {
      lang: 'py',
      name: 'a function the package re-exports (public API)',
      silent: ONLY,
      files: [
        edit('pkg/tree.py', ['def flatten_nodes(node):'], ['    return [node]'], ['    return list(walk(node))']),
      ],
      texts: {
        'pkg/__init__.py': 'from .tree import flatten_nodes\n',
        'tests/test_tree.py': 'def test_flat():\n    assert flatten_nodes(N) == [N]\n',
      },
      references: {
        flatten_nodes: [
          { path: 'pkg/__init__.py', line: 1, text: 'from .tree import flatten_nodes' },
          { path: 'tests/test_tree.py', line: 2, text: '    assert flatten_nodes(N) == [N]' },
        ],
      },
    },
    {
      lang: 'ts',
      name: 'a production mention inside a template string only',
      files: [
        edit(
          'src/format.ts',
          ['export function padColumns(rows: string[][]): string[] {'],
          ['  return [];'],
          ['  return rows.map((r) => r.join(" "));'],
          ['}'],
        ),
      ],
      texts: {
        'src/cli.ts': 'const help = `see padColumns for layout`;\n',
        'test/format.test.ts':
          "import { padColumns } from '../src/format';\nit('pads', () => expect(padColumns([])).toEqual([]));\n",
      },
      references: {
        padColumns: [
          { path: 'src/format.ts', line: 1, text: 'export function padColumns(rows: string[][]): string[] {' },
          { path: 'src/cli.ts', line: 1, text: 'const help = `see padColumns for layout`;' },
          { path: 'test/format.test.ts', line: 2, text: "it('pads', () => expect(padColumns([])).toEqual([]));" },
        ],
      },
      fires: ONLY,
    },
    {
      lang: 'go',
      name: 'a setter its comment says is intended for tests',
      silent: ONLY,
      files: [
        edit(
          'internal/backend/backend.go',
          [
            'package backend',
            '',
            '// setGrace overrides the grace window. Intended for tests',
            '// that need short timeouts.',
          ],
          ['func setGrace(b *Backend, d time.Duration) {'],
          ['func setGrace(b *Backend, d time.Duration) { // guarded'],
          ['\tb.grace = d', '}'],
        ),
      ],
      references: {
        setGrace: [
          {
            path: 'internal/backend/backend.go',
            line: 5,
            text: 'func setGrace(b *Backend, d time.Duration) { // guarded',
          },
          { path: 'internal/backend/backend_test.go', line: 9, text: '\tsetGrace(b, time.Millisecond)' },
        ],
      },
    },
    {
      lang: 'go',
      name: 'an exported method a library may call through an interface',
      silent: ONLY,
      files: [
        edit(
          'internal/oauth/handler.go',
          ['package oauth', ''],
          ['func (h *Handler) Authorize(ctx context.Context, req *http.Request) error {'],
          ['func (h *Handler) Authorize(ctx context.Context, req *http.Request, resp *http.Response) error {'],
          ['\treturn h.flow(ctx)', '}'],
        ),
      ],
      references: {
        Authorize: [
          {
            path: 'internal/oauth/handler.go',
            line: 3,
            text: 'func (h *Handler) Authorize(ctx context.Context, req *http.Request, resp *http.Response) error {',
          },
          { path: 'internal/oauth/handler_test.go', line: 12, text: '\terr := h.Authorize(ctx, req, nil)' },
        ],
      },
    },
    {
      lang: 'go',
      name: 'an unexported method only tests call',
      fires: ONLY,
      files: [
        edit(
          'internal/oauth/handler.go',
          ['package oauth', ''],
          ['func (h *Handler) refreshAll(ctx context.Context) error {'],
          ['func (h *Handler) refreshAll(ctx context.Context, force bool) error {'],
          ['\treturn h.flow(ctx)', '}'],
        ),
      ],
      references: {
        refreshAll: [
          {
            path: 'internal/oauth/handler.go',
            line: 3,
            text: 'func (h *Handler) refreshAll(ctx context.Context, force bool) error {',
          },
          { path: 'internal/oauth/handler_test.go', line: 12, text: '\terr := h.refreshAll(ctx, true)' },
        ],
      },
    },
    {
      lang: 'py',
      name: 'a function named as a test hook',
      silent: ONLY,
      files: [
        edit(
          'pkg/clock.py',
          ['def reset_for_tests():'],
          ['    _NOW.clear()'],
          ['    _NOW.clear()', '    _SKEW.clear()'],
        ),
      ],
      references: {
        reset_for_tests: [
          { path: 'pkg/clock.py', line: 1, text: 'def reset_for_tests():' },
          { path: 'tests/test_clock.py', line: 3, text: '    reset_for_tests()' },
        ],
      },
    },
    {
      lang: 'py',
      name: 'a function a framework registers by its decorator',
      silent: ONLY,
      files: [
        edit(
          'pkg/tools.py',
          ['mcp = Server("demo")', '', '@mcp.tool()', 'async def summarise_text(text: str) -> str:'],
          ['    return text'],
          ['    return text[:200]'],
        ),
      ],
      references: {
        summarise_text: [
          { path: 'pkg/tools.py', line: 4, text: 'async def summarise_text(text: str) -> str:' },
          { path: 'tests/test_tools.py', line: 7, text: '    assert await summarise_text("x") == "x"' },
        ],
      },
    },
    {
      lang: 'go',
      name: 'a function passed as a value in production',
      silent: ONLY,
      files: [
        edit(
          'sched/sched.go',
          ['package sched', '', 'func drainQueue(q *Queue) {'],
          ['\tq.items = nil'],
          ['\tq.items = q.items[:0]'],
          ['}'],
        ),
      ],
      texts: { 'sched/run.go': 'package sched\n\nfunc run() {\n\tdefer register(drainQueue)\n}\n' },
      references: {
        drainQueue: [
          { path: 'sched/sched.go', line: 3, text: 'func drainQueue(q *Queue) {' },
          { path: 'sched/run.go', line: 4, text: '\tdefer register(drainQueue)' },
          { path: 'sched/sched_test.go', line: 9, text: '\tdrainQueue(q)' },
        ],
      },
    },
  ]);
});

describe('review rules on both trees: new files and deleted files', () => {
  checkTree([
    {
      lang: 'ts',
      name: 'a new exported function that deletes a directory',
      files: [
        newFile('src/clean.ts', [
          "import { rm } from 'node:fs/promises';",
          'export async function clean(dir: string): Promise<void> {',
          '  await rm(dir, { recursive: true });',
          '}',
        ]),
      ],
      fires: DEL,
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'a new module adds API, breaks none',
      silent: API,
      files: [newFile('src/clean.ts', ['export function clean(dir: string): void {}'])],
    },
  ]);
});

describe('tier of public API breaks and public deletions', () => {
  const tierOf = (files: FileSpec[]): string =>
    review(diffOf(...files), undefined, {
      headText: headTextOf(...files),
      baseText: baseTextOf(...files),
      ...(syntax ? { syntax } : {}),
    }).blastRadius.tier;
  const inserted = (path: string): FileSpec =>
    edit(
      path,
      [],
      ['export function request(url: string): Promise<Response> {'],
      ['export function request(method: string, url: string): Promise<Response> {'],
      ['  return dispatch(url);', '}'],
    );

  it("a break at the library's entry point is T2; in a module no other file uses, T1", () => {
    assert.equal(tierOf([inserted('src/index.ts')]), 'T2');
    assert.equal(tierOf([inserted('src/request.ts')]), 'T1');
  });

  it('a public function that newly deletes the paths its callers give it is T2', () => {
    const files = [
      edit('cachekit/store.py', ['import os', '', 'def drop(path):'], ['    return None'], ['    os.remove(path)']),
    ];
    assert.equal(tierOf(files), 'T2');
  });
});

describe('which mentions of a changed name src/git reads', () => {
  const changed = new Set(['src/format.ts']);
  it('none when a production file plainly calls it, or no test mentions it', () => {
    const hits = [
      { path: 'src/cli.ts', text: '  const out = padColumns(rows); // lay out' },
      { path: 'test/format.test.ts', text: 'expect(padColumns([])).toEqual([])' },
    ];
    assert.equal(needsReading('padColumns', hits, changed), false);
    assert.equal(needsReading('padColumns', [hits[0]], changed), false);
  });
  it('the files when production mentions are only strings, comments or the changed file itself', () => {
    const hits = [
      { path: 'src/cli.ts', text: 'const help = "padColumns(rows) lays out tables"; // padColumns(x)' },
      { path: 'src/format.ts', text: '  return padColumns(rest);' },
      { path: 'test/format.test.ts', text: 'expect(padColumns([])).toEqual([])' },
    ];
    assert.equal(needsReading('padColumns', hits, changed), true);
  });
});

/** TypeScript/JavaScript pull requests of the review corpus (see types.ts). */
import { CorpusCase, edit, newFile } from './types';

export const TYPESCRIPT_CASES: readonly CorpusCase[] = [
  {
    id: 'ts-reconnect-forever', lang: 'ts', title: 'Reconnect the event stream when the server drops it',
    files: [edit('src/transport/stream.ts', ['export async function openStream(url: string): Promise<Stream> {'], ['  return connect(url);'], [
      '  while (true) {',
      '    try {',
      '      return await connect(url);',
      '    } catch (err) {',
      '      log.warn(`stream dropped, reconnecting: ${String(err)}`);',
      '      await sleep(1000);',
      '    }',
      '  }',
    ], ['}'])],
    expect: ['unbounded-wait'], forbid: ['swallowed-error', 'concurrency-introduced'],
  },
  {
    id: 'ts-model-expectation', lang: 'ts', title: 'Unknown model ids fall back to "unknown"',
    files: [
      edit('src/model/detect.ts', ['export function detectModel(id: string): string {'], ['  return KNOWN[id] ?? id;'], ['  return KNOWN[id] ?? \'unknown\';'], ['}']),
      edit('test/model/detect.test.ts', ["  it('names the model of a session', () => {"], ["    expect(detectModel('sonnet-x')).toBe('claude-sonnet-4');"], ["    expect(detectModel('sonnet-x')).toBe('unknown');"], ['  });']),
    ],
    expect: ['expectation-changed', 'test-edited-with-code'], forbid: ['assertion-weakened'],
  },
  {
    id: 'ts-client-param-inserted', lang: 'ts', title: 'createClient takes a transport first',
    files: [edit('src/index.ts', ['/** Opens a client. */'], ['export function createClient(url: string, options?: ClientOptions): Client {'], ['export function createClient(transport: Transport, url: string, options?: ClientOptions): Client {'], ['  return new Client(transport, url, options);', '}'])],
    expect: ['public-api-changed'], forbid: [],
  },
  {
    id: 'ts-optional-param', lang: 'ts', title: 'parse() gets an optional strict mode',
    files: [
      edit('src/parse.ts', ['/** Parses a manifest. */'], ['export function parseManifest(text: string): Manifest {'], ['export function parseManifest(text: string, strict = false): Manifest {'], ['  const data = JSON.parse(text);']),
      edit('src/parse.ts', ['  const data = JSON.parse(text);'], [], ['  if (strict && !data.name) throw new ManifestError("a manifest needs a name; see https://example.com/docs/manifest");'], ['  return toManifest(data);'], 30),
    ],
    expect: [], forbid: ['public-api-changed', 'hard-coded-endpoint'],
  },
  {
    id: 'ts-install-hint', lang: 'ts', title: 'Say where to get git when it is missing',
    files: [edit('src/git/find.ts', ['  if (!found) {'], ['    throw new Error("git not found");'], ['    throw new Error("git not found: install it from https://git-scm.com/downloads and restart");'], ['  }'])],
    expect: [], forbid: ['hard-coded-endpoint'],
  },
  {
    id: 'ts-internal-endpoint', lang: 'ts', title: 'Send usage events to the metrics service',
    files: [newFile('src/telemetry/send.ts', [
      "const METRICS_URL = 'http://metrics.internal.acme:8080/v1/events';",
      '',
      'export async function sendUsage(event: UsageEvent): Promise<void> {',
      "  await fetch(METRICS_URL, { method: 'POST', body: JSON.stringify(event) });",
      '}',
    ])],
    expect: ['hard-coded-endpoint'], forbid: ['swallowed-error'],
  },
  {
    id: 'ts-lint-workflow', lang: 'ts', title: 'CI: a read-only lint job',
    files: [newFile('.github/workflows/lint.yml', [
      'name: lint', 'on: [pull_request]', 'permissions:', '  contents: read', 'jobs:', '  lint:', '    runs-on: ubuntu-latest', '    steps:',
      '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 20', '      - run: npm ci', '      - run: npx eslint .',
    ])],
    expect: ['ci-changed'], forbid: ['ci-risky-step', 'ci-agent-untrusted-input'],
  },
  {
    id: 'ts-agent-on-issues', lang: 'ts', title: 'CI: let the assistant answer issue comments',
    files: [newFile('.github/workflows/assistant.yml', [
      'name: assistant', 'on:', '  issue_comment:', '    types: [created]', 'permissions:', '  contents: write', '  issues: write', 'jobs:', '  answer:',
      '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - uses: anthropics/claude-code-action@v1', '        with:',
      '          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}', '          prompt: ${{ github.event.comment.body }}',
    ])],
    expect: ['ci-changed', 'ci-agent-untrusted-input', 'ci-risky-step'], forbid: [],
  },
  {
    id: 'ts-test-without-assertion', lang: 'ts', title: 'Cover empty input of the tokenizer',
    files: [
      edit('test/tokenize.test.ts', ["describe('tokenize', () => {"], [], ["  it('accepts empty input', () => {", "    tokenize('');", '  });', ''], ["  it('splits words', () => {"]),
    ],
    expect: ['assertion-weakened'], forbid: [],
  },
  {
    id: 'ts-assert-in-if', lang: 'ts', title: 'Test the search result shape',
    files: [edit('test/search.test.ts', ["  it('returns the two matches', async () => {", "    const result = await search(index, 'needle');"], [], ['    if (result) {', '      expect(result.items).toHaveLength(2);', '    }'], ['  });'])],
    expect: ['assertion-cannot-fail'], forbid: ['assertion-weakened'],
  },
  {
    id: 'ts-assert-ok-comparison', lang: 'ts', title: 'The gate posts at most one comment per PR',
    files: [edit('scripts/gate.test.js', ["test('posts once', async () => {", '  const comments = await runGate(pr);'], [], ['  assert.ok(comments.length <= 1, `PR ${pr.number} got ${comments.length} comments`);'], ['});'])],
    expect: [], forbid: ['assertion-weakened'],
  },
  {
    id: 'ts-guard-then-check', lang: 'ts', title: 'Test the user lookup',
    files: [edit('test/users.test.ts', ["  it('finds ann', async () => {", "    const user = await users.find('ann');"], ['    expect(user.name).toBe("ann");'], ['    expect(user).toBeDefined();', '    expect(user.name).toBe("ann");', '    expect(user.roles).toEqual(["admin"]);'], ['  });'])],
    expect: [], forbid: ['assertion-weakened', 'assertion-cannot-fail'],
  },
  {
    id: 'ts-disconnect-error', lang: 'ts', title: 'Log client disconnects as errors',
    files: [edit('src/server/session.ts', ['  socket.on("close", () => {'], ['    log.debug("client disconnected", { id: session.id });'], ['    log.error("client disconnected", { id: session.id });'], ['    sessions.delete(session.id);', '  });'])],
    expect: ['log-level-changed'], forbid: [],
  },
  {
    id: 'ts-checkout-branch', lang: 'ts', title: 'Check out the branch the user picked',
    files: [edit('src/git/checkout.ts', ['export function checkout(branch: string): void {'], ['  execFileSync("git", ["checkout", "--", branch]);'], ['  execSync(`git checkout ${branch}`);'], ['}'])],
    expect: ['injection'], forbid: [],
  },
  {
    id: 'ts-fixtures-and-bump', lang: 'ts', title: 'Bump zod, refresh the schema fixtures',
    files: [
      edit('package.json', ['  "dependencies": {'], ['    "zod": "^3.22.0"'], ['    "zod": "^3.23.8"'], ['  },']),
      edit('package-lock.json', ['    "node_modules/zod": {'], ['      "version": "3.22.0",'], ['      "version": "3.23.8",'], ['      "license": "MIT"']),
      newFile('test/fixtures/schema-a.json', ['{', '  "type": "object",', '  "properties": {', '    "name": { "type": "string", "minLength": 1 },', '    "age": { "type": "integer", "minimum": 0 },', '    "email": { "type": "string", "format": "email" },', '    "tags": { "type": "array", "items": { "type": "string" } }', '  }', '}']),
      newFile('test/fixtures/schema-b.json', ['{', '  "type": "object",', '  "properties": {', '    "name": { "type": "string", "minLength": 1 },', '    "age": { "type": "integer", "minimum": 0 },', '    "email": { "type": "string", "format": "email" },', '    "tags": { "type": "array", "items": { "type": "string" } }', '  }', '}']),
    ],
    expect: [], forbid: ['new-dependency', 'duplicated-block', 'lockfile-only-change'],
  },
  {
    id: 'ts-ignore-save-failure', lang: 'ts', title: 'Save drafts in the background',
    files: [edit('src/drafts.ts', ['export function onEdit(draft: Draft): void {'], ['  void saveDraft(draft);'], ['  saveDraft(draft).catch(() => {});'], ['}'])],
    expect: ['swallowed-error'], forbid: [],
  },
  {
    id: 'ts-insecure-flag', lang: 'ts', title: 'CLI: --insecure for self-signed registries',
    files: [edit('src/cli/options.ts', ['program'], [], ["  .option('--insecure', 'do not verify TLS certificates of the registry')"], ["  .option('--registry <url>', 'registry to publish to')"])],
    expect: ['safety-switch-exposed'], forbid: [],
  },
  {
    id: 'ts-parallel-fetch', lang: 'ts', title: 'Fetch packages, tarballs and advisories in parallel',
    files: [edit('src/install/fetch.ts', ['export async function fetchAll(names: string[]): Promise<Fetched> {'], ['  const packages = [];', '  for (const n of names) packages.push(await fetchPackage(n));'], [
      '  const packages = await Promise.all(names.map(fetchPackage));',
      '  const tarballs = await Promise.all(packages.map((p) => fetchTarball(p.dist)));',
      '  const advisories = await Promise.all(packages.map((p) => fetchAdvisories(p.name)));',
    ], ['  return { packages, tarballs, advisories };', '}'])],
    expect: ['concurrency-introduced'], forbid: [],
  },
];

import * as assert from 'node:assert/strict';
import { ALL_HUMAN, diffOf, findingsOf, review, type FileSpec } from './helpers';

/**
 * Credential plumbing moved word for word between files is a move, not new or removed credential code: a refactor that
 * pulls the client construction of many providers into one shared base class (the shape of a merged pull request of
 * a public Python agent framework) hands the same `api_key=api_key` on from one place instead of many. Every fixture is
 * written here.
 */
const provider = (name: string): FileSpec => ({
  path: `pkg/providers/${name}.py`,
  before: [`class ${name.toUpperCase()}Provider(Provider[AsyncOpenAI]):`, '    def __init__(self, api_key=None):'],
  del: [
    '        http_client = create_async_http_client()',
    '        self._client = AsyncOpenAI(',
    '            base_url=self.base_url, api_key=api_key, http_client=http_client',
    '        )',
  ],
  add: [
    '        self._client = self._create_openai_client(',
    '            base_url=self.base_url, api_key=api_key, http_client=http_client',
    '        )',
  ],
});
const base: FileSpec = {
  path: 'pkg/providers/_compatible.py',
  status: 'added',
  add: [
    'class CompatibleProvider(Provider[AsyncOpenAI]):',
    '    def _create_openai_client(',
    '        self,',
    '        *,',
    '        base_url: str | None,',
    '        api_key: str | None,',
    '        http_client: httpx.AsyncClient | None = None,',
    '    ) -> AsyncOpenAI:',
    '        return AsyncOpenAI(',
    '            base_url=base_url,',
    '            api_key=api_key,',
    '            http_client=http_client or create_async_http_client(),',
    '        )',
  ],
};
const removedFrom = (name: string): FileSpec => ({
  path: `pkg/providers/${name}.py`,
  before: [`class ${name.toUpperCase()}Provider(Provider[AsyncOpenAI]):`, '    def __init__(self, api_key=None):'],
  del: [
    '        if http_client is not None:',
    '            self._client = AsyncOpenAI(base_url=self.base_url, api_key=api_key, http_client=http_client)',
  ],
});

describe('review/surface: credential plumbing moved between files', () => {
  it('key plumbing pulled from many providers into one base class is one move, not credential code per file', () => {
    const files = [base, ...['alpha', 'beta', 'gamma', 'delta'].map(removedFrom), provider('omega')];
    const r = review(diffOf(...files), ALL_HUMAN);
    const security = r.blastRadius.reasons.filter((x) => x.endsWith('[security-surface]'));
    assert.deepEqual(security, [], r.blastRadius.reasons.join('\n'));
    assert.deepEqual(findingsOf(r, 'critical-path-touched'), [], 'handing a key on is no critical path');
    // The same move where the lines do credential work (a bearer header built from the key): one low finding.
    const bearer = (spec: FileSpec): FileSpec => ({
      ...spec,
      ...(spec.del ? { del: [...spec.del, "        self._headers = {'Authorization': f'Bearer {api_key}'}"] } : {}),
      ...(spec.status === 'added'
        ? { add: [...spec.add!, "        self._headers = {'Authorization': f'Bearer {api_key}'}"] }
        : {}),
    });
    const moved = review(diffOf(...files.map(bearer)), ALL_HUMAN);
    assert.deepEqual(
      moved.blastRadius.reasons.filter((x) => x.endsWith('[security-surface]')),
      [],
      moved.blastRadius.reasons.join('\n'),
    );
    const critical = findingsOf(moved, 'critical-path-touched');
    assert.equal(critical.length, 1, critical.map((f) => f.why).join('\n'));
    assert.equal(critical[0].severity, 'low');
    assert.equal(critical[0].file, 'pkg/providers/_compatible.py');
    assert.match(
      critical[0].why,
      /credential\/permission code moved word for word into pkg\/providers\/_compatible\.py/,
    );
    assert.match(critical[0].why, /from 5 files/);
  });

  it('a key parameter handed on unchanged is not credential code', () => {
    const r = review(diffOf(base), ALL_HUMAN);
    assert.deepEqual(
      r.blastRadius.reasons.filter((x) => x.endsWith('[security-surface]')),
      [],
      r.blastRadius.reasons.join('\n'),
    );
    const ts: FileSpec = {
      path: 'src/client/factory.ts',
      status: 'added',
      add: [
        'export interface ClientOptions {',
        '  apiKey?: string;',
        '}',
        'export function makeClient({ apiKey }: ClientOptions): Client {',
        '  return new Client({ apiKey: apiKey, retries: 2 });',
        '}',
      ],
    };
    const t = review(diffOf(ts), ALL_HUMAN);
    assert.deepEqual(
      t.blastRadius.reasons.filter((x) => x.endsWith('[security-surface]')),
      [],
      t.blastRadius.reasons.join('\n'),
    );
  });

  it('near misses: a key read, validated or stored in the moved code is still credential code', () => {
    // The shared base now reads the key from the environment: new credential reading, not a move.
    const reads: FileSpec = {
      ...base,
      add: [
        ...base.add!.slice(0, 9),
        "            api_key=api_key or os.getenv('OPENAI_API_KEY'),",
        ...base.add!.slice(11),
      ],
    };
    const r = review(diffOf(reads, removedFrom('alpha'), removedFrom('beta')), ALL_HUMAN);
    const security = r.blastRadius.reasons.filter((x) => x.endsWith('[security-surface]'));
    assert.ok(
      security.some((x) => /adds credential\/permission code in pkg\/providers\/_compatible\.py/.test(x)),
      security.join('\n'),
    );
    // A removed validation with no copy anywhere in the change stays a removal.
    const check: FileSpec = {
      path: 'pkg/providers/alpha.py',
      before: ['    def __init__(self, api_key=None):'],
      del: ['        if not api_key:', "            raise UserError('Set the `ALPHA_API_KEY` environment variable')"],
    };
    const c = review(diffOf(check, base), ALL_HUMAN);
    assert.ok(
      c.blastRadius.reasons.some((x) => /removes credential\/permission code in pkg\/providers\/alpha\.py/.test(x)),
      c.blastRadius.reasons.join('\n'),
    );
    // A key handed bare to a call may be what puts it in a header: still credential code.
    const hook = review(
      diffOf({ path: 'pkg/gateway.py', add: ['    _add_request_hook(client, _GatewayHook(api_key))'] }),
    );
    assert.ok(
      hook.blastRadius.reasons.some((x) => /adds credential\/permission code in pkg\/gateway\.py/.test(x)),
      hook.blastRadius.reasons.join('\n'),
    );
    // TypeScript: a token read from the environment where it was passed in before.
    const ts: FileSpec = {
      path: 'src/core/contentGenerator.ts',
      before: ['export function createConfig(config: Config) {'],
      del: ['  const apiKey = config.apiKey;'],
      add: ['  const apiKey = process.env.GEMINI_API_KEY ?? config.apiKey;'],
    };
    const t = review(diffOf(ts), ALL_HUMAN);
    assert.ok(
      t.blastRadius.reasons.some((x) => /changes existing credential\/permission code/.test(x)),
      t.blastRadius.reasons.join('\n'),
    );
  });

  it('the same key call in both arms of a removed if/else, kept once, is carried; one dropped elsewhere is not', () => {
    const collapsed: FileSpec = {
      path: 'pkg/providers/snow.py',
      before: ['    def __init__(self, token: str, http_client=None):'],
      del: [
        '        if http_client is not None:',
        "            self._client = AsyncOpenAI(base_url=base_url, api_key=token or 'placeholder', http_client=http_client)",
        '        else:',
        "            self._client = AsyncOpenAI(base_url=base_url, api_key=token or 'placeholder', http_client=make())",
      ],
      add: [
        "        self._client = self._create(base_url=base_url, api_key=token or 'placeholder', http_client=http_client)",
      ],
    };
    const r = review(diffOf(collapsed), ALL_HUMAN);
    assert.deepEqual(
      r.blastRadius.reasons.filter((x) => x.endsWith('[security-surface]')),
      [],
      r.blastRadius.reasons.join('\n'),
    );
    // Near miss: a second, separate use of the key dropped in another hunk of the file.
    const dropped: FileSpec = {
      ...collapsed,
      hunks: [
        {
          start: 40,
          before: ['    def refresh(self):'],
          del: [
            "        self._auth = AsyncOpenAI(base_url=base_url, api_key=token or 'placeholder', http_client=make())",
          ],
          add: ['        pass'],
        },
      ],
    };
    const d = review(diffOf(dropped), ALL_HUMAN);
    assert.ok(
      d.blastRadius.reasons.some((x) => /credential\/permission code in pkg\/providers\/snow\.py:41/.test(x)),
      d.blastRadius.reasons.join('\n'),
    );
  });
});

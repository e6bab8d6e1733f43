/**
 * Comments and messages that contradict the code next to them: doc comments naming parameters the function does not
 * have (read from syntax trees), stated durations/counts/defaults the adjacent line contradicts, and messages built
 * from a value cleared just before. Hits and near-misses in TypeScript/JavaScript, Python, Rust and Go.
 */
import * as assert from 'node:assert/strict';
import { numberContradiction } from '../../../src/core/review/rules/comment-numbers';
import { GRAMMARS, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { Case, FileSpec, check, diffOf, findingsOf, headTextOf, review } from './helpers';

const DOC = 'doc-names-missing-parameter';
const NUMBER = 'comment-contradicts-code';
const CLEARED = 'message-reads-cleared-value';

describe('review/rules doc comments naming parameters the function does not have (syntax trees)', () => {
  let syntax: SyntaxParser | undefined;
  before(async () => {
    syntax = await loadSyntaxParser(GRAMMARS);
    assert.ok(syntax);
  });
  const hits = (files: FileSpec[]): string[] =>
    findingsOf(review(diffOf(...files), undefined, { headText: headTextOf(...files), syntax }), DOC).map((f) => f.why);
  const cases: { name: string; files: FileSpec[]; fires: boolean; match?: RegExp }[] = [
    {
      name: 'ts + JSDoc @param of a parameter the rewritten signature dropped',
      files: [
        {
          path: 'src/fetch.ts',
          before: [
            '/**',
            ' * Fetches every page.',
            ' * @param url where to start',
            ' * @param pageSize items per page',
            ' */',
          ],
          del: ['function fetchAll(url: string, pageSize: number) {'],
          add: ['function fetchAll(url: string, opts: FetchOptions) {'],
          after: ['  return walk(url, opts);', '}'],
        },
      ],
      fires: true,
      match: /names "pageSize", but it takes \(url, opts\)/,
    },
    {
      name: 'ts - JSDoc on a destructured parameter names its fields',
      files: [
        {
          path: 'src/fetch.ts',
          before: ['/**', ' * @param pageSize items per page', ' */'],
          del: ['function fetchAll(url: string, pageSize: number) {'],
          add: ['function fetchAll({ url, pageSize }: FetchOptions) {'],
          after: ['  return walk(url, pageSize);', '}'],
        },
      ],
      fires: false,
    },
    {
      name: 'ts - a stale doc the change did not touch (signature and doc unchanged)',
      files: [
        {
          path: 'src/fetch.ts',
          before: ['/**', ' * @param limit items per page', ' */', 'function fetchAll(url: string) {'],
          del: ['  return walk(url);'],
          add: ['  return walk(url, 10);'],
          after: ['}'],
        },
      ],
      fires: false,
    },
    {
      name: 'ts + an added @param naming nothing the arrow function takes',
      files: [
        {
          path: 'src/format.ts',
          add: [
            '/**',
            ' * @param locale the locale to format for',
            ' */',
            'export const formatBytes = (n: number): string => {',
            '  return `${n} B`;',
            '};',
          ],
          status: 'added',
        },
      ],
      fires: true,
    },
    {
      name: 'py + Google-style Args listing parameters the new signature dropped',
      files: [
        {
          path: 'pkg/transport.py',
          before: ['class Transport:'],
          del: ['    def handle(self, method, url):'],
          add: ['    def handle(self, request):'],
          after: [
            '        """Send it.',
            '',
            '        Args:',
            '            method: the verb.',
            '            url: the target.',
            '        """',
            '        return None',
          ],
        },
      ],
      fires: true,
      match: /"method", "url"/,
    },
    {
      name: 'py + Sphinx :param: of a renamed parameter',
      files: [
        {
          path: 'pkg/cache.py',
          del: ['def get(key, ttl=None):'],
          add: ['def get(key, max_age=None):'],
          after: [
            '    """Look a key up.',
            '',
            '    :param key: the key',
            '    :param ttl: seconds to keep it',
            '    """',
            '    return _store.get(key)',
          ],
        },
      ],
      fires: true,
    },
    {
      name: 'py - **kwargs may carry the documented names',
      files: [
        {
          path: 'pkg/cache.py',
          del: ['def get(key, ttl=None):'],
          add: ['def get(key, **options):'],
          after: [
            '    """Look a key up.',
            '',
            '    Args:',
            '        key: the key',
            '        ttl: seconds to keep it',
            '    """',
            '    return _store.get(key)',
          ],
        },
      ],
      fires: false,
    },
    {
      name: 'py - NumPy-style Parameters matching the signature, *args included',
      files: [
        {
          path: 'pkg/stats.py',
          del: ['def mean(values):'],
          add: ['def mean(values, *weights, skipna=True):'],
          after: [
            '    """Average.',
            '',
            '    Parameters',
            '    ----------',
            '    values : list',
            '    *weights : float',
            '    skipna : bool',
            '    """',
            '    return 0',
          ],
        },
      ],
      fires: false,
    },
    {
      name: 'rust + rustdoc # Arguments naming a dropped parameter',
      files: [
        {
          path: 'src/net.rs',
          before: [
            '/// Connects.',
            '///',
            '/// # Arguments',
            '///',
            '/// * `addr` - where',
            '/// * `nodelay` - disable Nagle',
          ],
          del: ['fn connect(addr: &str, nodelay: bool) -> Conn {'],
          add: ['fn connect(addr: &str, opts: &Options) -> Conn {'],
          after: ['    todo!()', '}'],
        },
      ],
      fires: true,
    },
    {
      name: 'rust - # Arguments matching the signature (self excluded)',
      files: [
        {
          path: 'src/net.rs',
          before: ['impl Conn {', '    /// # Arguments', '    /// * `buf` - bytes to send'],
          del: ['    fn send(&mut self, data: &[u8]) -> usize {'],
          add: ['    fn send(&mut self, buf: &[u8]) -> usize {'],
          after: ['        buf.len()', '    }', '}'],
        },
      ],
      fires: false,
    },
    {
      name: 'go + doc comment still opening with the old name after a rename',
      files: [
        {
          path: 'client/dial.go',
          before: ['package client', '', '// Dial opens a connection.'],
          del: ['func Dial(addr string) (*Conn, error) {'],
          add: ['func Connect(addr string) (*Conn, error) {'],
          after: ['\treturn nil, nil', '}'],
        },
      ],
      fires: true,
      match: /still opens with "Dial", the name before Connect/,
    },
    {
      name: 'go - a doc opening with an article or a renamed-too doc',
      files: [
        {
          path: 'client/dial.go',
          before: ['package client', '', '// A dialer for the daemon.'],
          del: ['func Dial(addr string) (*Conn, error) {'],
          add: ['func Connect(addr string) (*Conn, error) {'],
          after: ['\treturn nil, nil', '}'],
        },
      ],
      fires: false,
    },
  ];
  for (const c of cases) {
    it(`${c.name}`, () => {
      const found = hits(c.files);
      if (c.fires) {
        assert.equal(found.length, 1, JSON.stringify(found));
        if (c.match) assert.match(found[0], c.match);
      } else assert.deepEqual(found, []);
    });
  }
});

describe('review/rules comments stating a value the code contradicts', () => {
  it('compares durations in every unit a bare number may be in, typed durations exactly', () => {
    assert.match(numberContradiction('js', 'timeout 30s', 'const TIMEOUT = 60_000;') ?? '', /60000 is not 30 s/);
    assert.equal(numberContradiction('js', 'timeout 60s', 'const TIMEOUT = 60_000;'), undefined);
    assert.equal(numberContradiction('js', '5 minutes', 'const IDLE_MS = 5 * 60 * 1000;'), undefined);
    assert.match(
      numberContradiction('js', '5 minutes', 'const IDLE_MS = 3 * 60 * 1000;') ?? '',
      /180000 ms is not 5 min/,
    );
    assert.match(
      numberContradiction('rust', 'wait 10 seconds', 'let d = Duration::from_secs(30);') ?? '',
      /30 s.*10 s/,
    );
    assert.match(numberContradiction('go', '30s keepalive', 'KeepAlive: 15 * time.Second,') ?? '', /15 s.*30 s/);
    assert.match(numberContradiction('py', 'expire after 1 hour', 'ttl = timedelta(minutes=30)') ?? '', /30 min.*1 h/);
  });
  it('stays silent when the comment holds more than one number, or the line is about something else', () => {
    assert.equal(numberContradiction('js', 'timeout 30s, 2x on CI', 'const TIMEOUT = 90_000;'), undefined);
    assert.equal(numberContradiction('go', 'Poll every 5s', 'const maxPolls = 12'), undefined);
    assert.equal(
      numberContradiction('py', 'retries 3 times', 'for attempt in range(4):'),
      undefined,
      'tries = retries + 1',
    );
    assert.equal(numberContradiction('js', 'defaults to 20', 'const limit = opts.limit ?? 20;'), undefined);
  });

  const cases: Case[] = [
    {
      lang: 'ts',
      name: 'comment above an added constant',
      files: {
        path: 'src/ws.ts',
        add: ['// Give the handshake 10 seconds', 'export const HANDSHAKE_TIMEOUT = 30_000;'],
      },
      fires: NUMBER,
      severity: 'low',
    },
    {
      lang: 'ts',
      name: 'the comment is the same as before and so is the code (context only)',
      files: {
        path: 'src/ws.ts',
        before: ['// Give the handshake 10 seconds', 'export const HANDSHAKE_TIMEOUT = 30_000;'],
        add: ['export const CLOSE_TIMEOUT = 5_000;'],
      },
      silent: NUMBER,
    },
    {
      lang: 'py',
      name: 'changed code under an unchanged comment',
      files: {
        path: 'pkg/retry.py',
        before: ['    # retries 3 times'],
        del: ['    for attempt in range(4):'],
        add: ['    for attempt in range(8):'],
      },
      fires: NUMBER,
    },
    {
      lang: 'py',
      name: 'trailing comment agreeing with its code',
      files: { path: 'pkg/retry.py', add: ['    MAX_RETRIES = 3  # retry 3 times'] },
      silent: NUMBER,
    },
    {
      lang: 'py',
      name: 'a docstring line is not a comment over code (the next line is docstring too)',
      files: {
        path: 'pkg/http.py',
        before: ['    """Create a client.', '', '    Args:'],
        del: ['        timeout: Defaults to 30 seconds.'],
        add: [
          '        timeout: Request timeout. Defaults to 30s for',
          '            connect and 300s for read (long-lived streams).',
        ],
        after: ['    """'],
      },
      silent: NUMBER,
    },
    {
      lang: 'py',
      name: 'a bound is not the value ("must be > 100ms" over a 0.2 s sleep)',
      files: {
        path: 'examples/poll.py',
        add: [
          '                # Wait for the client to reconnect (must be > retry interval of 100ms)',
          '                await anyio.sleep(0.2)',
        ],
      },
      silent: NUMBER,
    },
    {
      lang: 'rust',
      name: 'typed duration against the comment',
      files: {
        path: 'src/lock.rs',
        add: ['    // back off for 2 seconds', '    let backoff = Duration::from_millis(500);'],
      },
      fires: NUMBER,
    },
    {
      lang: 'rust',
      name: 'typed duration agreeing with the comment',
      files: {
        path: 'src/lock.rs',
        add: ['    // back off for 500ms', '    let backoff = Duration::from_millis(500);'],
      },
      silent: NUMBER,
    },
    {
      lang: 'go',
      name: 'default stated in a comment, the value set lines below: too far to tell',
      files: {
        path: 'cmd/serve.go',
        add: [
          '\t// defaults to 8 workers',
          '\tworkers := cfg.Workers',
          '\tif workers == 0 {',
          '\t\tworkers = 4',
          '\t}',
        ],
      },
      silent: NUMBER,
    },
    {
      lang: 'go',
      name: 'keepalive comment against time.Second product',
      files: { path: 'cmd/serve.go', add: ['\t// 30s keepalive', '\tKeepAlive: 15 * time.Second,'] },
      fires: NUMBER,
    },
  ];
  check(cases);
});

describe('review/rules messages reading a value cleared just before', () => {
  const cases: Case[] = [
    {
      lang: 'ts',
      name: 'throw after emptying the array it reports',
      files: {
        path: 'src/q.ts',
        add: ['    this.pending = [];', '    throw new Error(`closed with ${this.pending.length} pending`);'],
      },
      fires: CLEARED,
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'count kept before emptying',
      files: {
        path: 'src/q.ts',
        add: [
          '    const n = this.pending.length;',
          '    this.pending = [];',
          '    throw new Error(`closed with ${n} pending`);',
        ],
      },
      silent: CLEARED,
    },
    {
      lang: 'ts',
      name: 'cleared in a branch, message after it',
      files: {
        path: 'src/q.ts',
        add: [
          '    if (reset) {',
          '      this.pending = [];',
          '    }',
          '    console.warn(`pending: ${this.pending.length}`);',
        ],
      },
      silent: CLEARED,
    },
    {
      lang: 'py',
      name: 'raise after clear()',
      files: {
        path: 'pkg/sse.py',
        add: ['        self._buf.clear()', '        raise ValueError(f"truncated: {self._buf!r}")'],
      },
      fires: CLEARED,
    },
    {
      lang: 'py',
      name: 'refilled before the message',
      files: {
        path: 'pkg/sse.py',
        add: [
          '        self._buf.clear()',
          '        self._buf.extend(chunk)',
          '        logger.debug("buffer now %r", self._buf)',
        ],
      },
      silent: CLEARED,
    },
    {
      lang: 'py',
      name: 'message about another value',
      files: {
        path: 'pkg/sse.py',
        add: ['        self._buf.clear()', '        logger.debug("reset after %d events", self._events)'],
      },
      silent: CLEARED,
    },
    {
      lang: 'rust',
      name: 'Err after clear()',
      files: {
        path: 'src/frame.rs',
        add: ['        self.buf.clear();', '        return Err(anyhow!("trailing bytes: {:?}", self.buf));'],
      },
      fires: CLEARED,
    },
    {
      lang: 'rust',
      name: 'mem::take into a local that the message reads',
      files: {
        path: 'src/frame.rs',
        add: [
          '        let rest = std::mem::take(&mut self.buf);',
          '        return Err(anyhow!("trailing bytes: {:?}", rest));',
        ],
      },
      silent: CLEARED,
    },
    {
      lang: 'go',
      name: 'Errorf after Reset()',
      files: {
        path: 'frame/reader.go',
        add: ['\t\tr.buf.Reset()', '\t\treturn fmt.Errorf("unterminated: %q", r.buf.String())'],
      },
      fires: CLEARED,
    },
    {
      lang: 'go',
      name: 'both lines unchanged: not this change',
      files: {
        path: 'frame/reader.go',
        before: ['\t\tr.buf.Reset()', '\t\treturn fmt.Errorf("unterminated: %q", r.buf.String())'],
        add: ['\t// unreachable'],
      },
      silent: CLEARED,
    },
  ];
  check(cases);
});

describe('review/rules comment drift in the tier', () => {
  it('a message reading a cleared value raises the tier to T1 and "Why T1" names the rule; a stale doc does not', () => {
    const cleared = review(
      diffOf({
        path: 'src/q.ts',
        add: ['    this.pending = [];', '    throw new Error(`closed: ${this.pending.length}`);'],
      }),
    );
    assert.equal(cleared.blastRadius.tier, 'T1');
    assert.ok(cleared.blastRadius.reasons.some((r) => r.endsWith('[message-reads-cleared-value]')));
    const number = review(
      diffOf({ path: 'src/ws.ts', add: ['// 10 seconds', 'export const HANDSHAKE_TIMEOUT = 30_000;'] }),
    );
    assert.equal(findingsOf(number, NUMBER).length, 1);
    assert.equal(number.blastRadius.tier, 'T0', number.blastRadius.reasons.join('; '));
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests mutate arbitrary JSON to make hostile records */
import * as assert from 'node:assert/strict';
import {
  AgentTraceParseError,
  buildAgentTrace,
  parseAgentTrace,
  recordLineAttributions,
  recordRanges,
  type AgentTraceRecord,
} from '../../../src/core/commit';
import { ai, buildOptions, CLAUDE, file } from './fixtures';

const ID = '8f9a2c1e-3b4d-4e5f-9a6b-7c8d9e0f1a2b';

/** A valid foreign (non-ai-provenance) record, as another tool might write it. */
function foreign(): Record<string, unknown> {
  return {
    version: '0.1.0',
    id: ID,
    timestamp: '2026-01-02T03:04:05+01:00',
    vcs: { type: 'git', revision: 'abc123' },
    tool: { name: 'cursor', version: '2.0' },
    files: [
      {
        path: 'src/app.ts',
        conversations: [
          {
            url: 'https://cursor.com/c/1',
            contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet-4' },
            ranges: [
              { start_line: 1, end_line: 2, content_hash: 'h1' },
              { start_line: 5, end_line: 5, contributor: { type: 'mixed' } },
              { start_line: 9, end_line: 9, contributor: { type: 'human' } },
            ],
            related: [{ type: 'prompt', url: 'https://cursor.com/p/1' }],
          },
          { ranges: [{ start_line: 20, end_line: 20 }] },
        ],
      },
    ],
    metadata: { 'com.cursor': { anything: [1, 2, 3] } },
  };
}

function mutate(edit: (r: Record<string, any>) => void): Record<string, unknown> {
  const r = foreign();
  edit(r as Record<string, any>);
  return r;
}

function rejects(value: unknown, where: RegExp | string, problem?: RegExp): void {
  assert.throws(
    () => parseAgentTrace(value),
    (err: unknown) => {
      assert.ok(err instanceof AgentTraceParseError, String(err));
      if (typeof where === 'string') assert.equal(err.where, where);
      else assert.match(err.where, where);
      if (problem) assert.match(err.message, problem);
      return true;
    },
  );
}

/** The file entry is left out (not the record): its problem is reported with its location. */
function leftOut(value: unknown, where: RegExp | string, problem?: RegExp): void {
  const problems: string[] = [];
  const before = (value as { files: unknown[] }).files.length;
  const r = parseAgentTrace(value, {}, problems);
  assert.equal(r.files.length, before - 1, 'only the bad entry goes');
  assert.equal(problems.length, 1);
  if (typeof where === 'string') assert.ok(problems[0].includes(` at ${where}: `), problems[0]);
  else assert.match(problems[0], where);
  if (problem) assert.match(problems[0], problem);
}

describe('Agent Trace: parser', () => {
  it("accepts a foreign record, dropping other vendors' metadata", () => {
    const r = parseAgentTrace(JSON.stringify(foreign()));
    assert.equal(r.files[0].conversations[0].ranges.length, 3);
    assert.equal(r.metadata, undefined);
    assert.deepEqual(r.files[0].conversations[0].related, [{ type: 'prompt', url: 'https://cursor.com/p/1' }]);
  });

  it('reads a foreign record as agent origins of its tool; human and contributor-less ranges stay human', () => {
    const r = parseAgentTrace(foreign());
    const [ranges] = recordRanges(r);
    assert.deepEqual(
      ranges.ranges.map((x) => [x.start_line, x.end_line, x.cls]),
      [
        [1, 2, 'ai'],
        [5, 5, 'mixed'],
      ],
    );
    assert.deepEqual(ranges.ranges[0].origin, {
      kind: 'agent',
      tool: 'cursor',
      model: 'anthropic/claude-sonnet-4',
      session: 'https://cursor.com/c/1',
      time: Date.parse('2026-01-02T03:04:05+01:00'),
    });
    const [lines] = recordLineAttributions(r);
    assert.deepEqual([...lines.lines.keys()], [1, 2, 5]);
  });

  it('rejects text that is not a JSON object', () => {
    rejects('not json', '$', /not JSON/);
    rejects('[]', '$', /expected an object/);
    rejects(null, '$');
    rejects('x'.repeat(100), '$');
    assert.throws(() => parseAgentTrace('{}', { maxChars: 1 }), /longer than 1 characters/);
  });

  it('rejects bad header fields', () => {
    rejects(
      mutate((r) => (r.version = '1.0.0')),
      'version',
      /unsupported version/,
    );
    rejects(
      mutate((r) => (r.version = 1)),
      'version',
    );
    rejects(
      mutate((r) => (r.id = 'not-a-uuid')),
      'id',
    );
    rejects(
      mutate((r) => (r.timestamp = '2026-13-45')),
      'timestamp',
    );
    rejects(
      mutate((r) => (r.timestamp = '2026-02-30T12:00:00Z')),
      'timestamp',
    );
    rejects(
      mutate((r) => (r.timestamp = '2026-01-01T24:00:00Z')),
      'timestamp',
    );
    rejects(
      mutate((r) => (r.timestamp = '2026-01-01T12:00:00')),
      'timestamp',
      /RFC 3339/,
    );
    assert.doesNotThrow(() => parseAgentTrace(mutate((r) => (r.timestamp = '2024-02-29T23:59:60.123z'))));
    rejects(
      mutate((r) => (r.vcs = { type: 'cvs', revision: 'x' })),
      'vcs.type',
    );
    rejects(
      mutate((r) => (r.vcs.revision = 'x'.repeat(300))),
      'vcs.revision',
    );
    rejects(
      mutate((r) => (r.tool = 'cursor')),
      'tool',
    );
    rejects(
      mutate((r) => delete r.files),
      'files',
      /expected an array/,
    );
  });

  it('a bad file entry is left out with its metadata; the good entries stay', () => {
    const two = mutate((r) => (r.files = [r.files[0], { ...r.files[0], path: '../escape' }]));
    const problems: string[] = [];
    const r = parseAgentTrace(two, {}, problems);
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['src/app.ts'],
    );
    assert.match(problems[0], /files\[1\]\.path/);
  });

  it('confines file paths to the repository', () => {
    const bad = [
      '/etc/passwd',
      '../outside',
      'a/../../b',
      'C:\\Windows',
      'c:/x',
      'a\\..\\b',
      '',
      'a/./b',
      'a\u0000b',
      'x'.repeat(5000),
    ];
    for (const path of bad)
      leftOut(
        mutate((r) => (r.files[0].path = path)),
        'files[0].path',
      );
  });

  it('rejects malformed ranges and contributors with their location', () => {
    const at = 'files[0].conversations[0].ranges[0]';
    leftOut(
      mutate((r) => (r.files[0].conversations[0].ranges[0].start_line = 0)),
      `${at}.start_line`,
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].ranges[0].start_line = 1.5)),
      `${at}.start_line`,
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].ranges[0].end_line = '2')),
      `${at}.end_line`,
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].ranges[0].start_line = 3)),
      at,
      /end_line 2 before start_line 3/,
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].ranges[0].end_line = 1e12)),
      `${at}.end_line`,
      /line beyond/,
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].ranges[0].content_hash = 7)),
      `${at}.content_hash`,
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].contributor.type = 'robot')),
      'files[0].conversations[0].contributor.type',
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].contributor.model_id = 'm'.repeat(251))),
      'files[0].conversations[0].contributor.model_id',
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].url = 'not a uri')),
      'files[0].conversations[0].url',
    );
    leftOut(
      mutate((r) => (r.files[0].conversations[0].related[0].url = 'javascript alert')),
      'files[0].conversations[0].related[0].url',
    );
    leftOut(
      mutate((r) => (r.files[0].conversations = {})),
      'files[0].conversations',
    );
  });

  it('bounds sizes: files, conversations, ranges and covered lines', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ start_line: i + 1, end_line: i + 1 }));
    assert.throws(
      () =>
        parseAgentTrace(
          mutate((r) => (r.files = [r.files[0], r.files[0], r.files[0]])),
          { maxFiles: 2 },
        ),
      /more than 2 entries/,
    );
    assert.throws(
      () =>
        parseAgentTrace(
          mutate((r) => (r.files[0].conversations[0].ranges = many(11))),
          { maxRanges: 10 },
        ),
      /more than 10/,
    );
    assert.throws(() => parseAgentTrace(foreign(), { maxConversations: 1 }), /more than 1 /);
    const wide = mutate(
      (r) =>
        (r.files[0].conversations[0].ranges = [
          { start_line: 1, end_line: 4_000_000 },
          { start_line: 1, end_line: 4_000_000 },
        ]),
    );
    assert.throws(() => parseAgentTrace(wide), /ranges cover more than 5000000 lines/);
  });

  it('validates our own metadata strictly', () => {
    const ours = JSON.parse(JSON.stringify(buildAgentTrace([file('a', [ai('1', CLAUDE)])], buildOptions()))) as Record<
      string,
      any
    >;
    assert.doesNotThrow(() => parseAgentTrace(ours));
    const facts = (edit: (f: Record<string, any>) => void) => {
      const copy = JSON.parse(JSON.stringify(ours));
      edit(copy.metadata['dev.ai-provenance'].conversations[0]);
      return copy;
    };
    const at = 'metadata["dev.ai-provenance"].conversations[0]';
    rejects(
      facts((f) => (f.file = 3)),
      `${at}.file`,
      /no such file/,
    );
    rejects(
      facts((f) => (f.conversation = -1)),
      `${at}.conversation`,
    );
    rejects(
      facts((f) => (f.kind = 'telepathy')),
      `${at}.kind`,
    );
    rejects(
      facts((f) => (f.tool = 5)),
      `${at}.tool`,
    );
    rejects(
      facts((f) => (f.time = null)),
      `${at}.time`,
    );
    rejects(
      facts((f) => (f.session = 'x'.repeat(2000))),
      `${at}.session`,
    );
    const twice = JSON.parse(JSON.stringify(ours));
    twice.metadata['dev.ai-provenance'].conversations.push(twice.metadata['dev.ai-provenance'].conversations[0]);
    rejects(twice, 'metadata["dev.ai-provenance"].conversations[1]', /described twice/);
  });

  it('is not confused by prototype keys and keeps only known fields', () => {
    const text = JSON.stringify(foreign()).replace('"files":', '"__proto__":{"polluted":true},"extra":1,"files":');
    const r = parseAgentTrace(text) as AgentTraceRecord & Record<string, unknown>;
    assert.equal(r.extra, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
  });

  it('merges entries for the same path when reading lines', () => {
    const r = mutate((x) => {
      x.files.push({
        path: 'src/app.ts',
        conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 30, end_line: 30 }] }],
      });
    });
    const lines = recordLineAttributions(parseAgentTrace(r));
    assert.equal(lines.length, 1);
    assert.deepEqual([...lines[0].lines.keys()], [1, 2, 5, 30]);
  });
});

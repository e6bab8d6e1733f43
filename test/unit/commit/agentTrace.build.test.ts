import * as assert from 'node:assert/strict';
import { contentHash } from '../../../src/core/hash';
import { buildAgentTrace, METADATA_KEY, provenanceMetadata, uuidV4 } from '../../../src/core/commit';
import { ai, buildOptions, CLAUDE, COPILOT, counterBytes, file, human, mixed } from './fixtures';

describe('Agent Trace: builder', () => {
  const sample = () => [
    file('src/a.ts', [
      human('import x'),
      ai('const a = 1;', COPILOT),
      ai('const b = 2;', COPILOT),
      mixed('const c = a + b; // tweaked', COPILOT),
      human(''),
      ai('function f() {', CLAUDE),
      ai('  return 1;', [CLAUDE, COPILOT]),
      ai('}', CLAUDE),
    ]),
    file('README.md', [human('# readme')]),
    file('src/b.ts', [mixed('x', CLAUDE, false)]),
  ];

  it('writes the record header: version, UUID v4, RFC 3339 time, vcs and tool', () => {
    const r = buildAgentTrace(sample(), buildOptions());
    assert.equal(r.version, '0.1.0');
    assert.match(r.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(r.timestamp, '2026-01-15T12:30:00.000Z');
    assert.deepEqual(r.vcs, { type: 'git', revision: '0123456789abcdef0123456789abcdef01234567' });
    assert.deepEqual(r.tool, { name: 'ai-provenance', version: '0.1.0' });
  });

  it('groups consecutive lines per conversation, with mixed as a range-level override', () => {
    const r = buildAgentTrace(sample(), buildOptions());
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['src/a.ts', 'src/b.ts'],
      'files without AI lines are left out',
    );
    const [copilot, claude] = r.files[0].conversations;
    assert.deepEqual(copilot.contributor, { type: 'ai', model_id: 'openai/gpt-4o' });
    assert.deepEqual(
      copilot.ranges.map((x) => [x.start_line, x.end_line, x.contributor?.type ?? 'ai']),
      [
        [2, 3, 'ai'],
        [4, 4, 'mixed'],
        [7, 7, 'ai'],
      ],
    );
    assert.deepEqual(copilot.ranges[1].contributor, { type: 'mixed', model_id: 'openai/gpt-4o' });
    assert.deepEqual(
      claude.ranges.map((x) => [x.start_line, x.end_line]),
      [[6, 8]],
    );
    assert.equal(claude.ranges[0].content_hash, contentHash('function f() {\n  return 1;\n}'));
    assert.equal(copilot.ranges[0].content_hash, contentHash('const a = 1;\nconst b = 2;'));
  });

  it('keeps kind, tool, session and time under the reverse-DNS metadata key', () => {
    const r = buildAgentTrace(sample(), buildOptions());
    assert.deepEqual(Object.keys(r.metadata ?? {}), [METADATA_KEY]);
    assert.deepEqual(provenanceMetadata(r)?.conversations, [
      { file: 0, conversation: 0, kind: 'inline', tool: 'GitHub Copilot', time: 1000 },
      { file: 0, conversation: 1, kind: 'agent', tool: 'claude-code', session: 'sess-1', time: 2000 },
      { file: 1, conversation: 0, kind: 'agent', tool: 'claude-code', session: 'sess-1', time: 2000 },
    ]);
  });

  it('one conversation per tool+model+session+kind, earliest time kept', () => {
    const other = { ...CLAUDE, session: 'sess-2' };
    const later = { ...CLAUDE, time: 1 };
    const r = buildAgentTrace(
      [file('a', [ai('1', CLAUDE), ai('2', other), ai('3', later), ai('4', [CLAUDE, CLAUDE])])],
      buildOptions(),
    );
    assert.equal(r.files[0].conversations.length, 2);
    assert.deepEqual(
      r.files[0].conversations[0].ranges.map((x) => [x.start_line, x.end_line]),
      [
        [1, 1],
        [3, 4],
      ],
    );
    assert.equal(provenanceMetadata(r)?.conversations[0].time, 1);
  });

  it('sets the conversation url only from a session that is a URL', () => {
    const url = 'https://claude.ai/code/session_01AbC';
    const r = buildAgentTrace(
      [file('a', [ai('1', { ...CLAUDE, session: url }), ai('2', { ...CLAUDE, session: 'https://x y' })])],
      buildOptions(),
    );
    assert.equal(r.files[0].conversations[0].url, url);
    assert.equal(r.files[0].conversations[1].url, undefined);
  });

  it('is deterministic for the same input and random bytes; ids differ with the bytes', () => {
    assert.deepEqual(buildAgentTrace(sample(), buildOptions()), buildAgentTrace(sample(), buildOptions()));
    assert.notEqual(
      buildAgentTrace(sample(), buildOptions()).id,
      buildAgentTrace(sample(), buildOptions({ randomBytes: counterBytes(99) })).id,
    );
  });

  it('bounds model ids to the schema limit', () => {
    const r = buildAgentTrace([file('a', [ai('1', { ...COPILOT, model: 'p/' + 'm'.repeat(400) })])], buildOptions());
    assert.equal(r.files[0].conversations[0].contributor?.model_id?.length, 250);
  });

  it('an empty commit gives a valid empty record', () => {
    const r = buildAgentTrace([], buildOptions());
    assert.deepEqual(r.files, []);
  });

  it('refuses paths outside the repository, duplicates, AI lines without origin and bad options', () => {
    for (const path of ['/etc/passwd', '../x', 'a/../../x', 'C:/x', 'a\\..\\b', '\\x', 'a\nb', '', 'a//b', './a']) {
      assert.throws(() => buildAgentTrace([file(path, [ai('1', CLAUDE)])], buildOptions()), RangeError, path);
    }
    assert.throws(() => buildAgentTrace([file('a', []), file('a', [])], buildOptions()), /listed twice/);
    assert.throws(
      () => buildAgentTrace([file('a', [{ text: 'x', cls: 'ai', origins: [], added: true }])], buildOptions()),
      /a:1 is classified ai but has no origin/,
    );
    assert.throws(() => buildAgentTrace([], buildOptions({ revision: ' ' })), /invalid revision/);
    assert.throws(() => buildAgentTrace([], buildOptions({ now: NaN })), /finite/);
    assert.throws(() => uuidV4(() => new Uint8Array(3)), /16 bytes/);
  });
});

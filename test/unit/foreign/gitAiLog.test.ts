import * as assert from 'node:assert/strict';
import { parseAgentTrace } from '../../../src/core/commit/agentTraceParse';
import { recordRanges } from '../../../src/core/commit/agentTraceRead';
import { FOREIGN_LIMITS, parseGitAiLog, type ForeignConversion } from '../../../src/core/foreign';
import { COMMIT, gitAiV0, gitAiV3 } from './fixtures';

/** path -> "tool|model|start-end" per AI range, as blame would read the converted record. */
function lines(c: ForeignConversion): Record<string, string[]> {
  assert.ok(c.record, c.rejected ?? 'no record');
  // The converted record is a valid Agent Trace record of ours: it survives our own hostile-input parser.
  const reparsed = parseAgentTrace(JSON.stringify(c.record));
  const out: Record<string, string[]> = {};
  for (const f of recordRanges(reparsed))
    out[f.path] = f.ranges.map((r) => `${r.origin.tool}|${r.origin.model ?? ''}|${r.start_line}-${r.end_line}`);
  return out;
}

describe('git-ai authorship logs', () => {
  it('reads authorship/3.0.0: session and legacy prompt keys are AI with their tool, known humans stay human', () => {
    const c = parseGitAiLog(gitAiV3(), COMMIT, 1_700_000_000_000);
    assert.equal(c.format, 'authorship/3.0.0');
    assert.deepEqual(c.skipped, []);
    assert.deepEqual(lines(c), {
      'lib/parse.ts': ['git-ai: claude|model-a|2-4', 'git-ai: claude|model-a|8-8'],
      'docs/read me.md': ['git-ai: cursor|model-b|1-2'],
    });
    assert.equal(c.aiLines, 6);
    assert.equal(c.record!.vcs!.revision, COMMIT);
    assert.equal(c.record!.tool!.name, 'git-ai');
    assert.equal(c.record!.tool!.version, '1.9.9');
  });

  it('is deterministic (the same note converts to the same record)', () => {
    assert.deepEqual(parseGitAiLog(gitAiV3(), COMMIT, 5), parseGitAiLog(gitAiV3(), COMMIT, 5));
  });

  it('a later entry wins the lines it shares with an earlier one', () => {
    const c = parseGitAiLog(
      gitAiV3(['a.ts', '  s_0a1b2c3d4e5f60::t_1 1-10', '  h_55aa55aa55aa55 4-6'].join('\n')),
      COMMIT,
    );
    assert.deepEqual(lines(c), { 'a.ts': ['git-ai: claude|model-a|1-3', 'git-ai: claude|model-a|7-10'] });
  });

  it('keeps lines of keys without a metadata record as AI of an unknown tool, and says so once', () => {
    const c = parseGitAiLog(gitAiV3(['a.ts', '  0123456789abcdef 1', '  1234567 2'].join('\n')), COMMIT);
    assert.deepEqual(lines(c), { 'a.ts': ['git-ai: unknown||1-2'] });
    assert.equal(c.skipped.length, 1);
    assert.match(c.skipped[0], /2 key\(s\) without a session or prompt record/);
  });

  it('reads authorship/0.0.1 JSON: agent_metadata or an AI tool name is AI, a person is not', () => {
    const c = parseGitAiLog(gitAiV0(), COMMIT);
    assert.equal(c.format, 'authorship/0.0.1');
    assert.deepEqual(lines(c), {
      'src/app.py': ['git-ai: Claude Code||3-3', 'git-ai: Claude Code||5-7', 'git-ai: helper|model-c|9-9'],
    });
  });

  it('reads the earliest 0.0.1 logs that carry no schema_version', () => {
    assert.equal(parseGitAiLog(gitAiV0(undefined, undefined), COMMIT).aiLines, 5);
  });

  describe('hostile input', () => {
    it('refuses a note over the size bound without parsing it (a 100 MB note)', () => {
      const huge = 'a.ts\n  0123456789abcdef ' + '1,'.repeat(50 * 1024 * 1024) + '\n---\n{}';
      assert.ok(huge.length > 100 * 1024 * 1024);
      const c = parseGitAiLog(huge, COMMIT);
      assert.match(c.rejected!, /exceeds 8388608/);
      assert.equal(c.record, undefined);
    });

    it('refuses a note whose ranges cover more lines than the bound, instead of allocating them', () => {
      const c = parseGitAiLog(gitAiV3(['a.ts', '  0123456789abcdef 1-3000000'].join('\n')), COMMIT);
      assert.match(c.rejected!, /more than 2000000 lines/);
      const many = Array.from({ length: FOREIGN_LIMITS.maxRanges + 1 }, (_, i) => String(2 * i + 1)).join(',');
      assert.match(
        parseGitAiLog(gitAiV3(`a.ts\n  0123456789abcdef ${many}`), COMMIT).rejected!,
        /more than 200000 ranges/,
      );
    });

    it('reads an entry with more ranges than a function call takes arguments', () => {
      const many = Array.from({ length: 150_000 }, (_, i) => String(2 * i + 1)).join(',');
      assert.equal(parseGitAiLog(gitAiV3(`a.ts\n  0123456789abcdef ${many}`), COMMIT).aiLines, 150_000);
    });

    it('invalid metadata JSON keeps the attested lines (tool unknown) and says why', () => {
      const c = parseGitAiLog(gitAiV3(undefined, '{"schema_version": "authorship/3.0.0", "sessions": {'), COMMIT);
      assert.deepEqual(lines(c), {
        'lib/parse.ts': ['git-ai: unknown||2-4', 'git-ai: unknown||8-8'],
        'docs/read me.md': ['git-ai: unknown||1-2'],
      });
      assert.match(c.skipped[0], /metadata after --- is not a JSON object/);
    });

    it('invalid 0.0.1 JSON is refused with the parser message', () => {
      const c = parseGitAiLog('{"files": {"a.ts": ', COMMIT);
      assert.match(c.rejected!, /git-ai note is not valid JSON/);
    });

    it('leaves out paths outside the repository, absolute paths and control characters, keeping the rest', () => {
      const section = [
        '../outside.ts',
        '  0123456789abcdef 1',
        '/etc/passwd',
        '  0123456789abcdef 1',
        'C:/win.ts',
        '  0123456789abcdef 1',
        'a/../../b.ts',
        '  0123456789abcdef 1',
        'bad\u0000name.ts',
        '  0123456789abcdef 1',
        'ok.ts',
        '  0123456789abcdef 3',
      ].join('\n');
      const c = parseGitAiLog(gitAiV3(section), COMMIT);
      assert.deepEqual(Object.keys(lines(c)), ['ok.ts']);
      assert.equal(c.skipped.filter((s) => /its entries left out/.test(s)).length, 5);
      assert.ok(c.skipped.some((s) => /control characters/.test(s)));
      assert.ok(c.skipped.some((s) => /absolute/.test(s)));

      const v0 = parseGitAiLog(
        gitAiV0({
          '../x.py': { file: '../x.py', authors: [{ author: 'Claude', lines: [1] }] },
          '/abs.py': { file: '/abs.py', authors: [{ author: 'Claude', lines: [1] }] },
          'fine.py': { file: 'fine.py', authors: [{ author: 'Claude', lines: [1] }] },
        }),
        COMMIT,
      );
      assert.deepEqual(Object.keys(lines(v0)), ['fine.py']);
      assert.equal(v0.skipped.length, 2);
    });

    it('drops labels with control characters and bad ranges, one message each', () => {
      const meta = {
        schema_version: 'authorship/3.0.0',
        base_commit_sha: COMMIT,
        prompts: {},
        sessions: { s_0a1b2c3d4e5f60: { agent_id: { tool: 'evil\u001b[2Jtool', id: 'x', model: 'm' } } },
      };
      const section = [
        'a.ts',
        '  s_0a1b2c3d4e5f60::t_1 1-2',
        '  s_0a1b2c3d4e5f60::t_2 5-3',
        '  s_0a1b2c3d4e5f60::t_3 0',
        '  s_0a1b2c3d4e5f60::t_4 x-y',
        '  no_such_key 1',
      ].join('\n');
      const c = parseGitAiLog(gitAiV3(section, meta), COMMIT);
      assert.deepEqual(lines(c), { 'a.ts': ['git-ai: unknown|m|1-2'] });
      assert.equal(c.skipped.length, 5, c.skipped.join('\n'));
      assert.ok(c.skipped.some((s) => /control characters/.test(s)));
      assert.doesNotMatch(JSON.stringify(c.record), /\\u001b/);
    });

    it('refuses an unsupported schema_version and text that is no authorship log', () => {
      const wrong = parseGitAiLog(gitAiV3(undefined, { schema_version: 'authorship/9.0.0', prompts: {} }), COMMIT);
      assert.match(wrong.rejected!, /unsupported git-ai schema_version "authorship\/9\.0\.0"/);
      assert.match(parseGitAiLog(gitAiV0(undefined, 'authorship/0.0.2'), COMMIT).rejected!, /unsupported/);
      assert.match(parseGitAiLog('src/a.rs   2b3fe06 1-4\n', COMMIT).rejected!, /not a git-ai authorship log/);
      assert.match(parseGitAiLog('[1,2]', COMMIT).rejected!, /not a git-ai authorship log|not a JSON object/);
    });

    it('does not reach the prototype through keys like __proto__', () => {
      const c = parseGitAiLog(gitAiV3(['a.ts', '  __proto__ 1', '  constructor 2'].join('\n')), COMMIT);
      assert.equal(c.record, undefined);
      assert.equal(c.skipped.length, 2);
    });

    it('a log with no AI line gives no record (untracked lines are not evidence)', () => {
      const c = parseGitAiLog(gitAiV3(''), COMMIT);
      assert.equal(c.record, undefined);
      assert.equal(c.rejected, undefined);
    });
  });
});

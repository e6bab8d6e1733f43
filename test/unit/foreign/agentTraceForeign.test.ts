import * as assert from 'node:assert/strict';
import { interpretNote } from '../../../src/core/blame';
import { buildAgentTrace } from '../../../src/core/commit/agentTrace';
import { recordRanges } from '../../../src/core/commit/agentTraceRead';
import {
  clipRecord,
  parseForeignAgentTrace,
  parseGitAiLog,
  recordAiLines,
  subtractRanges,
  withForeignEvidence,
} from '../../../src/core/foreign';
import { COMMIT, agentTraceRecord, gitAiV3 } from './fixtures';

function summary(record: Parameters<typeof recordRanges>[0]): string[] {
  return recordRanges(record).flatMap((f) =>
    f.ranges.map((r) => `${f.path}:${r.start_line}-${r.end_line} ${r.cls} ${r.origin.tool} ${r.origin.model ?? ''}`),
  );
}

describe('Agent Trace notes from other writers', () => {
  it('reads one record, labelling its tool with the source', () => {
    const c = parseForeignAgentTrace(JSON.stringify(agentTraceRecord()), COMMIT);
    assert.deepEqual(c.skipped, []);
    assert.deepEqual(summary(c.record!), ['pkg/main.go:4-6 ai agent-trace: trace-writer vendor/model-d']);
    assert.equal(c.format, 'agent-trace 0.1.0');
  });

  it('reads a JSON array of records and records one after another; records about other revisions are left out', () => {
    const other = agentTraceRecord({ vcs: { type: 'git', revision: 'ffffffffffffffffffffffffffffffffffffffff' } });
    const second = agentTraceRecord({
      files: [
        { path: 'b.go', conversations: [{ contributor: { type: 'mixed' }, ranges: [{ start_line: 1, end_line: 1 }] }] },
      ],
    });
    const asArray = parseForeignAgentTrace(JSON.stringify([agentTraceRecord(), other, second]), COMMIT);
    assert.deepEqual(summary(asArray.record!), [
      'pkg/main.go:4-6 ai agent-trace: trace-writer vendor/model-d',
      'b.go:1-1 mixed agent-trace: trace-writer ',
    ]);
    assert.equal(asArray.skipped.length, 1);
    assert.match(asArray.skipped[0], /about revision ffffffffffff, not this commit/);
    const concatenated = parseForeignAgentTrace(
      [agentTraceRecord(), other, second].map((r) => JSON.stringify(r)).join('\n\n'),
      COMMIT,
    );
    assert.deepEqual(concatenated.record, asArray.record);
  });

  describe('hostile input', () => {
    it('refuses a note over the size bound (a 100 MB note) without parsing it', () => {
      const huge = '[' + ' '.repeat(100 * 1024 * 1024) + ']';
      assert.match(parseForeignAgentTrace(huge, COMMIT).rejected!, /exceeds 8388608/);
    });

    it('invalid JSON is refused with the parser message; a bad record next to a good one loses only itself', () => {
      assert.match(parseForeignAgentTrace('[{"version": ', COMMIT).rejected!, /not valid JSON/);
      assert.match(parseForeignAgentTrace('{"version": "0.1.0", ', COMMIT).rejected!, /unterminated JSON object/);
      const mixed = parseForeignAgentTrace(
        JSON.stringify(agentTraceRecord()) + '\n{"version": "0.1.0", "id": 3}',
        COMMIT,
      );
      assert.equal(mixed.aiLines, 3);
      assert.match(mixed.skipped[0], /record 2: invalid Agent Trace record at id/);
    });

    it('refuses a wrong version', () => {
      const c = parseForeignAgentTrace(JSON.stringify(agentTraceRecord({ version: '2.0.0' })), COMMIT);
      assert.match(c.rejected!, /unsupported version "2\.0\.0"/);
    });

    it('leaves out files outside the repository, absolute paths and line breaks (other characters git allows stay)', () => {
      const files = ['../up.go', '/abs.go', 'x/\nbreak.go', 'x/\u0007bell.go', 'ok.go'].map((path) => ({
        path,
        conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 1, end_line: 2 }] }],
      }));
      const c = parseForeignAgentTrace(JSON.stringify(agentTraceRecord({ files })), COMMIT);
      assert.deepEqual(
        recordRanges(c.record!).map((f) => f.path),
        ['x/\u0007bell.go', 'ok.go'],
      );
      assert.equal(c.skipped.length, 3);
    });
  });
});

describe('foreign records as evidence beside ours', () => {
  const ours = buildAgentTrace(
    [
      {
        path: 'lib/parse.ts',
        lines: ['h', 'h', 'ours', 'ours', 'h', 'h', 'h', 'h'].map((text) =>
          text === 'ours'
            ? { text, cls: 'ai' as const, origins: [{ kind: 'inline' as const, tool: 'GitHub Copilot', time: 1 }] }
            : { text, cls: 'human' as const, origins: [] },
        ),
      },
    ],
    { revision: COMMIT, toolVersion: '1', now: 2, randomBytes: () => new Uint8Array(16).fill(7) },
  );

  it('subtracts covered lines from a range', () => {
    assert.deepEqual(
      subtractRanges(1, 10, [
        [3, 4],
        [8, 20],
      ]),
      [
        [1, 2],
        [5, 7],
      ],
    );
    assert.deepEqual(subtractRanges(5, 6, [[1, 10]]), []);
  });

  it('ours wins where both attribute a line; the foreign record adds only the lines ours leaves free', () => {
    const own = interpretNote(COMMIT, { text: JSON.stringify(ours) });
    const foreign = parseGitAiLog(gitAiV3(), COMMIT);
    const p = withForeignEvidence(own, [{ source: 'git-ai', conversion: foreign }]);
    const parse = p.ranges!.get('lib/parse.ts')!.map((r) => `${r.start_line}-${r.end_line} ${r.origin.tool}`);
    assert.deepEqual(parse, ['3-4 GitHub Copilot', '2-2 git-ai: claude', '8-8 git-ai: claude']);
    assert.deepEqual(
      p.ranges!.get('docs/read me.md')!.map((r) => r.origin.tool),
      ['git-ai: cursor'],
    );
    const clipped = clipRecord(foreign.record!, new Map([['lib/parse.ts', [[3, 4]] as Array<[number, number]>]]));
    assert.equal(recordAiLines(clipped), recordAiLines(foreign.record!) - 2);
  });

  it('without a note of ours the foreign record is the record; a refused one is reported, never silently dropped', () => {
    const p = withForeignEvidence({ commit: COMMIT, trusted: false }, [
      { source: 'git-ai', conversion: parseGitAiLog(gitAiV3(), COMMIT) },
    ]);
    assert.equal(p.trusted, true);
    assert.ok(p.record);
    const refused = withForeignEvidence({ commit: COMMIT, trusted: false }, [
      { source: 'agent-trace', conversion: parseForeignAgentTrace('[', COMMIT) },
    ]);
    assert.equal(refused.record, undefined);
    assert.match(refused.rejected!, /^agent-trace note: agent-trace note is not valid JSON/);
  });
});

import * as assert from 'node:assert/strict';
import { buildAgentTrace, type AgentTraceRecord } from '../../../src/core/commit/agentTrace';
import { parseAgentTrace } from '../../../src/core/commit/agentTraceParse';
import {
  MAX_RECORDS_PER_NOTE,
  formatNoteRecord,
  parseNoteRecords,
  splitJsonObjects,
} from '../../../src/core/rewrite/noteRecords';
import { unionNoteRecords } from '../../../src/core/rewrite/recordUnion';

const REV_A = 'a'.repeat(40);
const REV_B = 'b'.repeat(40);
let counter = 0;
const bytes = () => Uint8Array.from({ length: 16 }, (_, i) => (i + counter++) % 256);

function record(revision: string, aiLines: number[], tool = 'claude-code', session = 's'): AgentTraceRecord {
  const lines = Array.from({ length: 8 }, (_, i) => ({
    text: `line ${i + 1}`,
    cls: aiLines.includes(i + 1) ? ('ai' as const) : ('human' as const),
    origins: aiLines.includes(i + 1) ? [{ kind: 'agent' as const, tool, session, time: 1000 + aiLines[0] }] : [],
  }));
  return buildAgentTrace([{ path: 'f.ts', lines }], {
    revision,
    toolVersion: '1',
    now: 1_700_000_000_000,
    randomBytes: bytes,
  });
}

describe('rewrite: note text', () => {
  it('reads one record, and git-concatenated records (blank line between)', () => {
    const one = formatNoteRecord(record(REV_A, [1]));
    assert.equal(parseNoteRecords(one).records.length, 1);
    const two = one.trimEnd() + '\n\n' + formatNoteRecord(record(REV_B, [2]));
    const parsed = parseNoteRecords(two);
    assert.deepEqual(
      parsed.records.map((r) => r.vcs?.revision),
      [REV_A, REV_B],
    );
    assert.deepEqual(parsed.errors, []);
  });

  it('splits on top-level objects only: braces inside strings do not count', () => {
    const { objects, errors } = splitJsonObjects('{"a":"} {"}\n{"b":[1,{"c":"\\"}"}]}');
    assert.deepEqual(objects, ['{"a":"} {"}', '{"b":[1,{"c":"\\"}"}]}']);
    assert.deepEqual(errors, []);
  });

  it('reports garbage and broken records, keeps the good ones', () => {
    const text = 'hello\n' + formatNoteRecord(record(REV_A, [1])) + '{"version":"9"}\n{"unterminated": ';
    const parsed = parseNoteRecords(text);
    assert.equal(parsed.records.length, 1);
    assert.equal(parsed.errors.length, 3);
    assert.ok(parsed.errors.some((e) => /unexpected text/.test(e)));
    assert.ok(parsed.errors.some((e) => /record 2: invalid Agent Trace record/.test(e)));
    assert.ok(parsed.errors.some((e) => /unterminated/.test(e)));
  });

  it('bounds the number of records read from one note', () => {
    const many = Array.from({ length: MAX_RECORDS_PER_NOTE + 5 }, () => formatNoteRecord(record(REV_A, [1]))).join(
      '\n',
    );
    const parsed = parseNoteRecords(many);
    assert.equal(parsed.records.length, MAX_RECORDS_PER_NOTE);
    assert.match(parsed.errors[0], /more than/);
  });
});

describe('rewrite: union of concurrent records', () => {
  it('merges records of one revision, dropping duplicate ranges, and is order-independent', () => {
    const a = record(REV_A, [1, 2]);
    const b = record(REV_A, [2, 5], 'GitHub Copilot', 't');
    const ab = unionNoteRecords([a, b]);
    const ba = unionNoteRecords([b, a]);
    assert.equal(ab.length, 1);
    assert.deepEqual(ab, ba);
    const merged = parseAgentTrace(JSON.parse(JSON.stringify(ab[0])));
    const ranges = merged.files[0].conversations.flatMap((c) => c.ranges.map((r) => `${r.start_line}-${r.end_line}`));
    assert.deepEqual(ranges.sort(), ['1-2', '2-2', '5-5']);
    assert.deepEqual(unionNoteRecords([a, a]), [a]);
  });

  it('keeps records of different revisions side by side', () => {
    const out = unionNoteRecords([record(REV_A, [1]), record(REV_B, [2])]);
    assert.deepEqual(
      out.map((r) => r.vcs?.revision),
      [REV_A, REV_B],
    );
  });
});

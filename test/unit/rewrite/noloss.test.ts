import * as assert from 'node:assert/strict';
import type { Origin } from '../../../src/core/attribution/origin';
import { addedLinesOnly, spanChars, unstashedSpans } from '../../../src/core/rewrite/stagedLines';
import { remapRecord } from '../../../src/core/state/remapRecord';
import { contentHash } from '../../../src/core/hash';

const AI: Origin = { kind: 'agent', tool: 't', time: 1 };

describe('no-loss decisions (pure)', () => {
  it('addedLinesOnly: lines a parent has are left out and counted', () => {
    const lines = new Map([
      [1, { cls: 'ai' as const, origins: [AI] }],
      [2, { cls: 'ai' as const, origins: [AI] }],
      [3, { cls: 'mixed' as const, origins: [AI] }],
    ]);
    const out = addedLinesOnly(lines, [false, true, true]);
    assert.deepEqual([...out.lines.keys()], [2, 3]);
    assert.equal(out.unchanged, 1);
  });

  it('unstashedSpans: a pop onto a changed base moves the spans; a work tree back at HEAD gets none', () => {
    const head = 'a\nb\n';
    const stashed = 'a\nAI\nb\n';
    const popped = 'top\na\nAI\nb\n';
    const spans = unstashedSpans(stashed, popped, 'top\na\nb\n', [[2, 4, 0]]);
    assert.deepEqual(
      spans.map(([s, e]) => popped.slice(s, e)),
      ['AI'],
    );
    assert.deepEqual(unstashedSpans(stashed, head, head, [[2, 4, 0]]), []);
    assert.equal(
      spanChars([
        [0, 3, 0],
        [5, 6, 0],
      ]),
      4,
    );
  });

  it('unstashedSpans aligns whole lines: a committed line sharing a start with the AI line above keeps none of it', () => {
    // Character-first, `top\nfoo(` + `1);\nfoo(` + `2);\n` against HEAD: the human `foo(2);` got `foo(` as AI.
    const stashed = 'foo(1);\nfoo(2);\n';
    const popped = 'top\nfoo(1);\nfoo(2);\n';
    const spans = unstashedSpans(stashed, popped, 'top\nfoo(2);\n', [[0, 8, 0]]);
    assert.deepEqual(
      spans.map(([s, e]) => popped.slice(s, e)),
      ['foo(1);\n'],
    );
  });

  it('unstashedSpans keeps a new AI line whose characters HEAD has on the lines it replaced', () => {
    const stashed = 'ab();\nx\n';
    const popped = 'top\nab();\nx\n';
    const spans = unstashedSpans(stashed, popped, 'top\na();\nb();\nx\n', [[0, 6, 0]]);
    assert.deepEqual(
      spans.map(([s, e]) => popped.slice(s, e)),
      ['ab();\n'],
    );
  });

  it('remapRecord: spans follow an outside edit; the record describes the new text', () => {
    const old = 'x = 1\nai()\n';
    const now = '# header\nx = 1\nai()\n// tail\n';
    const record = {
      version: 1 as const,
      path: 'f',
      contentHash: contentHash(old),
      length: old.length,
      origins: [AI],
      spans: [[6, 10, 0] as const],
      updated: 5,
    };
    const moved = remapRecord(record, old, now);
    assert.equal(moved.contentHash, contentHash(now));
    assert.equal(moved.length, now.length);
    assert.deepEqual(
      moved.spans.map(([s, e]) => now.slice(s, e)),
      ['ai()'],
    );
    assert.equal(moved.updated, 5);
    assert.equal(remapRecord(record, old, old), record);
  });

  it('remapRecord aligns whole lines: a line inserted below an AI line ending alike does not take its characters', () => {
    const old = 'h0();\nh1();\nai3();\nh2();\n';
    const now = 'h4();\nh0();\nh1();\nai3();\nh5();\nh2();\n';
    const start = old.indexOf('ai3');
    const record = {
      version: 1 as const,
      path: 'f',
      contentHash: contentHash(old),
      length: old.length,
      origins: [AI],
      spans: [[start, start + 7, 0] as const],
      updated: 1,
    };
    assert.deepEqual(
      remapRecord(record, old, now).spans.map(([s, e]) => now.slice(s, e)),
      ['ai3();\n'],
    );
  });
});

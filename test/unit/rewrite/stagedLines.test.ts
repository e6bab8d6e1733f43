import * as assert from 'node:assert/strict';
import type { Origin } from '../../../src/core/attribution/origin';
import { OriginTable } from '../../../src/core/attribution/origin';
import type { StateSpan } from '../../../src/core/state/fileRecord';
import {
  attributeLinesOf,
  keepWholeSourceLines,
  reanchorSpans,
  uncommittedSpans,
} from '../../../src/core/rewrite/stagedLines';
import {
  StagedAttributionError,
  parseStagedAttribution,
  serializeStagedAttribution,
  stagedLineMap,
  toStagedFile,
  type StagedAttribution,
} from '../../../src/core/rewrite/stagedAttribution';

const A: Origin = { kind: 'agent', tool: 'claude-code', time: 5 };
const spansOf = (text: string, needle: string): StateSpan[] => {
  const i = text.indexOf(needle);
  return [[i, i + needle.length, 0]];
};

describe('rewrite: working-state spans onto staged lines', () => {
  const working = 'keep();\nai_one();\nai_two();\nunstaged_ai();\n';

  it('the staged text gets the AI lines it contains, numbered like splitLines', () => {
    const staged = 'keep();\nai_one();\nai_two();\n';
    const spans: StateSpan[] = [
      [8, 27, 0],
      [28, 42, 0],
    ];
    const lines = attributeLinesOf(working, staged, { origins: [A], spans });
    assert.deepEqual(
      [...lines],
      [
        [2, { cls: 'ai', origins: [A] }],
        [3, { cls: 'ai', origins: [A] }],
      ],
    );
  });

  it('a line with human and AI characters is mixed; CRLF and a lone CR count lines like splitLines', () => {
    const text = 'x = ai();\r\nother\rlast\n';
    const lines = attributeLinesOf(text, text, { origins: [A], spans: spansOf(text, 'ai()') });
    assert.deepEqual([...lines], [[1, { cls: 'mixed', origins: [A] }]]);
    const lone = 'a\rbb\n';
    assert.deepEqual([...attributeLinesOf(lone, lone, { origins: [A], spans: [[2, 4, 0]] }).keys()], [1]);
  });

  it('spans that do not fit the text are an error', () => {
    assert.throws(() => attributeLinesOf('ab', 'ab', { origins: [A], spans: [[0, 9, 0]] }));
  });

  it('after a commit only unstaged AI text stays in the working state', () => {
    const spans: StateSpan[] = [
      [8, 17, 0],
      [28, 42, 0],
    ];
    assert.deepEqual(uncommittedSpans(working, working, spans), []);
    const committed = 'keep();\nai_one();\nai_two();\n';
    assert.deepEqual(uncommittedSpans(working, committed, spans), [[28, 42, 0]]);
    // Only ai_two was staged: at least the unstaged line's characters stay, never all (the character diff decides
    // exactly which).
    const partial = 'keep();\nai_two();\n';
    const left = uncommittedSpans(working, partial, [[8, 27, 0]]);
    const total = left.reduce((n, [s, e]) => n + e - s, 0);
    assert.ok(total >= 10 && total < 19, `${total} characters left`);
    assert.ok(left.every(([s, e]) => s >= 8 && e <= 27));
  });

  it('re-anchors remaining spans when the working file changed meanwhile', () => {
    const text = 'a\nAI\n';
    assert.deepEqual(reanchorSpans(text, '// new\na\nAI\n', [[2, 4, 0]]), [[9, 11, 0]]);
  });
});

describe('rewrite: a parked (stashed) record onto a commit', () => {
  it('keeps only AI lines that came back whole, not lines that merely look alike', () => {
    const origins: Origin[] = [{ kind: 'inline', tool: 'T', time: 1 }];
    const stashed = 'h();\nai_3;\nkeep();\n';
    const start = stashed.indexOf('ai_3;');
    const source = { origins, spans: [[start, start + 'ai_3;\n'.length, 0]] as StateSpan[] };
    // The stash took `ai_3;` away; a commit on the base added `human_5;` in its place.
    const staged = 'h();\nhuman_5;\nkeep();\n';
    const lines = attributeLinesOf(stashed, staged, source);
    assert.ok(lines.size > 0, 'the character remap alone lends `;` to the look-alike line');
    assert.deepEqual([...keepWholeSourceLines(lines, stashed, staged, source).keys()], []);
    // The AI line itself back (the stash popped without our hook): kept.
    const back = 'h();\nai_3;\nkeep();\nmore();\n';
    assert.deepEqual(
      [...keepWholeSourceLines(attributeLinesOf(stashed, back, source), stashed, back, source).keys()],
      [2],
    );
  });
});

describe('rewrite: the staged attribution file', () => {
  const table = new OriginTable();
  const file = toStagedFile(
    'src/a.ts',
    'c'.repeat(40),
    new Map([
      [3, { cls: 'ai' as const, origins: [A] }],
      [1, { cls: 'human' as const, origins: [] }],
    ]),
    table,
    'src/old.ts',
  );
  const value: StagedAttribution = {
    version: 1,
    tree: 'd'.repeat(40),
    created: 1,
    source: 'message',
    amend: false,
    trailerStage: 'prepare',
    trailers: [{ key: 'AI-Assisted', value: '1% of added lines (1/100; agent 1)' }],
    origins: [...table.all()],
    files: [file],
    settle: [['src/old.ts', 'src/a.ts']],
  };

  it('round-trips and rebuilds line attributions', () => {
    const back = parseStagedAttribution(JSON.parse(serializeStagedAttribution(value)));
    assert.deepEqual(back, value);
    assert.deepEqual([...stagedLineMap(back.files[0], back.origins)], [[3, { cls: 'ai', origins: [A] }]]);
    assert.equal(back.files[0].recordPath, 'src/old.ts');
  });

  it('rejects hostile content with a reason', () => {
    const bad = (patch: (v: Record<string, unknown>) => void) => {
      const v = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
      patch(v);
      return () => parseStagedAttribution(v);
    };
    assert.throws(
      bad((v) => (v.tree = 'HEAD')),
      StagedAttributionError,
    );
    assert.throws(
      bad((v) => ((v.files as Array<Record<string, unknown>>)[0].path = '../etc/passwd')),
      /files\[0\]\.path/,
    );
    assert.throws(
      bad((v) => ((v.files as Array<Record<string, unknown>>)[0].lines = [[3, 'ai', [7]]])),
      /not an integer/,
    );
    assert.throws(
      bad((v) => ((v.files as Array<Record<string, unknown>>)[0].lines = [[0, 'ai', [0]]])),
      StagedAttributionError,
    );
    assert.throws(
      bad((v) => (v.settle = [['a']])),
      /settle\[0\]/,
    );
    assert.throws(
      bad((v) => (v.version = 2)),
      /unsupported version/,
    );
    assert.throws(
      bad((v) => ((v.origins as Array<Record<string, unknown>>)[0].kind = 'robot')),
      /origin kind/,
    );
  });
});

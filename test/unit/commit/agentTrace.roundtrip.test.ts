import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Origin } from '../../../src/core/attribution/origin';
import {
  attributeLines,
  buildAgentTrace,
  lineClassifications,
  parseAgentTrace,
  recordLineAttributions,
  type AttributedFile,
  type LineAttribution,
} from '../../../src/core/commit';
import { ai, buildOptions, CLAUDE, COPILOT, CURSOR, file, human, mixed } from './fixtures';

/** The classification with origins as sorted keys, so set equality is order-free. */
function normalize(lines: readonly LineAttribution[]): Array<[string, string[]]> {
  return lines.map((l) => [
    l.cls,
    l.origins.map((o) => JSON.stringify([o.kind, o.tool, o.model ?? null, o.session ?? null, o.time])).sort(),
  ]);
}

function roundTrip(files: readonly AttributedFile[]): AttributedFile[] {
  const json = JSON.stringify(buildAgentTrace(files, buildOptions()));
  const parsed = parseAgentTrace(json);
  const byPath = new Map(recordLineAttributions(parsed).map((f) => [f.path, f]));
  return files.map((f) => {
    const read = byPath.get(f.path);
    return read
      ? attributeLines(
          read,
          f.lines.map((l) => l.text),
        )
      : { path: f.path, lines: f.lines.map((l) => ({ ...l, cls: 'human' as const, origins: [] })) };
  });
}

describe('Agent Trace: round trip', () => {
  it('build -> JSON -> parse -> line classification gives back the input', () => {
    const files = [
      file('a.ts', [
        human('h'),
        ai('1', COPILOT),
        mixed('2', [COPILOT, CLAUDE]),
        ai('3', CLAUDE),
        human('x'),
        ai('4', CURSOR),
      ]),
      file('dir/b.ts', [mixed('only', CLAUDE)]),
    ];
    const back = roundTrip(files);
    for (let i = 0; i < files.length; i++) {
      assert.deepEqual(normalize(back[i].lines), normalize(files[i].lines), files[i].path);
      assert.deepEqual(
        back[i].lines.map((l) => l.text),
        files[i].lines.map((l) => l.text),
      );
    }
  });

  it('fills human lines up to the line count and drops attribution past the end', () => {
    const parsed = parseAgentTrace(
      JSON.stringify(buildAgentTrace([file('a', [human('h'), ai('1', COPILOT), ai('2', COPILOT)])], buildOptions())),
    );
    const [lines] = recordLineAttributions(parsed);
    assert.deepEqual(
      lineClassifications(lines, 2).map((l) => l.cls),
      ['human', 'ai'],
    );
    assert.deepEqual(
      lineClassifications(lines, 4).map((l) => l.cls),
      ['human', 'ai', 'ai', 'human'],
    );
  });

  it('property: any classification survives the round trip', () => {
    const origins: Origin[] = [
      COPILOT,
      CLAUDE,
      CURSOR,
      { ...CLAUDE, session: 'other' },
      { kind: 'manual', tool: 'unknown', time: 7 },
    ];
    const lineArb = fc.oneof(
      fc.record({
        text: fc.string({ maxLength: 8 }),
        cls: fc.constant('human' as const),
        origins: fc.constant([] as Origin[]),
      }),
      fc.record({
        text: fc.string({ maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, '')),
        cls: fc.constantFrom('ai' as const, 'mixed' as const),
        origins: fc.uniqueArray(fc.constantFrom(...origins), { minLength: 1, maxLength: 3 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (lines) => {
        const f: AttributedFile = {
          path: 'p.ts',
          lines: lines.map((l) => ({ ...l, text: l.text.replace(/[\r\n]/g, '') })),
        };
        const [back] = roundTrip([f]);
        assert.deepEqual(normalize(back.lines), normalize(f.lines));
      }),
      { numRuns: 300 },
    );
  });
});

import * as assert from 'node:assert/strict';
import {
  buildAgentTrace,
  combineAgentTraces,
  parseAgentTrace,
  recordLineAttributions,
  type AgentTraceRecord,
} from '../../../src/core/commit';
import { ai, buildOptions, CLAUDE, COPILOT, CURSOR, file, human } from './fixtures';

/** Per path, line number -> "cls:tool,tool" for compact comparisons. */
function summary(record: AgentTraceRecord): Record<string, Record<number, string>> {
  const out: Record<string, Record<number, string>> = {};
  for (const f of recordLineAttributions(parseAgentTrace(JSON.stringify(record)))) {
    out[f.path] = {};
    for (const [line, a] of f.lines)
      out[f.path][line] = `${a.cls}:${a.origins
        .map((o) => o.tool)
        .sort()
        .join(',')}`;
  }
  return out;
}

describe('Agent Trace: combining records (squash / fixup)', () => {
  // Commit 1 adds a function by Copilot; commit 2 adds lines above it and a Claude block; commit 3 touches c.ts.
  const c1 = buildAgentTrace(
    [
      file('a.ts', [
        human('// a'),
        ai('function add(a, b) {', COPILOT),
        ai('  return a + b;', COPILOT),
        ai('}', COPILOT),
      ]),
    ],
    buildOptions({ revision: 'c1' }),
  );
  const c2 = buildAgentTrace(
    [
      file('a.ts', [
        human('// a'),
        human('import x from "x";'),
        ai('function add(a, b) {', COPILOT),
        ai('  return a + b;', COPILOT),
        ai('}', COPILOT),
        ai('export const sum = add;', CLAUDE),
      ]),
    ],
    buildOptions({ revision: 'c2' }),
  );
  const c3 = buildAgentTrace([file('c.ts', [ai('let c = 1;', CURSOR)])], buildOptions({ revision: 'c3' }));
  const finalA = '// a\nimport x from "x";\nfunction add(a, b) {\n  return a + b;\n}\nexport const sum = add;\n';

  it("maps every commit's ranges onto the final content", () => {
    const result = combineAgentTraces(
      [c1, c2, c3],
      [
        { path: 'a.ts', text: finalA },
        { path: 'c.ts', text: 'let c = 1;\n' },
      ],
      buildOptions({ revision: 'squashed' }),
    );
    assert.deepEqual(result.missing, []);
    assert.equal(result.record.vcs?.revision, 'squashed');
    assert.deepEqual(summary(result.record), {
      'a.ts': { 3: 'ai:GitHub Copilot', 4: 'ai:GitHub Copilot', 5: 'ai:GitHub Copilot', 6: 'ai:claude-code' },
      'c.ts': { 1: 'ai:Cursor' },
    });
  });

  it('lets the newest record win a line several records claim', () => {
    const older = buildAgentTrace([file('a.ts', [ai('shared line', COPILOT)])], buildOptions());
    const newer = buildAgentTrace([file('a.ts', [ai('shared line', CLAUDE)])], buildOptions());
    const result = combineAgentTraces([older, newer], [{ path: 'a.ts', text: 'shared line\n' }], buildOptions());
    assert.deepEqual(summary(result.record), { 'a.ts': { 1: 'ai:claude-code' } });
  });

  it('keeps every conversation of one record on a shared line, and mixed wins', () => {
    const one = buildAgentTrace(
      [file('a.ts', [ai('x = 1', [COPILOT, CLAUDE]), { text: 'y = 2', cls: 'mixed', origins: [CURSOR], added: true }])],
      buildOptions(),
    );
    const result = combineAgentTraces([one], [{ path: 'a.ts', text: 'top\nx = 1\ny = 2\n' }], buildOptions());
    assert.deepEqual(summary(result.record), { 'a.ts': { 2: 'ai:GitHub Copilot,claude-code', 3: 'mixed:Cursor' } });
  });

  it('reports ranges whose text changed and files that are gone', () => {
    const result = combineAgentTraces(
      [c1, c2, c3],
      [{ path: 'a.ts', text: '// a\nfunction add(a, b) {\n  return a - b;\n}\n' }],
      buildOptions(),
    );
    assert.deepEqual(summary(result.record), {});
    assert.deepEqual(result.files, []);
    assert.deepEqual(
      result.missing.map((m) => [m.record, m.path, m.range?.start_line ?? null, m.reason]),
      [
        [2, 'c.ts', null, 'file-absent'],
        [1, 'a.ts', 3, 'not-found'],
        [1, 'a.ts', 6, 'not-found'],
        [0, 'a.ts', 2, 'not-found'],
      ],
    );
  });

  it('with no records gives an empty record', () => {
    const result = combineAgentTraces([], [{ path: 'a.ts', text: 'x\n' }], buildOptions());
    assert.deepEqual(result.record.files, []);
    assert.deepEqual(result.missing, []);
  });
});

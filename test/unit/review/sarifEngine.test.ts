import * as assert from 'node:assert/strict';
import { listFlag, parseArgs, stringFlag } from '../../../src/cli/args';
import { buildBranchReport, renderSarif, reviewBranch } from '../../../src/core/report';
import { parseUnifiedDiff, reviewChange, sortFindings, toolSlug } from '../../../src/core/review';
import type { AnalyzerResult, LineProvenance, ReviewContext } from '../../../src/core/review';
import { parseSarif } from '../../../src/core/review/sarifInput';
import { facts } from '../report/fixtures';
import { sarifValidator } from '../report/sarifSchema';
import { diffOf } from './helpers';
import { semgrepLog } from './sarifFixtures';

/** src/app.ts gains lines 2-4 between kept lines 1 and 5; line 3 is AI-written. */
const DIFF = diffOf({
  path: 'src/app.ts',
  before: ['function main() {'],
  add: ['  const a = 1;', '  run(a);', '  return a;'],
  after: ['}'],
});
const PROVENANCE = (_path: string, line: number): LineProvenance =>
  line === 3 ? { authorship: 'ai', kind: 'agent', tool: 'claude-code' } : { authorship: 'human' };
const HUMAN = (): LineProvenance => ({ authorship: 'human' });

function result(overrides: Partial<AnalyzerResult> = {}): AnalyzerResult {
  return {
    tool: 'Semgrep OSS',
    ruleId: 'r1',
    title: 'Risky call',
    message: 'run() is risky',
    whatToDo: 'Do not.',
    severity: 'medium',
    file: 'src/app.ts',
    lines: { start: 3, end: 3 },
    ...overrides,
  };
}

function reviewWith(
  results: AnalyzerResult[],
  context: ReviewContext = {},
  provenance = PROVENANCE,
): ReturnType<typeof reviewChange> {
  return reviewChange({ diff: DIFF, provenance, context: { ...context, analyzerResults: results } });
}

const external = (r: ReturnType<typeof reviewChange>): ReturnType<typeof reviewChange>['findings'] =>
  r.findings.filter((f) => f.category === 'analyzer');

describe('review/engine: analyser results', () => {
  it('keeps results on added lines as findings named sarif/<tool>/<rule>; inside AI lines they move the tier one step', () => {
    const r = reviewWith([result()]);
    const [f] = external(r);
    assert.deepEqual(
      { ...f, why: undefined },
      {
        ruleId: 'sarif/semgrep-oss/r1',
        category: 'analyzer',
        title: 'Semgrep OSS: Risky call',
        why: undefined,
        file: 'src/app.ts',
        range: { side: 'new', start: 3, end: 3 },
        severity: 'medium',
        inAi: true,
        whatToDo: 'Do not.',
        analyzer: { tool: 'Semgrep OSS', ruleId: 'r1' },
      },
    );
    assert.equal(f.why, 'run() is risky [in AI-written lines: agent]');
    assert.equal(r.blastRadius.tier, 'T2');
    assert.ok(
      r.blastRadius.reasons.includes(
        'T2: one step up: medium signal inside AI-written lines: Semgrep OSS: Risky call in src/app.ts:3 [ai-step/sarif/semgrep-oss/r1]',
      ),
      r.blastRadius.reasons.join('\n'),
    );
    assert.deepEqual(r.analyzers, { inChange: 1, outsideChange: 0 });
  });

  it('feeds the tier like our own findings outside AI lines: high T2, medium T1', () => {
    assert.equal(reviewWith([result()], {}, HUMAN).blastRadius.tier, 'T1');
    const high = reviewWith([result({ severity: 'high' })], {}, HUMAN);
    assert.equal(high.blastRadius.tier, 'T2');
    assert.deepEqual(
      external(high).map((f) => [f.severity, f.inAi, f.why]),
      [['high', false, 'run() is risky']],
    );
    assert.equal(reviewWith([result({ severity: 'low' })], {}, HUMAN).blastRadius.tier, 'T0');
    assert.equal(reviewWith([], {}, HUMAN).blastRadius.tier, 'T0');
  });

  it('drops results that do not touch added lines and counts them', () => {
    const r = reviewWith([
      result({ lines: { start: 5, end: 9 } }),
      result({ lines: { start: 1, end: 1 } }),
      result({ file: 'src/other.ts' }),
      result({ lines: { start: 1, end: 2 }, ruleId: 'overlap' }),
      result({ lines: null, ruleId: 'whole-file' }),
    ]);
    assert.deepEqual(
      external(r)
        .map((f) => [f.ruleId, f.range, f.inAi])
        .sort(),
      [
        ['sarif/semgrep-oss/overlap', { side: 'new', start: 1, end: 2 }, false],
        ['sarif/semgrep-oss/whole-file', null, true],
      ],
    );
    assert.deepEqual(r.analyzers, { inChange: 2, outsideChange: 3 });
  });

  it('merges, sorts and caps them with our own findings', () => {
    const r = reviewChange({
      diff: diffOf({ path: 'src/pay.ts', add: ['const v = eval(req.body.expr);', 'const w = 2;'] }),
      context: {
        analyzerResults: [
          result({ file: 'src/pay.ts', lines: { start: 1, end: 1 } }),
          result({ file: 'src/pay.ts', lines: { start: 2, end: 2 } }),
          result({ file: 'src/pay.ts', ruleId: 'r2', severity: 'info', lines: { start: 1, end: 1 } }),
          result({ file: 'src/pay.ts', ruleId: 'r2', severity: 'info', lines: null }),
        ],
        options: { maxFindingsPerRule: 1 },
      },
    });
    assert.ok(
      r.findings.some((f) => f.category === 'dangerous-sinks'),
      'our own findings stay',
    );
    assert.deepEqual(r.findings, sortFindings(r.findings));
    const merged = r.findings.find((f) => f.ruleId === 'sarif/semgrep-oss/r1')!;
    assert.deepEqual(merged.range, { side: 'new', start: 1, end: 2 });
    assert.equal(merged.count, 2);
    // A line result and a whole-file result of one rule in one file fold into one finding: nothing left to cap.
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'sarif/semgrep-oss/r2').map((f) => f.count),
      [2],
    );
    assert.equal(r.omitted['sarif/semgrep-oss/r2'], undefined);
  });

  it('skips disabled rules by id or by tool', () => {
    const results = [result(), result({ tool: 'CodeQL', ruleId: 'js/x' })];
    assert.deepEqual(
      external(reviewWith(results, { options: { disabledRules: ['sarif/semgrep-oss/r1'] } })).map((f) => f.ruleId),
      ['sarif/codeql/js/x'],
    );
    assert.deepEqual(
      external(reviewWith(results, { options: { disabledRules: ['sarif/codeql'] } })).map((f) => f.ruleId),
      ['sarif/semgrep-oss/r1'],
    );
  });

  it('slugs tool names for rule ids', () => {
    assert.equal(toolSlug('Semgrep OSS'), 'semgrep-oss');
    assert.equal(toolSlug('  ESLint/../x  '), 'eslint-..-x');
    assert.equal(toolSlug('\ufffd\ufffd'), 'tool');
    assert.equal(toolSlug('A'.repeat(100)).length, 40);
  });
});

describe('report: analyser findings in the branch review and SARIF output', () => {
  const diff = parseUnifiedDiff(
    diffOf({ path: 'src/a.ts', status: 'added', add: ['const a = 1;', 'const b = 2;', 'const c = 3;'] }),
  );
  const branchFacts = facts();

  it('reviewBranch reports the counts only when analyser results were given', () => {
    assert.equal(reviewBranch(diff, branchFacts.lineSource).analyzers, undefined);
    const summary = reviewBranch(diff, branchFacts.lineSource, {
      analyzerResults: [result({ file: 'src/a.ts', lines: { start: 1, end: 1 } }), result({ file: 'src/z.ts' })],
    });
    assert.deepEqual(summary.analyzers, { inChange: 1, outsideChange: 1 });
  });

  it('renderSarif names the original tool and rule, and stays valid SARIF 2.1.0', async () => {
    const validate = await sarifValidator();
    const results = parseSarif(semgrepLog(), { repoRoot: '/repo' }).results.map((r) => ({
      ...r,
      file: 'src/a.ts',
      lines: { start: 1, end: 1 },
    }));
    const summary = reviewBranch(diff, branchFacts.lineSource, { analyzerResults: results });
    const sarif = renderSarif(buildBranchReport(branchFacts, summary), '1.0.0') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.ok(validate(sarif), JSON.stringify((validate as unknown as { errors: unknown }).errors));
    const [run] = sarif.runs;
    assert.equal(run.tool.driver.name, 'ai-provenance');
    const evalRule = 'javascript.lang.security.audit.eval-detected.eval-detected';
    const res = run.results.find((r: { ruleId: string }) => r.ruleId === `sarif/semgrep-oss/${evalRule}`);
    assert.ok(res, JSON.stringify(run.results.map((r: { ruleId: string }) => r.ruleId)));
    assert.deepEqual(
      [res.properties.tool, res.properties.toolRuleId, res.properties.category, res.level],
      ['Semgrep OSS', evalRule, 'analyzer', 'warning'],
    );
    assert.equal(run.tool.driver.rules[res.ruleIndex].properties.tool, 'Semgrep OSS');
    assert.deepEqual(run.properties.analyzers, { inChange: 2, outsideChange: 0 });
  });
});

describe('cli args: repeatable options', () => {
  it('collects every value in order and keeps the last as the plain value', () => {
    const p = parseArgs(['r', '--sarif', 'a.sarif', '--sarif=b.sarif', '--format', 'json'], {
      valued: ['format'],
      repeatable: ['sarif'],
    });
    assert.deepEqual(listFlag(p, 'sarif'), ['a.sarif', 'b.sarif']);
    assert.equal(stringFlag(p, 'sarif'), 'b.sarif');
    assert.deepEqual(listFlag(p, 'format'), []);
    assert.deepEqual(p.positionals, ['r']);
    assert.throws(() => parseArgs(['--sarif'], { repeatable: ['sarif'] }), /--sarif needs a value/);
  });
});

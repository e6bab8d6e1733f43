/**
 * Precision and recall of the review on the labelled corpus (test/unit/review/corpus): per language, precision is
 * the share of findings whose rule the case expects, recall the share of expected rules that fired. Fails below
 * 80% in any language, when folding leaves more than 5% duplicates, or when code findings (source files) are under
 * 70% precise. Every `forbid` near-miss must stay silent.
 * Critical-path findings count like any other: critical paths now come from what the code does (model/surface.ts),
 * and the finding reaches the reviewer, so it is measured here.
 */
import * as assert from 'node:assert/strict';
import { classifyPath } from '../../../src/core/review/model/paths';
import type { Finding } from '../../../src/core/review/types';
import { GRAMMARS, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { ACCESS_CHECK_CASES } from './corpus/accessChecks';
import { CI_CASES } from './corpus/ci';
import { CLAIM_CASES } from './corpus/claims';
import { DEPENDENCY_CASES } from './corpus/dependencies';
import { DRIFT_CASES } from './corpus/drift';
import { FRESH_CASES } from './corpus/fresh';
import { ALL_AI, baseTextOf, ciTextOf, diffOf, headTextOf, review } from './helpers';
import { GO_CASES } from './corpus/go';
import { PYTHON_CASES } from './corpus/python';
import { REALEVAL_CASES } from './corpus/realeval';
import { REALNOISE_CASES } from './corpus/realnoise';
import { RUST_CASES } from './corpus/rust';
import { SIGNATURE_CASES } from './corpus/signature';
import { STRUCTURE_CASES } from './corpus/structure';
import type { CorpusCase, CorpusLanguage } from './corpus/types';
import { TYPESCRIPT_CASES } from './corpus/typescript';

export const CASES: readonly CorpusCase[] = [
  ...TYPESCRIPT_CASES,
  ...PYTHON_CASES,
  ...RUST_CASES,
  ...GO_CASES,
  ...STRUCTURE_CASES,
  ...ACCESS_CHECK_CASES,
  ...CLAIM_CASES,
  ...DRIFT_CASES,
  ...REALEVAL_CASES,
  ...REALNOISE_CASES,
  ...SIGNATURE_CASES,
  ...FRESH_CASES,
  ...DEPENDENCY_CASES,
  ...CI_CASES,
];

interface Tally {
  findings: number;
  correct: number;
  expected: number;
  found: number;
  duplicates: number;
  codeFindings: number;
  codeCorrect: number;
}

/** The corpus is reviewed as the CLI and the extension review it: with each file's texts on both sides and trees. */
let syntax: SyntaxParser | undefined;

function run(c: CorpusCase): Finding[] {
  const headText = new Map([...headTextOf(...c.files), ...(c.context?.headText ?? [])]);
  const context = {
    ciText: ciTextOf(...c.files),
    ...c.context,
    headText,
    baseText: baseTextOf(...c.files),
    ...(syntax ? { syntax } : {}),
  };
  return [...review(diffOf(...c.files), c.ai ? ALL_AI : undefined, context).findings];
}

describe('review corpus: precision and recall per language', () => {
  before(async () => {
    syntax = await loadSyntaxParser(GRAMMARS);
    assert.ok(syntax, 'tree-sitter grammars load');
  });
  const tallies = new Map<CorpusLanguage | 'all', Tally>();
  const misses: string[] = [];
  const noise: string[] = [];
  const tally = (k: CorpusLanguage | 'all'): Tally => {
    let t = tallies.get(k);
    if (!t)
      tallies.set(
        k,
        (t = { findings: 0, correct: 0, expected: 0, found: 0, duplicates: 0, codeFindings: 0, codeCorrect: 0 }),
      );
    return t;
  };

  for (const c of CASES) {
    it(`${c.lang} ${c.id}: ${c.title} (near-misses stay silent)`, () => {
      const findings = run(c);
      const fired = findings.map((f) => f.ruleId);
      for (const rule of c.forbid)
        assert.ok(
          !fired.includes(rule),
          `${c.id}: ${rule} must stay silent; got ${JSON.stringify(findings.filter((f) => f.ruleId === rule).map((f) => f.why))}`,
        );
      for (const k of [c.lang, 'all'] as const) {
        const t = tally(k);
        const seen = new Set<string>();
        for (const f of findings) {
          const ok = c.expect.includes(f.ruleId);
          const dup = seen.has(f.ruleId);
          seen.add(f.ruleId);
          t.findings++;
          if (ok && !dup) t.correct++;
          if (dup) t.duplicates++;
          if (f.file && classifyPath(f.file).source) {
            t.codeFindings++;
            if (ok && !dup) t.codeCorrect++;
          }
          if (k === 'all' && (!ok || dup)) noise.push(`${c.id}: ${f.ruleId}${dup ? ' (duplicate)' : ''} ${f.why}`);
        }
        t.expected += c.expect.length;
        t.found += c.expect.filter((r) => fired.includes(r)).length;
        if (k === 'all') for (const r of c.expect) if (!fired.includes(r)) misses.push(`${c.id}: missed ${r}`);
      }
    });
  }

  it('has at least 40 cases in TypeScript/JavaScript, Python, Rust and Go, 10 or more each', () => {
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    for (const lang of ['ts', 'py', 'rust', 'go'] as const)
      assert.ok(CASES.filter((c) => c.lang === lang).length >= 10, lang);
    assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length, 'case ids are unique');
  });

  it('meets the goals: precision and recall >= 80% per language, duplicates <= 5%, code findings >= 70% precise', () => {
    const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${Math.round((a / b) * 1000) / 10}%`);
    const rows = (['ts', 'py', 'rust', 'go', 'all'] as const).map((k) => {
      const t = tally(k);
      return `  ${k.padEnd(5)} cases ${String(k === 'all' ? CASES.length : CASES.filter((c) => c.lang === k).length).padStart(3)}  findings ${String(t.findings).padStart(3)}  precision ${pct(t.correct, t.findings).padStart(6)}  recall ${pct(t.found, t.expected).padStart(6)}  duplicates ${pct(t.duplicates, t.findings).padStart(5)}  code precision ${pct(t.codeCorrect, t.codeFindings).padStart(6)}`;
    });
    console.log(
      [
        '',
        '  Review corpus (test/unit/review/corpus):',
        ...rows,
        ...misses.map((m) => `    ${m}`),
        ...noise.map((n) => `    noise ${n}`),
        '',
      ].join('\n'),
    );
    for (const k of ['ts', 'py', 'rust', 'go'] as const) {
      const t = tally(k);
      assert.ok(t.correct / t.findings >= 0.8, `${k} precision ${pct(t.correct, t.findings)}`);
      assert.ok(t.found / t.expected >= 0.8, `${k} recall ${pct(t.found, t.expected)}`);
    }
    const all = tally('all');
    assert.ok(all.duplicates / all.findings <= 0.05, `duplicates ${pct(all.duplicates, all.findings)}`);
    assert.ok(all.codeCorrect / all.codeFindings >= 0.7, `code precision ${pct(all.codeCorrect, all.codeFindings)}`);
  });
});

import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CHECKLIST } from '../../../src/core/review/checklist';
import { combineFindings } from '../../../src/core/review/combine';
import { shortAiClaim } from '../../../src/core/review/claim';
import { mergeAdjacent, reviewChange, runRules } from '../../../src/core/review/engine';
import { buildChange } from '../../../src/core/review/model/change';
import { parseUnifiedDiff } from '../../../src/core/review/diff/parse';
import { RULE_FAMILIES, RULES, ruleById } from '../../../src/core/review/registry';
import type { RuleFamily } from '../../../src/core/review/rules/rule';
import type { Finding, LineProvenance } from '../../../src/core/review/types';
import { ALL_AI, added, assertTriggersHideNothing, diffOf, findingsOf, removed, review } from './helpers';
import { TriggerIndex } from '../../../src/core/review/model/triggers';

describe('review/engine registry', () => {
  it('ships at least 20 signal categories, each rule with unique id, title and advice', () => {
    const categories = new Set(RULES.map((r) => r.category));
    assert.ok(categories.size >= 20, `${categories.size} categories`);
    assert.ok(RULES.length >= 30, `${RULES.length} rules`);
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    for (const r of RULES) {
      assert.ok(r.title.length > 5 && r.whatToDo.length > 20, r.id);
      assert.equal(ruleById(r.id), r);
    }
  });

  it('maps every category to a checklist item', () => {
    const covered = new Set(CHECKLIST.flatMap((c) => c.categories));
    for (const r of RULES) assert.ok(covered.has(r.category), `${r.id} (${r.category}) has no checklist item`);
  });
});

describe('review/engine report', () => {
  const risky = diffOf(
    added('src/pay.ts', 'const v = eval(req.body.expr);', '// TODO: validate'),
    removed(
      'src/auth/session.ts',
      ['  return verifySignature(token, oldKey);'],
      ['  return verifySignature(token, publicKey);'],
    ),
  );

  it('returns findings sorted by severity with line ranges and advice', () => {
    const r = review(risky);
    const sev = r.findings.map((f) => f.severity);
    const rank = { info: 0, low: 1, medium: 2, high: 3 };
    for (let i = 1; i < sev.length; i++) assert.ok(rank[sev[i - 1]] >= rank[sev[i]], sev.join(','));
    const sink = findingsOf(r, 'dangerous-sink')[0];
    assert.deepEqual(sink.range, { side: 'new', start: 1, end: 1 });
    assert.equal(sink.file, 'src/pay.ts');
    assert.ok(sink.whatToDo.length > 0);
    assert.equal(sink.inAi, false);
  });

  it('lists every checklist item, triggered or folded', () => {
    const r = review(risky);
    assert.equal(r.checklist.length, CHECKLIST.length);
    const byId = new Map(r.checklist.map((c) => [c.id, c]));
    assert.equal(byId.get('sinks')!.status, 'triggered');
    assert.equal(byId.get('sinks')!.severity, 'high');
    assert.equal(byId.get('placeholders')!.status, 'triggered');
    assert.equal(byId.get('dependencies')!.status, 'folded');
    assert.equal(byId.get('dependencies')!.findings, 0);
    assert.equal(byId.get('explain')!.status, 'triggered', 'T3 triggers the explain-without-AI item');
  });

  it('folds everything for a harmless change', () => {
    const r = review(diffOf(added('src/a.ts', 'export const a = 1;')));
    assert.deepEqual(r.findings, []);
    assert.ok(r.checklist.every((c) => c.status === 'folded'));
    assert.equal(r.blastRadius.tier, 'T0');
    assert.deepEqual(r.blastRadius.reasons, ['T0: small change with no risk signals [none]']);
  });

  it('accepts a parsed diff and reports parser warnings', () => {
    const parsed = parseUnifiedDiff('diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,4 +1,4 @@\n-x\n');
    const r = reviewChange({ diff: parsed });
    assert.match(r.warnings[0], /diff ended inside a hunk/);
  });

  it('turns rules off by id', () => {
    const r = review(risky, undefined, { options: { disabledRules: ['dangerous-sink', 'placeholder'] } });
    assert.deepEqual([...findingsOf(r, 'dangerous-sink'), ...findingsOf(r, 'placeholder')], []);
  });

  it('caps findings per rule and counts the rest', () => {
    const r = review(
      diffOf(...Array.from({ length: 30 }, (_, i) => added(`src/x${i}.ts`, `eval(a${i});`))),
      undefined,
      { options: { maxFindingsPerRule: 5 } },
    );
    assert.equal(findingsOf(r, 'dangerous-sink').length, 5);
    assert.equal(r.omitted['dangerous-sink'], 25);
  });

  it('folds one rule in one file into one finding with a count and every place, first place first', () => {
    const r = review(
      diffOf(added('src/x.ts', ...Array.from({ length: 30 }, (_, i) => [`eval(a${i});`, 'ok();']).flat())),
    );
    const hits = findingsOf(r, 'dangerous-sink');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].count, 30);
    assert.equal(hits[0].locations!.length, 30);
    assert.deepEqual(hits[0].range, { side: 'new', start: 1, end: 1 });
    assert.deepEqual(hits[0].locations![1], { side: 'new', start: 3, end: 3 });
  });

  it('folds the same finding word for word in several files into one naming the others', () => {
    const files = ['p/azure.py', 'p/mistral.py', 'p/github.py', 'p/cerebras.py', 'p/groq.py'];
    const r = review(
      diffOf(
        ...files.map((f) => added(f, '        http_client=http_client,  # pyright: ignore[reportArgumentType]')),
        added('p/other.py', '    eslint = 1  # noqa: B001'),
      ),
    );
    const hits = findingsOf(r, 'check-suppressed');
    assert.equal(hits.length, 2, JSON.stringify(hits.map((h) => [h.file, h.why])));
    const folded = hits.find((h) => h.file === 'p/azure.py')!;
    assert.equal(folded.count, 5);
    assert.match(folded.why, /the same in 4 more files: p\/cerebras\.py, p\/github\.py, p\/groq\.py, 1 more$/);
    // "Show all" reaches every file: the first file's place has no file, each other file's place names its own.
    assert.deepEqual(folded.locations, [
      { side: 'new', start: 1, end: 1 },
      ...['p/cerebras.py', 'p/github.py', 'p/groq.py', 'p/mistral.py'].map((file) => ({
        side: 'new',
        start: 1,
        end: 1,
        file,
      })),
    ]);
    const other = hits.find((h) => h.file === 'p/other.py')!;
    assert.equal(other.count, undefined);
  });

  it('puts size and AI share in the header, not in the findings', () => {
    const r = review(
      diffOf(added('src/a.ts', ...Array.from({ length: 450 }, (_, i) => `export const v${i} = ${i};`))),
      ALL_AI,
    );
    assert.equal(r.header.large, true);
    assert.equal(r.header.reviewLines, 450);
    assert.equal(r.header.aiShare, 1);
    assert.equal(r.header.provenanceKnown, true);
    assert.equal(r.header.aiClaim, '100% of added lines are AI-written (450 of 450; 450 never edited by a person)');
    assert.deepEqual(
      r.findings.filter((f) => f.category === 'size' || f.category === 'provenance'),
      [],
    );
    assert.equal(
      r.checklist.find((c) => c.id === 'provenance')?.status,
      'triggered',
      'a mostly AI-written change still raises the provenance item',
    );
    assert.equal(
      review(diffOf(added('src/a.ts', 'x();'))).checklist.find((c) => c.id === 'provenance')?.status,
      'folded',
    );
  });

  it('words the header\'s AI share by its evidence: commit metadata alone is "in AI-assisted commits", never "never edited"', () => {
    const d = diffOf(added('src/a.ts', ...Array.from({ length: 30 }, (_, i) => `export const v${i} = ${i};`)));
    const byCommit = (_: string, line: number): LineProvenance =>
      line <= 20 ? { authorship: line <= 5 ? 'mixed' : 'ai', evidence: 'commit' } : { authorship: 'human' };
    const claim = review(d, byCommit).header.aiClaim!;
    assert.equal(
      claim,
      '67% of added lines are in AI-assisted commits (20 of 30: 20 in AI-assisted commits, known from commit metadata only, 5 of them in commits with a human co-author too)',
    );
    assert.doesNotMatch(claim, /never edited/);
    assert.equal(review(d).header.aiClaim, null, 'without provenance the share is unknown, not zero');
    assert.equal(review(d, byCommit).header.commitLevelAiLines, 20);
  });

  it('says "no AI evidence" when provenance was read and no added line has any, never "0% AI-written"', () => {
    const d = diffOf(added('src/a.ts', 'export const a = 1;', 'export const b = 2;'));
    const header = review(d, () => ({ authorship: 'human' })).header;
    assert.equal(
      header.aiClaim,
      'no AI evidence in this change (no provenance record, AI account, agent trailer or agent marker for its 2 added lines)',
    );
    assert.equal(shortAiClaim(header), 'no AI evidence in this change');
    assert.equal(
      shortAiClaim({ aiLines: 3, aiShare: 0.5, commitLevelAiLines: 3 }),
      '50% of added lines in AI-assisted commits',
    );
    assert.equal(shortAiClaim({ aiLines: 3, aiShare: 0.5, commitLevelAiLines: 0 }), '50% of added lines AI-written');
    assert.equal(
      shortAiClaim({ aiLines: 3, aiShare: 0.5, commitLevelAiLines: 1 }),
      '50% of added lines AI-written or in AI-assisted commits',
    );
  });

  it('reports a failing rule family as a warning instead of failing the review', () => {
    const broken: RuleFamily = {
      name: 'broken',
      rules: [],
      run: () => {
        throw new Error('boom');
      },
    };
    const warnings: string[] = [];
    const change = buildChange(parseUnifiedDiff(diffOf(added('src/a.ts', 'eval(x);'))), undefined);
    const out = runRules(change, [broken, ...RULE_FAMILIES], warnings);
    assert.deepEqual(warnings, ['rule family "broken" failed and was skipped: boom']);
    assert.ok(out.some((f) => f.ruleId === 'dangerous-sink'));
  });

  it('never throws on arbitrary diff-like input', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'diff --git a/src/a.ts b/src/a.ts',
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -1,3 +1,3 @@',
        '@@ -1 +1,40 @@',
        '+eval(x) // TODO',
        '-throw e',
        '+} catch (e) {}',
        '+password = "hunter22x"',
        ' ctx',
        '+\u202E',
        '+' + 'a'.repeat(5000),
      ),
      fc.string({ maxLength: 20 }).map((s) => '+' + s),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (ls) => {
        const r = reviewChange({ diff: ls.join('\n'), provenance: ALL_AI });
        assertTriggersHideNothing(ls.join('\n'), ALL_AI);
        assert.ok(['T0', 'T1', 'T2', 'T3'].includes(r.blastRadius.tier));
        for (const f of r.findings) assert.ok(f.why.length > 0 && !f.why.includes('\n'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('review/engine trigger index', () => {
  it('reports every group whose word occurs, case-insensitively, overlapping words included', () => {
    const ix = new TriggerIndex(
      new Map([
        ['a', ['he', 'she', 'hers']],
        ['b', ['eval', '://']],
        ['none', []],
      ]),
    );
    assert.equal(ix.bits.has('none'), false);
    const a = ix.bits.get('a')!;
    const b = ix.bits.get('b')!;
    assert.equal(ix.scan('ushers'), a);
    assert.equal(ix.scan('x = EVAL(y) // http://h'), b);
    assert.equal(ix.scan('she said eval'), a | b);
    assert.equal(ix.scan('nothing to see, ünïcode'), 0);
    assert.equal(ix.scan(''), 0);
  });

  it('rejects non-ASCII words and too many groups', () => {
    assert.throws(() => new TriggerIndex(new Map([['x', ['é']]])), /printable ASCII/);
    assert.throws(
      () => new TriggerIndex(new Map(Array.from({ length: 32 }, (_, i) => [`g${i}`, ['w']]))),
      /at most 31/,
    );
    // Groups without words take no bit: any number of them fit beside 31 with words.
    const mixed = new Map<string, string[]>(Array.from({ length: 40 }, (_, i) => [`g${i}`, i < 31 ? ['w'] : []]));
    assert.equal(new TriggerIndex(mixed).bits.size, 31);
  });
});

describe('review/engine merging and combinations', () => {
  const finding = (start: number, end = start, extra: Partial<Finding> = {}): Finding => ({
    ruleId: 'r',
    category: 'concurrency',
    title: 't',
    why: `w${start}`,
    file: 'a.ts',
    range: { side: 'new', start, end },
    severity: 'low',
    inAi: false,
    whatToDo: 'd',
    ...extra,
  });

  it('merges touching and overlapping ranges, keeps distant ones apart', () => {
    const merged = mergeAdjacent([
      finding(5),
      finding(1, 2),
      finding(3),
      finding(9, 12, { severity: 'high', inAi: true }),
      finding(10, 11),
    ]);
    assert.deepEqual(
      merged.map((f) => [f.range!.start, f.range!.end, f.severity, f.inAi]),
      [
        [1, 3, 'low', false],
        [5, 5, 'low', false],
        [9, 12, 'high', true],
      ],
    );
    assert.equal(merged[0].why, 'w1');
    assert.equal(merged[0].count, 2);
  });

  it('leaves severities alone inside AI lines: authorship moves the tier, not the finding', () => {
    const change = buildChange(parseUnifiedDiff(diffOf(added('src/a.ts', 'x'))), ALL_AI);
    const [f] = combineFindings([finding(1, 1, { severity: 'medium', inAi: true })], change);
    assert.equal(f.severity, 'medium');
    assert.equal(f.why, 'w1');
  });

  it('same swallowed error: same severity whoever wrote it, one tier step up when AI-written', () => {
    const d = diffOf(added('src/io.ts', 'try { save(); } catch (e) {}'));
    const human = review(d);
    const ai = review(d, ALL_AI);
    assert.equal(findingsOf(human, 'swallowed-error')[0].severity, 'medium');
    assert.equal(findingsOf(ai, 'swallowed-error')[0].severity, 'medium');
    assert.match(findingsOf(ai, 'swallowed-error')[0].why, /\[in AI-written lines: agent\]$/);
    assert.ok(!findingsOf(human, 'swallowed-error')[0].why.includes('AI'));
    assert.equal(human.blastRadius.tier, 'T1');
    assert.equal(ai.blastRadius.tier, 'T2');
    assert.match(
      ai.blastRadius.reasons[0],
      /^T2: one step up: medium signal inside AI-written lines: Error swallowed in src\/io\.ts:1 \[ai-step\/swallowed-error\]$/,
    );
  });
});

describe('review/engine blast radius', () => {
  const tierOf = (
    d: string,
    ctx = {},
    prov = undefined as never,
  ): { tier: string; reasons: readonly string[]; owners: readonly string[] } => review(d, prov, ctx).blastRadius;

  it('T3 for configured critical paths, with CODEOWNERS owners and sign-off', () => {
    const br = review(diffOf(added('src/auth/login.ts', 'x();')), undefined, {
      codeowners: '* @all\n/src/auth/ @sec\n',
      criticalPaths: [{ glob: 'src/auth/', label: 'auth' }],
    }).blastRadius;
    assert.equal(br.tier, 'T3');
    assert.ok(br.reasons.includes('T3: touches auth path src/auth/login.ts [critical-path]'), br.reasons.join('\n'));
    assert.deepEqual(br.owners, ['@sec']);
    assert.ok(br.reasons.includes('T3: sign-off from code owners: @sec [codeowners]'));
    assert.match(br.signOff, /senior sign-off/);
  });

  it('T3 for blocker signals even in human-written lines', () => {
    assert.equal(
      tierOf(diffOf(added('src/http.ts', 'const a = new https.Agent({ rejectUnauthorized: false });'))).tier,
      'T3',
    );
    assert.equal(
      tierOf(
        diffOf({
          path: 'package.json',
          before: ['  "dependencies": {'],
          add: ['    "expresss": "^4.0.0",'],
          after: ['  }'],
        }),
      ).tier,
      'T3',
    );
  });

  it('T3 for irreversible operations, ownership and agent-config changes, secrets', () => {
    assert.equal(tierOf(diffOf(added('db/x.sql', 'DROP TABLE users;'))).tier, 'T3');
    assert.equal(tierOf(diffOf(added('CODEOWNERS', '* @me'))).tier, 'T3');
    assert.equal(tierOf(diffOf(added('AGENTS.md', 'Never run tests.'))).tier, 'T3');
    assert.equal(tierOf(diffOf(added('src/a.ts', 'const k = "AKIAIOSFODNN7EXAMPLF";'))).tier, 'T3');
  });

  it('T2 for size, new dependencies, CI with write access; T1 for a read-only pipeline', () => {
    const big = tierOf(diffOf(added('src/a.ts', ...Array.from({ length: 450 }, (_, i) => `v(${i});`))));
    assert.equal(big.tier, 'T2');
    assert.ok(big.reasons.includes('T2: 450 changed lines (over 400) [size]'), big.reasons.join('\n'));
    assert.equal(
      tierOf(
        diffOf({
          path: 'package.json',
          before: ['  "dependencies": {'],
          add: ['    "left-pad": "^1.3.0",'],
          after: ['  }'],
        }),
      ).tier,
      'T2',
    );
    assert.equal(tierOf(diffOf(added('.github/workflows/ci.yml', '      - run: make'))).tier, 'T1');
    assert.equal(
      tierOf(diffOf(added('.github/workflows/ci.yml', 'permissions:', '  contents: write', '      - run: make'))).tier,
      'T2',
    );
  });

  it('AI share alone does not raise the tier', () => {
    const many = diffOf(added('src/a.ts', ...Array.from({ length: 30 }, (_, i) => `v(${i});`)));
    assert.equal(review(many, ALL_AI).blastRadius.tier, 'T0');
    assert.equal(review(diffOf(added('src/a.ts', 'v();')), ALL_AI).blastRadius.tier, 'T0');
  });

  it('T1 for 100+ lines or a medium signal; reasons are ordered highest tier first', () => {
    assert.equal(tierOf(diffOf(added('src/a.ts', ...Array.from({ length: 150 }, (_, i) => `v(${i});`)))).tier, 'T1');
    const mixed = review(
      diffOf(
        added('src/a.ts', 'try { f(); } catch (e) {}'),
        removed('src/auth/a.py', ['    subprocess.run(cmd, shell=True)'], ['    subprocess.run(shlex.split(cmd))']),
      ),
    ).blastRadius.reasons;
    assert.ok(mixed[0].startsWith('T3:') && mixed[mixed.length - 1].startsWith('T1:'), mixed.join('\n'));
  });

  it('T2 when the diff was truncated', () => {
    const r = reviewChange({
      diff: diffOf(added('src/a.ts', 'a();'), added('src/b.ts', 'b();')),
      parseLimits: { maxFiles: 1 },
    });
    assert.equal(r.blastRadius.tier, 'T2');
    assert.ok(r.blastRadius.reasons.some((x) => /truncated/.test(x)));
  });

  it('thresholds for tiers are configurable', () => {
    const d = diffOf(added('src/a.ts', ...Array.from({ length: 50 }, (_, i) => `v(${i});`)));
    assert.equal(tierOf(d).tier, 'T0');
    assert.equal(tierOf(d, { options: { thresholds: { t1Lines: 10, largeLines: 40 } } }).tier, 'T2');
  });

  it('a test weakened alongside its code reaches T2 through the combination', () => {
    const d = diffOf(
      removed('app/price.py', ['    return s * 1.2'], ['    return s * 1.1']),
      removed('tests/test_price.py', ['    assert total(c) == 42', '    assert tax(c) == 4'], ['    assert total(c)']),
    );
    const r = review(d);
    assert.equal(r.blastRadius.tier, 'T2');
    assert.ok(
      r.blastRadius.reasons.some((x) => x.startsWith('T2: Assertions removed or weakened in tests/test_price.py')),
      r.blastRadius.reasons.join('\n'),
    );
  });
});

import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Origin } from '../../../src/core/attribution/origin';
import {
  buildTrailers,
  formatSummary,
  isOwnSummaryTrailer,
  isOwnTrailer,
  parseTrailerPresets,
  parseTrailers,
  planTrailerUpdate,
  removeTrailers,
  summarizeAddedLines,
  TRAILER_VALUE_MAX,
  type CommittedFile,
} from '../../../src/core/commit';
import { AIDER, ai, CLAUDE, CODEX, COPILOT, COPILOT_NES, CURSOR, file, human, mixed, OTHER } from './fixtures';

/** 135 added lines: 12 inline (Copilot), 34 agent (Claude), the rest human; plus old AI lines not added. */
function sampleCommit(): CommittedFile[] {
  const a = [
    ...Array.from({ length: 12 }, (_, i) => ai(`c${i}`, COPILOT)),
    ...Array.from({ length: 50 }, (_, i) => human(`h${i}`)),
  ];
  const b = [
    ...Array.from({ length: 34 }, (_, i) => ai(`a${i}`, CLAUDE)),
    ...Array.from({ length: 39 }, (_, i) => human(`g${i}`)),
    ...Array.from({ length: 10 }, (_, i) => ai(`old${i}`, CURSOR, false)),
  ];
  return [file('src/a.ts', a), file('src/b.ts', b)];
}

describe('trailers: presets', () => {
  it('default = kernel then summary, matching the documented example', () => {
    assert.deepEqual(buildTrailers(sampleCommit()), [
      { key: 'Assisted-by', value: 'Claude:claude-opus-4-5-20251101' },
      { key: 'Assisted-by', value: 'Copilot:gpt-4o' },
      { key: 'AI-Assisted', value: '34% of added lines (46/135; inline 12, agent 34)' },
    ]);
  });

  it('kernel: one line per agent and model; an unknown model gives the bare agent', () => {
    const f = file('x.ts', [
      ai('1', COPILOT_NES),
      ai('2', OTHER),
      ai('3', { kind: 'manual', tool: 'unknown', time: 1 }),
    ]);
    assert.deepEqual(
      buildTrailers([f], ['kernel']).map((t) => t.value),
      ['Copilot', 'unknown', 'Windsurf-Cascade'],
    );
    const both = file('y.ts', [ai('1', COPILOT_NES), ai('2', COPILOT), ai('3', { ...COPILOT, model: 'openai/o3' })]);
    assert.deepEqual(
      buildTrailers([both], ['kernel']).map((t) => t.value),
      ['Copilot:gpt-4o', 'Copilot:o3'],
      'the bare Copilot line is redundant next to Copilot lines with a model',
    );
  });

  it('co-authored-by: each tool in its own convention, unknown tools in a generic form', () => {
    const f = file('x.ts', [ai('1', [CLAUDE, COPILOT, CURSOR, CODEX, AIDER, OTHER])]);
    assert.deepEqual(buildTrailers([f], ['co-authored-by']), [
      { key: 'Co-authored-by', value: 'aider (anthropic/claude-3-5-sonnet) <aider@aider.chat>' },
      { key: 'Co-authored-by', value: 'Claude Opus 4.5 <noreply@anthropic.com>' },
      { key: 'Co-authored-by', value: 'Codex <codex@openai.com>' },
      { key: 'Co-authored-by', value: 'Copilot <223556219+Copilot@users.noreply.github.com>' },
      { key: 'Co-authored-by', value: 'Cursor <cursoragent@cursor.com>' },
      { key: 'Co-authored-by', value: 'Windsurf Cascade <noreply@ai-provenance.invalid>' },
    ]);
  });

  it('co-authored-by: Claude model names follow Claude Code, and fall back to plain Claude', () => {
    const names = (model?: string) =>
      buildTrailers([file('x', [ai('1', { ...CLAUDE, model })])], ['co-authored-by'])[0].value;
    assert.equal(names('anthropic/claude-3-5-sonnet-20241022'), 'Claude 3.5 Sonnet <noreply@anthropic.com>');
    assert.equal(names('claude-sonnet-4'), 'Claude Sonnet 4 <noreply@anthropic.com>');
    assert.equal(names(undefined), 'Claude <noreply@anthropic.com>');
    assert.equal(names('openai/gpt-4o'), 'Claude <noreply@anthropic.com>');
    const aider = buildTrailers([file('x', [ai('1', { ...AIDER, model: undefined })])], ['co-authored-by']);
    assert.equal(aider[0].value, 'aider <aider@aider.chat>');
  });

  it('summary: counts added ai + mixed lines, each under its most recent origin kind', () => {
    const late = { ...COPILOT, time: 9_999 };
    const f = file('x', [mixed('1', [CLAUDE, late]), mixed('2', CLAUDE), human('3'), ai('4', CLAUDE, false)]);
    const summary = summarizeAddedLines([f]);
    assert.deepEqual(summary, { added: 3, ai: 2, mixed: 2, byKind: { inline: 1, agent: 1 } });
    assert.equal(formatSummary(summary), '67% of added lines (2/3; inline 1, agent 1)');
    assert.deepEqual(buildTrailers([f], ['summary']), [
      { key: 'AI-Assisted', value: '67% of added lines (2/3; inline 1, agent 1)' },
    ]);
  });

  it('summary: never rounds some AI down to 0% or not-all up to 100%', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => human(`h${i}`));
    assert.match(
      buildTrailers([file('x', [ai('a', COPILOT), ...many(999)])], ['summary'])[0].value,
      /^1% of added lines \(1\/1000;/,
    );
    const mostly = [...Array.from({ length: 999 }, (_, i) => ai(`a${i}`, COPILOT)), human('h')];
    assert.match(buildTrailers([file('x', mostly)], ['summary'])[0].value, /^99% /);
    assert.match(
      buildTrailers([file('x', [ai('a', COPILOT)])], ['summary'])[0].value,
      /^100% of added lines \(1\/1; inline 1\)$/,
    );
  });

  it('presets combine in the given order without duplicates', () => {
    const f = sampleCommit();
    const keys = buildTrailers(f, ['summary', 'co-authored-by', 'kernel', 'summary']).map((t) => t.key);
    assert.deepEqual(keys, ['AI-Assisted', 'Co-authored-by', 'Co-authored-by', 'Assisted-by', 'Assisted-by']);
  });

  it('none wins over everything; no added AI line means no trailers', () => {
    assert.deepEqual(buildTrailers(sampleCommit(), ['none']), []);
    assert.deepEqual(buildTrailers(sampleCommit(), ['kernel', 'none']), []);
    assert.deepEqual(buildTrailers([file('x', [human('a'), ai('old', CLAUDE, false)])]), []);
    assert.deepEqual(buildTrailers([]), []);
  });

  it('sanitises hostile tool and model names: one line, bounded, never Signed-off-by', () => {
    const origin = { kind: 'chat', tool: 'Evil\nSigned-off-by: Mallory <m@x>', model: 'a/b\r\nX: y', time: 1 } as const;
    const out = buildTrailers([file('x', [ai('1', origin)])], ['kernel', 'co-authored-by', 'summary']);
    for (const t of out) {
      assert.doesNotMatch(t.value, /[\r\n]/);
      assert.notEqual(t.key.toLowerCase(), 'signed-off-by');
    }
    assert.equal(out[0].value, 'Evil-Signed-off-by-Mallory-mx:b-X-y');
    assert.equal(out[1].value, 'Evil Signed-off-by: Mallory m@x <noreply@ai-provenance.invalid>');
  });

  it('property: any origins give single-line bounded values and only our three keys', () => {
    const originArb = fc.record({
      kind: fc.constantFrom('inline', 'agent', 'chat', 'manual') as fc.Arbitrary<Origin['kind']>,
      tool: fc.string({ maxLength: 400 }),
      model: fc.option(fc.string({ maxLength: 400 }), { nil: undefined }),
      time: fc.integer(),
    });
    fc.assert(
      fc.property(fc.array(originArb, { minLength: 1, maxLength: 5 }), (origins) => {
        const out = buildTrailers([file('x', [ai('1', origins)])], ['kernel', 'co-authored-by', 'summary']);
        assert.ok(out.length >= 2);
        for (const t of out) {
          assert.ok(['Assisted-by', 'Co-authored-by', 'AI-Assisted'].includes(t.key));
          assert.ok(t.value.length > 0 && t.value.length <= TRAILER_VALUE_MAX);
          // eslint-disable-next-line no-control-regex
          assert.doesNotMatch(t.value, /[\u0000-\u001f\u2028\u2029]/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('trailers: preset settings', () => {
  it('parses lists and comma strings, defaulting when empty', () => {
    assert.deepEqual(parseTrailerPresets(undefined), ['kernel', 'summary']);
    assert.deepEqual(parseTrailerPresets(''), ['kernel', 'summary']);
    assert.deepEqual(parseTrailerPresets('co-authored-by, Summary'), ['co-authored-by', 'summary']);
    assert.deepEqual(parseTrailerPresets(['none', 'none']), ['none']);
  });

  it('rejects unknown names and wrong types with a clear error', () => {
    assert.throws(() => parseTrailerPresets('kernel,bogus'), /unknown trailer preset "bogus"/);
    assert.throws(() => parseTrailerPresets(42), /list or a comma-separated string/);
    assert.throws(() => parseTrailerPresets([1]), /unknown trailer preset 1/);
  });
});

describe('trailers: amend handling', () => {
  const generated = buildTrailers(sampleCommit());

  it('recognises our own trailer shapes and not free text', () => {
    for (const t of generated) assert.ok(isOwnTrailer(t), t.value);
    for (const t of buildTrailers(sampleCommit(), ['co-authored-by'])) assert.ok(isOwnTrailer(t), t.value);
    assert.ok(isOwnSummaryTrailer({ key: 'ai-assisted', value: '7% of added lines (1/14; chat 1)' }));
    assert.ok(!isOwnSummaryTrailer({ key: 'AI-Assisted', value: 'yes, heavily' }));
    assert.ok(!isOwnTrailer({ key: 'Assisted-by', value: 'Claude:claude-3-opus coccinelle sparse' }));
    assert.ok(!isOwnTrailer({ key: 'Co-authored-by', value: 'Jane <jane@example.com>' }));
    assert.ok(!isOwnTrailer({ key: 'Signed-off-by', value: 'Jane <jane@example.com>' }));
  });

  it('adds nothing when the message already carries the same trailers', () => {
    const message = 'Subject\n\nBody\n\n' + generated.map((t) => `${t.key}: ${t.value}`).join('\n') + '\n';
    assert.deepEqual(planTrailerUpdate(message, generated), { add: [], remove: [] });
  });

  it("replaces a stale summary, keeps people's own Assisted-by lines, adds the new ones", () => {
    const message =
      'Subject\n\nBody\n\nAssisted-by: Claude:claude-opus-4-5-20251101\nAssisted-by: coccinelle\n' +
      'AI-Assisted: 10% of added lines (3/30; inline 3)\n\n# Please enter the commit message\n';
    const plan = planTrailerUpdate(message, generated);
    assert.deepEqual(plan.remove, [{ key: 'AI-Assisted', value: '10% of added lines (3/30; inline 3)' }]);
    assert.deepEqual(
      plan.add,
      generated.filter((t) => t.value !== 'Claude:claude-opus-4-5-20251101'),
    );
    const cleaned = removeTrailers(message, plan.remove);
    assert.deepEqual(
      parseTrailers(cleaned).map((t) => t.value),
      ['Claude:claude-opus-4-5-20251101', 'coccinelle'],
    );
  });
});

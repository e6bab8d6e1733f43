import * as assert from 'node:assert/strict';
import { cleanLabel, type LineSource } from '../../../src/core/blame';
import type { CommitAiRecognition } from '../../../src/core/commit';
import { buildBranchReport, mdCode, renderMarkdown } from '../../../src/core/report';
import { HEAD, HOSTILE, facts, finding, review, signoff } from './fixtures';
import { assertInert } from './inert';
import { skipBecause } from '../../skip';

function noAi(botAuthor?: string): CommitAiRecognition {
  return {
    aiAssisted: false,
    tools: [],
    evidence: [],
    humanCoAuthors: [],
    mixed: false,
    ...(botAuthor ? { botAuthor } : {}),
  };
}

describe('renderMarkdown', () => {
  it('summarises share, tier, findings, review progress and sign-off', () => {
    const report = buildBranchReport(
      facts('claude-code', ['src/a.ts'], [signoff('Rita', 'rita@example.com')]),
      review(),
    );
    const md = renderMarkdown(report);
    assert.match(md, /\*\*66\.7%\*\* of added lines AI-written \(2 of 3\)/);
    assert.match(md, /tier \*\*T3\*\*/);
    assert.match(md, /AI hunks reviewed \*\*1\/1\*\*/);
    assert.match(md, /signed off by `Rita`/);
    assert.match(md, /\| `src\/a\.ts` \| 3 \| 1 \| 1 \| 0 \| 66\.7% \|/);
    assert.match(md, /🔴 high/);
    assertInert(md);
  });

  for (const payload of HOSTILE) {
    it(`renders ${JSON.stringify(payload.slice(0, 30))} inert wherever it appears`, () => {
      const path = payload.replace(/[\n\r]/g, ' ');
      const report = buildBranchReport(
        facts(payload, [`src/${path}.ts`], [signoff(cleanLabel(payload).replace(/[<>]/g, '_'), 'rita@example.com')]),
        review([finding({ why: payload, file: `src/${path}.ts`, title: payload })], [`T3: ${payload}`]),
      );
      const md = renderMarkdown(report);
      assertInert(md);
    });
  }

  it('renders as HTML without links, images or raw tags (when a markdown renderer is installed)', async function () {
    let marked: { parse(md: string, opts?: object): string | Promise<string> };
    try {
      marked = (await import('marked')).marked;
    } catch {
      skipBecause(this, 'no markdown renderer to check with (the optional `marked` package is not installed)');
    }
    for (const payload of HOSTILE) {
      const report = buildBranchReport(
        facts(payload, [`src/${payload.replace(/\n/g, ' ')}.ts`]),
        review([finding({ why: payload, title: payload })], [payload]),
      );
      const html = await marked.parse(renderMarkdown(report), { gfm: true });
      assert.doesNotMatch(
        html,
        /<(?:a|img|script|h1)\b/i,
        `payload ${JSON.stringify(payload)} produced markup:\n${html}`,
      );
      assert.doesNotMatch(html, /<[^>]*\b(?:href|src)=/i);
    }
  });

  it('shows a folded finding once: first place, its count, the other places under "show all", and the size header', () => {
    const folded = finding({
      count: 3,
      range: { side: 'new', start: 4, end: 4 },
      locations: [
        { side: 'new', start: 4, end: 4 },
        { side: 'new', start: 9, end: 10 },
        { side: 'old', start: 20, end: 20 },
      ],
    });
    const header = {
      files: 2,
      additions: 500,
      deletions: 20,
      reviewLines: 520,
      large: true,
      largeLines: 400,
      aiLines: 0,
      aiShare: 0,
      commitLevelAiLines: 0,
      provenanceKnown: true,
      aiClaim: null,
      analysis: 'line rules',
    };
    const md = renderMarkdown(buildBranchReport(facts(), { ...review([folded]), header }));
    assert.match(
      md,
      /`src\/a\.ts:4` <details><summary>3 places: show all<\/summary>`9-10`, `20 \(removed\)`<\/details>/,
    );
    assert.match(md, /Size: 520 changed line\(s\) to review in 2 file\(s\) — over 400/);
    assertInert(md);
  });

  it('names the file of each place in another file under "show all" (a finding folded across files)', () => {
    const folded = finding({
      count: 3,
      range: { side: 'new', start: 4, end: 4 },
      locations: [
        { side: 'new', start: 4, end: 4 },
        { side: 'new', start: 7, end: 7, file: 'src/b.ts' },
        { side: 'old', start: 2, end: 3, file: 'src/c.ts' },
      ],
    });
    const md = renderMarkdown(buildBranchReport(facts(), review([folded])));
    assert.match(md, /<summary>3 places: show all<\/summary>`src\/b\.ts:7`, `src\/c\.ts:2-3 \(removed\)`<\/details>/);
    assertInert(md);
  });

  it('lists every place the engine kept under "show all", then how many more', () => {
    const kept = Array.from({ length: 50 }, (_, i) => ({ side: 'new' as const, start: 10 + i * 3, end: 10 + i * 3 }));
    const folded = finding({ count: 64, range: kept[0], locations: kept });
    const md = renderMarkdown(buildBranchReport(facts(), review([folded])));
    const details = /<details><summary>64 places: show all<\/summary>(.*?)<\/details>/.exec(md);
    assert.ok(details, md);
    assert.equal(details[1].match(/`\d+`/g)?.length, 49, 'every kept place after the first');
    assert.match(details[1], /^`13`, `16`, .*`157` and 14 more$/);
    assertInert(md);
  });

  it('caps its size below GitHub comment limits', () => {
    const paths = Array.from({ length: 400 }, (_, i) => `src/${'deep/'.repeat(20)}file${i}.ts`);
    const findings = Array.from({ length: 300 }, (_, i) =>
      finding({ why: 'x'.repeat(250) + i, file: paths[i % paths.length] }),
    );
    const md = renderMarkdown(buildBranchReport(facts('t', paths), review(findings)));
    assert.ok(md.length <= 60_000, `${md.length}`);
  });
});

describe('mdCode', () => {
  it('fences around backtick runs and pads edge backticks', () => {
    assert.equal(mdCode('plain'), '`plain`');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`edge`'), '`` `edge` ``');
    assert.equal(mdCode('a|b', { table: true }), '`a\\|b`');
    assert.equal(mdCode(''), '∅');
  });
  it('says "no AI evidence" rather than 0% when no added line has any, and names bot-authored commits apart', () => {
    const f = facts('claude-code', ['src/a.ts']);
    const human: LineSource = { authorship: 'human', evidence: 'none', origins: [] };
    const report = buildBranchReport(
      {
        ...f,
        lineSource: () => human,
        commits: [
          { commit: HEAD, trusted: false, recognition: noAi('renovate[bot]') },
          { commit: 'c'.repeat(40), trusted: false, recognition: noAi() },
        ],
      },
      review(),
    );
    assert.equal(report.aiClaim, 'no AI evidence for the 3 added lines');
    assert.deepEqual(report.commits.botAuthored, { commits: 1, accounts: ['renovate[bot]'] });
    const md = renderMarkdown(report);
    assert.match(md, /\*\*no AI evidence\*\* for the 3 added line\(s\)/);
    assert.doesNotMatch(md, /\*\*0%\*\*/);
    assert.match(md, /1 authored by bot accounts with no AI evidence \(`renovate\[bot\]`\): not counted as AI\./);
    const ai = renderMarkdown(buildBranchReport(facts('claude-code', ['src/a.ts']), review()));
    assert.doesNotMatch(ai, /bot accounts/, 'no bot commit, no bot sentence');
  });
});

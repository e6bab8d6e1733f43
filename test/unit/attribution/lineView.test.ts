import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { lineView, OriginTable, summarizeAttribution, type SpanTuple } from '../../../src/core/attribution';

/** Spans covering each `[` ... `]` group of a template, with the digit after `]` as origin id, brackets removed. */
function doc(template: string): { text: string; spans: SpanTuple[] } {
  let text = '';
  const spans: SpanTuple[] = [];
  let open = -1;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '[') open = text.length;
    else if (c === ']') spans.push([open, text.length, Number(template[++i])]);
    else text += c;
  }
  return { text, spans };
}

describe('lineView', () => {
  it('classifies lines as ai, mixed or human by their non-whitespace characters', () => {
    const { text, spans } = doc('[  return a;\n]0human();\n  [x]1 = [y]0;\n   \n[ \t]0\nend');
    const view = lineView(text, spans);
    assert.deepEqual(
      view.map((l) => [l.kind, [...l.origins]]),
      [
        ['ai', [0]], // the AI indentation counts for nothing, the code is all AI
        ['human', []],
        ['mixed', [0, 1]],
        ['human', []], // whitespace only
        ['human', []], // AI whitespace only
        ['human', []],
      ],
    );
  });

  it('treats a line as ai when only its whitespace is human', () => {
    const { text, spans } = doc('    [foo(]0 [bar)]0   ');
    assert.equal(lineView(text, spans)[0].kind, 'ai');
  });

  it('splits lines at \\n, \\r\\n and \\r, and a trailing break starts an empty line', () => {
    const { text, spans } = doc('[a]0\r\nb\r[c]1\n');
    assert.deepEqual(
      lineView(text, spans).map((l) => l.kind),
      ['ai', 'human', 'ai', 'human'],
    );
    assert.deepEqual(
      lineView('', []).map((l) => l.kind),
      ['human'],
    );
  });

  it('gives every line what a character-by-character count gives (lines skipped or taken whole included)', () => {
    // Per character: its origin or -1; adjacent equal labels make one span, as the tracker stores them.
    const unit = fc.constantFrom('a', 'b', ' ', '\t', '\u00a0', '\u3000', '\n', '\r', '\r\n', 'x;');
    const sample = fc.array(fc.tuple(unit, fc.integer({ min: -1, max: 2 })), { maxLength: 60 }).map((parts) => {
      let text = '';
      const labels: number[] = [];
      for (const [piece, label] of parts) {
        text += piece;
        for (let k = 0; k < piece.length; k++) labels.push(label);
      }
      const spans: SpanTuple[] = [];
      labels.forEach((label, i) => {
        const last = spans[spans.length - 1];
        if (label < 0) return;
        if (last && last[1] === i && last[2] === label) last[1] = i + 1;
        else spans.push([i, i + 1, label]);
      });
      return { text, labels, spans };
    });
    fc.assert(
      fc.property(sample, ({ text, labels, spans }) => {
        const expected: Array<[string, number[]]> = [];
        let pos = 0;
        for (const line of text.split(/\r\n|\r|\n/)) {
          const own: number[] = [];
          let significant = 0;
          for (let k = 0; k < line.length; k++) {
            if (/\s/.test(line[k])) continue;
            significant++;
            if (labels[pos + k] >= 0) own.push(labels[pos + k]);
          }
          const kind = own.length === 0 ? 'human' : own.length === significant ? 'ai' : 'mixed';
          expected.push([kind, [...new Set(own)].sort((a, b) => a - b)]);
          pos += line.length + (text.startsWith('\r\n', pos + line.length) ? 2 : 1);
        }
        assert.deepEqual(
          lineView(text, spans).map((l) => [l.kind, [...l.origins]]),
          expected,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects spans that do not fit the text', () => {
    assert.throws(() => lineView('abc', [[1, 9, 0]]), /past the document length/);
  });
});

describe('summarizeAttribution', () => {
  it('counts lines and non-whitespace characters per origin kind', () => {
    const origins = new OriginTable();
    origins.intern({ kind: 'inline', tool: 'copilot', time: 0 });
    origins.intern({ kind: 'agent', tool: 'claude-code', time: 0 });
    const { text, spans } = doc('[if (x) {]0\n  [go()]1;\n}\n');
    const s = summarizeAttribution(text, spans, origins);
    assert.deepEqual(s.lines, { total: 4, ai: 1, mixed: 1, human: 2 });
    assert.equal(s.chars.total, 'if(x){go();}'.length);
    assert.equal(s.chars.ai, 'if(x){'.length + 'go()'.length);
    assert.equal(s.chars.human, 2);
    assert.equal(s.chars.byKind.inline, 6);
    assert.equal(s.chars.byKind.agent, 4);
    assert.equal(s.chars.byKind.chat, 0);
    assert.throws(() => summarizeAttribution(text, [[0, 1, 5]], origins), /unknown origin id 5/);
  });
});

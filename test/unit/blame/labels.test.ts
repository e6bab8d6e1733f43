import * as assert from 'node:assert/strict';
import { cleanLabel, cleanSourceLine } from '../../../src/core/blame';

describe('cleanLabel', () => {
  it('replaces control, bidi and invisible characters and flattens whitespace', () => {
    assert.equal(cleanLabel('a\u001b[31mred\u0007'), 'a\ufffd[31mred\ufffd');
    assert.equal(cleanLabel('safe\u202egnp.exe'), 'safe\ufffdgnp.exe');
    assert.equal(cleanLabel('zero\u200bwidth\ufeff'), 'zero\ufffdwidth\ufffd');
    assert.equal(cleanLabel('line\nbreak\r\n  and\ttab'), 'line break and tab');
    assert.equal(cleanLabel('c1\u0085\u009b'), 'c1\ufffd\ufffd');
    assert.equal(cleanLabel('\ud800lone'), '\ufffdlone');
  });

  it('cuts long labels without splitting a surrogate pair', () => {
    assert.equal(cleanLabel('x'.repeat(500)).length, 120);
    const cut = cleanLabel('a'.repeat(8) + '😀'.repeat(10), 10);
    assert.ok(!/[\ud800-\udbff]…$/.test(cut), cut);
    assert.ok(cut.endsWith('…'));
  });

  it('keeps ordinary text, including non-ASCII', () => {
    assert.equal(cleanLabel('  anthropic/claude-sonnet-4 — Zoë  '), 'anthropic/claude-sonnet-4 — Zoë');
  });

  it('cleanSourceLine keeps tabs and length', () => {
    assert.equal(cleanSourceLine('\tcode\u001b[2J'), '\tcode\ufffd[2J');
  });
});

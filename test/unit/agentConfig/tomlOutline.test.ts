import * as assert from 'node:assert/strict';
import { AgentConfigError } from '../../../src/core/agentConfig/types';
import { outlineToml, tomlString, tomlStringValue } from '../../../src/core/agentConfig/tomlOutline';

describe('outlineToml', () => {
  it('finds headers and keys with their tables, skipping values that span lines', () => {
    const text = [
      'a = 1 # c',
      'b.c = "x"',
      's = """',
      '[not.a.header]',
      'quote "" inside """"',
      "lit = '''",
      '[still.not]',
      "'''",
      'arr = [',
      '  [1, 2], # nested',
      '  { k = "v" },',
      ']',
      '[t]',
      '"quoted.key" = 2',
      'when = 1979-05-27 07:32:00',
      '[[hooks.PreToolUse]]',
      "matcher = 'Bash'",
    ].join('\n');
    const outline = outlineToml(text);
    assert.deepEqual(
      outline.headers.map((h) => [h.kind, h.path.join('.')]),
      [
        ['table', 't'],
        ['array', 'hooks.PreToolUse'],
      ],
    );
    assert.deepEqual(
      outline.keys.map((k) => [k.table.join('.'), k.key.join('|'), k.value]),
      [
        ['', 'a', '1'],
        ['', 'b|c', '"x"'],
        ['', 's', '"""\n[not.a.header]\nquote "" inside """"'],
        ['', 'lit', "'''\n[still.not]\n'''"],
        ['', 'arr', '[\n  [1, 2], # nested\n  { k = "v" },\n]'],
        ['t', 'quoted.key', '2'],
        ['t', 'when', '1979-05-27 07:32:00'],
        ['hooks.PreToolUse', 'matcher', "'Bash'"],
      ],
    );
    assert.equal(text.slice(outline.headers[0].start, outline.headers[0].lineEnd), '[t]\n');
  });

  it('handles CRLF line endings and a BOM', () => {
    const outline = outlineToml('\ufeffa = 1\r\n[x]\r\nb = 2\r\n');
    assert.deepEqual(
      outline.keys.map((k) => k.key[0]),
      ['a', 'b'],
    );
    assert.equal(outline.headers[0].lineEnd, '\ufeffa = 1\r\n[x]\r\n'.length);
  });

  for (const [text, problem] of [
    ['[features\nhooks = true', /line 1: expected ] to close a table header/],
    ['a = "unterminated\n', /line 1: unterminated string/],
    ['a = """never closed', /unterminated multi-line string/],
    ['a = [1, 2\nb = 3', /line 2: expected , or ]/],
    ['= 3', /expected a key/],
    ['a = 1 b', /unexpected text after a value/],
  ] as const) {
    it(`rejects ${JSON.stringify(text)} with the line and the problem`, () => {
      assert.throws(
        () => outlineToml(text, 'config.toml'),
        (err: unknown) =>
          err instanceof AgentConfigError && problem.test(err.message) && /left unchanged/.test(err.message),
      );
    });
  }

  it('tomlString round-trips through tomlStringValue, escaping what TOML requires', () => {
    for (const s of [
      'plain',
      `'/path with spaces/ai-provenance' hook claude pre`,
      'back\\slash "quote"',
      'tab\tnew\nline\u0001',
    ]) {
      assert.equal(tomlStringValue(tomlString(s)), s);
    }
    assert.equal(tomlStringValue("'literal \\n'"), 'literal \\n');
    assert.equal(tomlStringValue('42'), undefined);
  });
});

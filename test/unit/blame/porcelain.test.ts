import * as assert from 'node:assert/strict';
import { BlameParseError, BlamePorcelainParser } from '../../../src/core/blame';
import { parseBlamePorcelain } from './parseWhole';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

function details(name: string, file: string, extra: string[] = []): string[] {
  return [
    `author ${name}`,
    `author-mail <${name.toLowerCase()}@example.com>`,
    'author-time 1700000000',
    'author-tz +0000',
    `committer ${name}`,
    'summary did things',
    ...extra,
    `filename ${file}`,
  ];
}

describe('parseBlamePorcelain', () => {
  it('reads groups, repeated commits, continuation lines and CRLF content', () => {
    const out = [
      `${A} 1 1 2`,
      ...details('Ann', 'old.ts'),
      '\tfirst\r',
      `${A} 2 2`,
      '\tsecond',
      `${B} 5 3 1`,
      ...details('Bob', 'new.ts', ['boundary']),
      '\tthird',
      `${A} 9 4 1`,
      '\tfourth',
      '',
    ].join('\n');
    const { entries, commits } = parseBlamePorcelain(out);
    assert.deepEqual(
      entries.map((e) => [e.line, e.commit[0], e.origLine, e.origPath, e.text]),
      [
        [1, 'a', 1, 'old.ts', 'first'],
        [2, 'a', 2, 'old.ts', 'second'],
        [3, 'b', 5, 'new.ts', 'third'],
        [4, 'a', 9, 'old.ts', 'fourth'],
      ],
    );
    assert.equal(commits.get(A)?.author, 'Ann');
    assert.equal(commits.get(A)?.authorEmail, 'ann@example.com');
    assert.equal(commits.get(A)?.authorTime, 1_700_000_000);
    assert.equal(commits.get(B)?.boundary, true);
    assert.equal(commits.get(A)?.boundary, false);
  });

  it('keeps the path of each group when one commit touched several paths', () => {
    const out = [
      `${A} 1 1 2`,
      ...details('Ann', 'one.ts'),
      '\tx',
      `${A} 2 2`,
      '\ty',
      `${A} 7 3 2`,
      'filename two.ts',
      '\tz',
      `${A} 8 4`,
      '\tw',
    ].join('\n');
    assert.deepEqual(
      parseBlamePorcelain(out).entries.map((e) => e.origPath),
      ['one.ts', 'one.ts', 'two.ts', 'two.ts'],
    );
  });

  it('decodes C-quoted filenames and tolerates uncommitted lines', () => {
    const out = [`${ZERO} 1 1 1`, ...details('Not Committed Yet', '"d\\303\\251j\\303\\240 vu.ts"'), '\tnew line'].join(
      '\n',
    );
    const { entries } = parseBlamePorcelain(out);
    assert.equal(entries[0].origPath, 'déjà vu.ts');
    assert.equal(entries[0].commit, ZERO);
  });

  it('rejects output that is not porcelain', () => {
    assert.throws(() => parseBlamePorcelain('hello world\n'), BlameParseError);
    assert.throws(() => parseBlamePorcelain(`${A} 1 1 1\nauthor x\n`), /ended inside a group/);
    assert.throws(() => parseBlamePorcelain('\tcontent first\n'), /before any header/);
  });

  it('accepts only well-formed group headers', () => {
    const group = (header: string) => [header, ...details('Ann', 'a.ts'), '\tx'].join('\n');
    const C = 'c'.repeat(64);
    assert.equal(parseBlamePorcelain(group(`${C} 7 3 1`)).entries[0].origLine, 7, 'SHA-256 ids');
    assert.deepEqual(
      parseBlamePorcelain(group(`${A} 007 12`)).entries.map((e) => [e.origLine, e.line]),
      [[7, 12]],
    );
    for (const bad of [
      `${A} 1`,
      `${A} 1 1 1 1`,
      `${A}  1 1`,
      `${A} 1 1 `,
      `${A} x 1`,
      `${A} 1 -1`,
      `${A} 1 1\r`,
      `${A.toUpperCase()} 1 1`,
      `${A.slice(1)} 1 1`,
      `${A}g 1 1`,
      ` ${A} 1 1`,
    ]) {
      assert.throws(() => parseBlamePorcelain(group(bad)), BlameParseError, JSON.stringify(bad));
    }
    // A known commit is not re-checked, but its header still is.
    assert.throws(() => parseBlamePorcelain([group(`${A} 1 1 1`), `${A} 2 x`, '\ty'].join('\n')), /line 10: expected/);
  });

  it('parses an empty file', () => {
    assert.deepEqual(parseBlamePorcelain('').entries, []);
  });

  it('reads output cut anywhere, inside lines and multi-byte characters, as the whole output', () => {
    const out = [
      `${A} 1 1 2`,
      ...details('Zoë', 'ünï.ts'),
      '\tdéjà vu ✓\r',
      `${A} 2 2`,
      '\t',
      `${B} 5 3 1`,
      ...details('Bob', 'new.ts', ['boundary']),
      '\t🙂 end',
      '',
    ].join('\n');
    const bytes = new TextEncoder().encode(out);
    const whole = parseBlamePorcelain(out);
    const expected = whole.entries;
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (const second of [cut, Math.min(bytes.length, cut + 1), Math.min(bytes.length, cut + 7)]) {
        const parser = new BlamePorcelainParser();
        parser.write(bytes.subarray(0, cut));
        parser.write(bytes.subarray(cut, second));
        parser.write(bytes.subarray(second));
        const table = parser.end();
        assert.deepEqual(table.entries, expected, `cut at ${cut} and ${second}`);
        assert.equal(table.commits.get(A)?.author, 'Zoë');
      }
    }
    assert.deepEqual(
      expected.map((e) => e.text),
      ['déjà vu ✓', '', '🙂 end'],
    );
    assert.equal(whole.hasUncommitted, false);
  });
});

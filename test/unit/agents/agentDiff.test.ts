import * as assert from 'node:assert/strict';
import {
  AGENT_DIFF_MAX_CHARS,
  agentInsertedRanges,
  isProbablyBinary,
  splitLines,
  type CharRange,
} from '../../../src/core/agents';

/** `after` with the agent's characters wrapped in «», so expectations read character by character. */
function mark(before: string | null, after: string): string {
  const ranges = agentInsertedRanges(before, after);
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += after.slice(at, s) + '«' + after.slice(s, e) + '»';
    at = e;
  }
  return out + after.slice(at);
}

describe('agentInsertedRanges: whole lines', () => {
  it('gives a rewritten line to the agent entirely (return a + b; -> const s = a + b;)', () => {
    assert.equal(
      mark('function f(a, b) {\n  return a + b;\n}\n', 'function f(a, b) {\n  const s = a + b;\n}\n'),
      'function f(a, b) {\n«  const s = a + b;\n»}\n',
    );
  });

  it('gives both lines of a rewrite into two lines to the agent', () => {
    assert.equal(
      mark('function f(a, b) {\n  return a + b;\n}\n', 'function f(a, b) {\n  const s = a + b;\n  return s;\n}\n'),
      'function f(a, b) {\n«  const s = a + b;\n  return s;\n»}\n',
    );
  });

  it('gives inserted lines with their line endings, at the start, middle and end', () => {
    assert.equal(mark('b\n', 'a\nb\n'), '«a\n»b\n');
    assert.equal(mark('a\nc\n', 'a\nb\nc\n'), 'a\n«b\n»c\n');
    assert.equal(mark('a\n', 'a\nb\n'), 'a\n«b\n»');
    assert.equal(mark('a', 'a\nb'), 'a\n«b»', 'the newline added to the old last line stays unattributed');
  });

  it('attributes nothing for deletions, and nothing for an unchanged file', () => {
    assert.deepEqual(agentInsertedRanges('a\nb\nc\n', 'a\nc\n'), []);
    assert.deepEqual(agentInsertedRanges('same\n', 'same\n'), []);
  });
});

describe('agentInsertedRanges: in-place edits', () => {
  it('gives only the inserted words when a line is edited in place', () => {
    assert.equal(mark('foo(a)\n', 'foo(a, b)\n'), 'foo(a«, b»)\n');
    assert.equal(mark('if (ready) {\n', 'if (ready && !closed) {\n'), 'if (ready «&& !closed») {\n');
    assert.equal(mark('x = 1;\n', 'x = 1; // TODO remove\n'), 'x = 1; «// TODO remove»\n');
  });

  it('gives only the replaced token of a small in-place substitution', () => {
    assert.equal(mark('const x = foo(1, 2);\n', 'const x = foo(1, 3);\n'), 'const x = foo(1, «3»);\n');
    assert.equal(
      mark('const total = sum(items);\n', 'const grandTotal = sum(items);\n'),
      'const «grandTotal» = sum(items);\n',
    );
  });

  it('pairs an edited line inside a block of new lines', () => {
    assert.equal(
      mark('start();\ncall(a);\nend();\n', 'start();\nsetup();\ncall(a, b);\nend();\n'),
      'start();\n«setup();\n»call(a«, b»);\nend();\n',
    );
  });

  it('judges a short line whose edit dominates it as a rewrite', () => {
    assert.equal(mark('}\n', '});\n'), '«});\n»');
    assert.equal(mark('let x = 1;\n', 'const x = 1;\n'), '«const x = 1;\n»');
  });
});

describe('agentInsertedRanges: whitespace and line endings', () => {
  it('attributes nothing for reindentation, but the wrapping lines of a new block', () => {
    assert.equal(mark('  a();\n', '    a();\n'), '    a();\n');
    assert.equal(mark('a();\nb();\n', 'if (x) {\n  a();\n  b();\n}\n'), '«if (x) {\n»  a();\n  b();\n«}\n»');
    assert.equal(mark('\tx = 1;\n', '    x = 1;\n'), '    x = 1;\n');
  });

  it('attributes nothing for spacing-only changes inside a line', () => {
    assert.deepEqual(agentInsertedRanges('a+b;\n', 'a + b;\n'), []);
    assert.deepEqual(agentInsertedRanges('x =  1;  \n', 'x = 1;\n'), []);
  });

  it('attributes nothing for line-ending-only changes: LF, CRLF, CR, final newline', () => {
    assert.deepEqual(agentInsertedRanges('a\r\nb\r\n', 'a\nb\n'), []);
    assert.deepEqual(agentInsertedRanges('a\nb\n', 'a\r\nb\r\n'), []);
    assert.deepEqual(agentInsertedRanges('a\rb\r', 'a\nb\n'), []);
    assert.deepEqual(agentInsertedRanges('a\nb', 'a\nb\n'), []);
    assert.deepEqual(agentInsertedRanges('a\nb\n', 'a\nb'), []);
  });

  it('keeps CRLF with the inserted line in a CRLF file', () => {
    assert.equal(mark('a\r\nc\r\n', 'a\r\nb\r\nc\r\n'), 'a\r\n«b\r\n»c\r\n');
    assert.equal(
      mark('a\r\nc\r\n', 'a\nb\nc\n'),
      'a\n«b\n»c\n',
      'a line-ending switch plus an insertion: only the insertion',
    );
  });
});

describe('agentInsertedRanges: unicode', () => {
  it('never splits a surrogate pair and counts UTF-16 code units', () => {
    const after = 'const 😀😀 = 1;\n';
    assert.deepEqual(agentInsertedRanges('const 😀 = 1;\n', after), [[8, 10]]);
    assert.equal(mark('const 😀 = 1;\n', after), 'const 😀«😀» = 1;\n');
    assert.equal(mark('let msg = "hi";\n', 'let msg = "hi 👋🏽";\n'), 'let msg = "hi «👋🏽»";\n');
  });

  it('treats letters with combining marks and non-Latin scripts as words', () => {
    assert.equal(mark('const café = 1;\n', 'const café = 1, naïve = 2;\n'), 'const café = 1«, naïve = 2»;\n');
    assert.equal(mark('печать(текст)\n', 'печать(текст, файл)\n'), 'печать(текст«, файл»)\n');
  });

  it('gives whole emoji lines to the agent', () => {
    assert.equal(mark('a\n', 'a\n🎉🎉\n'), 'a\n«🎉🎉\n»');
  });
});

describe('agentInsertedRanges: empty, created, deleted files', () => {
  it('gives a created file entirely to the agent', () => {
    assert.deepEqual(agentInsertedRanges('', 'new\n'), [[0, 4]]);
    assert.deepEqual(agentInsertedRanges(null, 'x'), [[0, 1]]);
    assert.deepEqual(agentInsertedRanges(undefined, '\n'), [[0, 1]]);
  });

  it('gives nothing for a deleted or emptied file, and nothing for empty to empty', () => {
    assert.deepEqual(agentInsertedRanges('old\n', ''), []);
    assert.deepEqual(agentInsertedRanges('old\n', null), []);
    assert.deepEqual(agentInsertedRanges('', ''), []);
    assert.deepEqual(agentInsertedRanges(null, null), []);
  });

  it('gives a whole replacement of a file to the agent as one range', () => {
    assert.deepEqual(agentInsertedRanges('one\ntwo\n', 'alpha\nbeta\n'), [[0, 11]]);
  });

  it('rejects non-string input with an Error', () => {
    assert.throws(() => agentInsertedRanges(42 as unknown as string, 'a'), /takes two strings/);
  });
});

describe('agentInsertedRanges: moves', () => {
  it('does not give a moved line to the agent, even reindented', () => {
    assert.equal(
      mark(
        '  const longLineHere = compute(1);\nother();\n',
        'other();\nfunction g() {\n    const longLineHere = compute(1);\n}\n',
      ),
      'other();\n«function g() {\n»    const longLineHere = compute(1);\n«}\n»',
    );
  });

  it('still gives short re-appearing lines to the agent (below MIN_MOVED_LINE_CHARS)', () => {
    assert.equal(mark('one\ntwo\nthree\nfour\n', 'three\nfour\none\ntwo\n'), 'three\nfour\n«one\ntwo\n»');
  });

  it('counts a moved line once: a duplicate is new text', () => {
    assert.equal(
      mark('a\nconst value = 42;\nb\n', 'a\nb\nconst value = 42;\nconst value = 42;\n'),
      'a\nb\nconst value = 42;\n«const value = 42;\n»',
    );
  });
});

describe('agentInsertedRanges: cost bounds', () => {
  it('falls back to whole lines above AGENT_DIFF_MAX_CHARS', () => {
    const line = 'x'.repeat(99) + '\n';
    const before = line.repeat(Math.ceil(AGENT_DIFF_MAX_CHARS / 2 / line.length) + 1);
    const after = before + 'foo(a, b)\n';
    const ranges = agentInsertedRanges(before + 'foo(a)\n', after);
    assert.deepEqual(ranges, [[before.length, after.length]], 'no in-place split in fallback mode');
  });

  it('handles many scattered edits in a large file within the line-diff allowance', () => {
    const oldLines = Array.from({ length: 20_000 }, (_, i) => `line ${i} = compute(${i});`);
    const newLines = oldLines.map((l, i) => (i % 1000 === 0 ? `${l} // checked` : l));
    const after = newLines.join('\n') + '\n';
    const ranges = agentInsertedRanges(oldLines.join('\n') + '\n', after);
    assert.equal(ranges.length, 20);
    for (const [s, e] of ranges) assert.equal(after.slice(s, e), '// checked');
  });

  it('judges a large rewritten block line by line without splitting unrelated lines', () => {
    // Small enough for Myers, so every added line is screened against nearby removed ones.
    const before = Array.from({ length: 600 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 600 }, (_, i) => `new ${i}`).join('\n') + '\n';
    assert.deepEqual(agentInsertedRanges(before, after), [[0, after.length]]);
  });

  it('falls back to whole lines when two large texts share nothing', () => {
    const before = Array.from({ length: 15_000 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 15_000 }, (_, i) => `new ${i}`).join('\n') + '\n';
    assert.deepEqual(agentInsertedRanges(before, after), [[0, after.length]]);
  });
});

describe('isProbablyBinary and splitLines', () => {
  it('flags NUL bytes and mostly-undecodable text, not ordinary text', () => {
    assert.equal(isProbablyBinary('PNG\u0000\u0001'), true);
    assert.equal(isProbablyBinary('\ufffd\ufffd\ufffdabc'), true);
    assert.equal(isProbablyBinary('plain text\twith tabs\r\nand \u001b[1mescapes\u001b[0m, émoji 😀'), false);
    assert.equal(isProbablyBinary(''), false);
    assert.equal(isProbablyBinary('x'.repeat(9000) + '\u0000'), false, 'only the first 8000 code units are sniffed');
  });

  it('splits on LF, CRLF and lone CR, with no empty line after a final line ending', () => {
    const ranges = (t: string): CharRange[] => splitLines(t).map((l) => [l.start, l.next]);
    assert.deepEqual(ranges('a\r\nb\rc\nd'), [
      [0, 3],
      [3, 5],
      [5, 7],
      [7, 8],
    ]);
    assert.deepEqual(ranges('a\n'), [[0, 2]]);
    assert.deepEqual(ranges('\n\n'), [
      [0, 1],
      [1, 2],
    ]);
    assert.deepEqual(ranges(''), []);
  });
});

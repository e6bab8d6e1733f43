import * as assert from 'node:assert/strict';
import { placeRecordRanges } from '../../../src/core/blame';
import { rangeContentHash, type RecordRange } from '../../../src/core/commit';
import { CLAUDE, COPILOT } from '../commit/fixtures';

const FILE = ['import x', 'const a = 1;', 'const b = 2;', 'const c = 3;', 'export {}'];

function range(
  lines: readonly string[],
  start: number,
  end: number,
  cls: 'ai' | 'mixed' = 'ai',
  origin = CLAUDE,
  hash = true,
): RecordRange {
  return {
    start_line: start,
    end_line: end,
    cls,
    origin,
    ...(hash ? { content_hash: rangeContentHash(lines, start - 1, end) } : {}),
  };
}

function known(lines: readonly string[], numbers: readonly number[]): Map<number, string> {
  return new Map(numbers.map((n) => [n, lines[n - 1]]));
}

describe('placeRecordRanges', () => {
  it('places a trusted record at its line numbers, even where the known lines cannot verify it', () => {
    const r = placeRecordRanges([range(FILE, 2, 4)], known(FILE, [3]), { trusted: true });
    assert.deepEqual([...r.lines.keys()], [3]);
    assert.equal(r.unplaced.length, 0);
  });

  it('verifies fully known ranges by hash and re-finds them when lines moved', () => {
    const record = range(FILE, 2, 3);
    const shifted = ['// new header', ...FILE];
    const r = placeRecordRanges([record], known(shifted, [1, 2, 3, 4, 5, 6]), { trusted: false });
    assert.deepEqual([...r.lines.keys()].sort(), [3, 4]);
  });

  it('a trusted record whose hash does not match is re-found, not believed', () => {
    const record = range(FILE, 2, 3);
    const shifted = ['// new header', ...FILE];
    const r = placeRecordRanges([record], known(shifted, [1, 2, 3, 4, 5, 6]), { trusted: true });
    assert.deepEqual([...r.lines.keys()].sort(), [3, 4]);
  });

  it('leaves an untrusted range it cannot verify from partial lines as unverified, then places it with the full text', () => {
    const record = range(FILE, 2, 4);
    const part = known(FILE, [3]);
    const first = placeRecordRanges([record], part, { trusted: false });
    assert.equal(first.lines.size, 0);
    assert.deepEqual(
      first.unplaced.map((u) => u.reason),
      ['unverified'],
    );
    const second = placeRecordRanges([record], part, { trusted: false, text: FILE });
    assert.deepEqual([...second.lines.keys()], [3]);
  });

  it('drops ranges whose text is nowhere in the file', () => {
    const bogus: RecordRange = { ...range(FILE, 2, 3), content_hash: 'fnv64:0000000000000000' };
    const r = placeRecordRanges([bogus], known(FILE, [1, 2, 3, 4, 5]), { trusted: true, text: FILE });
    assert.equal(r.lines.size, 0);
    assert.equal(r.unplaced[0].reason, 'not-found');
  });

  it('places ranges without a hash by line number', () => {
    const r = placeRecordRanges([range(FILE, 4, 5, 'ai', CLAUDE, false)], known(FILE, [1, 5]), { trusted: false });
    assert.deepEqual([...r.lines.keys()], [5]);
  });

  it('mixed wins over ai and origins are unioned', () => {
    const r = placeRecordRanges([range(FILE, 2, 3), range(FILE, 3, 3, 'mixed', COPILOT)], known(FILE, [2, 3]), {
      trusted: true,
    });
    assert.equal(r.lines.get(2)?.cls, 'ai');
    assert.equal(r.lines.get(3)?.cls, 'mixed');
    assert.deepEqual(
      r.lines.get(3)?.origins.map((o) => o.tool),
      ['claude-code', 'GitHub Copilot'],
    );
  });

  it('ignores ranges beyond the end of the file', () => {
    const r = placeRecordRanges(
      [{ start_line: 90, end_line: 95, cls: 'ai', origin: CLAUDE, content_hash: 'fnv64:0000000000000001' }],
      known(FILE, [1, 2]),
      { trusted: false, text: FILE },
    );
    assert.equal(r.lines.size, 0);
  });
});

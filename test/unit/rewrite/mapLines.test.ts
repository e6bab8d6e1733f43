import * as assert from 'node:assert/strict';
import type { Origin } from '../../../src/core/attribution/origin';
import type { LineAttribution } from '../../../src/core/commit/lines';
import { mapLineAttributions, overlayLineMaps } from '../../../src/core/rewrite/mapLines';

const A: Origin = { kind: 'agent', tool: 'claude-code', time: 1 };
const B: Origin = { kind: 'inline', tool: 'GitHub Copilot', time: 2 };
const ai = (o: Origin = A): LineAttribution => ({ cls: 'ai', origins: [o] });
const map = (entries: Array<[number, LineAttribution]>) => new Map(entries);

const OLD = [
  'import x;',
  'function one() {',
  '  return compute(1);',
  '}',
  '',
  'function two() {',
  '  return compute(2);',
  '}',
];

describe('rewrite: carrying line attribution to another version', () => {
  it('follows lines inserted and deleted above', () => {
    const next = ['// header', ...OLD.slice(1)];
    const r = mapLineAttributions(
      OLD,
      next,
      map([
        [3, ai()],
        [7, ai(B)],
      ]),
    );
    assert.deepEqual(
      [...r.lines],
      [
        [3, ai()],
        [7, ai(B)],
      ],
    );
    const shifted = mapLineAttributions(OLD, ['// a', '// b', ...OLD], map([[3, ai()]]));
    assert.deepEqual([...shifted.lines.keys()], [5]);
  });

  it('drops a line that was changed, keeps its unchanged neighbours', () => {
    const next = [...OLD];
    next[2] = '  return compute(100);';
    const r = mapLineAttributions(
      OLD,
      next,
      map([
        [2, ai()],
        [3, ai()],
        [4, ai()],
      ]),
    );
    assert.deepEqual([...r.lines.keys()], [2, 4]);
    assert.equal(r.dropped, 1);
  });

  it('keeps re-indented AI lines', () => {
    const next = OLD.map((l) => (l.startsWith('  ') ? `    ${l.trim()}` : l));
    assert.deepEqual([...mapLineAttributions(OLD, next, map([[3, ai()]])).lines.keys()], [3]);
  });

  it('finds a moved block by its content hash', () => {
    const next = [...OLD.slice(5), '', 'const filler = 1;', ...OLD.slice(0, 5)];
    const r = mapLineAttributions(
      OLD,
      next,
      map([
        [2, ai()],
        [3, ai()],
        [4, ai()],
      ]),
    );
    assert.deepEqual(
      [...r.lines.keys()].sort((a, b) => a - b),
      [7, 8, 9],
    );
    assert.equal(r.dropped, 0);
  });

  it('does not move punctuation-only lines to a far-away copy', () => {
    const old = ['a();', '}', 'b();'];
    const next = ['b();', 'c();', 'd();', '}', 'a2();'];
    const r = mapLineAttributions(old, next, map([[2, ai()]]));
    assert.deepEqual([...r.lines.keys()], []);
  });

  it('ignores attributions past the end of the old text', () => {
    assert.deepEqual(
      [
        ...mapLineAttributions(
          ['a'],
          ['a'],
          map([
            [1, ai()],
            [9, ai()],
          ]),
        ).lines.keys(),
      ],
      [1],
    );
  });

  it('overlay: the first map that claims a line wins; human never overrides', () => {
    const newest = map([
      [1, ai(B)],
      [2, { cls: 'human', origins: [] }],
    ]);
    const older = map([
      [1, ai(A)],
      [2, ai(A)],
      [3, { cls: 'mixed', origins: [A] }],
    ]);
    assert.deepEqual(
      [...overlayLineMaps([newest, older])],
      [
        [1, ai(B)],
        [2, ai(A)],
        [3, { cls: 'mixed', origins: [A] }],
      ],
    );
  });
});

import * as assert from 'node:assert/strict';
import { createTwoFilesPatch } from 'diff';
import * as fc from 'fast-check';
import { parseUnifiedDiff } from '../../../src/core/review/diff/parse';
import type { DiffFile } from '../../../src/core/review/diff/types';

/** Rebuilds both sides of a file from its hunks and the old text, to check the line numbers are right. */
function applyHunks(oldLines: readonly string[], file: DiffFile): { old: string[]; neu: string[] } {
  const neu: string[] = [];
  let next = 1;
  for (const h of file.hunks) {
    const start = h.oldLines === 0 ? h.oldStart + 1 : h.oldStart;
    while (next < start) neu.push(oldLines[next++ - 1]);
    for (const l of h.lines) {
      if (l.kind !== 'add') {
        assert.equal(oldLines[l.oldLine! - 1], l.text, `old line ${l.oldLine}`);
        next = l.oldLine! + 1;
      }
      if (l.kind !== 'del') {
        assert.equal(l.newLine, neu.length + 1, 'new line numbers are consecutive');
        neu.push(l.text);
      }
    }
  }
  while (next <= oldLines.length) neu.push(oldLines[next++ - 1]);
  return { old: [...oldLines], neu };
}

const line = fc.constantFrom(
  'a',
  'b',
  'c',
  '',
  ' ',
  '-x',
  '+y',
  '\\',
  '@@ -1 +1 @@',
  'diff --git a b',
  '--- a',
  '+++ b',
);

describe('review/diff parseUnifiedDiff properties', () => {
  it('round-trips jsdiff patches: rebuilt new side equals the new text', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.array(line, { minLength: 1, maxLength: 30 }),
        (a, b) => {
          const oldText = a.join('\n') + '\n';
          const newText = b.join('\n') + '\n';
          const p = parseUnifiedDiff(
            createTwoFilesPatch('a/f.txt', 'b/f.txt', oldText, newText, undefined, undefined, { context: 2 }),
          );
          assert.deepEqual(p.warnings, []);
          if (oldText === newText) return;
          assert.equal(p.files.length, 1);
          const { neu } = applyHunks(a, p.files[0]);
          assert.deepEqual(neu, b);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text and keeps its invariants', () => {
    const noise = fc.array(
      fc.oneof(
        line,
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          '@@ -1,3 +1,2 @@',
          'rename from x',
          'new file mode 100644',
          'Binary files a and b differ',
          'GIT binary patch',
          '"\\377',
          'diff --git "a/\\',
        ),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(noise, (lines) => {
        const p = parseUnifiedDiff(lines.join('\n'));
        for (const f of p.files) {
          assert.equal(typeof f.path, 'string');
          let adds = 0;
          for (const h of f.hunks) for (const l of h.lines) if (l.kind === 'add') adds++;
          assert.equal(f.additions, adds);
        }
      }),
      { numRuns: 500 },
    );
  });
});

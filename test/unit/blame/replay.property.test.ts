/** LineReplay against a direct model: apply random zero-context edits to a tagged line array both ways. */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LineReplay, type FilePatch, type PatchHunk } from '../../../src/core/blame';

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: number;
}

/** Hunks as git prints them with -U0: an empty side's start is the line before the change. */
function hunksFor(edits: readonly Edit[]): PatchHunk[] {
  let delta = 0;
  return edits.map((e) => {
    const h = { oldStart: e.remove > 0 ? e.at + 1 : e.at, oldCount: e.remove, newStart: e.insert > 0 ? e.at + delta + 1 : e.at + delta, newCount: e.insert };
    delta += e.insert - e.remove;
    return h;
  });
}

/** Non-overlapping edits in ascending order over a file of `length` lines. */
const editsArb = (length: number) =>
  fc.array(fc.record({ gap: fc.nat(6), remove: fc.nat(4), insert: fc.nat(4) }), { maxLength: 5 }).map((raw) => {
    const edits: Edit[] = [];
    let pos = 0;
    for (const r of raw) {
      const at = pos + r.gap;
      if (at > length) break;
      const remove = Math.min(r.remove, length - at);
      if (remove === 0 && r.insert === 0) continue;
      edits.push({ at, remove, insert: r.insert });
      pos = at + remove + 1;
    }
    return edits;
  });

describe('LineReplay (property)', () => {
  it('tracks every line like direct splicing does', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 12 }), (initial, commits) => {
        let model: (string | undefined)[] = new Array(initial).fill(undefined);
        const replay = new LineReplay<string>();
        let path = 'f0.ts';
        commits.forEach(([rename, seed], c) => {
          const edits = fc.sample(editsArb(model.length), { seed, numRuns: 1 })[0];
          const newPath = rename ? `f${c + 1}.ts` : path;
          const patch: FilePatch = { oldPath: path, newPath, binary: false, hunks: hunksFor(edits) };
          replay.apply(patch, (line) => `${c}:${line}`);
          let delta = 0;
          for (const e of edits) {
            const start = e.at + delta;
            const inserted = Array.from({ length: e.insert }, (_, k) => `${c}:${start + k + 1}`);
            model.splice(start, e.remove, ...inserted);
            delta += e.insert - e.remove;
          }
          model = [...model];
          path = newPath;
        });
        const got = replay.get(path) ?? [];
        assert.ok(got.length <= model.length);
        model.forEach((tag, i) => assert.equal(got[i], tag, `line ${i + 1}`));
      }),
      { numRuns: 300 },
    );
  });

  it('forgets deleted and binary files and starts added files empty', () => {
    const replay = new LineReplay<string>();
    replay.apply({ oldPath: null, newPath: 'a', binary: false, hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 2 }] }, (l) => `x${l}`);
    assert.deepEqual(replay.get('a'), ['x1', 'x2']);
    replay.apply({ oldPath: 'a', newPath: 'a', binary: true, hunks: [] }, () => 'y');
    assert.equal(replay.get('a'), undefined);
    replay.apply({ oldPath: null, newPath: 'b', binary: false, hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }] }, () => 'z');
    replay.apply({ oldPath: 'b', newPath: null, binary: false, hunks: [] }, () => 'w');
    assert.equal(replay.get('b'), undefined);
  });
});

/** The DAG replay on a linear chain against a direct model: apply random zero-context edits to a tagged line array both ways. */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { replayDag, type DagCommit, type FilePatch, type PatchHunk } from '../../../src/core/blame';

/** Replays patches as a chain of commits c0, c1, ... (each the parent of the next). */
function replayChain(
  patches: readonly { file: FilePatch; tag: (line: number) => string }[],
): ReturnType<typeof replayDag<string>> {
  const commits = patches.map((p, i): DagCommit<string> => ({
    commit: `c${i}`,
    parents: i === 0 ? [] : [`c${i - 1}`],
    files: [p.file],
    source: (_f, line) => p.tag(line),
  }));
  return replayDag(commits, `c${patches.length - 1}`);
}

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: number;
}

/** Hunks as git prints them with -U0: an empty side's start is the line before the change. */
function hunksFor(edits: readonly Edit[]): PatchHunk[] {
  let delta = 0;
  return edits.map((e) => {
    const h = {
      oldStart: e.remove > 0 ? e.at + 1 : e.at,
      oldCount: e.remove,
      newStart: e.insert > 0 ? e.at + delta + 1 : e.at + delta,
      newCount: e.insert,
    };
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

describe('replayDag on a chain (property)', () => {
  it('tracks every line like direct splicing does', () => {
    fc.assert(
      fc.property(
        fc.nat(30),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 12 }),
        (initial, commits) => {
          let model: (string | undefined)[] = new Array(initial).fill(undefined);
          const patches: { file: FilePatch; tag: (line: number) => string }[] = [];
          let path = 'f0.ts';
          commits.forEach(([rename, seed], c) => {
            const edits = fc.sample(editsArb(model.length), { seed, numRuns: 1 })[0];
            const newPath = rename ? `f${c + 1}.ts` : path;
            const patch: FilePatch = { oldPath: path, newPath, binary: false, hunks: hunksFor(edits) };
            patches.push({ file: patch, tag: (line) => `${c}:${line}` });
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
          const got = replayChain(patches).get(path) ?? [];
          assert.ok(got.length <= model.length);
          model.forEach((tag, i) => assert.equal(got[i], tag, `line ${i + 1}`));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('forgets deleted and binary files and starts added files empty', () => {
    const add = (path: string, n: number, tag: string) => ({
      file: {
        oldPath: null,
        newPath: path,
        binary: false,
        hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: n }],
      },
      tag: (l: number) => `${tag}${l}`,
    });
    const a = add('a', 2, 'x');
    assert.deepEqual(replayChain([a]).get('a'), ['x1', 'x2']);
    assert.equal(
      replayChain([a, { file: { oldPath: 'a', newPath: 'a', binary: true, hunks: [] }, tag: () => 'y' }]).get('a'),
      undefined,
    );
    assert.equal(
      replayChain([
        add('b', 1, 'z'),
        { file: { oldPath: 'b', newPath: null, binary: false, hunks: [] }, tag: () => 'w' },
      ]).get('b'),
      undefined,
    );
  });
});

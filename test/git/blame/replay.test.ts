/**
 * The branch report's line replay (one `git log -p -U0` read) must agree with AI blame (per file `git blame`) on
 * every added line of a random linear history with AI commits, deletions, moves and a rename.
 */
import * as assert from 'node:assert/strict';
import { aiBlame } from '../../../src/git/blame';
import { branchFacts, resolveRange } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { commitFiles, info, type Line } from './helpers';

function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

describe('line replay agrees with blame', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  afterEach(() => repo?.cleanup());

  for (const seed of [1, 2]) {
    it(`on a random history (seed ${seed})`, async () => {
      repo = createTempRepo();
      const rand = prng(seed);
      const files: Record<string, Line[]> = { 'a.ts': ['base a1', 'base a2', 'base a3'], 'b.ts': ['base b1'] };
      await commitFiles(repo, files, 'base');
      repo.git(['checkout', '-q', '-b', 'feature']);
      let n = 0;
      for (let c = 0; c < 10; c++) {
        if (c === 5) {
          repo.git(['mv', 'b.ts', 'renamed.ts']);
          repo.commitAll('rename');
          files['renamed.ts'] = files['b.ts'];
          delete files['b.ts'];
        }
        const path = Object.keys(files)[Math.floor(rand() * Object.keys(files).length)];
        const lines = files[path];
        const ai = rand() < 0.5;
        const at = Math.floor(rand() * (lines.length + 1));
        const add: Line[] = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
          ai ? { ai: `ai line ${++n}` } : `human line ${++n}`,
        );
        const remove = Math.floor(rand() * 2);
        lines.splice(at, remove, ...add);
        // Only the commit's own added lines are AI in its record; earlier AI lines stay as text.
        const recorded = Object.fromEntries(
          Object.entries(files).map(([p, ls]) => [
            p,
            ls.map((l) => (add.includes(l) ? l : typeof l === 'string' ? l : 'ai' in l ? l.ai : l.mixed)),
          ]),
        );
        await commitFiles(
          repo,
          ai ? recorded : { [path]: lines.map((l) => (typeof l === 'string' ? l : 'ai' in l ? l.ai : l.mixed)) },
          `c${c}`,
        );
      }
      const r = await info(repo);
      const facts = await branchFacts(r, await resolveRange(r, 'main..feature'));
      let compared = 0;
      let aiCompared = 0;
      for (const file of facts.diff.files) {
        if (!file.newPath) continue;
        const blame = await aiBlame(r, file.newPath, { rev: 'feature' });
        for (const hunk of file.hunks) {
          for (const line of hunk.lines) {
            if (line.kind !== 'add' || line.newLine === undefined) continue;
            const expected = blame.lines[line.newLine - 1];
            const got = facts.lineSource(file.newPath, line.newLine);
            assert.equal(got.authorship, expected.authorship, `${file.newPath}:${line.newLine} ${line.text}`);
            compared++;
            if (got.authorship === 'ai') aiCompared++;
          }
        }
      }
      assert.ok(compared > 5 && aiCompared > 0, `compared only ${compared} lines (${aiCompared} AI)`);
    });
  }
});

/**
 * Property: on random merge-heavy histories made with real git (commits with AI lines on several branches, merges
 * with and without --no-ff, octopus merges, conflicts resolved by taking a side, both, or lines written by hand, some
 * of them by AI with a note on the merge), the branch analysis says of every line what `git blame` says, for the
 * whole history and for every branch against main. PROPERTY_DAG_RUNS sets the number of histories (default 6;
 * scripts/property-long.mjs runs more); PROPERTY_SEED replays a reported seed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { writeNote } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { commitFiles, info, recordFor, type Line } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { blameReference, disagreements, referenceTotals, type Written } from './blameReference';

const RUNS = Number(process.env.PROPERTY_DAG_RUNS ?? 6);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const FILES = ['a.ts', 'b.ts', 'c.ts'];

interface Op {
  readonly kind: 'commit' | 'branch' | 'merge' | 'octopus';
  readonly branch: number;
  readonly other: number;
  readonly file: number;
  /** Drives the edit and the conflict resolutions. */
  readonly seed: number;
  readonly noFf: boolean;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom<Op['kind']>('commit', 'commit', 'commit', 'commit', 'branch', 'merge', 'merge', 'octopus'),
  branch: fc.nat(3),
  other: fc.nat(3),
  file: fc.nat(FILES.length - 1),
  seed: fc.integer({ min: 1, max: 0x7fffffff }),
  noFf: fc.boolean(),
});

function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

class History {
  readonly written: Written = new Map();
  readonly branches = ['main'];
  private counter = 0;
  constructor(readonly repo: TempRepo) {}

  /** A line no other line equals (so a record's AI lines are re-found unambiguously), or a common human one. */
  private newLine(rand: () => number): Line {
    const r = rand();
    if (r < 0.1) return '}';
    const text = `line ${++this.counter}`;
    return r < 0.45 ? { ai: text } : r < 0.55 ? { mixed: text } : text;
  }

  private read(file: string): string[] {
    const abs = path.join(this.repo.root, file);
    if (!fs.existsSync(abs)) return [];
    const text = fs.readFileSync(abs, 'utf8');
    return text === '' ? [] : text.replace(/\n$/, '').split('\n');
  }

  async init(): Promise<void> {
    const files = Object.fromEntries(
      FILES.map((f) => [f, Array.from({ length: 6 }, (_, i) => (i % 3 === 2 ? '}' : `base ${++this.counter}`))]),
    );
    this.written.set(await commitFiles(this.repo, files, 'base', { note: false }), files);
    this.repo.git(['tag', 'base']);
  }

  async apply(op: Op): Promise<void> {
    const rand = prng(op.seed);
    const branch = this.branches[op.branch % this.branches.length];
    if (op.kind === 'branch') {
      if (this.branches.length < 4) {
        const name = `b${this.branches.length}`;
        this.repo.git(['branch', name, branch]);
        this.branches.push(name);
      }
      return;
    }
    this.repo.git(['checkout', '-q', branch]);
    if (op.kind === 'commit') return this.commit(FILES[op.file], rand);
    const others = this.branches.filter((b) => b !== branch);
    if (others.length === 0) return;
    const first = others[op.other % others.length];
    const sources =
      op.kind === 'octopus' && others.length > 1 ? [first, others[(op.other + 1) % others.length]] : [first];
    try {
      this.repo.git(['merge', '-q', '--no-edit', ...(op.noFf ? ['--no-ff'] : []), ...sources]);
      return;
    } catch {
      if (sources.length > 1) return void this.repo.git(['reset', '-q', '--hard', 'HEAD']); // octopus refuses conflicts
    }
    await this.resolve(rand);
  }

  private async commit(file: string, rand: () => number): Promise<void> {
    const lines: Line[] = this.read(file);
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (lines.length + 1));
      const remove = Math.min(lines.length - at, Math.floor(rand() * 3));
      const insert = Array.from({ length: Math.floor(rand() * 4) }, () => this.newLine(rand));
      lines.splice(at, remove, ...insert);
    }
    const files = { [file]: lines };
    this.written.set(await commitFiles(this.repo, files, `edit ${file}`, { note: true }), files);
  }

  /** Resolves every conflict block: ours, theirs, both, or new lines (some by AI, recorded in the merge's note). */
  private async resolve(rand: () => number): Promise<void> {
    const conflicted = this.repo.git(['diff', '--name-only', '--diff-filter=U']).split('\n').filter(Boolean);
    const files: Record<string, Line[]> = {};
    for (const file of conflicted) {
      const out: Line[] = [];
      let side: 'none' | 'ours' | 'theirs' = 'none';
      let ours: string[] = [];
      let theirs: string[] = [];
      for (const l of this.read(file)) {
        if (l.startsWith('<<<<<<< ')) [side, ours, theirs] = ['ours', [], []];
        else if (l === '=======' && side === 'ours') side = 'theirs';
        else if (l.startsWith('>>>>>>> ') && side === 'theirs') {
          side = 'none';
          const r = rand();
          if (r < 0.25) out.push(...ours);
          else if (r < 0.5) out.push(...theirs);
          else if (r < 0.7) out.push(...ours, ...theirs);
          else out.push(...Array.from({ length: 1 + Math.floor(rand() * 2) }, () => this.newLine(rand)));
        } else if (side === 'ours') ours.push(l);
        else if (side === 'theirs') theirs.push(l);
        else out.push(l);
      }
      files[file] = out;
      this.repo.write(
        file,
        out.map((l) => (typeof l === 'string' ? l : 'ai' in l ? l.ai : l.mixed)).join('\n') +
          (out.length > 0 ? '\n' : ''),
      );
    }
    this.repo.git(['add', '-A']);
    this.repo.git(['commit', '-q', '--no-edit']);
    const merge = this.repo.git(['rev-parse', 'HEAD']);
    this.written.set(merge, files);
    if (Object.values(files).some((ls) => ls.some((l) => typeof l !== 'string')))
      await writeNote(await info(this.repo), merge, recordFor(merge, files));
  }
}

describe('range analysis on random DAGs agrees with git blame (property)', function () {
  this.timeout(0);

  it(`${RUNS} random merge-heavy histories`, async () => {
    let merges = 0;
    let aiLines = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 22 }), async (ops) => {
        const repo = createTempRepo();
        try {
          const history = new History(repo);
          await history.init();
          for (const op of ops) await history.apply(op);
          // Every history ends with a pull request merged --no-ff into main (so no run is without a merge).
          const seed = ops.length + 1;
          await history.apply({ kind: 'branch', branch: 0, other: 0, file: 0, seed, noFf: true });
          const last = history.branches.length - 1;
          await history.apply({ kind: 'commit', branch: last, other: 0, file: seed % FILES.length, seed, noFf: true });
          await history.apply({ kind: 'merge', branch: 0, other: last - 1, file: 0, seed, noFf: true });
          merges += Number(repo.git(['rev-list', '--count', '--merges', '--all']));
          for (const branch of history.branches) {
            for (const base of branch === 'main' ? ['base'] : ['base', 'main']) {
              const [b, h] = [repo.git(['rev-parse', base]), repo.git(['rev-parse', branch])];
              const reference = blameReference(repo.root, b, h, history.written);
              for (const lines of reference.values()) aiLines += lines.filter((a) => a !== 'human').length;
              const { facts, report } = await analyzeBranch(await info(repo), `${base}..${branch}`);
              assert.deepEqual(disagreements(facts, reference), [], `${base}..${branch}`);
              assert.deepEqual(report.totals, referenceTotals(repo.root, b, h, reference), `${base}..${branch} totals`);
            }
          }
        } finally {
          repo.cleanup();
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    assert.ok(merges > 0 && aiLines > 0, `the histories had merges (${merges}) and AI lines (${aiLines})`);
  });
});

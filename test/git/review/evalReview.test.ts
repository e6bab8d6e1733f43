/**
 * `npm run eval:review` picks which merged pull requests it reviews: the last N, or with `--skip K` the N after the K
 * most recent (a held-out set after tuning on the first K). Checked on the built CLI, as the script runs it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'eval-review.mjs');

interface EvalRow {
  readonly subject: string;
  readonly kind: string;
  readonly error?: string;
}

function evalReview(repo: TempRepo, ...args: string[]): { status: number | null; rows: EvalRow[]; skip: number } {
  const r = spawnSync(process.execPath, [SCRIPT, repo.root, '--json', ...args], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as { prs: EvalRow[]; skip: number };
  return { status: r.status, rows: out.prs, skip: out.skip };
}

describe('eval:review pull request selection', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo({ commit: true });
    for (let n = 1; n <= 5; n++) {
      repo.write(`src/f${n}.ts`, `export const v${n} = ${n};\n`);
      repo.commitAll(`change ${n} (#${n})`);
    }
    repo.write('notes.txt', 'not a pull request\n');
    repo.commitAll('direct push');
  });
  after(() => repo.cleanup());

  it('takes the last N squash merges, newest first', () => {
    const { status, rows, skip } = evalReview(repo, '--merges', '2');
    assert.equal(status, 0);
    assert.equal(skip, 0);
    assert.deepEqual(
      rows.map((r) => r.subject),
      ['change 5 (#5)', 'change 4 (#4)'],
    );
  });

  it('--skip K leaves out the K most recent and takes the next N', () => {
    const { status, rows, skip } = evalReview(repo, '--merges', '2', '--skip', '2');
    assert.equal(status, 0);
    assert.equal(skip, 2);
    assert.deepEqual(
      rows.map((r) => r.subject),
      ['change 3 (#3)', 'change 2 (#2)'],
    );
    assert.ok(rows.every((r) => r.kind === 'squash' && r.error === undefined));
  });

  it('a history shorter than K+N gives what is there', () => {
    const { rows } = evalReview(repo, '--merges', '10', '--skip', '3');
    assert.deepEqual(
      rows.map((r) => r.subject),
      ['change 2 (#2)', 'change 1 (#1)'],
    );
  });

  it('a negative or fractional --skip is a usage error', () => {
    for (const bad of ['-1', '1.5', 'x']) {
      const r = spawnSync(process.execPath, [SCRIPT, repo.root, '--skip', bad], { encoding: 'utf8' });
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /usage: .*--skip K/);
    }
  });
});

/**
 * Peak memory of `ai-provenance blame` on a 20 MB file (three commits, one of them AI with a note) against
 * `git blame --porcelain` of the same file. git's peak RSS comes from GNU time (`/usr/bin/time -f %M`); ours is the
 * node process's own peak (getrusage, written at exit by a preloaded script), since GNU time reports the largest
 * process of the tree and ours runs that same git blame as a child. Medians of interleaved runs. Without
 * /usr/bin/time or the figure from node the row fails: there is nothing to compare.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureRepo, prng, type FixtureCommit } from './blame.bench';
import type { BenchRow } from './types';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const TIME = '/usr/bin/time';
const FILE = 'src/huge.ts';
const TARGET_BYTES = 20 * 1024 * 1024;
const RUNS = 3;

function hugeCommits(): FixtureCommit[] {
  const rand = prng(20);
  const lines: string[] = [];
  for (let size = 0; size < TARGET_BYTES;) {
    const line = `  const value${lines.length} = compute(${Math.floor(rand() * 1e9)}, 'text that fills line ${lines.length}');`;
    lines.push(line);
    size += line.length + 1;
  }
  const out: FixtureCommit[] = [{ files: { [FILE]: [...lines] } }];
  for (let c = 1; c <= 2; c++) {
    const changed: number[] = [];
    for (let k = 0; k < 500; k++) {
      const at = Math.floor(rand() * lines.length);
      lines[at] = `  const value${at} = revised${c}_${k}(${at});`;
      changed.push(at);
    }
    out.push({ files: { [FILE]: [...lines] }, ...(c === 1 ? { ai: { [FILE]: changed } } : {}) });
  }
  return out;
}

/** Writes node's own peak RSS (KiB, as getrusage gives it) to $AIP_BENCH_PEAK_FILE when the process exits. */
const PRELOAD =
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.AIP_BENCH_PEAK_FILE, " +
  'String(process.resourceUsage().maxRSS)));\n';

interface Run {
  /** Peak RSS in KiB: of node itself for ours (`tree` is GNU time's figure for its whole tree), of git for git's. */
  readonly kib: number;
  readonly tree: number;
  readonly ms: number;
}

/** One run under GNU time, or why it gave no figure. `peakFile`: read node's own peak from there. */
function measured(cwd: string, command: string[], peakFile?: string): Run | { error: string } {
  if (peakFile) fs.rmSync(peakFile, { force: true });
  const t0 = process.hrtime.bigint();
  const res = spawnSync(TIME, ['-f', '%M', ...command], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, ...(peakFile ? { AIP_BENCH_PEAK_FILE: peakFile } : {}) },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.error) return { error: `${TIME}: ${res.error.message}` };
  if (res.status !== 0) return { error: `${command.join(' ')} exited ${res.status}: ${res.stderr.trim().slice(-300)}` };
  const tree = Number(res.stderr.trim().split('\n').pop());
  if (!Number.isFinite(tree) || tree <= 0) return { error: `unreadable ${TIME} output: ${res.stderr.slice(-200)}` };
  if (!peakFile) return { kib: tree, tree, ms };
  const own = fs.existsSync(peakFile) ? Number(fs.readFileSync(peakFile, 'utf8')) : NaN;
  return Number.isFinite(own) && own > 0 ? { kib: own, tree, ms } : { error: 'node wrote no peak RSS at exit' };
}

export async function rows(): Promise<BenchRow[]> {
  const name = 'peak RSS of ai-provenance blame, 20 MB file / git blame --porcelain';
  const fail = (detail: string): BenchRow[] => [{ name, ratio: NaN, goal: '<= 3x', pass: false, detail }];
  if (!fs.existsSync(TIME)) return fail(`no measurement: ${TIME} (GNU time) is not installed`);
  if (!fs.existsSync(CLI)) return fail(`no measurement: ${CLI} is not built`);
  const root = fixtureRepo('blame-20mb-v1', hugeCommits);
  const bytes = fs.statSync(path.join(root, FILE)).size;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-rss-'));
  const preload = path.join(scratch, 'peak.cjs');
  fs.writeFileSync(preload, PRELOAD);
  const peakFile = path.join(scratch, 'peak.txt');
  const ours: Run[] = [];
  const git: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const a = measured(root, [process.execPath, '--require', preload, CLI, 'blame', '--rev', 'HEAD', FILE], peakFile);
      const b = measured(root, ['git', 'blame', '--porcelain', 'HEAD', '--', FILE]);
      if ('error' in a) return fail(`no measurement: ${a.error}`);
      if ('error' in b) return fail(`no measurement: ${b.error}`);
      ours.push(a);
      git.push(b);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const med = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1];
  const [ourKib, gitKib] = [med(ours.map((r) => r.kib)), med(git.map((r) => r.kib))];
  const [ourMs, gitMs] = [med(ours.map((r) => r.ms)), med(git.map((r) => r.ms))];
  const ratio = ourKib / gitKib;
  const mb = (kib: number): string => (kib / 1024).toFixed(0);
  return [
    {
      name,
      ratio,
      goal: '<= 3x',
      pass: ratio <= 3,
      detail:
        `node ${mb(ourKib)} MB (runs ${ours.map((r) => mb(r.kib)).join('/')}; with its git child ` +
        `${mb(med(ours.map((r) => r.tree)))} MB by GNU time) vs git blame ${mb(gitKib)} MB ` +
        `(${git.map((r) => mb(r.kib)).join('/')}); ${(bytes / 1024 / 1024).toFixed(1)} MB file; ` +
        `time ${ourMs.toFixed(0)} ms vs ${gitMs.toFixed(0)} ms`,
    },
  ];
}

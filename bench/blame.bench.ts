/**
 * AI blame of a 5,000-line file whose lines come from 500 commits (200 of them AI, with notes), against
 * `git blame --porcelain` of the same file alone. The fixture repository is built with `git fast-import` (commits,
 * then notes in a second pass once commit ids are known) and cached under the OS temp dir.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Origin } from '../src/core/attribution/origin';
import { buildAgentTrace, type AttributedFile } from '../src/core/commit';
import { findRepo, runGit } from '../src/git';
import { aiBlame } from '../src/git/blame';
import type { BenchRow } from './types';

const NOTES_REF = 'refs/notes/ai-provenance';
const ORIGIN: Origin = {
  kind: 'agent',
  tool: 'claude-code',
  model: 'anthropic/claude-sonnet-4',
  session: 'bench',
  time: 1_700_000_000_000,
};

export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** One commit of a fixture: full contents of the files it changes, and which of their lines are AI. */
export interface FixtureCommit {
  readonly files: Record<string, readonly string[]>;
  /** Per path, 0-based indexes of AI lines; absent: a human commit without a note. */
  readonly ai?: Record<string, readonly number[]>;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/**
 * The cached repository `name` under os.tmpdir(), built from `commits` when absent: a linear history on `main`,
 * with an Agent Trace note per AI commit. Returns its root.
 */
export function fixtureRepo(name: string, commits: () => FixtureCommit[]): string {
  const dir = path.join(os.tmpdir(), `aiprov-bench-${name}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      input,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    });
  git(['init', '-q', '-b', 'main']);
  const list = commits();
  let stream = '';
  list.forEach((c, i) => {
    stream += `commit refs/heads/main\nmark :${i + 1}\ncommitter Bench <bench@example.invalid> ${1_700_000_000 + i * 60} +0000\n${data(`commit ${i}`)}`;
    if (i > 0) stream += `from :${i}\n`;
    for (const [p, lines] of Object.entries(c.files))
      stream += `M 100644 inline ${p}\n${data(lines.join('\n') + '\n')}`;
  });
  const marks = path.join(dir, '.git', 'bench-marks');
  git(['fast-import', '--quiet', `--export-marks=${marks}`], stream);
  const ids = new Map(
    fs
      .readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  let notes = `commit ${NOTES_REF}\ncommitter Bench <bench@example.invalid> 1700100000 +0000\n${data('notes')}`;
  list.forEach((c, i) => {
    if (!c.ai) return;
    const commit = ids.get(`:${i + 1}`)!;
    const files: AttributedFile[] = Object.entries(c.files).map(([p, lines]) => {
      const ai = new Set(c.ai?.[p] ?? []);
      return {
        path: p,
        lines: lines.map((text, k) =>
          ai.has(k) ? { text, cls: 'ai' as const, origins: [ORIGIN] } : { text, cls: 'human' as const, origins: [] },
        ),
      };
    });
    const record = buildAgentTrace(files, {
      revision: commit,
      toolVersion: 'bench',
      now: 1_700_000_000_000 + i,
      randomBytes: (k) => Uint8Array.from({ length: k }, (_, j) => (i * 31 + j) & 0xff),
    });
    notes += `N inline ${commit}\n${data(JSON.stringify(record))}`;
  });
  git(['fast-import', '--quiet'], notes);
  git(['reset', '-q', '--hard', 'main']);
  fs.writeFileSync(path.join(dir, '.complete'), 'ok\n');
  return dir;
}

/** Medians (ms) of `a` and `b`, run alternately `runs` times after one warm-up each. */
export async function interleavedMs(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs = 7,
): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = process.hrtime.bigint();
    await a();
    ta.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await b();
    tb.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const med = (x: number[]) => x.sort((p, q) => p - q)[x.length >> 1];
  return [med(ta), med(tb)];
}

const FILE_LINES = 5000;
const COMMITS = 500;

function blameCommits(): FixtureCommit[] {
  const rand = prng(7);
  const lines = Array.from({ length: FILE_LINES }, (_, i) => `  const value${i} = compute(${i}, other${i % 97});`);
  const out: FixtureCommit[] = [{ files: { 'src/big.ts': [...lines] } }];
  for (let c = 1; c < COMMITS; c++) {
    const changed: number[] = [];
    for (let k = 0; k < 10; k++) {
      const at = Math.floor(rand() * lines.length);
      lines[at] = `  const value${at} = revised${c}_${k}(${at});`;
      changed.push(at);
    }
    out.push({ files: { 'src/big.ts': [...lines] }, ...(c % 5 < 2 ? { ai: { 'src/big.ts': changed } } : {}) });
  }
  return out;
}

export async function rows(): Promise<BenchRow[]> {
  const root = fixtureRepo('blame-v1', blameCommits);
  const repo = (await findRepo(root))!;
  let aiLines = 0;
  const [ours, floor] = await interleavedMs(
    async () => {
      const r = await aiBlame(repo, 'src/big.ts', { rev: 'HEAD' });
      aiLines = r.counts.ai;
    },
    () => runGit(['blame', '--porcelain', 'HEAD', '--', 'src/big.ts'], { cwd: root }),
  );
  const ratio = ours / floor;
  return [
    {
      name: `AI blame, ${FILE_LINES}-line file over ${COMMITS} commits / git blame --porcelain`,
      ratio,
      goal: '<= 1.2x',
      pass: ratio <= 1.2,
      detail: `ai-provenance blame ${ours.toFixed(0)} ms, git blame ${floor.toFixed(0)} ms; ${aiLines} AI lines`,
    },
  ];
}

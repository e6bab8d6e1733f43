/**
 * Real-size, merge-heavy history: >= 5,000 commits made of pull requests merged --no-ff into main (main also gets
 * direct commits while a pull request is open, so merges change both sides), and an 11,000-line file touched by
 * hundreds of them; 40% of the pull-request commits are AI with notes. Rows: AI blame of that file against
 * `git blame --porcelain`, and the branch report over >= 1,000 commits with merges against `git log --numstat` of the
 * same range, each pair measured in the same run (the median of paired runs' ratios, with their spread, CPU and load:
 * see pairs.ts). The repository is built once with `git fast-import` and cached
 * under .bench/ (delete it to rebuild).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Origin } from '../src/core/attribution/origin';
import { buildAgentTrace } from '../src/core/commit';
import { renderMarkdown } from '../src/core/report';
import { findRepo, runGit } from '../src/git';
import { aiBlame } from '../src/git/blame';
import { analyzeBranch } from '../src/git/review';
import { prng } from './blame.bench';
import { describePairs, pairedRuns } from './pairs';
import type { BenchRow } from './types';

const ROOT = path.resolve(__dirname, '..', '..');
const NAME = 'merge-history-v1';
const BIG = 'src/engine/big.ts';
const BIG_LINES = 11_200;
const SMALL_FILES = 60;
const PULL_REQUESTS = 1_450;
const REPORT_COMMITS = 1_000;
const ORIGIN: Origin = {
  kind: 'agent',
  tool: 'claude-code',
  model: 'anthropic/claude-sonnet-4',
  session: 'bench',
  time: 1_700_000_000_000,
};

/** A change by line identity (texts are unique), so a pull request's edits apply to whatever main became. */
type Edit = { readonly file: string; readonly replace?: string; readonly after?: string | null; readonly text: string };

function applyEdit(lines: string[], e: Edit): number {
  if (e.replace !== undefined) {
    const at = lines.indexOf(e.replace);
    if (at < 0) return -1; // replaced meanwhile on main: the merge keeps main's line
    lines[at] = e.text;
    return at;
  }
  const at = e.after === null ? 0 : lines.indexOf(e.after!) + 1;
  if (at === 0 && e.after !== null) return -1;
  lines.splice(at, 0, e.text);
  return at;
}

/** Writes the history's fast-import stream to DIR/history.fi and its AI lines to DIR/notes.json (written once commit ids are known). */
function buildHistory(dir: string): { commits: number; bigTouches: number } {
  const rand = prng(2026);
  let n = 0;
  const fresh = (): string => `  const v${++n} = step(${Math.floor(rand() * 1e6)});`;
  const main = new Map<string, string[]>();
  main.set(BIG, Array.from({ length: BIG_LINES }, fresh));
  for (let f = 0; f < SMALL_FILES; f++) main.set(`src/mod${f}.ts`, Array.from({ length: 150 }, fresh));
  const paths = [...main.keys()];
  const fd = fs.openSync(path.join(dir, 'history.fi'), 'w');
  const write = (s: string): void => void fs.writeSync(fd, s);
  const data = (s: string): string => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const notes: { mark: number; file: string; lines: string[]; ai: number[] }[] = [];
  let mark = 0;
  let time = 1_600_000_000;
  let bigTouches = 0;
  const commit = (
    branch: string,
    message: string,
    from: number | undefined,
    merge: number | undefined,
    files: Map<string, string[]>,
  ): number => {
    write(
      `commit refs/heads/${branch}\nmark :${++mark}\ncommitter Dev <dev@example.invalid> ${(time += 90)} +0000\n${data(message)}`,
    );
    if (from !== undefined) write(`from :${from}\n`);
    if (merge !== undefined) write(`merge :${merge}\n`);
    for (const [p, lines] of files) {
      write(`M 100644 inline ${p}\n${data(lines.join('\n') + '\n')}`);
      if (p === BIG) bigTouches++;
    }
    return mark;
  };
  let mainTip = commit('main', 'initial', undefined, undefined, main);
  const pick = (): string => (rand() < 0.1 ? BIG : paths[1 + Math.floor(rand() * SMALL_FILES)]);
  /** One commit's edits on `files` (copied on first write), noting which lines it wrote. */
  const editCommit = (
    files: Map<string, string[]>,
    base: ReadonlyMap<string, string[]>,
    edits: Edit[],
  ): Map<string, string[]> => {
    const changed = new Map<string, string[]>();
    const count = 1 + Math.floor(rand() * 6);
    const file = pick();
    for (let k = 0; k < count; k++) {
      const lines = files.get(file) ?? [...base.get(file)!];
      files.set(file, lines);
      const e: Edit =
        rand() < 0.6
          ? { file, replace: lines[Math.floor(rand() * lines.length)], text: fresh() }
          : { file, after: lines[Math.floor(rand() * lines.length)], text: fresh() };
      applyEdit(lines, e);
      edits.push(e);
      changed.set(file, lines);
    }
    return changed;
  };
  for (let pr = 0; pr < PULL_REQUESTS; pr++) {
    const branch = 'pull-request'; // one ref, reset to each pull request's base by `from`
    const prFiles = new Map<string, string[]>();
    const edits: Edit[] = [];
    let tip = mainTip;
    const prCommits = 1 + Math.floor(rand() * 4);
    for (let c = 0; c < prCommits; c++) {
      const changed = editCommit(prFiles, main, edits);
      const written = new Map([...changed].map(([p, l]) => [p, [...l]]));
      tip = commit(branch, `pr ${pr} commit ${c}`, tip, undefined, written);
      if (rand() < 0.4) {
        for (const [p, lines] of written) {
          const mine = new Set(edits.map((e) => e.text));
          notes.push({ mark: tip, file: p, lines, ai: lines.flatMap((l, i) => (mine.has(l) ? [i] : [])) });
        }
      }
    }
    if (rand() < 0.3) {
      // A direct commit on main while the pull request is open.
      const direct = new Map<string, string[]>();
      const changed = editCommit(direct, main, []);
      for (const [p, l] of changed) main.set(p, l);
      mainTip = commit('main', `hotfix during pr ${pr}`, mainTip, undefined, changed);
    }
    const merged = new Map<string, string[]>();
    for (const e of edits) {
      const lines = merged.get(e.file) ?? [...main.get(e.file)!];
      merged.set(e.file, lines);
      applyEdit(lines, e);
    }
    for (const [p, l] of merged) main.set(p, l);
    mainTip = commit('main', `Merge pull request #${pr}`, mainTip, tip, merged);
  }
  fs.closeSync(fd);
  fs.writeFileSync(path.join(dir, 'notes.json'), JSON.stringify(notes));
  return { commits: mark, bigTouches };
}

/** The cached repository (built when absent). */
function mergeRepo(): string {
  const dir = path.join(ROOT, '.bench', NAME);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const git = (args: string[], input?: string): string =>
    execFileSync('git', args, {
      cwd: dir,
      input,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    });
  git(['init', '-q', '-b', 'main']);
  const shape = buildHistory(dir);
  const marks = path.join(dir, '.git', 'bench-marks');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], {
    cwd: dir,
    stdio: [fs.openSync(path.join(dir, 'history.fi'), 'r'), 'ignore', 'inherit'],
  });
  fs.rmSync(path.join(dir, 'history.fi'));
  const ids = new Map(
    fs
      .readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  const notes = JSON.parse(fs.readFileSync(path.join(dir, 'notes.json'), 'utf8')) as {
    mark: number;
    file: string;
    lines: string[];
    ai: number[];
  }[];
  let stream = `commit refs/notes/ai-provenance\ncommitter Bench <bench@example.invalid> 1700100000 +0000\ndata 5\nnotes\n`;
  notes.forEach((note, i) => {
    const commit = ids.get(`:${note.mark}`)!;
    const ai = new Set(note.ai);
    const lines = note.lines.map((text, k) =>
      ai.has(k) ? { text, cls: 'ai' as const, origins: [ORIGIN] } : { text, cls: 'human' as const, origins: [] },
    );
    const record = JSON.stringify(
      buildAgentTrace([{ path: note.file, lines }], {
        revision: commit,
        toolVersion: 'bench',
        now: 1_700_000_000_000 + i,
        randomBytes: (k) => Uint8Array.from({ length: k }, (_, j) => (i * 31 + j) & 0xff),
      }),
    );
    stream += `N inline ${commit}\ndata ${Buffer.byteLength(record)}\n${record}\n`;
  });
  git(['fast-import', '--quiet'], stream);
  git(['reset', '-q', '--hard', 'main']);
  git(['gc', '-q']);
  fs.writeFileSync(path.join(dir, '.complete'), `${JSON.stringify(shape)}\n`);
  return dir;
}

export async function rows(): Promise<BenchRow[]> {
  const root = mergeRepo();
  const repo = (await findRepo(root))!;
  const git = async (args: string[]): Promise<string> =>
    (await runGit(args, { cwd: root, maxOutputBytes: 1 << 30, timeoutMs: 300_000 })).stdout.trim();
  const [total, merges, bigLines, bigTouches] = await Promise.all([
    git(['rev-list', '--count', 'HEAD']),
    git(['rev-list', '--count', '--merges', 'HEAD']),
    git(['cat-file', '-p', `HEAD:${BIG}`]).then((t) => t.split('\n').length),
    git(['rev-list', '--count', '--full-history', 'HEAD', '--', BIG]),
  ]);
  // A base on main's first-parent chain with >= REPORT_COMMITS commits after it.
  const chain = (await git(['rev-list', '--first-parent', 'HEAD'])).split('\n');
  let base = chain[0];
  for (let k = 200; k < chain.length; k += 10) {
    base = chain[k];
    if (Number(await git(['rev-list', '--count', `${base}..HEAD`])) >= REPORT_COMMITS) break;
  }
  const [span, spanMerges] = await Promise.all([
    git(['rev-list', '--count', `${base}..HEAD`]),
    git(['rev-list', '--count', '--merges', `${base}..HEAD`]),
  ]);

  let aiLines = 0;
  const blame = await pairedRuns(
    async () => void (aiLines = (await aiBlame(repo, BIG, { rev: 'HEAD' })).counts.ai),
    () =>
      runGit(['blame', '--porcelain', 'HEAD', '--', BIG], { cwd: root, maxOutputBytes: 1 << 30, timeoutMs: 300_000 }),
    7,
  );
  let summary = '';
  const report = await pairedRuns(
    async () => {
      const { report: r } = await analyzeBranch(repo, `${base}..HEAD`);
      renderMarkdown(r);
      summary = `${r.totals.total} added lines, ${(r.share * 100).toFixed(0)}% AI`;
    },
    () => runGit(['log', '--numstat', `${base}..HEAD`], { cwd: root, maxOutputBytes: 1 << 30, timeoutMs: 300_000 }),
    9,
  );
  const shape = `${total} commits (${merges} merges), ${BIG} ${bigLines} lines in ${bigTouches} commits`;
  return [
    {
      name: `AI blame, ${bigLines}-line file of a ${total}-commit merge history / git blame --porcelain`,
      ratio: blame.ratio,
      goal: '<= 1.2x',
      pass: blame.ratio <= 1.2,
      detail: `${describePairs(blame, 'blame', 'git blame')}; ${aiLines} AI lines; ${shape}`,
    },
    {
      name: `report over ${span} commits with ${spanMerges} merges / git log --numstat`,
      ratio: report.ratio,
      goal: '<= 1.5x',
      pass: report.ratio <= 1.5,
      detail: `${describePairs(report, 'report', 'git log')}; ${summary}`,
    },
  ];
}

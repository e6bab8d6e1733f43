/**
 * The branch report over 1,000 commits (400 AI, with notes) against `git log --notes=<ref> --numstat` over the same
 * range: what git itself spends to list the changes and their notes. The report does the work end to end in
 * process: resolve the range, read diff, log and notes, replay lines, run the checklist engine, render markdown.
 * Fixture: 20 files of 200 lines; each commit rewrites one line and every fifth also inserts one, so the final
 * diff stays the size of a large pull request (~1,200 changed lines) while the history is long.
 */
import { findRepo, runGit } from '../src/git';
import { analyzeBranch } from '../src/git/review';
import { renderMarkdown } from '../src/core/report';
import { fixtureRepo, interleavedMs, prng, type FixtureCommit } from './blame.bench';
import type { BenchRow } from './types';

const FILES = 20;
const LINES = 200;
const COMMITS = 1000;

function reportCommits(): FixtureCommit[] {
  const rand = prng(11);
  const files = Array.from({ length: FILES }, (_, f) =>
    Array.from({ length: LINES }, (_, i) => `export const item${f}_${i} = make(${i});`),
  );
  const base: Record<string, string[]> = {};
  files.forEach((lines, f) => (base[`src/module${f}.ts`] = [...lines]));
  const out: FixtureCommit[] = [{ files: base }];
  for (let c = 1; c <= COMMITS; c++) {
    const f = Math.floor(rand() * FILES);
    const lines = files[f];
    const changed: number[] = [];
    const at = Math.floor(rand() * lines.length);
    lines[at] = `export const item${f}_${at} = revised${c}(${at});`;
    changed.push(at);
    if (c % 5 === 0) {
      const ins = Math.floor(rand() * lines.length);
      lines.splice(ins, 0, `export const extra${c} = build(${c});`);
      for (let k = 0; k < changed.length; k++) if (changed[k] >= ins) changed[k]++;
      changed.push(ins);
    }
    const path = `src/module${f}.ts`;
    out.push({ files: { [path]: [...lines] }, ...(c % 5 < 2 ? { ai: { [path]: changed } } : {}) });
  }
  return out;
}

export async function rows(): Promise<BenchRow[]> {
  const root = fixtureRepo('report-v1', reportCommits);
  const repo = (await findRepo(root))!;
  const base = (await runGit(['rev-list', '--max-parents=0', 'HEAD'], { cwd: root })).stdout.trim();
  let summary = '';
  const [ours, floor] = await interleavedMs(
    async () => {
      const { report } = await analyzeBranch(repo, `${base}..HEAD`);
      renderMarkdown(report);
      summary = `${report.commits.total} commits, ${report.totals.total} added lines, ${(report.share * 100).toFixed(0)}% AI, tier ${report.review?.tier}`;
    },
    () => runGit(['log', '--notes=refs/notes/ai-provenance', '--numstat', `${base}..HEAD`], { cwd: root }),
  );
  const ratio = ours / floor;
  return [
    {
      name: `report over ${COMMITS} commits / git log --notes --numstat`,
      ratio,
      goal: '<= 1.5x',
      pass: ratio <= 1.5,
      detail: `report ${ours.toFixed(0)} ms, git log ${floor.toFixed(0)} ms; ${summary}`,
    },
  ];
}

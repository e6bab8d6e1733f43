/**
 * Cost of the git hooks per commit with VS Code closed (a terminal commit: node starts in the hook), as ratios against
 * a bare `node -e 0` start measured in the same run:
 * - prepare-commit-msg and post-commit for a 50-file commit where every file has AI lines (goal <= 2x each: the hook
 *   may cost at most one more node start);
 * - the same two hooks at 1000 files over 50 files (goal <= 10x: the fixed cost dominates, per-file work is small);
 * - the same two at 50 files when the editor precomputed the commit (goal <= 0.5x each: sh and a few git processes,
 *   no node; the rows throw when a hook did not take that path, see measurePrecomputed).
 * Hooks run as git runs them: the installed sh scripts, the launcher, and the bundle users get (dist/hookLoader.js
 * loading dist/hookMain.js with node's compile cache in the state dir, warmed by the first run). Each row fails when
 * its ratio is over the goal, and the bench throws (an error row) when any run of a hook wrote no trailer or no note
 * (the note of the previous run is removed first, untimed). The floor is
 * sampled right beside each hook run, so load changes hit both alike, and is a bare start: without
 * NODE_EXTRA_CA_CERTS, which node reads at every start (the launcher drops it for hooks) and which would otherwise
 * inflate the floor several times over.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchRow } from './types';

/** The bundled CLI users run; the launcher picks dist/hookLoader.js beside it for hooks. */
const BUNDLE = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

interface Fixture {
  readonly root: string;
  readonly state: string;
  readonly backup: string;
  readonly env: NodeJS.ProcessEnv;
}

function git(root: string, args: string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync('git', args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A repository with `files` staged files of 40 lines, 10 of them AI per the working state, and the hooks installed. */
async function fixture(files: number): Promise<Fixture> {
  const { installHooks } = await import('../src/git/hooks/install.js');
  const { contentHash } = await import('../src/core/hash.js');
  const { serializeFileRecord } = await import('../src/core/state/fileRecord.js');
  const { WorkingStateStore } = await import('../src/git/stateStore.js');
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-')));
  const home = path.join(root, '..', `${path.basename(root)}-home`);
  fs.mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_EDITOR: ':',
  };
  git(root, ['init', '-q', '-b', 'main'], env);
  for (const [k, v] of [
    ['user.name', 'Bench'],
    ['user.email', 'bench@example.invalid'],
    ['commit.gpgsign', 'false'],
  ])
    git(root, ['config', k, v], env);
  fs.writeFileSync(path.join(root, 'README.md'), '# bench\n');
  git(root, ['add', '-A'], env);
  git(root, ['commit', '-q', '-m', 'init'], env);
  const state = path.join(root, '.git', 'ai-provenance');
  const store = WorkingStateStore.at(state);
  const origin = {
    kind: 'agent' as const,
    tool: 'claude-code',
    model: 'anthropic/claude-opus-4-5',
    time: 1_700_000_000_000,
  };
  for (let f = 0; f < files; f++) {
    const rel = `src/m${Math.floor(f / 100)}/file${f}.ts`;
    const lines = Array.from({ length: 40 }, (_, i) =>
      i >= 10 && i < 20 ? `export const ai_${f}_${i} = compute(${i});` : `const human_${f}_${i} = ${i};`,
    );
    const text = lines.join('\n') + '\n';
    fs.mkdirSync(path.join(root, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    const start = lines.slice(0, 10).join('\n').length + 1;
    const end = lines.slice(0, 20).join('\n').length;
    const record = {
      version: 1 as const,
      path: rel,
      contentHash: contentHash(text),
      length: text.length,
      origins: [origin],
      spans: [[start, end, 0] as const],
      updated: 1,
    };
    fs.mkdirSync(path.dirname(store.recordFile(rel)), { recursive: true });
    fs.writeFileSync(store.recordFile(rel), serializeFileRecord(record));
  }
  git(root, ['add', '-A'], env);
  const { findRepo } = await import('../src/git/repo.js');
  await installHooks((await findRepo(root))!, { cliPath: BUNDLE });
  const backup = path.join(root, '..', `${path.basename(root)}-state`);
  return { root, state, backup, env };
}

function runHook(fx: Fixture, hook: string, args: string[], cli: string): void {
  const r = spawnSync('sh', [path.join('.git', 'hooks', hook), ...args], {
    cwd: fx.root,
    env: { ...fx.env, AI_PROVENANCE_CLI: cli },
    stdio: 'ignore',
  });
  if (r.status !== 0) throw new Error(`${hook} exited ${r.status}`);
}

/** Floor samples, taken right next to each hook run so that load changing during the bench hits both alike. */
const floorSamples: number[] = [];
const bareEnv: NodeJS.ProcessEnv = { ...process.env };
delete bareEnv.NODE_EXTRA_CA_CERTS;
function sampleFloor(): void {
  floorSamples.push(timeMs(() => spawnSync(process.execPath, ['-e', '0'], { env: bareEnv })));
}

/** The log and node's compile cache stay put while the state around them is reset. */
const KEPT = new Set(['cache', 'log.txt']);
const notKept = (source: string): boolean => !KEPT.has(path.basename(source));

function restoreState(fx: Fixture): void {
  for (const name of fs.readdirSync(fx.state))
    if (!KEPT.has(name)) fs.rmSync(path.join(fx.state, name), { recursive: true, force: true });
  fs.cpSync(fx.backup, fx.state, { recursive: true, filter: notKept });
}

/** Median times (ms) of prepare-commit-msg and post-commit for the fixture's staged commit. */
function measureHooks(fx: Fixture, runs: number, cli: string): { prepare: number; post: number } {
  const message = path.join(fx.root, '.git', 'COMMIT_EDITMSG');
  const prepare: number[] = [];
  for (let i = 0; i < runs; i++) {
    fs.writeFileSync(message, 'Bench commit\n');
    sampleFloor();
    prepare.push(timeMs(() => runHook(fx, 'prepare-commit-msg', ['.git/COMMIT_EDITMSG', 'message'], cli)));
    // Every run must have done the work, not only the last: a run that gave up early would be fast.
    if (!/^Assisted-by: /m.test(fs.readFileSync(message, 'utf8')))
      throw new Error(`prepare-commit-msg run ${i + 1} wrote no trailer`);
  }
  // Commit without hooks, keeping what prepare-commit-msg stashed; then post-commit runs on a restored state each time.
  fs.rmSync(fx.backup, { recursive: true, force: true });
  fs.cpSync(fx.state, fx.backup, { recursive: true, filter: notKept });
  git(fx.root, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'Bench commit'], fx.env);
  const post: number[] = [];
  const hasNote = (): boolean =>
    spawnSync('git', ['notes', '--ref', 'ai-provenance', 'list', 'HEAD'], { cwd: fx.root, env: fx.env }).status === 0;
  for (let i = 0; i < runs; i++) {
    restoreState(fx);
    // Each run writes its own note (the previous run's is removed, untimed), so a run that did nothing is caught.
    if (hasNote())
      git(fx.root, ['-c', 'core.hooksPath=/dev/null', 'notes', '--ref', 'ai-provenance', 'remove', 'HEAD']);
    sampleFloor();
    post.push(timeMs(() => runHook(fx, 'post-commit', [], cli)));
    if (!hasNote()) throw new Error(`post-commit run ${i + 1} wrote no note`);
  }
  // Back to the staged state for the next measurement. Not `reset --soft`: its reflog entry would make the next
  // prepare-commit-msg carry the undone commit's note as a recommit (more work than the first measurement had).
  git(fx.root, ['update-ref', '-m', 'bench: back to the staged state', 'HEAD', 'HEAD~1'], fx.env);
  restoreState(fx);
  return { prepare: median(prepare), post: median(post) };
}

/**
 * Median times (ms) of the same two hooks when the editor precomputed the commit: each prepare-commit-msg run follows
 * a fresh `precomputeCommit` (what the extension calls, untimed) on the staged state. Throws when a hook did not take
 * the sh path: prepare-commit-msg's sh path leaves `precommit/used` as its last step, post-commit's removes it, and
 * node does neither.
 */
async function measurePrecomputed(fx: Fixture, runs: number, cli: string): Promise<{ prepare: number; post: number }> {
  const { precomputeCommit } = await import('../src/git/commit/precompute.js');
  const message = path.join(fx.root, '.git', 'COMMIT_EDITMSG');
  const used = path.join(fx.state, 'precommit', 'used');
  const staged = path.join(fx.root, '..', `${path.basename(fx.root)}-staged`);
  fs.rmSync(staged, { recursive: true, force: true });
  fs.cpSync(fx.state, staged, { recursive: true, filter: notKept });
  const restore = (from: string) => {
    for (const name of fs.readdirSync(fx.state))
      if (!KEPT.has(name)) fs.rmSync(path.join(fx.state, name), { recursive: true, force: true });
    fs.cpSync(from, fx.state, { recursive: true, filter: notKept });
  };
  const prepare: number[] = [];
  for (let i = 0; i < runs; i++) {
    restore(staged);
    const outcome = await precomputeCommit(fx.root, fx.env);
    if (outcome.state === 'refused') throw new Error(`precompute refused: ${outcome.reason}`);
    fs.writeFileSync(message, 'Bench commit\n');
    sampleFloor();
    prepare.push(timeMs(() => runHook(fx, 'prepare-commit-msg', ['.git/COMMIT_EDITMSG', 'message'], cli)));
    if (!fs.existsSync(used)) throw new Error('prepare-commit-msg did not take the precomputed sh path');
  }
  if (!/^Assisted-by: /m.test(fs.readFileSync(message, 'utf8'))) throw new Error('prepare-commit-msg wrote no trailer');
  fs.rmSync(fx.backup, { recursive: true, force: true });
  fs.cpSync(fx.state, fx.backup, { recursive: true, filter: notKept });
  git(fx.root, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-F', message], fx.env);
  const post: number[] = [];
  for (let i = 0; i < runs; i++) {
    restoreState(fx);
    sampleFloor();
    post.push(timeMs(() => runHook(fx, 'post-commit', [], cli)));
    if (fs.existsSync(used)) throw new Error('post-commit did not take the precomputed sh path');
  }
  if (git(fx.root, ['notes', '--ref', 'ai-provenance', 'list', 'HEAD']).trim() === '')
    throw new Error('post-commit wrote no note');
  git(fx.root, ['update-ref', '-m', 'bench: back to the staged state', 'HEAD', 'HEAD~1'], fx.env);
  restore(staged);
  fs.rmSync(staged, { recursive: true, force: true });
  return { prepare: median(prepare), post: median(post) };
}

function cleanup(fx: Fixture): void {
  for (const dir of [fx.root, fx.backup, path.join(fx.root, '..', `${path.basename(fx.root)}-home`)])
    fs.rmSync(dir, { recursive: true, force: true });
}

export async function rows(): Promise<BenchRow[]> {
  // What users run: the bundle (bench.mjs builds it first). A stale bundle without git-hook would "run" in no time.
  if (
    !fs.existsSync(BUNDLE) ||
    spawnSync(process.execPath, [BUNDLE, 'git-hook', '--help'], { stdio: 'ignore' }).status !== 0
  ) {
    throw new Error(`no current bundle at ${BUNDLE}: run node esbuild.config.mjs`);
  }
  floorSamples.length = 0;
  const small = await fixture(50);
  const large = await fixture(1000);
  try {
    // The first run of each fixture writes node's compile cache, as a user's first commit does.
    measureHooks(small, 1, BUNDLE);
    measureHooks(large, 1, BUNDLE);
    const at50 = measureHooks(small, 9, BUNDLE);
    const at1000 = measureHooks(large, 5, BUNDLE);
    const precomputed = await measurePrecomputed(small, 9, BUNDLE);
    const floor = median(floorSamples);
    const ratio50 = (at1000.prepare + at1000.post) / (at50.prepare + at50.post);
    const vsFloor = (name: string, ms: number, goal: number): BenchRow => ({
      name,
      ratio: ms / floor,
      goal: `<= ${goal}x`,
      pass: ms / floor <= goal,
      detail: `${ms.toFixed(0)} ms vs ${floor.toFixed(0)} ms`,
    });
    return [
      vsFloor('prepare-commit-msg @50 AI files, VS Code closed / node -e 0', at50.prepare, 2),
      vsFloor('post-commit @50 AI files, VS Code closed / node -e 0', at50.post, 2),
      vsFloor('prepare-commit-msg @50 AI files, editor precomputed / node -e 0', precomputed.prepare, 0.5),
      vsFloor('post-commit @50 AI files, editor precomputed / node -e 0', precomputed.post, 0.5),
      {
        name: 'commit hooks @1000 files / @50 files, VS Code closed',
        ratio: ratio50,
        goal: '<= 10x',
        pass: ratio50 <= 10,
        detail: `prepare ${at1000.prepare.toFixed(0)} ms + post ${at1000.post.toFixed(0)} ms vs ${at50.prepare.toFixed(0)} + ${at50.post.toFixed(0)} ms`,
      },
    ];
  } finally {
    cleanup(small);
    cleanup(large);
  }
}

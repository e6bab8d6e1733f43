/**
 * Cost of the agent hook around one tool call: `hook claude pre` and `hook claude post` for a one-file Edit, each a
 * fresh node process fed the payload on stdin, running what the launcher runs for Claude Code (the bundled
 * dist/hookLoader.js with its code cache in the state dir; the first, cache-writing run is a warm-up), against a bare
 * `node -e 0` spawned the same way in the same run. Two processes are the floor, so 2x is the least possible; the
 * goal keeps the pair well under an agent's step time (seconds) whatever machine runs it.
 * A second row runs the pair as agents do, through the launcher, with the warm hook server VS Code keeps while the
 * repository is open (`hooks serve`): no node start at all.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchRow } from './types';

const RUNS = 9;
const GOAL = 5;
const ORIGINAL = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'.repeat(50);
const EDITED = ORIGINAL.replace('  return a + b;\n', '  const s = a + b;\n  return s;\n');

function spawnMs(args: readonly string[], cwd: string, input = '', env?: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [...args], { cwd, input, encoding: 'utf8', timeout: 60_000, ...(env ? { env } : {}) });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`${args.join(' ')} exited with ${res.status}: ${res.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median ms of the pre+post pair run through the launcher (sh) with a hook server answering; checks it served them. */
async function servedPair(root: string, env: NodeJS.ProcessEnv, pre: string, post: string, file: string): Promise<number> {
  const { writeLauncherFile } = await import('../src/git/launcher.js');
  const { runningHookServer } = await import('../src/git/hooks/hookServer.js');
  const stateDir = path.join(root, '.git', 'ai-provenance');
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const launcher = (await writeLauncherFile(path.join(stateDir, 'bin', 'ai-provenance'), cli, process.execPath)).path;
  const server = spawn(process.execPath, [cli, 'hooks', 'serve', '--exit-with-stdin'], { cwd: root, env, stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const end = Date.now() + 10_000;
    while (runningHookServer(stateDir) !== server.pid) {
      if (Date.now() > end) throw new Error('the hook server did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    const hookEnv = { ...env, AI_PROVENANCE_HOOK_DEBUG: '1' };
    const shMs = (phase: string, input: string): number => {
      const t0 = process.hrtime.bigint();
      const res = spawnSync('/bin/sh', [launcher, 'hook', 'claude', phase], { cwd: root, input, encoding: 'utf8', env: hookEnv, timeout: 60_000 });
      if (res.status !== 0) throw new Error(`launcher hook claude ${phase} exited ${res.status}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const pairs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      fs.writeFileSync(file, ORIGINAL);
      let ms = shMs('pre', pre);
      fs.writeFileSync(file, EDITED);
      ms += shMs('post', post);
      pairs.push(ms);
    }
    const served = fs.readFileSync(path.join(stateDir, 'log.txt'), 'utf8').split('\n').filter((l) => l.includes('hook server: served agent')).length;
    if (served < 2 * RUNS) throw new Error(`the hook server served ${served} of ${2 * RUNS} agent hooks`);
    return median(pairs);
  } finally {
    server.stdin?.end();
    await exited;
  }
}

export async function rows(): Promise<BenchRow[]> {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'hookLoader.js');
  if (!fs.existsSync(cli)) throw new Error(`no bundle at ${cli}: run node esbuild.config.mjs`);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-hook-bench-')));
  // Bare starts on both sides: node reads a NODE_EXTRA_CA_CERTS bundle at every start (the launcher drops it for hooks).
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(root, '.gitconfig-none') };
  delete env.NODE_EXTRA_CA_CERTS;
  const hookEnv = { ...env, AI_PROVENANCE_CACHE_DIR: path.join(root, '.git', 'ai-provenance', 'cache') };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, stdio: 'ignore' });
  try {
    git('init', '-q');
    git('config', 'user.email', 'bench@example.invalid');
    git('config', 'user.name', 'bench');
    const file = path.join(root, 'src', 'cart.ts');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, ORIGINAL);
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
    const call = (event: string) => JSON.stringify({
      session_id: 'bench-session', cwd: root, hook_event_name: event, tool_name: 'Edit', tool_use_id: 'toolu_bench',
      tool_input: { file_path: file, old_string: '  return a + b;', new_string: '  const s = a + b;\n  return s;' },
    });
    const pre = call('PreToolUse');
    const post = call('PostToolUse');
    spawnMs(['-e', '0'], root, '', env); // warm the file cache for both
    spawnMs([cli, 'hook', 'claude', 'pre'], root, pre, hookEnv); // writes the code cache, as a first run does
    const bare: number[] = [];
    const hook: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(spawnMs(['-e', '0'], root, '', env));
      fs.writeFileSync(file, ORIGINAL);
      let ms = spawnMs([cli, 'hook', 'claude', 'pre'], root, pre, hookEnv);
      fs.writeFileSync(file, EDITED);
      ms += spawnMs([cli, 'hook', 'claude', 'post'], root, post, hookEnv);
      hook.push(ms);
    }
    const record = fs.readdirSync(path.join(root, '.git', 'ai-provenance', 'files')).filter((n) => n.endsWith('.json'));
    if (record.length !== 1) throw new Error('the hook recorded nothing: the bench would measure a no-op');
    const servedMs = await servedPair(root, env, pre, post, file);
    const ratio = median(hook) / median(bare);
    const servedRatio = servedMs / median(bare);
    return [{
      name: 'agent hook PRE+POST, one-file Edit / bare `node -e 0`',
      ratio,
      goal: `<= ${GOAL}x`,
      pass: ratio <= GOAL,
      detail: `hook pair ${median(hook).toFixed(0)} ms, node -e 0 ${median(bare).toFixed(0)} ms (medians of ${RUNS})`,
    }, {
      name: 'agent hook PRE+POST via the launcher, hook server / bare `node -e 0`',
      ratio: servedRatio,
      goal: `<= ${GOAL}x`,
      pass: servedRatio <= GOAL,
      detail: `hook pair ${servedMs.toFixed(0)} ms (served: VS Code open), node -e 0 ${median(bare).toFixed(0)} ms`,
    }];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

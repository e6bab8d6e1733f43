/**
 * Cost of a committed agent hook command in a clone where AI Provenance is not installed (issue: "a no-op within
 * 50 ms"): the project-scope command `projectHookCommandsFor` writes, run through /bin/sh as the agent runs it, with a
 * payload on stdin, against `sh -c 'cat >/dev/null'` (a shell that drains the same stdin, the least any hook command
 * costs) spawned the same way in the same run. Ours adds one `git rev-parse` and a `[`; the goal allows about two more process starts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectHookCommandsFor } from '../src/core/agentConfig/types';
import type { BenchRow } from './types';

const RUNS = 21;
const GOAL = 3;

function medianMs(command: string, cwd: string, input: string): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync('/bin/sh', ['-c', command], { cwd, input, encoding: 'utf8', timeout: 60_000 });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 0) throw new Error(`${command} exited with ${res.status}: ${res.stderr}`);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

export async function rows(): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-noop-'));
  try {
    execFileSync('git', ['init', '--quiet', root]);
    const input = JSON.stringify({
      hook_event_name: 'preToolUse',
      tool_name: 'Write',
      tool_input: { file_path: path.join(root, 'a.ts'), contents: 'x\n'.repeat(2000) },
    });
    const command = projectHookCommandsFor('cursor', { pre: '{}\n', post: '{}\n' }).pre;
    const floor = medianMs('cat >/dev/null', root, input);
    const ours = medianMs(command, root, input);
    const ratio = ours / floor;
    return [
      {
        name: 'committed agent hook command, clone without AI Provenance / sh draining stdin',
        ratio,
        goal: `<= ${GOAL}x`,
        pass: ratio <= GOAL,
        detail: `${ours.toFixed(1)} ms vs ${floor.toFixed(1)} ms (median of ${RUNS})`,
      },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

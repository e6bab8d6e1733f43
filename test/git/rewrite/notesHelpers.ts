/** Shared-notes scenarios: a bare origin, clones with the hooks installed for real, and notes to compare. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAgentTrace, type AgentTraceRecord } from '../../../src/core/commit/agentTrace';
import { recordLineAttributions } from '../../../src/core/commit/agentTraceRead';
import type { Origin } from '../../../src/core/attribution/origin';
import { serializeSignoffNote } from '../../../src/core/policy';
import { formatNoteRecord, parseNoteRecords } from '../../../src/core/rewrite/noteRecords';
import { installHooks } from '../../../src/git/hooks/install';
import { findRepo, type RepoInfo } from '../../../src/git/repo';
import { initRepoAt, type TempRepo } from '../helpers/tempRepo';
import { CLI_PATH, extendRepo, hookEnv, type HookRepo } from '../commit/helpers/hookRepo';

export interface Clone extends HookRepo {
  readonly info: RepoInfo;
}

/** A record for `revision` with lines `aiLines` (of 6) of `file` by `origin`; deterministic. */
export function noteRecord(revision: string, file: string, aiLines: number[], origin: Origin): string {
  const lines = Array.from({ length: 6 }, (_, i) => ({
    text: `line ${i + 1}`,
    cls: aiLines.includes(i + 1) ? ('ai' as const) : ('human' as const),
    origins: aiLines.includes(i + 1) ? [origin] : [],
  }));
  let seed = aiLines.reduce((a, b) => a * 31 + b, 7);
  const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 256));
  const record: AgentTraceRecord = buildAgentTrace([{ path: file, lines }], {
    revision,
    toolVersion: 'test',
    now: 1_700_000_000_000,
    randomBytes,
  });
  return formatNoteRecord(record);
}

/** A valid sign-off note on `head` by one reviewer. */
export function signoffNote(head: string, name: string, time: string): string {
  const reviewer = { name, email: `${name.toLowerCase()}@example.com` };
  return serializeSignoffNote({
    version: 1,
    signoffs: [{ reviewer, time, head, base: head, tier: 'T1', checklist: [], aiHunks: { total: 0, reviewed: [] } }],
  });
}

/** path -> AI line numbers in `repo`'s provenance note on `commit`. */
export function aiLinesOf(repo: TempRepo, commit: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of parseNoteRecords(repo.git(['notes', '--ref', 'ai-provenance', 'show', commit])).records) {
    for (const f of recordLineAttributions(r))
      out[f.path] = [...new Set([...(out[f.path] ?? []), ...f.lines.keys()])].sort((a, b) => a - b);
  }
  return out;
}

/** git against the bare origin; undefined for a ref it does not have. */
export function originRef(originDir: string, ref: string): string | undefined {
  const r = spawnSync('git', ['--git-dir', originDir, 'rev-parse', '--verify', '--quiet', ref], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function originRefs(originDir: string): string {
  return spawnSync('git', ['--git-dir', originDir, 'for-each-ref', '--format=%(objectname) %(refname)'], {
    encoding: 'utf8',
  }).stdout;
}

/** `dir/origin.git` (bare, main with one commit) and clones `names` of it, each with the hooks installed. */
export async function originWithClones(
  dir: string,
  names: readonly string[],
): Promise<{ origin: string; clones: Clone[] }> {
  const origin = path.join(dir, 'origin.git');
  spawnSync('git', ['init', '-q', '--bare', '--initial-branch=main', origin]);
  const seed = initRepoAt(path.join(dir, 'seed'));
  seed.write('f.txt', 'x\n');
  seed.commitAll('one');
  seed.git(['push', '-q', origin, 'main']);
  const clones: Clone[] = [];
  for (const name of names) {
    const r = spawnSync('git', ['clone', '-q', origin, path.join(dir, name)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const repo = extendRepo(initRepoAt(path.join(dir, name)));
    const info = (await findRepo(repo.root))!;
    await installHooks(info, { cliPath: CLI_PATH });
    clones.push({ ...repo, info });
  }
  return { origin, clones };
}

/** Resolves once `check` returns a value (polling); rejects after `boundMs`, a generous bound, not a timing claim. */
export async function eventually<T>(what: string, check: () => T | undefined, boundMs = 30_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The clone's hook log (where the background push reports). */
export function hookLog(repo: TempRepo): string {
  const file = path.join(repo.root, '.git', 'ai-provenance', 'log.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

export function cli(repo: TempRepo, ...args: string[]) {
  return spawnSync(process.execPath, [CLI_PATH, 'notes', ...args], {
    cwd: repo.root,
    env: hookEnv(),
    encoding: 'utf8',
  });
}

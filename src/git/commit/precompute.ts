/**
 * The editor's side of the precomputed commit (decisions in src/core/commit/precommit): for the staged tree, work out
 * what prepare-commit-msg (for `git commit -m`/`-F`, no editor) and post-commit would write, with the same functions
 * they call, and leave it in `<state>/precommit/<key>.*` for the sh hooks. Written atomically, the plan last; old
 * keys are removed. Nothing is written when the result could depend on something the key does not cover (a merge,
 * a sequencer step, an amend's carried notes, parked records, a record that does not describe the staged text, a
 * line the attribution would log about): then the hooks run node as before.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildTrailers } from '../../core/commit/trailers';
import {
  configRefusal,
  keyPatternsFor,
  noteTemplate,
  PRECOMMIT_CONFIG_REGEXP,
  SEQUENCER_FILES,
  serializePostAssignments,
  serializePrecommitPlan,
} from '../../core/commit/precommit';
import type { StagedAttribution } from '../../core/rewrite/stagedAttribution';
import { serializeStagedAttribution } from '../../core/rewrite/stagedAttribution';
import { writeFileAtomic } from '../atomicFile';
import type { GitResult } from '../exec';
import { WorkingStateStore } from '../stateStore';
import { BlobReader } from './blobs';
import { planCommit } from './commitPlan';
import { openHookContext, pathExists, type HookContext } from './hookContext';
import { recordFor } from './postCommit';
import { describes } from './recordText';
import { attributeChanges } from './stagedCommit';
import { choosePresets } from './trailerConfig';

const PRECOMMIT_DIR = 'precommit';

export type PrecomputeOutcome =
  | { readonly state: 'written'; readonly key: string }
  | { readonly state: 'current'; readonly key: string }
  | { readonly state: 'refused'; readonly reason: string };

interface KeyFacts {
  readonly key: string;
  readonly tree: string;
  readonly head: string;
  readonly config: string;
  /** `git hash-object` of each record, by file name. */
  readonly recordHashes: ReadonlyMap<string, string>;
}

export function precommitDir(stateDir: string): string {
  return path.join(stateDir, PRECOMMIT_DIR);
}

/** The record files as the hook's `files/*.json` glob lists them (no dot files, byte order). */
async function recordFiles(stateDir: string): Promise<string[]> {
  const dir = path.join(stateDir, 'files');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => !n.startsWith('.') && n.endsWith('.json'))
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * `git write-tree` of the index without taking its lock: write-tree locks the index it reads (to store the cache tree)
 * and fails without it, so run in the editor on the real index it could make a user's `git add` or `git commit` of
 * that moment fail on index.lock. It runs on a copy instead (git replaces the index by rename: the copy is whole).
 */
async function writeTreeUnlocked(ctx: HookContext): Promise<GitResult> {
  const copy = path.join(ctx.stateDir, `.precompute-index-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.copyFile(path.join(ctx.repo.gitDir, 'index'), copy);
    return await ctx.git(['write-tree'], { env: { GIT_INDEX_FILE: copy } });
  } finally {
    await fs.rm(copy, { force: true });
  }
}

/**
 * The key exactly as the hook script computes it: the output of write-tree, `rev-parse -q --verify HEAD`,
 * `config --get-regexp`, and `hash-object` of the HEAD reflog and every record, hashed by `git hash-object --stdin`.
 */
async function keyFacts(ctx: HookContext): Promise<KeyFacts | string> {
  const records = await recordFiles(ctx.stateDir);
  if (records.length === 0) return 'no working-state records';
  const [tree, head, config, hashes] = await Promise.all([
    writeTreeUnlocked(ctx),
    ctx.git(['rev-parse', '-q', '--verify', 'HEAD'], { okExitCodes: [1] }),
    ctx.git(['config', '--get-regexp', PRECOMMIT_CONFIG_REGEXP], { okExitCodes: [1] }),
    ctx.git(['hash-object', '--', ctx.gitFile('logs/HEAD'), ...records], { okExitCodes: [128] }),
  ]);
  if (head.code !== 0) return 'no HEAD yet';
  if (hashes.code !== 0) return 'the HEAD reflog or a record could not be read';
  const material = tree.stdout + head.stdout + config.stdout + hashes.stdout;
  const key = (await ctx.git(['hash-object', '--stdin'], { input: material })).stdout.trim();
  const lines = hashes.stdout.split('\n').slice(1);
  return {
    key,
    tree: tree.stdout.trim(),
    head: head.stdout.trim(),
    config: config.stdout,
    recordHashes: new Map(records.map((file, i) => [path.basename(file), lines[i] ?? ''])),
  };
}

/** The environment of a plain `git commit -m` hook run from the work tree (nothing of the caller's git session). */
function commitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, GIT_EDITOR: ':' };
  for (const k of [
    'GIT_INDEX_FILE',
    'GIT_DIR',
    'GIT_WORK_TREE',
    'GIT_PREFIX',
    'AI_PROVENANCE_GIT_PID',
    'AI_PROVENANCE_HOOK_PATHS',
  ])
    delete out[k];
  return out;
}

/** Whether a plan (and, when it needs one, its stash) for `key` is in place. */
async function planInPlace(dir: string, key: string): Promise<boolean> {
  const plan = await fs.readFile(path.join(dir, `${key}.plan`), 'utf8').catch(() => undefined);
  if (plan === undefined) return false;
  return !/^stash yes$/m.test(plan) || pathExists(path.join(dir, `${key}.stash`));
}

/**
 * Removes every artefact but `keep`'s and the one a commit in flight uses (named in `used`, which that commit's
 * post-commit removes with it).
 */
async function prune(dir: string, keep: string | undefined): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const used = (await fs.readFile(path.join(dir, 'used'), 'utf8').catch(() => '')).trim().split(' ')[1];
  const kept = [keep, used].filter((k): k is string => k !== undefined && k !== '');
  await Promise.all(
    names
      .filter((n) => n !== 'used' && !kept.some((k) => n.startsWith(`${k}.`)))
      .map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => undefined)),
  );
}

export async function precomputeCommit(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<PrecomputeOutcome> {
  const opened = await openHookContext(cwd, commitEnv(env));
  // Anything the attribution would log (a dropped span, say) must be logged by the real hook: collected, then refused.
  const logged: string[] = [];
  const ctx: HookContext = { ...opened, log: async (m) => void logged.push(m) };
  const dir = precommitDir(ctx.stateDir);
  const refuse = async (reason: string): Promise<PrecomputeOutcome> => {
    await prune(dir, undefined);
    return { state: 'refused', reason };
  };
  // The key hashes the record files: agent calls the launcher queued become records first. One queued after this
  // makes the sh hook go to node (precomputedPath.ts), which drains it.
  await WorkingStateStore.at(ctx.stateDir).drainQueued();
  const before = await keyFacts(ctx);
  if (typeof before === 'string') return refuse(before);
  const configProblem = configRefusal(before.config);
  if (configProblem) return refuse(configProblem);
  for (const name of SEQUENCER_FILES) if (await pathExists(ctx.gitFile(name))) return refuse(`${name} exists`);
  const parked = await fs.readdir(path.join(ctx.stateDir, 'parked')).catch(() => [] as string[]);
  if (parked.some((n) => n.endsWith('.json'))) return refuse('records parked by git stash');
  if (await planInPlace(dir, before.key)) return { state: 'current', key: before.key };

  const blobs = new BlobReader(ctx.repo.root, ctx.env);
  try {
    const plan = await planCommit(ctx, blobs, 'message', undefined);
    if (plan.amend || plan.sequencer || plan.parents.length !== 1 || plan.parents[0] !== before.head)
      return refuse('not a plain commit on HEAD');
    if (plan.predecessors.length > 0) return refuse('the commit would carry notes of other commits');
    const attribution = await attributeChanges(ctx, blobs, {
      diffArgs: plan.diffArgs,
      parents: plan.parents,
      predecessors: [],
    });
    if (logged.length > 0) return refuse(`the hook has something to log: ${logged[0]}`);
    // post-commit deletes a record only when it describes the committed text; anything else is node's to settle.
    const store = WorkingStateStore.at(ctx.stateDir, { blockingReads: true });
    const settle: Array<{ name: string; hash: string }> = [];
    for (const [recordPath, committedPath] of attribution.settle) {
      const record = await store.read(recordPath);
      if (!record || !describes(record, await blobs.text(`${before.tree}:${committedPath}`)))
        return refuse(`the record of ${recordPath} does not describe its staged text`);
      const name = path.basename(store.recordFile(recordPath));
      settle.push({ name, hash: before.recordHashes.get(name) ?? '' });
    }
    const choice = await choosePresets(ctx, blobs, plan.head);
    if ('invalid' in choice) return refuse(choice.invalid);
    const trailers = buildTrailers(attribution.files, choice.presets);
    const record = await recordFor(blobs, '0'.repeat(before.tree.length), attribution.staged, attribution.origins);
    const template = record ? noteTemplate(record) : undefined;
    if (record && !template) return refuse('the note template is ambiguous');
    const stash = attribution.staged.length > 0 || attribution.settle.length > 0;

    const after = await keyFacts(ctx);
    if (typeof after === 'string' || after.key !== before.key) return refuse('the state changed while computing');

    await fs.mkdir(dir, { recursive: true });
    await fs.mkdir(path.join(ctx.stateDir, 'commit'), { recursive: true });
    const base = path.join(dir, before.key);
    if (stash) {
      const value: StagedAttribution = {
        version: 1,
        tree: before.tree,
        created: Date.now(),
        source: 'message',
        amend: false,
        trailerStage: 'prepare',
        trailers,
        origins: attribution.origins,
        files: attribution.staged,
        settle: attribution.settle,
      };
      await writeFileAtomic(`${base}.stash`, serializeStagedAttribution(value));
    }
    await writeFileAtomic(`${base}.post`, serializePostAssignments(settle, template));
    const text = serializePrecommitPlan({
      tree: before.tree,
      head: before.head,
      stash,
      note: template !== undefined,
      trailers,
      keyPatterns: keyPatternsFor(trailers),
      settle,
    });
    // The plan last: a hook that finds it finds the rest.
    await writeFileAtomic(`${base}.plan`, text);
    await prune(dir, before.key);
    return { state: 'written', key: before.key };
  } finally {
    blobs.close().catch(() => undefined);
  }
}

/**
 * Where prepare-commit-msg leaves the staged attribution for commit-msg and post-commit:
 * `<state>/commit/staged-<index tree id>.json`, plus `<state>/commit/msg-pending` (holding the tree id) when
 * trailers wait for commit-msg. Stale files (an aborted commit) are pruned after an hour.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  parseStagedAttribution,
  serializeStagedAttribution,
  type StagedAttribution,
} from '../../core/rewrite/stagedAttribution';
import { writeFileAtomic } from '../atomicFile';
import { readOptionalFile } from './hookContext';

const STALE_MS = 60 * 60 * 1000;
const MAX_STASH_BYTES = 256 * 1024 * 1024;

function commitDir(stateDir: string): string {
  return path.join(stateDir, 'commit');
}

function stashFile(stateDir: string, tree: string): string {
  if (!/^[0-9a-f]{40,64}$/.test(tree)) throw new Error(`invalid tree id ${JSON.stringify(tree)}`);
  return path.join(commitDir(stateDir), `staged-${tree}.json`);
}

function pendingMarker(stateDir: string): string {
  return path.join(commitDir(stateDir), 'msg-pending');
}

export async function writeStagedAttribution(stateDir: string, value: StagedAttribution): Promise<void> {
  await fs.mkdir(commitDir(stateDir), { recursive: true });
  await writeFileAtomic(stashFile(stateDir, value.tree), serializeStagedAttribution(value));
}

/** The stash for `tree`, or undefined (absent, unreadable: logged by the caller via the thrown message). */
export async function readStagedAttribution(stateDir: string, tree: string): Promise<StagedAttribution | undefined> {
  const text = await readOptionalFile(stashFile(stateDir, tree), MAX_STASH_BYTES);
  if (text === undefined) return undefined;
  const value = parseStagedAttribution(JSON.parse(text));
  if (value.tree !== tree) throw new Error(`staged attribution file for ${tree} names tree ${value.tree}`);
  return value;
}

export async function removeStagedAttribution(stateDir: string, tree: string): Promise<void> {
  await fs.rm(stashFile(stateDir, tree), { force: true });
}

export async function markMessagePending(stateDir: string, tree: string): Promise<void> {
  await fs.mkdir(commitDir(stateDir), { recursive: true });
  await writeFileAtomic(pendingMarker(stateDir), tree + '\n');
}

export async function takeMessagePending(stateDir: string): Promise<string | undefined> {
  const text = await readOptionalFile(pendingMarker(stateDir), 1024);
  await fs.rm(pendingMarker(stateDir), { force: true });
  const tree = text?.trim();
  return tree && /^[0-9a-f]{40,64}$/.test(tree) ? tree : undefined;
}

/** Removes stash files and temp files older than an hour (commits that were aborted). */
export async function pruneStaleStashes(stateDir: string, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(commitDir(stateDir));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(commitDir(stateDir), name);
    try {
      if (now - (await fs.stat(file)).mtimeMs > STALE_MS) await fs.rm(file, { force: true });
    } catch {
      // raced with another hook
    }
  }
}

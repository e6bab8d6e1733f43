/**
 * Capture for agents without hooks (Aider and the like): `session start` snapshots every changed and untracked file
 * and HEAD; `session stop` attributes to the named agent what changed on disk since, including what it committed.
 * State: `<git-path ai-provenance>/agent-session.json` (one active session per work tree).
 *
 * Text typed in the editor meanwhile: a file whose working-state record was written after the session started and
 * already describes the file's current text keeps that record unchanged (the editor, which saw every keystroke, has
 * the better account). A file edited in the editor whose record lags behind its text is attributed normally.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uniqueHex } from '../uniqueHex';
import type { Origin } from '../../core/attribution/origin';
import { writeFileAtomic } from '../atomicFile';
import { GitRunner, defaultGitRunner } from '../exec';
import { withLock } from '../fileLock';
import type { RepoInfo } from '../repo';
import { WorkingStateStore } from '../stateStore';
import { applyAgentChange, type FileReport } from './applyChange';
import { repoChangesSince, takeRepoSnapshot } from './repoChanges';
import { parseSnapshot, type Snapshot } from './snapshots';
import { absPathOf, readWorkFile } from './workFiles';

const SESSION_FILE = 'agent-session.json';
const SESSION_VERSION = 1;

export interface AgentSession {
  readonly version: typeof SESSION_VERSION;
  readonly id: string;
  readonly agent: string;
  readonly model?: string;
  readonly started: number;
  readonly snapshot: Snapshot;
}

export interface SessionOptions {
  readonly now?: () => number;
  readonly runner?: GitRunner;
}

class SessionError extends Error {
  override readonly name = 'SessionError';
}

function sessionFile(stateDir: string): string {
  return path.join(stateDir, SESSION_FILE);
}

export async function startSession(
  repo: RepoInfo,
  stateDir: string,
  agent: string,
  model: string | undefined,
  options: SessionOptions = {},
): Promise<AgentSession> {
  checkLabel(agent, 'agent name', 64);
  if (model !== undefined) checkLabel(model, 'model', 256);
  const now = options.now ?? Date.now;
  const file = sessionFile(stateDir);
  await fs.mkdir(stateDir, { recursive: true });
  return withLock(`${file}.lock`, async () => {
    const active = await readSession(stateDir);
    if (active !== undefined) {
      throw new SessionError(
        `a session for ${active.agent} is already active since ${new Date(active.started).toISOString()}; run \`ai-provenance session stop\` first`,
      );
    }
    const started = now();
    const snapshot = await takeRepoSnapshot(repo, started, options.runner ?? defaultGitRunner);
    const session: AgentSession = {
      version: SESSION_VERSION,
      id: `s-${started.toString(36)}-${uniqueHex(4)}`,
      agent,
      ...(model !== undefined ? { model } : {}),
      started,
      snapshot,
    };
    await writeFileAtomic(file, JSON.stringify(session));
    return session;
  });
}

export async function stopSession(
  repo: RepoInfo,
  stateDir: string,
  options: SessionOptions = {},
): Promise<{ session: AgentSession; reports: FileReport[] }> {
  const now = options.now ?? Date.now;
  const file = sessionFile(stateDir);
  return withLock(`${file}.lock`, async () => {
    const session = await readSession(stateDir);
    if (session === undefined)
      throw new SessionError('no active session; start one with `ai-provenance session start --agent NAME`');
    const time = now();
    const origin: Origin = {
      kind: 'agent',
      tool: session.agent,
      ...(session.model !== undefined ? { model: session.model } : {}),
      session: session.id,
      time,
    };
    const store = WorkingStateStore.at(stateDir);
    const reports: FileReport[] = [];
    for (const [rel, before] of await repoChangesSince(repo, session.snapshot, options.runner ?? defaultGitRunner)) {
      const after = await readWorkFile(absPathOf(repo, rel));
      const report = await applyAgentChange(store, rel, before, after, {
        origin,
        now: time,
        keepRecordsWrittenAfter: session.started,
      });
      if (report.action !== 'unchanged') reports.push(report);
    }
    await fs.unlink(file);
    return { session, reports };
  });
}

/** The active session, or undefined (an unreadable session file counts as none and is reported by `status`). */
export async function readSession(stateDir: string): Promise<AgentSession | undefined> {
  const text = await fs.readFile(sessionFile(stateDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<AgentSession>;
    const snapshot = parseSnapshot(value.snapshot);
    if (
      value.version !== SESSION_VERSION ||
      typeof value.id !== 'string' ||
      typeof value.agent !== 'string' ||
      typeof value.started !== 'number' ||
      (value.model !== undefined && typeof value.model !== 'string') ||
      snapshot === undefined
    )
      return undefined;
    return { ...(value as AgentSession), snapshot };
  } catch {
    return undefined;
  }
}

function checkLabel(value: string, what: string, max: number): void {
  // eslint-disable-next-line no-control-regex -- control characters are what is rejected
  if (value.trim() === '' || value.length > max || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new SessionError(`${what} must be 1 to ${max} printable characters`);
  }
}

/**
 * Reads what `ai-provenance doctor` judges (src/core/doctor): the git hooks' status, each agent's hook configuration
 * (project scope, as `agents status`), notes sharing per remote (as `notes status`) and the tail of the diagnostic
 * log, from the rotated generation and the current one (both bounded by LOG_MAX_BYTES, so read whole).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_IDS } from '../core/agents/types';
import type { DoctorFacts } from '../core/doctor/diagnose';
import { agentState, agentsStatus } from './agents/agentStatus';
import { hooksStatus } from './hooks/install';
import type { RepoInfo } from './repo';
import { notesShareStatus } from './rewrite/notesShare';
import { LOG_FILE_NAME, STATE_DIR_NAME } from './stateLog';

/** How many log lines doctor reads back (the dropped ones among them are filtered by the core). */
const DOCTOR_LOG_LINES = 2000;

export interface DoctorEnv {
  /** The home directory (Codex's trust store lives under it when codexHome is unset). */
  readonly home: string;
  readonly codexHome?: string;
}

async function lines(file: string): Promise<string[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l !== '');
}

/** The last `max` lines of `<git dir>/ai-provenance/log.txt`, continuing into log.1.txt when the current one is short. */
async function readLogTail(repo: RepoInfo, max = DOCTOR_LOG_LINES): Promise<string[]> {
  const dir = path.join(repo.gitDir, STATE_DIR_NAME);
  const current = await lines(path.join(dir, LOG_FILE_NAME));
  const older = current.length < max ? await lines(path.join(dir, 'log.1.txt')) : [];
  const all = [...older, ...current];
  return all.slice(Math.max(0, all.length - max));
}

export async function doctorFacts(repo: RepoInfo, env: DoctorEnv): Promise<DoctorFacts> {
  const hooks = await hooksStatus(repo);
  const ctx = {
    scope: 'project' as const,
    root: repo.root,
    home: env.home,
    baseDir: path.join(repo.gitDir, STATE_DIR_NAME),
    ...(env.codexHome ? { codexHome: env.codexHome } : {}),
  };
  const agents = (await agentsStatus(ctx, [...AGENT_IDS])).map((s) => ({
    agent: s.agent,
    label: s.label,
    state: agentState(s),
    launchersOk: s.launchers.every((l) => l.exists && l.cliExists),
  }));
  const notes = await notesShareStatus(repo);
  return {
    hooks: hooks.hooks.map((h) => ({ hook: h.hook, state: h.state, chained: h.chained })),
    launcher: hooks.launcher,
    notesRewriteRef: hooks.notesRewriteRef,
    agents,
    remotes: notes.remotes,
    logLines: await readLogTail(repo),
  };
}

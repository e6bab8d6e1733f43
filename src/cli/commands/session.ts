/**
 * `ai-provenance session start|stop|status`: attribution for agents that have no hooks (Aider and others). Start
 * before running the agent, stop after it; what changed on disk in between is recorded as the agent's.
 */
import * as path from 'node:path';
import { readSession, startSession, stopSession } from '../../git/agents/agentSession';
import { findRepo, type RepoInfo } from '../../git/repo';
import { STATE_DIR_NAME } from '../../git/stateLog';
import { parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = [
  'usage: ai-provenance session start --agent NAME [--model MODEL]',
  '       ai-provenance session stop',
  '       ai-provenance session status',
  '',
  'For agents without hooks: start snapshots the changed and untracked files and HEAD; stop records what changed',
  'since (committed changes included) as written by NAME. Files you edited in VS Code meanwhile keep the',
  'attribution the editor recorded for them.',
].join('\n');

export const sessionCommand: CliCommand = {
  name: 'session',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['agent', 'model'] });
    const [action, ...extra] = parsed.positionals;
    if (action !== 'start' && action !== 'stop' && action !== 'status')
      throw new UsageError('expected start, stop or status');
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const agent = stringFlag(parsed, 'agent');
    const model = stringFlag(parsed, 'model');
    if (action !== 'start' && (agent !== undefined || model !== undefined))
      throw new UsageError('--agent and --model are for start');
    if (action === 'start' && agent === undefined) throw new UsageError('start needs --agent NAME');
    const repo = await findRepo(io.cwd);
    if (repo === undefined) throw new Error(`not inside a git work tree: ${io.cwd}`);
    const stateDir = path.join(repo.gitDir, STATE_DIR_NAME);
    if (action === 'start') return start(repo, stateDir, agent as string, model, io);
    if (action === 'stop') return stop(repo, stateDir, io);
    return status(stateDir, io);
  },
};

async function start(
  repo: RepoInfo,
  stateDir: string,
  agent: string,
  model: string | undefined,
  io: CliIo,
): Promise<number> {
  const session = await startSession(repo, stateDir, agent, model);
  const head = session.snapshot.head?.slice(0, 12) ?? '(no commit yet)';
  io.out(
    `session ${session.id} started for ${agent}${model ? ` (${model})` : ''}: ${session.snapshot.files.length} changed file(s) snapshotted at ${head}\n`,
  );
  return 0;
}

async function stop(repo: RepoInfo, stateDir: string, io: CliIo): Promise<number> {
  const { session, reports } = await stopSession(repo, stateDir);
  for (const r of reports) {
    io.out(
      `${r.action.padEnd(10)} ${r.path}${r.chars !== undefined ? ` (+${r.chars} chars)` : ''}${r.reason ? `: ${r.reason}` : ''}\n`,
    );
  }
  const attributed = reports.filter((r) => r.action === 'attributed');
  const chars = attributed.reduce((n, r) => n + (r.chars ?? 0), 0);
  io.out(
    `session ${session.id} stopped: ${chars} character(s) in ${attributed.length} file(s) attributed to ${session.agent}\n`,
  );
  return 0;
}

async function status(stateDir: string, io: CliIo): Promise<number> {
  const session = await readSession(stateDir);
  if (session === undefined) {
    io.out('no active session\n');
    return 0;
  }
  io.out(
    `session ${session.id}: ${session.agent}${session.model ? ` (${session.model})` : ''} since ${new Date(session.started).toISOString()}, ` +
      `${session.snapshot.files.length} changed file(s) snapshotted\n`,
  );
  return 0;
}

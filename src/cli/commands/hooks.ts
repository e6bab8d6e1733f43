/**
 * `ai-provenance hooks install|uninstall|status`: the git hooks that write trailers and provenance notes and keep
 * them through amend, rebase, cherry-pick, stash and squash merges (src/git/hooks). Implementations load lazily.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, stringFlag } from '../args';
import { repoAt } from '../repoRange';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { STATE_DIR_NAME } from '../../git/stateLog';

const USAGE = [
  'usage: ai-provenance hooks install [--cli PATH] [--node PATH] [--force]',
  '       ai-provenance hooks uninstall',
  '       ai-provenance hooks status [--json]',
  '       ai-provenance hooks serve [--idle-minutes N] [--exit-with-stdin]',
  '',
  'Installs prepare-commit-msg, commit-msg, post-commit, post-rewrite, reference-transaction and pre-push hooks where git runs',
  'them (core.hooksPath honoured, e.g. husky\'s .husky/_). A hook already there is kept and run first; uninstall puts',
  'it back exactly. The hooks run --cli (default: this CLI) through a launcher in the git dir and never fail a commit.',
  'Also sets notes.rewriteRef so git copies notes on amend and rebase. --force replaces hooks tracked in the repository.',
  'Set AI_PROVENANCE_HOOKS=off to skip the hooks for one command. pre-push and reference-transaction carry the notes',
  'to and from remotes chosen with `ai-provenance notes share`; for other remotes they do nothing.',
  '',
  'serve (Linux) keeps a warm process that the installed hooks hand prepare-commit-msg, commit-msg, post-commit and',
  'agent hooks to, so commits and agent steps do not start node; VS Code runs one while the repository is open. It stops after',
  '--idle-minutes without a commit (default 30), on Ctrl+C, or with --exit-with-stdin when its stdin closes.',
].join('\n');

async function existingFile(value: string, cwd: string, what: string): Promise<string> {
  const abs = path.resolve(cwd, value);
  if (!(await fs.stat(abs).then((s) => s.isFile(), () => false))) throw new UsageError(`${what} not found: ${abs}`);
  return abs;
}

async function serve(repo: Awaited<ReturnType<typeof repoAt>>, idleFlag: string | undefined, exitWithStdin: boolean, io: CliIo): Promise<number> {
  const idleMinutes = idleFlag === undefined ? undefined : Number(idleFlag);
  if (idleMinutes !== undefined && !(Number.isFinite(idleMinutes) && idleMinutes > 0)) throw new UsageError(`--idle-minutes must be a positive number, not ${JSON.stringify(idleFlag)}`);
  const { serveHooks } = await import('../../git/hooks/hookServer.js');
  const stateDir = path.join(repo.gitDir, STATE_DIR_NAME);
  const result = await serveHooks({ stateDir, exitWithStdin, codeFile: process.argv[1], ...(idleMinutes !== undefined ? { idleMs: idleMinutes * 60_000 } : {}) });
  if (result === 'unsupported') {
    io.err('ai-provenance hooks serve: needs Linux (/proc); the hooks do their work themselves here\n');
    return 1;
  }
  if (result === 'already-running') io.out(`a hook server already runs for ${repo.root}\n`);
  // A hook that hit its time limit may still hold timers and children: they must not keep the server alive.
  // 75 (EX_TEMPFAIL): a new server would be fine; what started this one may start another.
  process.exit(result === 'restart' ? 75 : 0);
}

export const hooksCommand: CliCommand = {
  name: 'hooks',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['cli', 'node', 'idle-minutes'], boolean: ['force', 'json', 'exit-with-stdin'] });
    const [action, ...extra] = parsed.positionals;
    if (action !== 'install' && action !== 'uninstall' && action !== 'status' && action !== 'serve') throw new UsageError('expected install, uninstall, status or serve');
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    if (action !== 'install' && ['cli', 'node', 'force'].some((f) => parsed.flags.has(f))) throw new UsageError('--cli, --node and --force are only for install');
    if (action !== 'status' && parsed.flags.has('json')) throw new UsageError('--json is only for status');
    if (action !== 'serve' && ['idle-minutes', 'exit-with-stdin'].some((f) => parsed.flags.has(f))) throw new UsageError('--idle-minutes and --exit-with-stdin are only for serve');
    const repo = await repoAt(io.cwd);
    if (action === 'serve') return serve(repo, stringFlag(parsed, 'idle-minutes'), parsed.flags.has('exit-with-stdin'), io);
    const install = await import('../../git/hooks/install.js');
    if (action === 'install') {
      const cliPath = await existingFile(stringFlag(parsed, 'cli') ?? process.argv[1] ?? '', io.cwd, 'CLI');
      const nodeFlag = stringFlag(parsed, 'node');
      const nodePath = nodeFlag === undefined ? undefined : path.resolve(io.cwd, nodeFlag);
      const report = await install.installHooks(repo, { cliPath, ...(nodePath ? { nodePath } : {}), force: parsed.flags.has('force') });
      io.out(`hooks in ${report.hooksDir}\n`);
      for (const a of report.actions) io.out(`  ${a.hook}: ${a.action === 'chained' ? 'installed (existing hook kept and run first)' : a.action}\n`);
      io.out(`launcher: ${report.launcher} -> ${cliPath}\n`);
      return 0;
    }
    if (action === 'uninstall') {
      const report = await install.uninstallHooks(repo);
      for (const f of report.restored) io.out(`restored ${f}\n`);
      for (const f of report.removed) io.out(`removed ${f}\n`);
      for (const f of report.skipped) io.out(`left ${f} alone: it is no longer our hook\n`);
      if (report.restored.length + report.removed.length === 0) io.out('no ai-provenance hooks were installed\n');
      return 0;
    }
    const status = await install.hooksStatus(repo);
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify(status, null, 2) + '\n');
    } else {
      io.out(`hooks in ${status.hooksDir}\n`);
      for (const h of status.hooks) io.out(`  ${h.hook}: ${h.state}${h.chained ? ' (runs the original hook first)' : ''}\n`);
      io.out(`launcher: ${status.launcher.path}${status.launcher.cliPath ? ` -> ${status.launcher.cliPath}${status.launcher.cliExists ? '' : ' (MISSING)'}` : ' (not installed)'}\n`);
      io.out(`notes.rewriteRef: ${status.notesRewriteRef ? 'set' : 'not set'}${status.notesRewriteDisabled.length ? `; disabled by config: ${status.notesRewriteDisabled.join(', ')}` : ''}\n`);
      const { runningHookServer } = await import('../../git/hooks/hookServer.js');
      const server = runningHookServer(path.join(repo.gitDir, STATE_DIR_NAME));
      io.out(`hook server: ${server ? `running (pid ${server})` : 'not running (hooks do their work themselves)'}\n`);
    }
    const healthy = status.hooks.every((h) => h.state === 'installed') && status.launcher.cliExists;
    return healthy ? 0 : 1;
  },
};

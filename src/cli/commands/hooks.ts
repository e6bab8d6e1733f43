/**
 * `ai-provenance hooks install|uninstall|status`: the git hooks that write trailers and provenance notes and keep
 * them through amend, rebase, cherry-pick, stash and squash merges (src/git/hooks), plus notes sharing with chosen
 * remotes. Implementations load lazily.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, stringFlag } from '../args';
import { repoAt } from '../repoRange';
import { UsageError, type CliCommand } from '../command';

const USAGE = [
  'usage: ai-provenance hooks install [--cli PATH] [--node PATH] [--force]',
  '       ai-provenance hooks uninstall',
  '       ai-provenance hooks status [--json]',
  '',
  'Installs prepare-commit-msg, commit-msg, post-commit, post-rewrite, reference-transaction and pre-push hooks where git runs',
  "them (core.hooksPath honoured, e.g. husky's .husky/_). A hook already there is kept and run first; uninstall puts",
  'it back exactly. The hooks run --cli (default: this CLI) through a launcher in the git dir and never fail a commit.',
  'Also sets notes.rewriteRef so git copies notes on amend and rebase. --force replaces hooks tracked in the repository.',
  'Set AI_PROVENANCE_HOOKS=off to skip the hooks for one command. pre-push and reference-transaction carry the notes',
  'to and from remotes chosen with `ai-provenance notes share`; for other remotes they do nothing.',
].join('\n');

async function existingFile(value: string, cwd: string, what: string): Promise<string> {
  const abs = path.resolve(cwd, value);
  if (
    !(await fs.stat(abs).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    throw new UsageError(`${what} not found: ${abs}`);
  return abs;
}

export const hooksCommand: CliCommand = {
  name: 'hooks',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['cli', 'node'], boolean: ['force', 'json'] });
    const [action, ...extra] = parsed.positionals;
    if (action !== 'install' && action !== 'uninstall' && action !== 'status')
      throw new UsageError('expected install, uninstall or status');
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    if (action !== 'install' && ['cli', 'node', 'force'].some((f) => parsed.flags.has(f)))
      throw new UsageError('--cli, --node and --force are only for install');
    if (action !== 'status' && parsed.flags.has('json')) throw new UsageError('--json is only for status');
    const repo = await repoAt(io.cwd);
    const install = await import('../../git/hooks/install.js');
    if (action === 'install') {
      const cliPath = await existingFile(stringFlag(parsed, 'cli') ?? process.argv[1] ?? '', io.cwd, 'CLI');
      const nodeFlag = stringFlag(parsed, 'node');
      const nodePath = nodeFlag === undefined ? undefined : path.resolve(io.cwd, nodeFlag);
      const report = await install.installHooks(repo, {
        cliPath,
        ...(nodePath ? { nodePath } : {}),
        force: parsed.flags.has('force'),
      });
      io.out(`hooks in ${report.hooksDir}\n`);
      for (const a of report.actions)
        io.out(`  ${a.hook}: ${a.action === 'chained' ? 'installed (existing hook kept and run first)' : a.action}\n`);
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
      for (const h of status.hooks)
        io.out(`  ${h.hook}: ${h.state}${h.chained ? ' (runs the original hook first)' : ''}\n`);
      io.out(
        `launcher: ${status.launcher.path}${status.launcher.cliPath ? ` -> ${status.launcher.cliPath}${status.launcher.cliExists ? '' : ' (MISSING)'}` : ' (not installed)'}\n`,
      );
      io.out(
        `notes.rewriteRef: ${status.notesRewriteRef ? 'set' : 'not set'}${status.notesRewriteDisabled.length ? `; disabled by config: ${status.notesRewriteDisabled.join(', ')}` : ''}\n`,
      );
    }
    const healthy = status.hooks.every((h) => h.state === 'installed') && status.launcher.cliExists;
    return healthy ? 0 : 1;
  },
};

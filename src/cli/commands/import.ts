/**
 * `ai-provenance import git-ai|agent-trace [RANGE]`: converts other tools' records (git-ai authorship logs on
 * refs/notes/ai, Agent Trace notes on refs/notes/agent-trace) into our notes, merged with notes already there.
 * Blame, review, report and check read those records as evidence even without importing; importing makes them ours
 * (they then travel with our notes through rewrites, sharing and `ci carry`).
 */
import { parseArgs, stringFlag } from '../args';
import { repoAt } from '../repoRange';
import { UsageError, type CliCommand } from '../command';

const USAGE = [
  'usage: ai-provenance import git-ai|agent-trace [RANGE] [--ref REF] [--dry-run] [--json]',
  '',
  'Converts the records another tool attached to commits into notes on refs/notes/ai-provenance:',
  '  git-ai       git-ai authorship logs (authorship/3.0.0 and the older authorship/0.0.1 JSON) on refs/notes/ai,',
  '               and 0.0.1 logs kept under refs/ai/authorship/<commit>',
  '  agent-trace  Agent Trace 0.1.x records other tools wrote on refs/notes/agent-trace',
  'RANGE (e.g. main~50..main) limits the commits; default: every annotated commit in this repository. --ref reads',
  'another notes ref. Where our note already attributes a line, ours is kept; the tool is recorded as',
  '"git-ai: <tool>" or "agent-trace: <tool>". Running it again writes nothing new. Every commit left out and every',
  'part of a record left out is listed with the reason.',
].join('\n');

export const importCommand: CliCommand = {
  name: 'import',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['ref'], boolean: ['dry-run', 'json'] });
    const [format, range, ...rest] = parsed.positionals;
    if (format !== 'git-ai' && format !== 'agent-trace')
      throw new UsageError(
        format ? `unknown source ${JSON.stringify(format)}` : 'name the source: git-ai or agent-trace',
      );
    if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
    const ref = stringFlag(parsed, 'ref');
    if (ref !== undefined && !/^refs\/[A-Za-z0-9._/-]+$/.test(ref))
      throw new UsageError(`invalid ref ${JSON.stringify(ref)}`);
    const repo = await repoAt(io.cwd);
    const { importForeignNotes } = await import('../../git/foreign/importNotes.js');
    const dryRun = parsed.flags.has('dry-run');
    const report = await importForeignNotes(repo, {
      format,
      ...(range !== undefined ? { range } : {}),
      ...(ref !== undefined ? { ref } : {}),
      dryRun,
    });
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify({ source: format, dryRun, ...report }, null, 1) + '\n');
      return 0;
    }
    const verb = dryRun ? 'would write' : 'wrote';
    io.out(
      `${format}: ${report.examined} annotated commit(s); ${verb} ${report.written} note(s) with ${report.aiLines} AI line(s); ${report.unchanged} already up to date; ${report.skipped.length} skipped\n`,
    );
    for (const s of report.skipped) io.out(`skipped ${s.commit.slice(0, 12)}: ${s.reason}\n`);
    for (const p of report.problems) io.out(`left out on ${p.commit.slice(0, 12)}: ${p.message}\n`);
    return 0;
  },
};

/** `ai-provenance stats [RANGE] [--json]`: AI, mixed and human added lines over a commit range, by tool and model. */
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../command';
import { repoAt } from '../repoRange';

const USAGE = [
  'usage: ai-provenance stats [RANGE] [--json] [--commits]',
  '',
  'Counts the lines each commit of RANGE (default HEAD: all history; e.g. main..HEAD) added: AI, mixed,',
  'AI-assisted at commit level (AI identity or trailers, no line records) and human; with the AI lines by tool',
  'and by model. --commits adds one row per commit. Merge commits add no lines of their own.',
].join('\n');

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { boolean: ['json', 'commits'] });
    if (parsed.positionals.length > 1) throw new UsageError('expected at most one RANGE');
    const range = parsed.positionals[0] ?? 'HEAD';
    const { assertSafeRev } = await import('../../git/repo.js');
    try {
      assertSafeRev(range);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const repo = await repoAt(io.cwd);
    const { aiStats } = await import('../../git/blame/index.js');
    const { cleanLabel } = await import('../../core/blame/index.js');
    const stats = await aiStats(repo, range);
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify(stats, null, 1) + '\n');
      return 0;
    }
    const t = stats.totals;
    const pct = (n: number) => (t.total === 0 ? '0.0' : ((100 * n) / t.total).toFixed(1));
    const out = [
      `${cleanLabel(range)}: ${stats.commits.length} commit(s), ${t.total} added line(s)`,
      `  AI ${t.ai} (${pct(t.ai)}%)  mixed ${t.mixed} (${pct(t.mixed)}%)  commit-level AI ${t.aiAssisted} (${pct(t.aiAssisted)}%)  human ${t.human} (${pct(t.human)}%)`,
      `  AI share ${(stats.share * 100).toFixed(1)}%`,
    ];
    if (stats.byTool.length > 0)
      out.push('by tool:', ...stats.byTool.map((x) => `  ${String(x.lines).padStart(8)}  ${x.tool}`));
    if (stats.byModel.length > 0)
      out.push('by model:', ...stats.byModel.map((x) => `  ${String(x.lines).padStart(8)}  ${x.model}`));
    if (parsed.flags.has('commits')) {
      out.push('commit    added     AI  mixed  commit-level');
      for (const c of stats.commits)
        out.push(
          `${c.commit.slice(0, 8)} ${String(c.counts.total).padStart(6)} ${String(c.counts.ai).padStart(6)} ${String(c.counts.mixed).padStart(6)} ${String(c.counts.aiAssisted).padStart(13)}`,
        );
    }
    io.out(out.join('\n') + '\n');
    for (const n of stats.ignoredNotes) io.err(`warning: note on ${n.commit.slice(0, 12)} ignored: ${n.reason}\n`);
    for (const w of stats.warnings) io.err(`warning: ${w}\n`);
    return 0;
  },
};

/** `ai-provenance check BASE..HEAD`: exits non-zero, saying why, when the branch does not meet the repository policy. */
import { listFlag, parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand } from '../command';
import { analysisOptions, rangePolicy, repoAndRange } from '../repoRange';
import { SARIF_USAGE, readSarifFiles } from './report';

const USAGE = [
  'usage: ai-provenance check BASE..HEAD [--policy FILE] [--json] [--sarif FILE]...',
  '',
  'Checks the branch (against its merge base with BASE) against the policy in .ai-provenance.json committed at',
  'BASE (or --policy FILE): maximum AI share, required sign-offs (by AI share or tier, from allowed signers or',
  'code owners) and reviewed AI hunks. Exit 0: met (or no policy); 1: not met, with the reasons; 2: bad usage.',
  'Sign-offs are read from refs/notes/ai-provenance-signoff: fetch it first in CI.',
  "Analyser findings in changed lines raise the tier like the checklist's own (a tier-based sign-off may then apply).",
  SARIF_USAGE,
].join('\n');

export const checkCommand: CliCommand = {
  name: 'check',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['policy'], repeatable: ['sarif'], boolean: ['json'] });
    if (parsed.positionals.length !== 1) throw new UsageError('expected one BASE..HEAD range');
    const spec = parsed.positionals[0];
    const { repo, review, range } = await repoAndRange(spec, io);
    const loaded = await rangePolicy(review, repo, range, io, { file: stringFlag(parsed, 'policy'), lenient: false });
    if (!loaded.policy) {
      io.out(`ai-provenance check: passed: ${loaded.source}, nothing to enforce\n`);
      return 0;
    }
    const analyzerResults = await readSarifFiles(listFlag(parsed, 'sarif'), repo.root, io);
    const { report } = await review.analyzeBranch(repo, range, analysisOptions(loaded, analyzerResults));
    const outcome = report.policy!;
    const analyzers = report.review?.analyzers;
    if (parsed.flags.has('json')) {
      io.out(
        JSON.stringify(
          {
            ...outcome,
            policySource: loaded.source,
            share: report.share,
            tier: report.review?.tier ?? null,
            ...(analyzers ? { analyzers } : {}),
          },
          null,
          1,
        ) + '\n',
      );
      return outcome.pass ? 0 : 1;
    }
    const { cleanLabel } = await import('../../core/blame/index.js');
    const accepted = outcome.signoffs.filter((s) => s.accepted).length;
    const lines = [
      `ai-provenance check: ${outcome.pass ? 'passed' : 'FAILED'} (${cleanLabel(loaded.source, 300)})`,
      `  ${cleanLabel(spec, 200)}: ${cleanLabel(report.aiClaim, 400)}, tier ${report.review?.tier ?? '?'}, ` +
        `${report.hunks.ai} AI hunk(s), ${outcome.reviewedAiHunks} reviewed, ${outcome.signoffs.length} sign-off(s) (${accepted} accepted)`,
      ...(analyzers
        ? [
            `  analysers: ${analyzers.inChange} finding(s) in changed lines, ${analyzers.outsideChange} elsewhere (not counted)`,
          ]
        : []),
      ...outcome.failures.map((f) => `  ✗ ${cleanLabel(f, 2000)}`),
      ...outcome.satisfied.map((s) => `  ✓ ${cleanLabel(s, 2000)}`),
    ];
    io.out(lines.join('\n') + '\n');
    for (const w of report.warnings) io.err(`warning: ${cleanLabel(w, 500)}\n`);
    return outcome.pass ? 0 : 1;
  },
};

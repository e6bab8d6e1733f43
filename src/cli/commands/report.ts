/** `ai-provenance report BASE..HEAD --format markdown|json|sarif|agent-trace`: the branch's provenance for a PR or CI. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AnalyzerResult } from '../../core/review';
import { listFlag, parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { analysisOptions, rangePolicy, repoAndRange } from '../repoRange';
import { CLI_VERSION } from './version';

const FORMATS = ['markdown', 'json', 'sarif', 'agent-trace'] as const;
type Format = (typeof FORMATS)[number];

/** The `--sarif` option, shared with `check`. */
export const SARIF_USAGE = [
  "--sarif FILE (repeatable) adds another analyser's SARIF 2.1.0 results (Semgrep, CodeQL, ESLint...) as findings",
  'when they touch added lines; results on unchanged lines are only counted. A file that cannot be read or is not',
  'SARIF 2.1.0 is skipped with a warning.',
].join('\n');

const USAGE = [
  'usage: ai-provenance report BASE..HEAD [--format markdown|json|sarif|agent-trace] [--output FILE] [--policy FILE] [--sarif FILE]...',
  '',
  'Reports the branch against its merge base with BASE: AI share per file, tools and models, the risk tier and',
  'checklist findings, AI hunks reviewed, sign-offs and (with a policy) whether it is met.',
  '  markdown     a pull-request comment (default); nothing from notes or commits can inject markup or links',
  '  json         the whole report as data',
  '  sarif        the findings as SARIF 2.1.0, for code-scanning upload',
  '  agent-trace  one Agent Trace record for HEAD with the AI lines the branch added',
  'The policy is .ai-provenance.json committed at BASE unless --policy names a file.',
  SARIF_USAGE,
].join('\n');

export const reportCommand: CliCommand = {
  name: 'report',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['format', 'output', 'policy'], repeatable: ['sarif'] });
    if (parsed.positionals.length !== 1) throw new UsageError('expected one BASE..HEAD range');
    const format = (stringFlag(parsed, 'format') ?? 'markdown') as Format;
    if (!FORMATS.includes(format))
      throw new UsageError(`unknown format ${JSON.stringify(format)}; expected one of ${FORMATS.join(', ')}`);
    const spec = parsed.positionals[0];
    const { repo, review, range } = await repoAndRange(spec, io);
    const loaded = await rangePolicy(review, repo, range, io, { file: stringFlag(parsed, 'policy'), lenient: true });
    const analyzerResults = await readSarifFiles(listFlag(parsed, 'sarif'), repo.root, io);
    const analysis = await review.analyzeBranch(repo, range, analysisOptions(loaded, analyzerResults));
    const reportLib = await import('../../core/report/index.js');
    let text: string;
    if (format === 'markdown') text = reportLib.renderMarkdown(analysis.report);
    else if (format === 'json')
      text = JSON.stringify({ ...analysis.report, policySource: loaded.source }, null, 1) + '\n';
    else if (format === 'sarif')
      text = JSON.stringify(reportLib.renderSarif(analysis.report, CLI_VERSION), null, 1) + '\n';
    else {
      const { record, skipped } = reportLib.combinedAgentTrace(analysis.facts, {
        toolVersion: CLI_VERSION,
        now: Date.now(),
        randomBytes: (n) => randomBytes(n),
      });
      for (const p of skipped) io.err(`warning: ${JSON.stringify(p)} left out: not a plain repository path\n`);
      text = JSON.stringify(record, null, 1) + '\n';
    }
    const output = stringFlag(parsed, 'output');
    if (output !== undefined) await fs.writeFile(path.resolve(io.cwd, output), text, 'utf8');
    else io.out(text);
    return 0;
  },
};

/** The results of each `--sarif` file (undefined when none was given); problems are warnings on stderr. */
export async function readSarifFiles(
  files: readonly string[],
  repoRoot: string,
  io: CliIo,
): Promise<AnalyzerResult[] | undefined> {
  if (files.length === 0) return undefined;
  const { readSarifFiles: read } = await import('../../git/review/sarifFiles.js');
  return read(files, repoRoot, io.cwd, (message) => io.err(`warning: --sarif ${message}\n`));
}

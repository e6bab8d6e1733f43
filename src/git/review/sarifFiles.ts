/**
 * Reads analysers' SARIF files (Semgrep, CodeQL, ESLint...) for the review. A file that is missing, unreadable or not
 * SARIF 2.1.0 only costs a warning: a CI step or the review view must not fail because an analyser crashed.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { cleanLabel } from '../../core/blame';
import { DEFAULT_SARIF_LIMITS, SarifInputError, parseSarif, type AnalyzerResult } from '../../core/review';

/**
 * The results of every file (paths relative to `cwd`), with their paths made repository-relative against `repoRoot`.
 * `warn` gets one line per problem, naming the file.
 */
export async function readSarifFiles(
  files: readonly string[],
  repoRoot: string,
  cwd: string,
  warn: (message: string) => void,
): Promise<AnalyzerResult[]> {
  const results: AnalyzerResult[] = [];
  for (const file of files) {
    const shown = JSON.stringify(cleanLabel(file, 300));
    try {
      const full = path.resolve(cwd, file);
      const stat = await fs.stat(full);
      if (!stat.isFile()) throw new SarifInputError('not a regular file');
      if (stat.size > DEFAULT_SARIF_LIMITS.maxChars)
        throw new SarifInputError(`larger than ${DEFAULT_SARIF_LIMITS.maxChars} bytes`);
      const ingest = parseSarif(await fs.readFile(full, 'utf8'), { repoRoot });
      for (const w of ingest.warnings) warn(`${shown}: ${cleanLabel(w, 500)}`);
      results.push(...ingest.results);
    } catch (err) {
      const fsError = typeof (err as { code?: unknown }).code === 'string';
      if (!(err instanceof SarifInputError) && !fsError) throw err;
      warn(`${shown} ignored: ${cleanLabel((err as Error).message, 500)}`);
    }
  }
  return results;
}

/** `ai-provenance stats`: added lines by authorship over a commit range, from one `git log -p -U0` plus notes. */
import { LOG_FORMAT, LogPatchParser, StatsBuilder, type CommitPatch, type StatsReport } from '../../core/blame';
import type { GitRunner } from '../exec';
import { assertSafeRev, type RepoInfo } from '../repo';
import { ProvenanceReader } from './provenanceReader';
import { streamGitLines } from './stream';

/** Diff options that keep git's output in the shape the parsers expect whatever the user's config says. */
export const PLAIN_DIFF_ARGS = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

export interface LogPatchOptions {
  /** Keep added lines' text for these commits (needed to verify records); default: all. */
  readonly keepText?: (commit: string) => boolean;
  /** Show merges' diffs against their first parent (for the line replay; by default merges show none). */
  readonly mergeDiffs?: boolean;
  /** Oldest first. */
  readonly reverse?: boolean;
}

/** The `git log` arguments for zero-context patches of `revArgs` in the shape LogPatchParser reads. */
export function logPatchArgs(
  revArgs: readonly string[],
  options: Pick<LogPatchOptions, 'mergeDiffs' | 'reverse'> = {},
): string[] {
  for (const r of revArgs) assertSafeRev(r);
  return [
    'log',
    '-p',
    '-U0',
    '-M',
    // log.showSignature would print the verifier's lines (some start with a space, as message lines do) and run it.
    '--no-show-signature',
    `--format=${LOG_FORMAT}`,
    ...PLAIN_DIFF_ARGS,
    ...(options.mergeDiffs ? ['--diff-merges=first-parent'] : []),
    ...(options.reverse ? ['--reverse'] : []),
    ...revArgs,
    '--',
  ];
}

/** Every commit of `revArgs` (e.g. ['A..B']) as a patch of zero-context hunks, streamed (any history size). */
export async function readLogPatches(
  repo: RepoInfo,
  revArgs: readonly string[],
  options: LogPatchOptions = {},
): Promise<{ patches: CommitPatch[]; warnings: string[] }> {
  const patches: CommitPatch[] = [];
  const parser = new LogPatchParser((p) => patches.push(p), options.keepText);
  await streamGitLines(repo.root, logPatchArgs(revArgs, options), (line) => parser.line(line));
  parser.end();
  return { patches, warnings: parser.warnings };
}

export interface AiStatsOptions {
  readonly notesRef?: string;
  readonly runner?: GitRunner;
}

/** Stats over `range` (any rev-list argument, e.g. `main..HEAD`; default HEAD, i.e. all history). */
export async function aiStats(
  repo: RepoInfo,
  range = 'HEAD',
  options: AiStatsOptions = {},
): Promise<StatsReport & { readonly warnings: readonly string[] }> {
  const reader = await ProvenanceReader.open(repo, options);
  try {
    const { patches, warnings } = await readLogPatches(repo, [range], { keepText: (c) => reader.hasNote(c) });
    const identities = new Map(patches.flatMap((p) => (p.identity ? [[p.commit, p.identity] as const] : [])));
    const provenance = await reader.provenance(
      patches.map((p) => p.commit),
      { identities },
    );
    const builder = new StatsBuilder();
    for (const patch of patches) builder.add(patch, provenance.get(patch.commit));
    return { ...builder.result(), warnings: reader.identityWarning ? [...warnings, reader.identityWarning] : warnings };
  } finally {
    await reader.close();
  }
}

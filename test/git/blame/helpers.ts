/** Builders for git-tier blame/review tests: commits whose AI lines are recorded as Agent Trace notes. */
import type { Origin } from '../../../src/core/attribution/origin';
import { buildAgentTrace, type AttributedFile } from '../../../src/core/commit';
import { findRepo, writeNote, type RepoInfo } from '../../../src/git';
import type { TempRepo } from '../helpers/tempRepo';

const CLAUDE: Origin = {
  kind: 'agent',
  tool: 'claude-code',
  model: 'anthropic/claude-sonnet-4',
  session: 's1',
  time: 1_700_000_000_000,
};
export const COPILOT: Origin = {
  kind: 'inline',
  tool: 'GitHub Copilot',
  model: 'openai/gpt-4o',
  time: 1_700_000_100_000,
};

/** A line of a test file: plain text is human; `{ ai }` / `{ mixed }` lines carry an origin (default CLAUDE). */
export type Line =
  string | { readonly ai: string; readonly origin?: Origin } | { readonly mixed: string; readonly origin?: Origin };

function lineText(l: Line): string {
  return typeof l === 'string' ? l : 'ai' in l ? l.ai : l.mixed;
}

let counter = 1;
const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => counter++ & 0xff);

/** The Agent Trace record for `files` at `revision` (every line of each file described). */
export function recordFor(revision: string, files: Record<string, readonly Line[]>): string {
  const attributed: AttributedFile[] = Object.entries(files).map(([path, lines]) => ({
    path,
    lines: lines.map((l) =>
      typeof l === 'string'
        ? { text: l, cls: 'human' as const, origins: [] }
        : { text: lineText(l), cls: 'ai' in l ? ('ai' as const) : ('mixed' as const), origins: [l.origin ?? CLAUDE] },
    ),
  }));
  return JSON.stringify(
    buildAgentTrace(attributed, { revision, toolVersion: '0.1.0', now: Date.UTC(2026, 0, 2), randomBytes: bytes }),
  );
}

/** Writes the files, commits them, and (when any line is AI, or `note` is forced) attaches the record as a note. */
export async function commitFiles(
  repo: TempRepo,
  files: Record<string, readonly Line[]>,
  message = 'change',
  options: { note?: boolean } = {},
): Promise<string> {
  for (const [path, lines] of Object.entries(files))
    repo.write(path, lines.map(lineText).join('\n') + (lines.length > 0 ? '\n' : ''));
  const commit = repo.commitAll(message);
  const hasAi = Object.values(files).some((lines) => lines.some((l) => typeof l !== 'string'));
  if (options.note ?? hasAi) await writeNote(await info(repo), commit, recordFor(commit, files));
  return commit;
}

export async function info(repo: TempRepo): Promise<RepoInfo> {
  const found = await findRepo(repo.root);
  if (!found) throw new Error(`not a repository: ${repo.root}`);
  return found;
}

export const EVIL_LABEL = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) @everyone \u001b[2J\u202egnp `|`';

/** A record for `commit` whose tool and model are EVIL_LABEL. */
export function evilRecord(commit: string, files: Parameters<typeof recordFor>[1]): string {
  const record = JSON.parse(recordFor(commit, files));
  for (const c of record.metadata['dev.ai-provenance'].conversations) c.tool = EVIL_LABEL;
  for (const f of record.files) for (const c of f.conversations) c.contributor.model_id = EVIL_LABEL;
  return JSON.stringify(record);
}

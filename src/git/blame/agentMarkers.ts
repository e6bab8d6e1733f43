/**
 * Agents' marker lines in commit messages ("💘 Generated with Crush", "🤖 Generated with [Claude Code](…)", aider's
 * "aider: " subject): the log readers' formats carry identities and trailers only (one line per commit), so the
 * messages that hold a marker are read in one more `git log`, filtered by git (`--grep`) to the few candidates; core
 * (`agentMarkerLines`) decides which lines are markers.
 */
import { AGENT_MARKER_GREP, agentMarkerLines } from '../../core/commit';
import { runGit } from '../exec';
import { assertSafeRev } from '../repo';

const GREP_ARGS = ['--regexp-ignore-case', '--extended-regexp', `--grep=${AGENT_MARKER_GREP}`];

/** Commit -> its marker lines, for the commits of `source` whose message holds any. */
export async function readAgentMarkers(
  root: string,
  source: { readonly commits: readonly string[] } | { readonly revArgs: readonly string[] },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let args: string[];
  let input: string | undefined;
  if ('commits' in source) {
    if (source.commits.length === 0) return out;
    args = ['log', '--no-walk=unsorted', '--stdin'];
    input = source.commits.join('\n') + '\n';
  } else {
    for (const r of source.revArgs) assertSafeRev(r);
    args = ['log', ...source.revArgs];
  }
  const result = await runGit([...args, '-z', '--format=%H%n%B', ...GREP_ARGS, ...(input ? [] : ['--'])], {
    cwd: root,
    ...(input !== undefined ? { input } : {}),
    maxOutputBytes: 256 << 20,
  });
  for (const record of result.stdout.split('\0')) {
    const nl = record.indexOf('\n');
    if (nl < 40) continue;
    const commit = record.slice(0, nl).trim();
    const markers = agentMarkerLines(record.slice(nl + 1));
    if (markers) out.set(commit, markers);
  }
  return out;
}

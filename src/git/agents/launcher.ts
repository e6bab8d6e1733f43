/**
 * The stable command agents' hook configs point at: a small POSIX shell script at `<git-path ai-provenance>/bin/
 * ai-provenance` (project) or `~/.ai-provenance/bin/ai-provenance` (user) that runs `node <cli.js>`. Extension updates
 * move cli.js; re-running `agents install` rewrites only this script, never the agents' configs. When cli.js is gone
 * it logs to `../log.txt` next to its directory and exits 0, printing what a no-op hook prints, so agents carry on.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { shellQuote } from '../../core/agentConfig/types';
import { writeFileAtomic } from '../atomicFile';

export const LAUNCHER_NAME = 'ai-provenance';

export function launcherScript(cliPath: string, nodePath: string): string {
  return [
    '#!/bin/sh',
    '# ai-provenance launcher, written by `ai-provenance agents install` (rerun it after moving the CLI).',
    '# Agents\' hook configs call this file, so they keep working when the CLI moves; `agents uninstall` removes it.',
    `cli=${shellQuote(cliPath)}`,
    `node_bin=${shellQuote(nodePath)}`,
    'skip() {',
    '  # Never fail the agent: drain its input, log why, print what a no-op hook prints.',
    '  cat >/dev/null 2>&1',
    '  printf \'%s [%s] launcher: %s\\n\' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$$" "$1" >>"$(dirname "$0")/../log.txt" 2>/dev/null',
    '  case "$2:$3" in hook:cursor|hook:gemini) printf \'{}\\n\' ;; esac',
    '  exit 0',
    '}',
    '[ -f "$cli" ] || skip "CLI not found at $cli; run ai-provenance agents install again" "$@"',
    // The recorded node may be VS Code's Electron: ELECTRON_RUN_AS_NODE makes it plain node (real node ignores it).
    '[ -x "$node_bin" ] && ELECTRON_RUN_AS_NODE=1 exec "$node_bin" "$cli" "$@"',
    'command -v node >/dev/null 2>&1 && exec node "$cli" "$@"',
    'skip "node not found (was $node_bin)" "$@"',
    '',
  ].join('\n');
}

/** Writes (or rewrites) the launcher; returns its path and whether its content changed. */
export async function writeLauncher(binDir: string, cliPath: string, nodePath: string): Promise<{ path: string; changed: boolean }> {
  const file = path.join(binDir, LAUNCHER_NAME);
  const content = launcherScript(cliPath, nodePath);
  const current = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (current !== content) {
    await fs.mkdir(binDir, { recursive: true });
    await writeFileAtomic(file, content);
  }
  await fs.chmod(file, 0o755);
  return { path: file, changed: current !== content };
}

/** The CLI path a launcher runs, or undefined when `file` is not a launcher of ours. */
export async function launcherTarget(file: string): Promise<string | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  const match = text === undefined ? null : /^cli='((?:[^']|'\\'')*)'$/m.exec(text);
  return match === null ? undefined : match[1].replace(/'\\''/g, "'");
}

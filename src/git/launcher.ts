/**
 * The stable command git hooks and agent hooks call: a small POSIX sh script at
 * `<git rev-parse --git-path ai-provenance>/bin/ai-provenance` that execs node on the recorded `dist/cli.js`.
 * Extension updates move cli.js; rewriting this one script re-points every hook. When node or the CLI is missing it
 * drains its input, logs why to `../log.txt` and exits 0, so no commit and no agent ever fails because of it.
 * `AI_PROVENANCE_CLI` / `AI_PROVENANCE_NODE` override the recorded paths (tests, development builds).
 * The script keeps the line format of `src/git/agents/launcher.ts` (`cli='...'`), so either writer can read it.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_REQUEST } from '../core/commit/hookRequest';
import { writeFileAtomic } from './atomicFile';
import { serverRequestLines } from './hooks/serverClient';
import { type GitRunner } from './exec';
import { gitPath, type RepoInfo } from './repo';
import { STATE_DIR_NAME } from './stateLog';

export const LAUNCHER_NAME = 'ai-provenance';

/** `'value'` for sh, with embedded quotes escaped. */
export function shQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a path for a shell script cannot contain NUL');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function launcherScript(cliPath: string, nodePath: string): string {
  return [
    '#!/bin/sh',
    '# ai-provenance launcher, written by `ai-provenance hooks install` / `agents install` (rerun after moving the CLI).',
    '# Git and agent hooks call this file, so they keep working when the CLI moves.',
    `cli=${shQuote(cliPath)}`,
    `node_bin=${shQuote(nodePath)}`,
    '[ -n "$AI_PROVENANCE_CLI" ] && cli=$AI_PROVENANCE_CLI',
    '[ -n "$AI_PROVENANCE_NODE" ] && node_bin=$AI_PROVENANCE_NODE',
    'skip() {',
    '  # Never fail the caller: drain its input, log why, print what a no-op agent hook prints.',
    '  cat >/dev/null 2>&1',
    '  printf \'%s [%s] launcher: %s\\n\' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$$" "$1" >>"$(dirname "$0")/../log.txt" 2>/dev/null',
    '  case "$2:$3" in hook:cursor|hook:gemini) printf \'{}\\n\' ;; esac',
    '  exit 0',
    '}',
    '[ -f "$cli" ] || skip "CLI not found at $cli; run ai-provenance hooks install again" "$@"',
    // An agent hook goes to a live hook server when there is one (src/git/hooks/hookServer.ts): its JSON is saved for
    // the server, which answers with what to print. Otherwise (or if the server vanished) node runs it, on that JSON.
    'if [ "$1" = hook ]; then',
    '  shift',
    ...serverRequestLines({
      serverDir: '"${0%/*}/../server"',
      fields: `${AGENT_REQUEST} '' "$(($# + 1))" "$aip_server/in.$$" "$@"`,
      size: '"$*"',
      prepare: 'cat > "$aip_server/in.$$"',
    }).map((line) => `  ${line}`),
    '  set -- hook "$@"',
    '  case $aip_answer in',
    '    done) exit 0 ;;',
    '    "done "*) printf \'%s\\n\' "${aip_answer#done }"; exit 0 ;;',
    '    timeout) skip "the hook server stopped this hook at its time limit" "$@" ;;',
    '  esac',
    '  if [ -f "$aip_server/in.$$" ] && command exec 0<"$aip_server/in.$$"; then rm -f "$aip_server/in.$$"; fi',
    'fi',
    // Hooks run on every commit and agent step: the smaller entry beside the CLI (src/cli/hookLoader.ts) parses less.
    // Hooks make no TLS connections, and node reads a NODE_EXTRA_CA_CERTS bundle at every start (about 100 ms for a
    // system bundle), so hooks go without it.
    'case "$1" in git-hook|hook) [ -f "${cli%/*}/hookLoader.js" ] && cli="${cli%/*}/hookLoader.js"; unset NODE_EXTRA_CA_CERTS ;; esac',
    // The loader keeps V8's code cache here, beside bin/ in the state dir.
    'case $0 in */*) [ -n "$AI_PROVENANCE_CACHE_DIR" ] || AI_PROVENANCE_CACHE_DIR="${0%/*}/../cache"; export AI_PROVENANCE_CACHE_DIR ;; esac',
    // The recorded node may be VS Code's Electron: ELECTRON_RUN_AS_NODE makes it plain node (real node ignores it).
    '[ -x "$node_bin" ] && ELECTRON_RUN_AS_NODE=1 exec "$node_bin" "$cli" "$@"',
    'command -v node >/dev/null 2>&1 && exec node "$cli" "$@"',
    'skip "node not found (was $node_bin)" "$@"',
    '',
  ].join('\n');
}

/** Where the launcher of `repo` lives (this worktree's state dir). */
export async function launcherPath(repo: RepoInfo, runner?: GitRunner): Promise<string> {
  return path.join(await gitPath(repo, STATE_DIR_NAME, runner), 'bin', LAUNCHER_NAME);
}

export interface LauncherOptions {
  /** The runtime to record; default this process's executable (node, or VS Code's Electron). */
  readonly nodePath?: string;
  readonly runner?: GitRunner;
}

/**
 * Writes the launcher for `cliPath` unless it already says exactly that; returns its path and whether it changed.
 * Throws when `cliPath` is not absolute (a relative path would depend on the hook's working directory).
 */
export async function ensureLauncher(repo: RepoInfo, cliPath: string, options: LauncherOptions = {}): Promise<{ path: string; changed: boolean }> {
  if (!path.isAbsolute(cliPath)) throw new Error(`the CLI path must be absolute: ${cliPath}`);
  const file = await launcherPath(repo, options.runner);
  return writeLauncherFile(file, cliPath, options.nodePath ?? process.execPath);
}

/** Writes the launcher script to `file` (mode 0755) when its content differs. */
export async function writeLauncherFile(file: string, cliPath: string, nodePath: string): Promise<{ path: string; changed: boolean }> {
  const content = launcherScript(cliPath, nodePath);
  const current = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (current !== content) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, content);
  }
  await fs.chmod(file, 0o755);
  return { path: file, changed: current !== content };
}

/** The CLI path a launcher runs, or undefined when `file` is not a launcher. */
export async function launcherTarget(file: string): Promise<string | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  const match = text === undefined ? null : /^cli='((?:[^']|'\\'')*)'$/m.exec(text);
  return match === null ? undefined : match[1].replace(/'\\''/g, "'");
}

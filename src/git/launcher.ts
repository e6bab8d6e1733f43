/**
 * The stable command git hooks and agent hooks call: a small POSIX sh script at
 * `<git rev-parse --git-path ai-provenance>/bin/ai-provenance` that execs node on the recorded `dist/cli.js` (for the
 * hook entry commands, on `dist/hookLoader.js` beside it). Extension updates move cli.js; rewriting this one script
 * re-points every hook. When node or the CLI is missing it drains its input, logs why to `../log.txt`, prints the
 * agent's no-op answer and exits 0, so no commit and no agent ever fails because of it. Claude Code's PRE and POST
 * hooks for a file edit start no node at all (`shellPreSnapshot`, `shellPostQueue`).
 * `AI_PROVENANCE_CLI` / `AI_PROVENANCE_NODE` override the recorded paths (tests, development builds).
 * `launcherTarget` reads the recorded CLI back from the `cli='...'` line (src/git/agents/launcher.ts writes the same file).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { agentsAnsweringJson } from '../core/agents/hookResponse';
import { writeFileAtomic } from './atomicFile';
import { HOOK_ENTRY_COMMANDS } from './hooks/hookScripts';

export const LAUNCHER_NAME = 'ai-provenance';

/** `'value'` for sh, with embedded quotes escaped. */
export function shQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a path for a shell script cannot contain NUL');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Claude Code's PRE hook for a file edit, in plain sh (no node start): the JSON and a copy of each absolute
 * `file_path` / `notebook_path` it names go to `<state>/agent-pre/p<pid>/` for the POST hook to find
 * (src/git/agents/launcherSnapshots.ts). Anything else goes to node as before: shell commands (`"command"`: the POST
 * needs a repository snapshot), VS Code's calls through Claude's settings (camelCase fields, `__vscode` ids), payloads
 * with no usable path, or a directory that cannot be made. Extra or missing paths only cost precision the POST
 * recovers as it does without a snapshot; they never attribute a file the payload does not name.
 */
function shellPreSnapshot(): string[] {
  return [
    // Only a launcher in a git dir (`<git dir>/ai-provenance/bin`): the POST looks for the snapshot beside it.
    'aip_pre_off=',
    'case $1:$2:$3:$0 in hook:claude:pre:*/*) [ -f "${0%/*}/../../HEAD" ] || aip_pre_off=1 ;; *) aip_pre_off=1 ;; esac',
    'case $aip_pre_off in "")',
    '  aip_pre="${0%/*}/../agent-pre/p$$"',
    '  if mkdir -p "${0%/*}/../agent-pre" 2>/dev/null && rm -rf "$aip_pre" && mkdir "$aip_pre" 2>/dev/null && cat > "$aip_pre/payload.json"; then',
    '    aip_n=0',
    '    if ! grep -qE \'"(command|hookEventName|sessionId)"|__vscode\' "$aip_pre/payload.json"; then',
    '      grep -oE \'"(file_path|notebook_path)" *: *"/[^"\\\\]*"\' "$aip_pre/payload.json" > "$aip_pre/matches"',
    '      while IFS= read -r aip_m; do',
    '        aip_v=${aip_m%\\"}; aip_v=${aip_v##*\\"}',
    '        aip_n=$((aip_n + 1))',
    '        if [ ! -e "$aip_v" ] && [ ! -L "$aip_v" ]; then aip_mark=a',
    '        elif [ -L "$aip_v" ] || [ ! -f "$aip_v" ]; then aip_mark=s',
    '        elif cp "$aip_v" "$aip_pre/$aip_n" 2>/dev/null; then aip_mark=t',
    '        else aip_mark=u; fi',
    '        printf \'%s\\t%s\\n\' "$aip_mark" "$aip_v" >> "$aip_pre/paths"',
    '      done < "$aip_pre/matches"',
    '    fi',
    // Claude Code expects nothing on stdout from a hook that changes nothing.
    '    [ "$aip_n" -gt 0 ] && exit 0',
    // Not ours to do in sh: node reads the saved JSON instead of the stdin it was taken from.
    '    exec < "$aip_pre/payload.json"',
    '    rm -rf "$aip_pre"',
    '  fi',
    '  ;;',
    'esac',
  ];
}

/**
 * Claude Code's POST for the same calls, in plain sh too: when the PRE directory of this very call exists (same
 * `tool_use_id` and `session_id`), the JSON, a copy of each absolute `file_path` / `notebook_path` the POST names (as
 * the PRE lists them) and the working directory go to `<state>/agent-post/c<pid>/` with the PRE directory moved into
 * it, and the launcher prints nothing, which is Claude's "go on". Node attributes the queued call later, before
 * anyone reads or writes records (src/git/agents/agentQueue.ts). Anything else goes to node as before, with the JSON:
 * no PRE directory, a path that is not a plain absolute one, a copy that fails, a prompt summary to record
 * (`AI_PROVENANCE_PROMPT_SUMMARY`, read from the environment at POST time).
 */
function shellPostQueue(): string[] {
  return [
    'aip_post_off=',
    'case $1:$2:$3:$0 in hook:claude:post:*/*) [ -f "${0%/*}/../../HEAD" ] || aip_post_off=1 ;; *) aip_post_off=1 ;; esac',
    "case $AI_PROVENANCE_PROMPT_SUMMARY in ''|none) ;; *) aip_post_off=1 ;; esac",
    'case $aip_post_off in "")',
    "  aip_nl='",
    "'",
    '  aip_q="${0%/*}/../agent-post"',
    '  aip_t="$aip_q/.t$$"',
    '  if mkdir -p "$aip_q" 2>/dev/null && rm -rf "$aip_t" && mkdir "$aip_t" 2>/dev/null && cat > "$aip_t/payload.json"; then',
    '    if (',
    '      aip_p="$aip_t/payload.json"',
    '      ! grep -qE \'"(command|hookEventName|sessionId)"|__vscode|"(file_path|notebook_path)" *: *([^" ]|"[^/]|"/[^"\\\\]*\\\\)\' "$aip_p" || exit 1',
    '      aip_id=$(grep -oE \'"tool_use_id" *: *"[A-Za-z0-9_-]+"\' "$aip_p") && aip_sid=$(grep -oE \'"session_id" *: *"[A-Za-z0-9_-]+"\' "$aip_p") || exit 1',
    '      case $aip_id$aip_sid in *"$aip_nl"*) exit 1 ;; esac',
    '      aip_id=${aip_id%\\"} aip_sid=${aip_sid%\\"}',
    '      aip_id=${aip_id##*\\"} aip_sid=${aip_sid##*\\"}',
    '      aip_pre=$(grep -lE "\\"tool_use_id\\" *: *\\"$aip_id\\"" "${0%/*}/../agent-pre"/p*/payload.json 2>/dev/null) || exit 1',
    '      case $aip_pre in *"$aip_nl"*) exit 1 ;; esac',
    '      grep -qE "\\"session_id\\" *: *\\"$aip_sid\\"" "$aip_pre" || exit 1',
    '      aip_pre=${aip_pre%/payload.json}',
    '      [ -f "$aip_pre/paths" ] || exit 1',
    '      grep -oE \'"(file_path|notebook_path)" *: *"/[^"\\\\]*"\' "$aip_p" > "$aip_t/matches" || exit 1',
    '      aip_n=0',
    '      while IFS= read -r aip_m; do',
    '        aip_v=${aip_m%\\"}; aip_v=${aip_v##*\\"}',
    '        aip_n=$((aip_n + 1))',
    '        if [ ! -e "$aip_v" ] && [ ! -L "$aip_v" ]; then aip_mark=a',
    '        elif [ -L "$aip_v" ] || [ ! -f "$aip_v" ]; then aip_mark=s',
    '        else cp "$aip_v" "$aip_t/$aip_n" 2>/dev/null || exit 1; aip_mark=t; fi',
    '        printf \'%s\\t%s\\n\' "$aip_mark" "$aip_v" >> "$aip_t/paths" || exit 1',
    '      done < "$aip_t/matches"',
    '      rm -f "$aip_t/matches"',
    '      printf \'%s\\n\' "$PWD" > "$aip_t/cwd" || exit 1',
    '      mv "$aip_pre" "$aip_t/pre" 2>/dev/null || exit 1',
    '      [ ! -e "$aip_q/c$$" ] && mv "$aip_t" "$aip_q/c$$" 2>/dev/null && exit 0',
    '      mv "$aip_t/pre" "$aip_pre" 2>/dev/null',
    '      exit 1',
    '    ); then exit 0; fi',
    '    exec < "$aip_t/payload.json"',
    '    rm -rf "$aip_t"',
    '  fi',
    '  ;;',
    'esac',
  ];
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
    `  case "$2:$3" in ${agentsAnsweringJson()
      .map((agent) => `hook:${agent}`)
      .join('|')}) printf '{}\\n' ;; esac`,
    '  exit 0',
    '}',
    '[ -f "$cli" ] || skip "CLI not found at $cli; run ai-provenance hooks install again" "$@"',
    ...shellPreSnapshot(),
    ...shellPostQueue(),
    // Hooks run on every commit and agent step: the smaller entry beside the CLI (src/cli/hookLoader.ts) parses less
    // and keeps node's compile cache in the state dir (beside bin/). Hooks make no TLS connections, and node reads a
    // NODE_EXTRA_CA_CERTS bundle at every start (about 100 ms for a system bundle), so hooks go without it.
    `case "$1" in ${HOOK_ENTRY_COMMANDS.join('|')})`,
    '  [ -f "${cli%/*}/hookLoader.js" ] && cli="${cli%/*}/hookLoader.js"',
    '  unset NODE_EXTRA_CA_CERTS',
    '  case $0 in */*) [ -n "$AI_PROVENANCE_CACHE_DIR" ] || AI_PROVENANCE_CACHE_DIR="${0%/*}/../cache"; export AI_PROVENANCE_CACHE_DIR ;; esac',
    '  ;;',
    'esac',
    // The recorded node may be VS Code's Electron: ELECTRON_RUN_AS_NODE makes it plain node (real node ignores it).
    '[ -x "$node_bin" ] && ELECTRON_RUN_AS_NODE=1 exec "$node_bin" "$cli" "$@"',
    'command -v node >/dev/null 2>&1 && exec node "$cli" "$@"',
    'skip "node not found (was $node_bin)" "$@"',
    '',
  ].join('\n');
}

/** Writes the launcher script to `file` (mode 0755) when its content differs. */
export async function writeLauncherFile(
  file: string,
  cliPath: string,
  nodePath: string,
): Promise<{ path: string; changed: boolean }> {
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

/**
 * The shell half of the hook server (src/git/hooks/hookServer.ts): lines for a hook script or the launcher that hand
 * one hook's work to a live server and leave its answer in `$aip_answer` (empty when nothing was handed over: no
 * server, not this git dir's, a request too long for one atomic pipe write, or the server vanished or stayed silent
 * past the time limit). Builtins plus `mkfifo` and the watchdog's `sleep`: a fraction of a node start.
 */

export interface ServerRequestShell {
  /** Shell expression of the server dir (`<state dir>/server`). */
  readonly serverDir: string;
  /** Shell words of the request after its pid fields: hook name, paths, argument count, arguments. */
  readonly fields: string;
  /** Shell expression of the text whose length bounds the request (paths and arguments). */
  readonly size: string;
  /** A command run once a server is found, before the request is sent; nothing is sent when it fails. */
  readonly prepare?: string;
}

export function serverRequestLines(req: ServerRequestShell): string[] {
  return [
    `aip_server=${req.serverDir}`,
    'aip_answer=; aip_pid=; aip_fd=',
    '[ -p "$aip_server/requests" ] && [ -r "/proc/$$/environ" ] && { read -r aip_pid aip_fd < "$aip_server/pid"; } 2>/dev/null',
    // The pid file names the server and its descriptor reading the FIFO: the same file as ours, or this is no server
    // of ours (a reused pid, or a pid file copied along with the git dir).
    `aip_request=${req.size}`,
    'if [ -n "$aip_fd" ] && [ "/proc/$aip_pid/fd/$aip_fd" -ef "$aip_server/requests" ] && [ "${#aip_request}" -lt 3500 ] && mkfifo -m 600 "$aip_server/reply.$$" 2>/dev/null; then',
    // Read-write opens of a FIFO never block, so a server that died after the check cannot hang us here; `command`
    // keeps a failed redirection from ending the shell (that would fail the commit).
    `  if ${req.prepare ? `${req.prepare} && ` : ''}command exec 8<>"$aip_server/reply.$$"; then`,
    '    case ${AI_PROVENANCE_HOOK_TIMEOUT_MS:-} in [1-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9][0-9]) aip_limit=$(( (AI_PROVENANCE_HOOK_TIMEOUT_MS + 5000) / 200 )) ;; *) aip_limit=75 ;; esac',
    // The watchdog: the server gone (no /proc entry), stopped (state T or t: Ctrl+Z, a debugger) or silent too long.
    '    ( aip_n=0; while [ "$aip_n" -lt "$aip_limit" ] && { read -r aip_st < "/proc/$aip_pid/stat"; } 2>/dev/null; do case $aip_st in *") T "* | *") t "*) break ;; esac; sleep 0.2; aip_n=$((aip_n + 1)); done; echo gone >&8 ) </dev/null >/dev/null 2>&1 &',
    '    aip_watch=$!',
    `    { command exec 9<>"$aip_server/requests" && printf '%s\\0' v1 "$$" "$PPID" ${req.fields} >&9; exec 9>&-; } 2>/dev/null`,
    '    IFS= read -r aip_answer <&8',
    '    kill "$aip_watch" 2>/dev/null',
    '    exec 8<&-',
    '  fi',
    // The server unlinks the reply FIFO after answering; it is still here when it did not.
    '  [ -p "$aip_server/reply.$$" ] && rm -f "$aip_server/reply.$$"',
    'fi',
  ];
}

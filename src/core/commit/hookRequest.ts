/**
 * The hook server's wire format (src/git/hooks/hookServer.ts): what an installed hook script writes into the server's
 * request pipe, and how the environment the hook ran with becomes the environment its work runs with.
 *
 * A request is NUL-terminated fields written with one `printf '%s\0' ...` (atomic: pipes never interleave writes of
 * up to 4096 bytes): `v1`, the hook's pid, its parent's pid (the git process), the hook name, the paths its
 * `git rev-parse` printed, the argument count, then the arguments.
 */

export const REQUEST_VERSION = 'v1';
/** The request name of an agent hook (`ai-provenance hook <agent> [pre|post]`, sent by the launcher). */
export const AGENT_REQUEST = 'agent';
/** Answers written back into the hook's reply pipe, one line each (`done` may carry an agent hook's stdout line). */
export type HookAnswer = 'done' | `done ${string}` | 'timeout' | 'retry';

export interface HookRequest {
  readonly pid: number;
  readonly gitPid: number;
  readonly hook: string;
  readonly paths: string;
  readonly args: readonly string[];
}

const HEAD_FIELDS = 6;
/** More arguments than any hook gets: a count above it is garbage. */
const MAX_ARGS = 16;

/**
 * Takes whole requests off the front of `buffer` (text decoded so far). Returns them with what is left over (an
 * incomplete request). A malformed request is skipped up to the next `v1` field, reported in `errors`.
 */
export function takeRequests(buffer: string): { requests: HookRequest[]; rest: string; errors: string[] } {
  const requests: HookRequest[] = [];
  const errors: string[] = [];
  let pos = 0;
  for (;;) {
    const read = readRequest(buffer, pos);
    if (read === 'incomplete') return { requests, rest: buffer.slice(pos), errors };
    if (read === 'malformed') {
      // Resynchronise on the next request start; drop everything before it.
      const next = buffer.indexOf(`\0${REQUEST_VERSION}\0`, pos);
      errors.push(`malformed hook request dropped: ${JSON.stringify(buffer.slice(pos, next < 0 ? pos + 80 : Math.min(next, pos + 80)))}`);
      if (next < 0) return { requests, rest: '', errors };
      pos = next + 1;
      continue;
    }
    requests.push(read.request);
    pos = read.end;
  }
}

function readRequest(buffer: string, pos: number): { request: HookRequest; end: number } | 'incomplete' | 'malformed' {
  const fields: string[] = [];
  let cursor = pos;
  let argc = -1;
  while (argc < 0 || fields.length < HEAD_FIELDS + argc) {
    const end = buffer.indexOf('\0', cursor);
    if (end < 0) return fields.length === 0 || fields[0] === REQUEST_VERSION ? 'incomplete' : 'malformed';
    fields.push(buffer.slice(cursor, end));
    cursor = end + 1;
    if (fields[0] !== REQUEST_VERSION) return 'malformed';
    if (fields.length === HEAD_FIELDS) {
      if (!/^\d{1,2}$/.test(fields[5]) || Number(fields[5]) > MAX_ARGS) return 'malformed';
      argc = Number(fields[5]);
    }
  }
  const [, pid, gitPid, hook, paths] = fields;
  const request = { pid: Number(pid), gitPid: Number(gitPid), hook, paths, args: fields.slice(HEAD_FIELDS) };
  if (!isPid(request.pid) || !isPid(request.gitPid) || !/^[a-z-]+$/.test(hook)) return 'malformed';
  return { request, end: cursor };
}

function isPid(n: number): boolean {
  return Number.isInteger(n) && n > 1;
}

/** `/proc/<pid>/environ`: NUL-separated `NAME=value` entries (a name never holds `=`; a value may). */
export function parseEnviron(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/**
 * The environment a served hook runs with: exactly the hook's (as git gave it), plus what the hook script would
 * have handed the launcher. Every other variable of the server's own environment is masked (`undefined` removes it
 * from the git children), so nothing of the editor that started the server leaks into a commit.
 */
export function servedHookEnv(hookEnv: Readonly<Record<string, string>>, serverEnv: Readonly<Record<string, string | undefined>>, request: HookRequest, pathsVar: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const key of Object.keys(serverEnv)) env[key] = undefined;
  Object.assign(env, hookEnv);
  env.AI_PROVENANCE_GIT_PID = String(request.gitPid);
  if (request.paths !== '') env[pathsVar] = request.paths;
  return env;
}

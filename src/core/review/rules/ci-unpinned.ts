/**
 * A tool fetched and run at whatever version its index serves on the day (`uvx twine`, `pipx run build`,
 * `go install x@latest`, `npx --yes pkg`, `pnpm dlx pkg`), added to a CI job that holds a credential: a write scope,
 * an OIDC token (trusted publishing) or a secret. The lockfile pins the project's dependencies, not these, so a
 * compromised or broken release runs with that credential on the next build. Jobs with no credential are left out: an
 * unpinned linter there can fail a build, not leak a token.
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { jobAt, powerOf, type Workflow } from '../model/workflow';
import { FindingSink, RuleMeta, newRange, quote } from './rule';

/** Options of uvx / pipx run that take a value, so the word after them is not the tool. */
const VALUE_OPTIONS = new Set([
  '--from',
  '--with',
  '-w',
  '--with-requirements',
  '--with-editable',
  '--python',
  '-p',
  '--index',
  '--index-url',
  '--extra-index-url',
  '--default-index',
  '--spec',
  '--pip-args',
  '--constraints',
  '-c',
]);

/** A version given with the tool: `name@1.2`, `name==1.2`, `name@sha`; `@latest` is no pin. */
const PINNED = /(?:==|@(?!latest\b))[\w.+-]/;

/**
 * The unpinned tool run a script line starts, as written (`uvx twine`), or undefined. `--from pkg==1.2` pins the
 * tool it names; `go run ./cmd` runs the module's own code.
 */
function unpinnedTool(code: string): string | undefined {
  for (const m of code.matchAll(/(?:^|[\s;&|(`$])(uvx|pipx\s+run|bunx|(?:pnpm|yarn)\s+dlx)\s+(.*)/g)) {
    const tool = toolAfterOptions(m[2]);
    if (tool && !PINNED.test(tool.word) && !tool.fromPinned) return `${m[1].replace(/\s+/g, ' ')} ${tool.word}`;
  }
  const npx = /(?:^|[\s;&|(`$])(npx|npm\s+exec)\s+(?:-y|--yes)\s+(?:--?[\w-]+\s+)*([@\w][\w./@-]*)/.exec(code);
  if (npx && !/^@?[^@]+@(?!latest\b)[\w.^~-]/.test(npx[2])) return `${npx[1]} --yes ${npx[2]}`;
  const go =
    /(?:^|[\s;&|(`$])go\s+(install|run)\s+(?:-[\w-]+(?:=\S+)?\s+)*([\w.-]+\.[a-z]{2,}\/[\w./-]+)@latest\b/.exec(code);
  if (go) return `go ${go[1]} ${go[2]}@latest`;
  return undefined;
}

function toolAfterOptions(rest: string): { word: string; fromPinned: boolean } | undefined {
  const words = rest.trim().split(/\s+/);
  let fromPinned = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i].replace(/^["']|["']$/g, '');
    if (w.startsWith('-')) {
      const [opt, inline] = w.split('=', 2);
      const value = inline ?? (VALUE_OPTIONS.has(opt) ? words[++i]?.replace(/^["']|["']$/g, '') : undefined);
      if (opt === '--from' && value && PINNED.test(value)) fromPinned = true;
      continue;
    }
    // A shell variable or expression names the tool elsewhere; a path is a local script.
    if (!/^[A-Za-z][\w.[\],-]*(?:[@=][\w.=+-]+)?$/.test(w)) return undefined;
    return { word: w, fromPinned };
  }
  return undefined;
}

/** One finding per added script line that runs an unpinned tool inside a job holding a credential. */
export function unpinnedToolRuns(
  sink: FindingSink,
  meta: RuleMeta,
  file: ChangeFile,
  head: Workflow | undefined,
): void {
  if (!head) return;
  for (const l of file.added as readonly ChangeLine[]) {
    if (head.roles[l.line - 1] !== 'run') continue;
    const tool = unpinnedTool(l.code);
    if (!tool) continue;
    const job = jobAt(head, l.line);
    if (!job) continue;
    const held = [...(job.writes.includes('id-token') ? ['id-token: write'] : []), ...powerOf(job)];
    if (held.length === 0) continue;
    sink.add(
      meta,
      file,
      newRange(l.line),
      'medium',
      `${quote(tool, 40)} runs whatever version the index serves that day, in job ${job.id}, which holds ${held.slice(0, 3).join(', ')}`,
    );
  }
}

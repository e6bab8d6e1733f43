/**
 * What a change does to a GitHub workflow's credentials, read from the whole workflow at the head and the base
 * (context.ciText, read by src/git): which jobs gain write scopes, secrets, untrusted triggers or become callable,
 * which jobs' steps it edits, and which LLM agent jobs it leaves reading untrusted text next to a write credential.
 * The tier (tier.ts) and the CI rules (rules/ci-config.ts) both read it, so a finding and "Why Tn" agree.
 */
import type { ChangeFile, ChangeLine } from './change';
import {
  agentInput,
  downstreamOf,
  jobAt,
  parseWorkflow,
  powerOf,
  secretsNamed,
  uncommented,
  UNTRUSTED_TRIGGERS,
  type Workflow,
  type WorkflowJob,
} from './workflow';

export interface CredentialGrant {
  /** The job that gains it; undefined for the workflow as a whole (a trigger). */
  readonly job?: string;
  /** What was granted, e.g. `pull-requests: write`, `secrets.NPM_TOKEN`, `on: issue_comment`. */
  readonly what: string;
  /** 1-based head line to point at. */
  readonly line: number;
}

/**
 * How a changed line weighs: nothing a reviewer checks (`inert`), an action's plain input (`option`: a flag, a path,
 * a display setting), a cache turned off or a cache step removed (`hardening`: less for a poisoned cache to reach),
 * a plain environment value (`setting`), an action's version, or a real edit of what runs or with what.
 */
type LineKind =
  'inert' | 'option' | 'hardening' | 'setting' | 'bump-first-party' | 'bump-third-party' | 'version' | 'edit';

export interface JobEdit {
  readonly job: WorkflowJob;
  /** Changed lines that alter what the job runs or how (not comments, limits, names, appended options). */
  readonly edits: number;
  /**
   * Of those, lines of a script (`run:`) or a new action (`uses:`), versions aside: what an LLM agent's job or the
   * jobs after it actually execute. A model name or an input of the agent's action is not counted.
   */
  readonly scriptEdits: number;
  readonly bumps: { readonly firstParty: number; readonly thirdParty: readonly string[] };
  /** Plain settings changed (an environment value): worth a look, no credential. */
  readonly settings: number;
  /** Caches turned off or cache steps removed: the job's credentials reach less. */
  readonly hardening: number;
  /** First changed line of the job at the head (its first line when only removals). */
  readonly firstLine: number;
  /** The first line that counted as an edit, as written (for the checklist to quote). */
  readonly firstEdit?: string;
}

export interface AgentExposure {
  readonly job: WorkflowJob;
  /** The untrusted text that reaches the agent. */
  readonly input: string;
  /** Write scopes and write-capable secrets of the agent's job and of the jobs that act on its output. */
  readonly power: readonly string[];
  /** What this change brought: grants, or step edits in the agent's job or those after it. */
  readonly brought: readonly string[];
  readonly line: number;
}

export interface WorkflowChange {
  readonly head?: Workflow;
  readonly base?: Workflow;
  readonly grants: readonly CredentialGrant[];
  readonly jobs: readonly JobEdit[];
  /** Changed lines outside every job (triggers, top-level permissions or env), not inert. */
  readonly workflowEdits: number;
  readonly agents: readonly AgentExposure[];
  /** `gh pr merge --admin`: a merge past required reviews, with the job it runs in. */
  readonly bypass?: { readonly line: ChangeLine; readonly job?: WorkflowJob };
  /** Jobs new at the head (not a renamed or split-off base job), and base jobs gone with no successor. */
  readonly addedJobs: readonly WorkflowJob[];
  readonly removedJobs: readonly WorkflowJob[];
}

/** First-party actions: GitHub's own (`actions/*`, `github/*`), and the repository owner's (`owner`, when known). */
const FIRST_PARTY = /^\s*-?\s*uses\s*:\s*['"]?(?:actions|github)\//;
export function firstParty(text: string, owner: string | undefined): boolean {
  if (FIRST_PARTY.test(text)) return true;
  const used = owner ? /^\s*-?\s*uses\s*:\s*['"]?([\w.-]+)\//.exec(text)?.[1] : undefined;
  return used !== undefined && used.toLowerCase() === owner!.toLowerCase();
}
const USES = /^\s*-?\s*uses\s*:\s*['"]?([\w.-]+\/[\w./-]+)@/;
/** Lines that change nothing a reviewer checks: comments and blanks, step names, time limits. */
const INERT = /^\s*(?:#.*)?$|^\s*-?\s*name\s*:|^\s*timeout-minutes\s*:\s*\d+\s*$/;
/** An environment variable set to a plain value or a runner directory: a setting, no credential, no script. */
const SETTING =
  /^\s*[A-Z][A-Z0-9_]*\s*:\s*(?:['"]?[\w./:@+-]*['"]?|\$\{\{\s*runner\.(?:temp|tool_cache|workspace)\s*\}\}[\w./-]*)\s*$/;
/** Action inputs that are code or instructions: a script, a command line, an agent's prompt. */
const CODE_INPUT = /script|command|^(?:run|cmd|args|arguments|entrypoint|prompt|direct_prompt|custom_instructions)$/i;
/** Action inputs that pick a credential, what code is fetched, or where the token is kept. */
const REACH_INPUT =
  /token|password|secret|credential|private[-_]?key|api[-_]?key|ssh|^permission-|^(?:ref|repository|persist-credentials|registry-url|environment)$/i;
/** Expressions carrying a secret or text an outsider writes. */
const SENSITIVE_VALUE = /\bsecrets\.|\bgithub\.event\.|\bgithub\.head_ref\b|\btoJSON\(/;
/** Actions that only restore and save caches. */
const CACHE_ACTION = /(?:^|\/)(?:cache|[\w-]*-cache|cache-[\w-]*)$/i;
/** Inputs that turn an action's own cache on or off (`cache`, `enable-cache`, `sccache`, `cache-on-failure`). */
const CACHE_INPUT = /cache/i;
const OFF = /^\s*["']?(?:false|no|off|none)?["']?\s*$/i;
const VERSION_INPUT = /(?:^|[-_])version$/i;
const REVIEW_BYPASS = /\bgh\s+pr\s+merge\b[^\n#]*\s--admin\b/;
const PUBLISH =
  /\b(?:npm|pnpm|yarn|cargo|gem|poetry|uv|twine|dotnet nuget)\s+(?:publish|upload|push)\b|\bdocker\s+push\b|\bgh\s+release\s+(?:create|upload)\b/;

/** A GitHub Actions workflow file (not a composite action, not another CI system). */
export function isGithubWorkflow(path: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}

/**
 * Undefined when the workflow's text is not known (no context, or not a GitHub workflow): callers then judge the
 * hunks alone.
 */
export function workflowChange(
  file: ChangeFile,
  headText?: string,
  baseText?: string,
  owner?: string,
): WorkflowChange | undefined {
  if (!isGithubWorkflow(file.path)) return undefined;
  const status = file.diff.status;
  if (status !== 'deleted' && headText === undefined) return undefined;
  if (status !== 'added' && status !== 'deleted' && baseText === undefined) return undefined;
  const head = headText !== undefined && status !== 'deleted' ? parseWorkflow(headText) : undefined;
  const base = baseText !== undefined && status !== 'added' ? parseWorkflow(baseText) : undefined;
  // Text with no jobs to read (a fragment, another format under .github/workflows): the hunks alone say more.
  if ((head?.jobs.length ?? 0) === 0 && (base?.jobs.length ?? 0) === 0) return undefined;
  const kinds = classify(file, head, base, owner);
  const before = head && base ? predecessors(head, base) : new Map<string, WorkflowJob>();
  const successor = new Map<string, WorkflowJob>();
  for (const j of head?.jobs ?? []) {
    const p = before.get(j.id);
    if (p && !successor.has(p.id)) successor.set(p.id, j);
  }
  const jobs = new Map<
    string,
    {
      job: WorkflowJob;
      edits: number;
      scriptEdits: number;
      first: number;
      third: string[];
      settings: number;
      hardening: number;
      firstLine: number;
      firstEdit?: string;
      quotedCode?: boolean;
    }
  >();
  let workflowEdits = 0;
  const note = (line: ChangeLine, kind: LineKind, side: 'new' | 'old'): void => {
    if (kind === 'inert' || kind === 'option') return;
    const wf = side === 'new' ? head : base;
    // A removed line belongs to the head job of the same name, else to the job it was renamed to.
    const at = wf ? jobAt(wf, line.line) : undefined;
    const job = at && side === 'old' ? (head?.jobs.find((j) => j.id === at.id) ?? successor.get(at.id) ?? at) : at;
    if (!job) {
      workflowEdits++;
      return;
    }
    // A job's id line: a rename, whose content the job matching follows.
    if (at && line.line === at.start) return;
    const e = jobs.get(job.id) ?? {
      job,
      edits: 0,
      scriptEdits: 0,
      first: 0,
      third: [],
      settings: 0,
      hardening: 0,
      firstLine: side === 'new' ? line.line : job.start,
    };
    const role = wf?.roles[line.line - 1];
    const input = wf?.inputs.get(line.line - 1);
    const code = role === 'run' || role === 'uses' || (role === 'input' && CODE_INPUT.test(input?.key ?? ''));
    if (kind === 'edit' && code) e.scriptEdits++;
    if (kind === 'edit' || kind === 'version') {
      e.edits++;
      // The first script or action line changed is what to quote; else the first edit.
      if (e.firstEdit === undefined || (code && !e.quotedCode)) {
        e.firstEdit = line.text.trim();
        e.quotedCode = code;
      }
    } else if (kind === 'setting') e.settings++;
    else if (kind === 'hardening') e.hardening++;
    else if (kind === 'bump-first-party') e.first++;
    else if (side === 'new')
      e.third.push(USES.exec(line.text)?.[1] ?? wf?.inputs.get(line.line - 1)?.action ?? line.text.trim());
    jobs.set(job.id, e);
  };
  for (const l of file.added) note(l, kinds.get(l) ?? 'edit', 'new');
  for (const l of file.removed) note(l, kinds.get(l) ?? 'edit', 'old');
  const jobEdits: JobEdit[] = [...jobs.values()].map((e) => ({
    job: e.job,
    edits: e.edits,
    scriptEdits: e.scriptEdits,
    bumps: { firstParty: e.first, thirdParty: e.third },
    settings: e.settings,
    hardening: e.hardening,
    firstLine: e.firstLine,
    ...(e.firstEdit !== undefined ? { firstEdit: e.firstEdit } : {}),
  }));
  const grants = head ? grantsOf(file, head, base, baseText ?? '', before) : [];
  const agents = head && headText !== undefined ? agentsExposed(head, headText, before, grants, jobEdits) : [];
  const addedJobs = base ? (head?.jobs ?? []).filter((j) => !before.has(j.id)) : [];
  const removedJobs = (head ? (base?.jobs ?? []) : []).filter(
    (j) => !head!.jobs.some((h) => h.id === j.id) && !successor.has(j.id),
  );
  const by = file.added.find((l) => REVIEW_BYPASS.test(uncommented(l.text)));
  return {
    ...(head ? { head } : {}),
    ...(base ? { base } : {}),
    grants,
    jobs: jobEdits,
    workflowEdits,
    agents,
    addedJobs,
    removedJobs,
    ...(by ? { bypass: { line: by, ...(head && jobAt(head, by.line) ? { job: jobAt(head, by.line) } : {}) } } : {}),
  };
}

/** What the head grants that the base did not: write scopes and secrets per job, untrusted or callable triggers. */
function grantsOf(
  file: ChangeFile,
  head: Workflow,
  base: Workflow | undefined,
  baseText: string,
  predecessor: ReadonlyMap<string, WorkflowJob>,
): CredentialGrant[] {
  const out: CredentialGrant[] = [];
  const known = secretsNamed(baseText);
  const inherited = /\bsecrets\s*:\s*inherit\b/.test(baseText);
  const lineFor = (job: WorkflowJob | undefined, re: RegExp): number =>
    (job ? file.added.find((l) => l.line >= job.start && l.line <= job.end && re.test(l.text)) : undefined)?.line ??
    file.added.find((l) => re.test(l.text))?.line ??
    job?.start ??
    file.added[0]?.line ??
    1;
  for (const job of head.jobs) {
    // A renamed or split-off job keeps the grants of the job it came from.
    const before = predecessor.get(job.id);
    for (const w of job.writes)
      if (!before?.writes.includes(w) && !job.narrowed.includes(w))
        out.push({
          job: job.id,
          what: w === 'all' ? 'write-all' : `${w}: write`,
          line: lineFor(job, new RegExp(`${w.replace(/-/g, '[-_]')}|write`)),
        });
    for (const s of job.secrets)
      if (s === 'inherit' ? !inherited : !known.has(s))
        out.push({
          job: job.id,
          what: s === 'inherit' ? 'secrets: inherit' : `secrets.${s}`,
          line: lineFor(job, new RegExp(s)),
        });
    // A publishing step the job did not have.
    const added = file.added.find((l) => l.line >= job.start && l.line <= job.end && PUBLISH.test(uncommented(l.text)));
    if (added && !file.removed.some((r) => PUBLISH.test(r.text)))
      out.push({ job: job.id, what: `a publishing step (${added.text.trim().slice(0, 50)})`, line: added.line });
  }
  const holds = head.jobs.some((j) => powerOf(j).length > 0 || j.secrets.length > 0 || j.agent !== undefined);
  if (holds)
    for (const t of head.triggers)
      if ((UNTRUSTED_TRIGGERS.has(t) || t === 'workflow_call') && !base?.triggers.includes(t))
        out.push({
          what: t === 'workflow_call' ? 'on: workflow_call (other workflows can run it with their inputs)' : `on: ${t}`,
          line: lineFor(undefined, new RegExp(`\\b${t}\\b`)),
        });
  return out;
}

/**
 * LLM agent jobs left reading untrusted text beside a write credential (theirs, or of the jobs that act on their
 * output) where this change brought part of that: a grant, the agent itself, or an edit of the agent's job or a job
 * after it. A compiled gh-aw lock file's steps are the compiler's (its safe-output jobs write for the agent by
 * design): there only grants count, not edits.
 */
function agentsExposed(
  head: Workflow,
  headText: string,
  predecessor: ReadonlyMap<string, WorkflowJob>,
  grants: readonly CredentialGrant[],
  edits: readonly JobEdit[],
): AgentExposure[] {
  const out: AgentExposure[] = [];
  for (const job of head.jobs) {
    const input = agentInput(head, job, headText);
    if (!input) continue;
    const after = downstreamOf(head, job);
    const power = [...powerOf(job), ...after.flatMap((j) => powerOf(j).map((p) => `${p} in job ${j.id}`))];
    if (power.length === 0) continue;
    const brought: string[] = [];
    const wasAgent = predecessor.get(job.id)?.agent !== undefined;
    if (!wasAgent) brought.push(`adds the agent step (${job.agent!.slice(0, 60)})`);
    for (const g of grants)
      if (g.job === undefined || g.job === job.id || after.some((j) => j.id === g.job))
        brought.push(
          g.job && g.job !== job.id ? `job ${g.job} gains ${g.what}` : g.job ? `gains ${g.what}` : `now runs ${g.what}`,
        );
    if (!head.compiledAgent)
      for (const e of edits)
        if (e.scriptEdits > 0 && (e.job.id === job.id || after.some((j) => j.id === e.job.id)))
          brought.push(`edits ${e.scriptEdits} script line${e.scriptEdits === 1 ? '' : 's'} of job ${e.job.id}`);
    if (brought.length === 0) continue;
    const line =
      grants.find((g) => g.job === job.id)?.line ?? edits.find((e) => e.job.id === job.id)?.firstLine ?? job.start;
    out.push({ job, input, power, brought, line });
  }
  return out;
}

/**
 * Which base job each head job continues: the job of the same id, else a job renamed or split off from a base job,
 * matched by content: three or more lines of a base job that its own same-id successor no longer holds, making half
 * the head job or half of what the base job lost (a rename, or one half of a job split in two). A job copied beside
 * the one it copies takes nothing the original lost, and is new.
 */
function predecessors(head: Workflow, base: Workflow): Map<string, WorkflowJob> {
  const out = new Map<string, WorkflowJob>();
  const count = (ls: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const l of ls) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  // Lines each base job left behind: all of them when its id is gone, else those its same-id successor dropped.
  const leftover = new Map<string, Map<string, number>>();
  for (const b of base.jobs) {
    const left = count(base.bodies.get(b.id) ?? []);
    for (const l of head.bodies.get(b.id) ?? []) if ((left.get(l) ?? 0) > 0) left.set(l, left.get(l)! - 1);
    leftover.set(b.id, left);
  }
  for (const h of head.jobs) {
    const same = base.jobs.find((b) => b.id === h.id);
    if (same) {
      out.set(h.id, same);
      continue;
    }
    const body = head.bodies.get(h.id) ?? [];
    let best: { job: WorkflowJob; shared: number; left: number } | undefined;
    for (const b of base.jobs) {
      const left = new Map(leftover.get(b.id));
      const size = [...left.values()].reduce((a, n) => a + n, 0);
      let shared = 0;
      for (const l of body)
        if ((left.get(l) ?? 0) > 0) {
          left.set(l, left.get(l)! - 1);
          shared++;
        }
      if (shared > (best?.shared ?? 0)) best = { job: b, shared, left: size };
    }
    // Most of the head job came from it, or the head job took most of what it lost (one half of a split job).
    if (best && best.shared >= 3 && (best.shared * 2 >= body.length || best.shared * 2 >= best.left))
      out.set(h.id, best.job);
  }
  return out;
}

/**
 * Each changed line's kind, read in its place in the workflow (an action's input, a script, an environment entry);
 * an added line that only appends options to a removed twin is inert.
 */
function classify(file: ChangeFile, head?: Workflow, base?: Workflow, owner?: string): Map<ChangeLine, LineKind> {
  const out = new Map<ChangeLine, LineKind>();
  const sides: [readonly ChangeLine[], Workflow | undefined, boolean][] = [
    [file.removed, base, false],
    [file.added, head, true],
  ];
  for (const [lines, wf, added] of sides)
    for (const l of lines) {
      if (INERT.test(l.text) || BARE_BLOCK.test(uncommented(l.text))) out.set(l, 'inert');
      else if (SETTING.test(l.text)) out.set(l, 'setting');
      // A read or no-access scope (`contents: read`, `permissions: {}`) lets the token write nothing: what it grants
      // is read whole above (grants); as a line it is a setting, not a step edit (uv #21171 gave 18 workflows
      // `contents: read`, judged T1).
      else if (READ_SCOPE.test(uncommented(l.text)) && wf?.roles[l.line - 1] === 'other') out.set(l, 'setting');
      else {
        const kind = placeKind(l, wf, added);
        if (kind) out.set(l, kind);
      }
    }
  const removed = file.removed.filter((l) => !out.has(l));
  const added = file.added.filter((l) => !out.has(l));
  // Pair removed and added lines in order within a hunk: `uses: x@v1` -> `uses: x@v2`, `cmd a` -> `cmd --flag a`.
  const pairs = new Map<ChangeLine, ChangeLine>();
  const byHunk = (ls: readonly ChangeLine[], h: number): ChangeLine[] => ls.filter((l) => l.hunk === h);
  for (const h of new Set(added.map((l) => l.hunk))) {
    const r = byHunk(removed, h);
    const a = byHunk(added, h);
    if (r.length === a.length) a.forEach((l, i) => pairs.set(l, r[i]));
  }
  for (const l of added) {
    const twin = pairs.get(l);
    let kind: LineKind = 'edit';
    if (twin && USES.test(l.text) && USES.exec(l.text)?.[1] === USES.exec(twin.text)?.[1])
      kind = firstParty(l.text, owner) ? 'bump-first-party' : 'bump-third-party';
    else if (twin && (optionsAppended(twin.text, l.text) || sameCode(twin.text, l.text))) kind = 'inert';
    else if (twin && skeleton(twin.text) === skeleton(l.text)) kind = 'version';
    else if (!twin && head?.inputs.has(l.line - 1) && VERSION_INPUT.test(head.inputs.get(l.line - 1)!.key))
      kind = 'version';
    // An action's version input picks which release of the tool it installs: a bump of that action, first-party
    // (GitHub's own setup-python, the repository owner's) or third-party (new code with the job's token).
    const input = head?.inputs.get(l.line - 1);
    if (kind === 'version' && input?.action && VERSION_INPUT.test(input.key))
      kind = firstParty(`uses: ${input.action}`, owner) ? 'bump-first-party' : 'bump-third-party';
    out.set(l, kind);
    if (twin) out.set(twin, kind === 'bump-third-party' ? 'inert' : kind);
  }
  for (const l of removed) if (!out.has(l)) out.set(l, 'edit');
  return out;
}

/** `with:` or `env:` alone on its line: its entries say what changed. */
const BARE_BLOCK = /^\s*(?:-\s+)?(?:with|env)\s*:\s*$/;
/** A `permissions:` line that grants no write: the block's key, `{}`, `read-all`, or one scope set to read or none. */
const READ_SCOPE = /^\s*(?:permissions\s*:\s*(?:\{\s*\}|read-all)?|[a-z][a-z-]*\s*:\s*['"]?(?:read|none)['"]?)\s*$/;

/**
 * A line's kind from its place, or undefined to compare it with its twin: an action's plain input is an option; a
 * cache input turned off, or a cache step removed, hardening; an input that is code, picks a credential or the code
 * checked out, or carries a secret or event text, an edit.
 */
function placeKind(l: ChangeLine, wf: Workflow | undefined, added: boolean): LineKind | undefined {
  if (!wf) return undefined;
  const role = wf.roles[l.line - 1];
  const code = uncommented(l.text);
  if (role === 'uses' && !added && CACHE_ACTION.test(USES.exec(code)?.[1] ?? '')) return 'hardening';
  if (role !== 'input') return undefined;
  const input = wf.inputs.get(l.line - 1);
  if (!input) return undefined;
  if (SENSITIVE_VALUE.test(code) || CODE_INPUT.test(input.key) || REACH_INPUT.test(input.key)) return 'edit';
  if (CACHE_ACTION.test(input.action ?? '')) return added ? 'edit' : 'hardening';
  if (CACHE_INPUT.test(input.key)) {
    const value = code.replace(/^[^:]*:/, '');
    return OFF.test(value) === added ? 'hardening' : 'edit';
  }
  if (VERSION_INPUT.test(input.key)) return undefined;
  return 'option';
}

/** The same line once trailing comments are set aside: only a comment changed. */
function sameCode(before: string, after: string): boolean {
  return uncommented(before).trim() === uncommented(after).trim();
}

/** A line with every token holding a digit blanked: `--model claude-opus-4-5` and `-4-6` read the same. */
function skeleton(t: string): string {
  return uncommented(t)
    .trim()
    .replace(/[\w.+-]*\d[\w.+-]*/g, '#');
}

/** Options that switch a check or a guard off: never a mere option. */
const RISKY_OPTION = /^--(?:no-|admin|force|unsafe|insecure|allow|skip|disable|trust)/;

/** `cmd a b` -> `cmd --opt x a b`: every old token kept in order, the new ones options (and their values). */
function optionsAppended(before: string, after: string): boolean {
  const a = uncommented(before).trim().split(/\s+/);
  const b = uncommented(after).trim().split(/\s+/);
  if (b.length <= a.length || a.length < 2) return false;
  let i = 0;
  const extra: string[] = [];
  for (const t of b) {
    if (i < a.length && t === a[i]) i++;
    else extra.push(t);
  }
  if (i !== a.length || extra.some((t) => RISKY_OPTION.test(t))) return false;
  // Each new token an option, or the value right after one.
  return extra.every(
    (t, k) =>
      t.startsWith('--') ||
      (k > 0 && extra[k - 1].startsWith('--') && !extra[k - 1].includes('=') && !t.startsWith('-')),
  );
}

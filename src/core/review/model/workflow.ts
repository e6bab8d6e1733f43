/**
 * A GitHub Actions workflow read by indentation, enough to say which job holds which credentials: its triggers, each
 * job's lines, write permissions, secrets, LLM agent steps and the untrusted text it reads. The CI rules and the tier
 * judge a change inside the job it lands in (docs/review-tiers.md), not from the changed hunk alone: a timeout edited
 * in a workflow whose other job holds a PAT changes no credential, a step edited in the job that holds it does.
 * Not a YAML parser: anchors, flow mappings over several lines and multi-document files are read as plain lines.
 */

export interface WorkflowJob {
  readonly id: string;
  /** 1-based first (the `id:` line) and last line of the job. */
  readonly start: number;
  readonly end: number;
  /** Write scopes the job's token gets (own `permissions:` or the workflow's), or a token it asks a broker for. */
  readonly writes: readonly string[];
  /**
   * Of those, scopes named only as an app token's `permission-<scope>: write` input: they narrow a token that would
   * otherwise carry all the app's permissions, so adding one grants nothing new.
   */
  readonly narrowed: readonly string[];
  /** Secrets the job's lines or the workflow's `env:` reference (GITHUB_TOKEN aside); `inherit` for `secrets: inherit`. */
  readonly secrets: readonly string[];
  /** The LLM agent step (action or headless CLI), as written. */
  readonly agent?: string;
  /** Untrusted event text (issue, PR, comment) expanded into the job, as written. */
  readonly untrusted?: string;
  /** Issue or PR text a step fetches, as written. */
  readonly fetched?: string;
  /** Jobs this one waits for (`needs:`). */
  readonly needs: readonly string[];
  /**
   * No `permissions:` of its own nor the workflow's: its GITHUB_TOKEN gets the repository's default, which is
   * read-write on repositories and organisations made before February 2023 and whatever an admin set since.
   */
  readonly defaultToken: boolean;
}

export interface Workflow {
  /** Events under `on:`. */
  readonly triggers: readonly string[];
  readonly jobs: readonly WorkflowJob[];
  /** A GitHub Agentic Workflows lock file (compiled from a `.md`): its steps are the compiler's. */
  readonly compiledAgent: boolean;
  /**
   * Line roles, 0-based by line index: `run` inside a script, `uses` an action reference, `input` an action's input
   * (under `with:`), `env` an environment entry, `other` the rest.
   */
  readonly roles: readonly LineRole[];
  /** For `input` lines, the input's key and the action of its step (`owner/name`, when the step names one). */
  readonly inputs: ReadonlyMap<number, { readonly key: string; readonly action?: string }>;
  /** Each job's lines without comments and blanks, trimmed: what a renamed or split job is matched by. */
  readonly bodies: ReadonlyMap<string, readonly string[]>;
}

export type LineRole = 'run' | 'uses' | 'input' | 'env' | 'other';

/** Events that let anyone who can open an issue, comment or fork start the workflow with its secrets. */
export const UNTRUSTED_TRIGGERS = new Set([
  'issues',
  'issue_comment',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion',
  'discussion_comment',
  'workflow_run',
]);

/**
 * LLM agent steps: the vendors' actions (Claude Code, Codex, Gemini CLI, Copilot) or their CLIs run headless, and
 * GitHub Agentic Workflows' setup action. A step whose action name says ai/llm/gpt/claude/codex/gemini counts too.
 */
export const AGENT_STEP =
  /\buses\s*:\s*['"]?(?:anthropics\/claude-code(?:-base)?-action|openai\/codex-action|google-github-actions\/run-gemini-cli|google-gemini\/gemini-cli-action|github\/copilot[\w-]*|[\w-]+\/(?:ai|llm|gpt|claude|codex|gemini|opencode)[\w-]*-action)@|\b(?:claude(?:_harness\.cjs)?|codex|gemini|copilot|opencode)\b[^\n#]*\s(?:-p|--print|exec|--prompt(?:-file)?|--yolo)\b|\baider\s+--message\b/i;
/** Untrusted event text expanded into a job (`${{ github.event.issue.body }}`): script or prompt injection. */
const UNTRUSTED_TEXT =
  /\bgithub\.event\.(?:issue|comment|pull_request|review|discussion|head_commit)\.[\w.]*(?:title|body|message|head_ref)\b|\btoJSON\(\s*github\.event\s*\)/;
/**
 * Issue or PR text a step fetches (`gh issue view`, an action loading an issue's context): data to a script, but
 * instructions to an LLM agent that reads it.
 */
const FETCHED_TEXT = /\bgh\s+(?:issue|pr)\s+(?:view|diff)\b|\bissue[-_](?:context|body)\b/;
/** Permissions that let an agent's tools read issue or PR text. */
const READS_ISSUES = /^\s*(?:issues|pull-requests|discussions)\s*:\s*['"]?(?:read|write)\b/;
/** `scope: write` (a permissions block, a broker's token request, an app token's `permission-scope: write`). */
const WRITE_SCOPE = /(?:^|[\s{,"'])(?:permission-)?([a-z][\w-]*)["']?\s*:\s*['"]?write(?=["']?\s*(?:$|[,}#]))/g;
const SECRET_REF = /\bsecrets\.([A-Za-z_]\w*)/g;
/** A workflow compiled by GitHub Agentic Workflows (gh-aw). */
const GH_AW = /^#\s*(?:gh-aw-metadata:|This file was automatically generated by gh-aw)/m;

/** Secrets named for an LLM provider's key: what the agent needs to run, not a credential to GitHub or a registry. */
const MODEL_KEY =
  /^(?:ANTHROPIC|OPENAI|GEMINI|GOOGLE_AI|GOOGLE_GENAI|MINIMAX|MISTRAL|GROQ|DEEPSEEK|OPENROUTER|CLAUDE_CODE_OAUTH|AZURE_OPENAI|LLM|MODEL)\w*$/i;
/**
 * Secrets that can write somewhere: personal access tokens, GitHub/app/bot tokens, push, deploy, release and publish
 * keys. Test credentials (`UV_TEST_…_TOKEN`) and model keys are not.
 */
function writeSecret(name: string): boolean {
  if (name === 'inherit') return true;
  if (MODEL_KEY.test(name) || /(?:^|_)TEST(?:_|$)/i.test(name)) return false;
  return /(?:^|_)(?:PAT|GH|GITHUB|PUSH|DEPLOY|RELEASE|PUBLISH|BOT|APP|NPM|PYPI|CRATES?|DOCKER(?:HUB)?)(?:_|$)|_PAT$|TOKEN$|PRIVATE_KEY$/i.test(
    name,
  );
}

const indentOf = (l: string): number => /^ */.exec(l)![0].length;
/** The line without a trailing YAML comment (a `#` after a space or at the start). */
export function uncommented(l: string): string {
  return l.replace(/(?:^|\s)#.*$/, '');
}
const blank = (l: string): boolean => uncommented(l).trim() === '';

/** Reads a workflow; text that is no mapping of jobs gives a workflow with no jobs. */
export function parseWorkflow(text: string): Workflow {
  const lines = text.split('\n');
  const roles = lineRoles(lines);
  const top = blocks(lines, 0, lines.length, 0);
  const on = top.find((b) => /^["']?(?:on|true)["']?$/.test(b.key));
  const triggers = on ? keysOf(lines, on) : [];
  const perms = top.find((b) => b.key === 'permissions');
  const topWrites = perms ? writesIn(lines.slice(perms.line, perms.end)) : [];
  const env = top.find((b) => b.key === 'env');
  const topSecrets = env ? secretsIn(lines.slice(env.line, env.end)) : [];
  const jobsBlock = top.find((b) => b.key === 'jobs');
  const jobs: WorkflowJob[] = [];
  const bodies = new Map<string, string[]>();
  if (jobsBlock) {
    const indent = childIndent(lines, jobsBlock.line + 1, jobsBlock.end) ?? 2;
    for (const j of blocks(lines, jobsBlock.line + 1, jobsBlock.end, indent)) {
      const body = lines.slice(j.line, j.end);
      const inner = blocks(lines, j.line + 1, j.end, childIndent(lines, j.line + 1, j.end) ?? indent + 2);
      const ownPerms = inner.find((b) => b.key === 'permissions');
      const writes = new Set(writesIn(body));
      if (!ownPerms) for (const w of topWrites) writes.add(w);
      const plain = new Set(writesIn(body.filter((l) => !/^\s*permission-[\w-]+\s*:/.test(l))));
      if (!ownPerms) for (const w of topWrites) plain.add(w);
      const code = body.map(uncommented).join('\n');
      const agentLine = body.find((l) => AGENT_STEP.test(uncommented(l)));
      const untrustedLine = body.find((l) => UNTRUSTED_TEXT.test(uncommented(l)));
      // The step that fetches it (a `uses:` or a script line) before a line passing its output on.
      const fetching = body.filter((l) => FETCHED_TEXT.test(uncommented(l)));
      const fetchedLine = fetching.find((l) => /\buses\s*:|\bgh\s/.test(l)) ?? fetching[0];
      const needsBlock = inner.find((b) => b.key === 'needs');
      bodies.set(
        j.key,
        body
          .slice(1)
          .map((l) => uncommented(l).trim())
          .filter((l) => l !== ''),
      );
      jobs.push({
        id: j.key,
        start: j.line + 1,
        end: lastCodeLine(lines, j.line, j.end),
        writes: [...writes],
        narrowed: [...writes].filter((w) => !plain.has(w)),
        secrets: [
          ...new Set([
            ...secretsIn(body),
            ...topSecrets,
            ...(/\bsecrets\s*:\s*inherit\b/.test(code) ? ['inherit'] : []),
          ]),
        ],
        ...(agentLine ? { agent: agentLine.trim() } : {}),
        ...(untrustedLine ? { untrusted: untrustedLine.trim() } : {}),
        ...(fetchedLine ? { fetched: fetchedLine.trim() } : {}),
        needs: needsBlock ? listOf(lines, needsBlock) : [],
        defaultToken: !perms && !ownPerms,
      });
    }
  }
  return { triggers, jobs, compiledAgent: GH_AW.test(text), roles, inputs: inputsOf(lines, roles), bodies };
}

/** The job a 1-based line lies in. */
export function jobAt(wf: Workflow, line: number): WorkflowJob | undefined {
  return wf.jobs.find((j) => line >= j.start && line <= j.end);
}

/**
 * What reaches an LLM agent job: untrusted text it reads, an untrusted trigger of the workflow, or issue/PR read
 * permissions its tools use (an agent told to triage reads issues through them).
 */
export function agentInput(wf: Workflow, job: WorkflowJob, text: string): string | undefined {
  if (!job.agent) return undefined;
  if (job.untrusted) return job.untrusted;
  if (job.fetched) return job.fetched;
  const trigger = wf.triggers.find((t) => UNTRUSTED_TRIGGERS.has(t));
  if (trigger) return `on: ${trigger}`;
  const lines = text.split('\n').slice(job.start - 1, job.end);
  const perm = lines.find((l) => READS_ISSUES.test(l));
  return perm ? `${perm.trim()} (the agent's tools read issue/PR text)` : undefined;
}

/** Jobs that run after `job` (directly or through others) and so act on its output. */
export function downstreamOf(wf: Workflow, job: WorkflowJob): WorkflowJob[] {
  const out = new Set<string>([job.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const j of wf.jobs)
      if (!out.has(j.id) && j.needs.some((n) => out.has(n))) {
        out.add(j.id);
        grew = true;
      }
  }
  return wf.jobs.filter((j) => j.id !== job.id && out.has(j.id));
}

/** Write scopes and write-capable secrets a job holds: what an injected step could use. */
export function powerOf(job: WorkflowJob): string[] {
  // `id-token: write` only lets the job prove who it is; what that buys shows where it is spent (a broker's
  // `contents: write` request, a deploy step), and is counted there. Granting it is still a change (workflowChange).
  return [
    ...job.writes.filter((w) => w !== 'id-token').map((w) => `${w}: write`),
    ...job.secrets.filter(writeSecret).map((s) => `secrets.${s}`),
  ];
}

interface Block {
  readonly key: string;
  /** 0-based index of the key's line; `end` is exclusive. */
  readonly line: number;
  readonly end: number;
  /** What follows the colon on the key's line. */
  readonly inline: string;
}

/** Mapping keys at exactly `indent` between from and to, each with the lines up to the next key. */
function blocks(lines: readonly string[], from: number, to: number, indent: number): Block[] {
  const out: { key: string; line: number; inline: string }[] = [];
  for (let i = from; i < to; i++) {
    const l = lines[i];
    if (blank(l) || indentOf(l) !== indent) continue;
    const m = /^\s*(["']?[\w.-]+["']?)\s*:(?:\s+(.*))?$/.exec(uncommented(l).trimEnd());
    if (m) out.push({ key: m[1].replace(/^["']|["']$/g, ''), line: i, inline: (m[2] ?? '').trim() });
  }
  return out.map((b, i) => {
    let end = i + 1 < out.length ? out[i + 1].line : to;
    // A shallower line ends the block (the next top-level key when reading jobs).
    for (let k = b.line + 1; k < end; k++)
      if (!blank(lines[k]) && indentOf(lines[k]) <= indent && !/^\s*-/.test(lines[k])) {
        end = k;
        break;
      }
    return { ...b, end };
  });
}

function childIndent(lines: readonly string[], from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) if (!blank(lines[i])) return indentOf(lines[i]);
  return undefined;
}

function lastCodeLine(lines: readonly string[], from: number, to: number): number {
  for (let i = to - 1; i > from; i--) if (!blank(lines[i])) return i + 1;
  return from + 1;
}

/** Keys (or list items, or an inline scalar/list) of a block: the events of `on:`. */
function keysOf(lines: readonly string[], b: Block): string[] {
  if (b.inline !== '')
    return b.inline
      .replace(/[[\]{}"']/g, '')
      .split(/[\s,]+/)
      .map((s) => s.replace(/:.*$/, ''))
      .filter(Boolean);
  const indent = childIndent(lines, b.line + 1, b.end);
  if (indent === undefined) return [];
  // `on: [a, b]` written as a block list, or a mapping of events (whose own lists, `- cron:`, may sit at its indent).
  const first = lines.slice(b.line + 1, b.end).find((l) => !blank(l)) ?? '';
  const list = /^\s*-/.test(first);
  const out: string[] = [];
  for (let i = b.line + 1; i < b.end; i++) {
    const l = uncommented(lines[i]);
    if (blank(l) || indentOf(l) !== indent || /^\s*-/.test(l) !== list) continue;
    const m = /^\s*(?:-\s*)?["']?([\w-]+)["']?\s*(?::|$)/.exec(l);
    if (m) out.push(m[1]);
  }
  return out;
}

/** `needs: a`, `needs: [a, b]` or a block list. */
function listOf(lines: readonly string[], b: Block): string[] {
  if (b.inline !== '')
    return b.inline
      .replace(/[[\]"']/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  const out: string[] = [];
  for (let i = b.line + 1; i < b.end; i++) {
    const m = /^\s*-\s*["']?([\w-]+)/.exec(uncommented(lines[i]));
    if (m) out.push(m[1]);
  }
  return out;
}

function writesIn(lines: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of lines) {
    const l = uncommented(raw);
    if (/\bpermissions\s*:\s*write-all\b/.test(l)) out.add('all');
    for (const m of l.matchAll(WRITE_SCOPE)) if (m[1] !== 'permissions') out.add(m[1].replace(/_/g, '-'));
  }
  return [...out];
}

function secretsIn(lines: readonly string[]): string[] {
  const out = new Set<string>();
  for (const l of lines)
    for (const m of uncommented(l).matchAll(SECRET_REF)) if (m[1] !== 'GITHUB_TOKEN') out.add(m[1]);
  return [...out];
}

/** Every secret a workflow's text names, comments included (a secret commented out is still configured for it). */
export function secretsNamed(text: string): Set<string> {
  return new Set([...text.matchAll(SECRET_REF)].map((m) => m[1]));
}

/**
 * The key of each action input line (`with:` entries and the lines of their block values) and its step's action:
 * the parent chain is read by indentation, so `with:` written before or after `uses:` both count.
 */
function inputsOf(
  lines: readonly string[],
  roles: LineRole[],
): Map<number, { readonly key: string; readonly action?: string }> {
  const out = new Map<number, { key: string; action?: string }>();
  for (let i = 0; i < lines.length; i++) {
    if (blank(lines[i]) || roles[i] === 'run') continue;
    // Walk up the parents: the nearest shallower key lines, until a `with:` (an input) or a step's list item.
    let indent = indentOf(lines[i]);
    let child = /^\s*(?:-\s+)?["']?([\w.-]+)["']?\s*:/.exec(lines[i])?.[1];
    for (let k = i - 1; k >= 0 && indent > 0; k--) {
      if (blank(lines[k]) || indentOf(lines[k]) >= indent) continue;
      indent = indentOf(lines[k]);
      const m = /^\s*(-\s+)?["']?([\w.-]+)["']?\s*:(.*)$/.exec(uncommented(lines[k]).trimEnd());
      const bare = m !== null && m[3].trim() === '';
      if (bare && m[2] === 'with' && child !== undefined) {
        out.set(i, { key: child, ...actionOfStep(lines, k, indentOf(lines[k]) + (m[1] ? 2 : 0)) });
        roles[i] = 'input';
        break;
      }
      if (bare && m[2] === 'env') {
        roles[i] = 'env';
        break;
      }
      if (!m || m[1]) break;
      child = m[2];
    }
  }
  return out;
}

/** The `uses:` of the step whose `with:` is at line `at` (indentation `indent`), looked for among its sibling keys. */
function actionOfStep(lines: readonly string[], at: number, indent: number): { action?: string } {
  const sibling = (k: number): string | undefined =>
    /^\s*(?:-\s+)?uses\s*:\s*['"]?([\w.-]+\/[\w.-]+)/.exec(lines[k])?.[1];
  // A `- with:` opens its step: nothing above it is the step's.
  for (let k = /^\s*-\s/.test(lines[at]) ? -1 : at - 1; k >= 0; k--) {
    if (blank(lines[k])) continue;
    const d = indentOf(lines[k]) + (/^\s*-\s/.test(lines[k]) ? 2 : 0);
    if (d < indent) break;
    if (d === indent && sibling(k)) return { action: sibling(k) };
    if (/^\s*-\s/.test(lines[k]) && d === indent) break;
  }
  for (let k = at + 1; k < lines.length; k++) {
    if (blank(lines[k])) continue;
    if (indentOf(lines[k]) < indent || /^\s*-\s/.test(lines[k])) break;
    if (indentOf(lines[k]) === indent && sibling(k)) return { action: sibling(k) };
  }
  return {};
}

/** Which lines are script (`run:` and its block), action references (`uses:`), or other keys. */
function lineRoles(lines: readonly string[]): LineRole[] {
  const roles: LineRole[] = [];
  let scriptIndent = -1;
  for (const l of lines) {
    if (scriptIndent >= 0) {
      if (blank(l) || indentOf(l) > scriptIndent) {
        roles.push('run');
        continue;
      }
      scriptIndent = -1;
    }
    const code = uncommented(l);
    const run = /^(\s*)(?:-\s+)?(run|script|shell-script)\s*:\s*(.*)$/.exec(code);
    if (run) {
      roles.push('run');
      // A block scalar (`run: |`) continues on deeper lines; an inline script is this line alone.
      if (/^[|>][-+]?\s*$/.test(run[3].trim()) || run[3].trim() === '')
        scriptIndent = indentOf(l) + (/-\s+/.test(l) ? 2 : 0);
      continue;
    }
    roles.push(/^\s*(?:-\s+)?uses\s*:/.test(code) ? 'uses' : 'other');
  }
  return roles;
}

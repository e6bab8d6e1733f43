/** CI, ownership and configuration: pipelines and CODEOWNERS touched, risky CI steps, configuration files changed. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { BROKER_GRANT } from '../model/paths';
import { AGENT_STEP, powerOf, uncommented, type Workflow } from '../model/workflow';
import { agentJobWithPushKey } from './agent-deploy';
import { unpinnedToolRuns } from './ci-unpinned';
import { workflowChange, type WorkflowChange } from '../model/workflowChange';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, quote, scanLines, spanOf } from './rule';

const CI: RuleMeta = {
  id: 'ci-changed',
  claims: { languages: 'any', kinds: ['ci'], everyChange: true },
  category: 'ci-config',
  title: 'CI pipeline changed',
  whatToDo:
    'Check the pipeline still runs every check it ran before, with no new secrets exposure or write permissions.',
};
const RISKY: RuleMeta = {
  id: 'ci-risky-step',
  claims: { languages: 'any', kinds: ['ci', 'iac'] },
  category: 'ci-config',
  title: 'Risky build or CI step',
  whatToDo: 'Pin actions to a commit SHA, never pipe downloads into a shell, and let failing steps fail.',
};
const AGENT: RuleMeta = {
  id: 'ci-agent-untrusted-input',
  claims: { languages: 'any', kinds: ['ci'] },
  category: 'ci-config',
  title: 'LLM agent in CI reads untrusted text while holding a write token',
  whatToDo:
    'Anyone who can open an issue or PR can instruct the agent (prompt injection): give it a read-only token, or run it only on trusted events and authors.',
};
/** Text an outsider controls reaches the job: issue/PR/comment events or their bodies. */
const UNTRUSTED =
  /^\s*(?:issues|issue_comment|pull_request_target|pull_request_review_comment|discussion|discussion_comment)\s*:|\bgithub\.event\.(?:issue|comment|pull_request|review|discussion)\.(?:title|body)\b|^\s*on\s*:\s*\[?[^\]\n]*\b(?:issues|issue_comment|pull_request_target)\b/m;
const WRITE =
  /\b(?:contents|pull-requests|issues|actions|packages|id-token)\s*:\s*write\b|\bwrite-all\b|\bsecrets\.(?:GITHUB_TOKEN|GH_TOKEN|\w*PAT\w*|\w*TOKEN\w*)\b|\bgithub_token\s*:/i;
const OWNERS: RuleMeta = {
  id: 'ownership-changed',
  claims: { languages: 'any', kinds: ['ownership'], everyChange: true },
  category: 'ci-config',
  title: 'Code ownership changed',
  whatToDo: 'Have the current owners approve: CODEOWNERS decides who must sign off on every later change.',
};
const CONFIG: RuleMeta = {
  id: 'config-changed',
  claims: { languages: 'any', kinds: ['config'], everyChange: true },
  category: 'ci-config',
  title: 'Configuration changed',
  whatToDo: 'Check each changed setting against every environment it applies to.',
};

const RISKY_PATTERNS: readonly LinePattern[] = [
  { re: /\bpull_request_target\b/, part: 'text', severity: 'high', label: 'runs fork code with repository secrets' },
  {
    re: /\$\{\{\s*github\.event\.(?:issue|pull_request|comment|review|head_commit|discussion)\.[\w.]*(?:title|body|message|head_ref|label|name)\b/,
    part: 'text',
    severity: 'high',
    label: 'untrusted event text expanded into a script (injection)',
  },
  {
    re: /\b(?:curl|wget|iwr|Invoke-WebRequest)\b[^|\n]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b|\b(?:curl|wget)\b[^|\n]*\|\s*(?:sudo\s+)?(?:python|node|iex)\b/,
    part: 'text',
    severity: 'high',
    label: 'pipes a download straight into an interpreter',
  },
  {
    re: /\bcontinue-on-error\s*:\s*true\b|\ballow_failure\s*:\s*true\b|\|\|\s*true\b|\|\|\s*exit\s+0\b|^\s*set\s+\+e\b/,
    part: 'text',
    severity: 'medium',
    label: 'failures no longer fail the build',
  },
  {
    re: /\bgh\s+pr\s+merge\b[^\n#]*\s--admin\b/,
    part: 'text',
    severity: 'high',
    label: 'merges past required reviews and branch protection (--admin)',
  },
  {
    re: /--no-verify\b|--no-gpg-sign\b|SKIP_CHECKS|--ignore-scripts=false|HUSKY=0/,
    part: 'text',
    severity: 'medium',
    label: 'skips hooks or verification',
  },
  {
    // `permission-contents: write` (an app-token action's input) scopes a token down to one permission: not these.
    re: /\bpermissions\s*:\s*write-all\b|(?<![\w-])contents\s*:\s*write\b|(?<![\w-])id-token\s*:\s*write\b|\bsecrets\s*:\s*inherit\b/,
    part: 'text',
    severity: 'medium',
    label: 'broadens what the pipeline may write or read',
  },
  // GitHub's own actions (actions/*, github/*) come from the platform itself: a tag there is not a third-party risk.
  {
    re: /^\s*-?\s*uses\s*:\s*['"]?(?!(?:actions|github)\/)[\w.-]+\/[\w./-]+@(?![0-9a-f]{40}\b)[\w.-]+/,
    part: 'text',
    severity: 'low',
    label: 'action not pinned to a commit SHA',
  },
];

export const ciConfigRules: RuleFamily = {
  name: 'ci-config',
  rules: [CI, RISKY, AGENT, OWNERS, CONFIG],
  triggers: [
    'pull_request_target',
    'github.event',
    'curl',
    'wget',
    'iwr',
    'invoke-webrequest',
    'continue-on-error',
    'allow_failure',
    '||',
    'set +e',
    '--no-',
    'skip_checks',
    'husky',
    'ignore-scripts',
    'permissions',
    'write',
    'secrets',
    'uses',
    '--admin',
  ],
  run(change: Change, sink: FindingSink): void {
    const pipelines: Pipeline[] = [];
    for (const file of change.files) {
      const cls = file.cls;
      const scriptLike =
        cls.ci ||
        cls.iac ||
        cls.language === 'shell' ||
        cls.language === 'dockerfile' ||
        /(?:^|\/)(?:makefile|package\.json)$/i.test(file.path);
      if (scriptLike)
        scanLines(
          sink,
          RISKY,
          file,
          reallyAdded(file),
          'new',
          RISKY_PATTERNS,
          /pull_request_target|github\.event|curl|wget|iwr|Invoke-WebRequest|continue-on-error|allow_failure|\|\||set \+e|--no-|SKIP_CHECKS|HUSKY|ignore-scripts|permissions|write|secrets|uses|--admin/,
        );
      if (cls.ci) {
        const text = change.context.ciText?.get(file.path);
        const wc = workflowChange(file, text?.head, text?.base, change.context.repositoryOwner);
        unpinnedToolRuns(sink, RISKY, file, wc?.head);
        const before = sink.findings.length;
        agentWithUntrustedInput(sink, change, file);
        // The agent finding names the jobs this change edits and the credentials they reach: a "pipeline changed"
        // beside it says the same thing again. A contributor hook file (pre-commit) runs on contributors' machines,
        // with no pipeline credentials.
        const agentFound = sink.findings.length > before;
        if (!agentFound && !versionsOnly(file) && !PRE_COMMIT.test(file.path))
          pipelines.push(wc ? { file, items: notable(file, wc) } : { file });
      } else if (cls.ownership)
        sink.add(
          OWNERS,
          file,
          spanOf(file),
          'high',
          `${file.diff.status} ownership file (+${file.diff.additions}/-${file.diff.deletions})`,
        );
      // A credential-broker grant has its own finding (ci-grants.ts).
      // A configuration file added whole sets up new code (a service's tsconfig.json): its settings are that code's
      // baseline, and "added configuration file" restates the file list; changes to existing settings are reported.
      else if (
        cls.config &&
        !cls.agentConfig &&
        file.diff.status !== 'added' &&
        !buildOutputOnly(file) &&
        !BROKER_GRANT.test(file.path) &&
        !codeModule(file, change.context.headText?.get(file.path))
      )
        sink.add(
          CONFIG,
          file,
          spanOf(file),
          'low',
          `${file.diff.status} configuration file (+${file.diff.additions}/-${file.diff.deletions})`,
        );
    }
    for (const file of change.files) if (!file.cls.ci) agentJobWithPushKey(sink, AGENT, change, file);
    pipelinesChanged(sink, pipelines);
  },
};

/** A declaration that makes a code file a module rather than settings: a class, interface, enum, struct or type. */
const TYPE_DECL =
  /^\s*(?:export\s+)?(?:(?:abstract|default)\s+)*(?:class|interface|enum|struct|trait)\s+[A-Za-z_$]|^\s*(?:export\s+)?type\s+[A-Za-z_$][\w$]*\s*(?:<[^>]*>)?\s*=/;
const FUNCTION_DECL = /^\s*(?:export\s+)?(?:async\s+)?(?:def|function)\s+[A-Za-z_$]/;

/**
 * A code file named like configuration (`settings.py`, `vite.config.ts`) that holds code, not settings: it declares a
 * type, or three functions or more (read from the head when known, else from the hunks). Django's `settings.py` is
 * literal assignments and stays configuration; pydantic-ai's `settings.py` is the module of the public `ModelSettings`
 * type, and a docstring edit there is no configuration change (#6846, #7443).
 */
function codeModule(file: ChangeFile, head: string | undefined): boolean {
  if (!file.cls.source) return false;
  const lines = head !== undefined ? head.split('\n') : file.diff.hunks.flatMap((h) => h.lines.map((l) => l.text));
  let functions = 0;
  for (const t of lines) {
    if (TYPE_DECL.test(t)) return true;
    if (FUNCTION_DECL.test(t) && ++functions >= 3) return true;
  }
  return false;
}

/**
 * Added lines that are not a removed line again with only its trailing comment changed: `id-token: write` losing its
 * `# for the broker` comment grants nothing new.
 */
function reallyAdded(file: ChangeFile): readonly ChangeLine[] {
  if (file.removed.length === 0) return file.added;
  const gone = new Map<string, number>();
  const key = (t: string): string => uncommented(t).trim();
  for (const l of file.removed) gone.set(key(l.text), (gone.get(key(l.text)) ?? 0) + 1);
  return file.added.filter((l) => {
    const n = gone.get(key(l.text)) ?? 0;
    if (n === 0 || key(l.text) === '') return true;
    gone.set(key(l.text), n - 1);
    return false;
  });
}

const PRE_COMMIT = /(?:^|\/)\.pre-commit-config\.ya?ml$/;

/** A changed pipeline and, when its workflow could be read whole, what a reviewer must check in it (maybe nothing). */
interface Pipeline {
  readonly file: ChangeFile;
  readonly items?: readonly { readonly text: string; readonly line?: number }[];
}

/**
 * A new workflow whose jobs set no `permissions:`: their token is whatever the repository's default is (read-write on
 * repositories made before February 2023), which the diff cannot show; a reviewer of a new workflow asks for the
 * narrowest block. Said only for a new workflow: an existing one's default was accepted before this change.
 */
function defaultTokenNote(wf: Workflow): string {
  const open = wf.jobs.filter((j) => j.defaultToken);
  if (open.length === 0) return '';
  const who =
    open.length === wf.jobs.length
      ? open.length === 1
        ? 'it sets'
        : 'they set'
      : `${open
          .map((j) => j.id)
          .slice(0, 3)
          .join(', ')} set${open.length === 1 ? 's' : ''}`;
  return `; ${who} no \`permissions:\`, so the token gets the repository's default (read-write on older repositories)`;
}

/**
 * What a workflow change gives a reviewer to check beyond its tier reason: a workflow added or deleted, jobs added
 * or removed (a check that no longer runs), a job gaining credentials, or an edit of what runs in a job holding one,
 * quoted. Edits the tier judges harmless (a cache turned off, an action's plain input, a setting, a read-only job's
 * steps) are nothing to check here: "modified X (+n/-m)" restated the diff (docs/eval). Left to the more specific
 * finding when an LLM agent or a review bypass already names the file's credentials.
 */
function notable(file: ChangeFile, wc: WorkflowChange): { text: string; line?: number }[] {
  const out: { text: string; line?: number }[] = [];
  const holding = (p: readonly string[]): string => (p.length > 0 ? `, which holds ${p.slice(0, 3).join(', ')}` : '');
  if (file.diff.status === 'added' && wc.head) {
    const jobs = wc.head.jobs.map((j) => `${j.id}${holding(powerOf(j))}`);
    out.push({
      text: `new workflow (on: ${wc.head.triggers.slice(0, 4).join(', ') || '?'}): job${jobs.length === 1 ? '' : 's'} ${jobs.slice(0, 4).join('; ')}${defaultTokenNote(wc.head)}`,
      line: 1,
    });
    return out;
  }
  if (file.diff.status === 'deleted' && wc.base) {
    out.push({
      text: `deleted: job${wc.base.jobs.length === 1 ? '' : 's'} ${wc.base.jobs
        .map((j) => j.id)
        .slice(0, 5)
        .join(', ')} no longer run`,
    });
    return out;
  }
  const covered = wc.agents.length > 0 || (wc.bypass?.job !== undefined && powerOf(wc.bypass.job).length > 0);
  const granted = new Set<string>();
  if (!covered) {
    const byJob = new Map<string, { what: string[]; line: number }>();
    for (const g of wc.grants) {
      const k = g.job ?? '';
      const e = byJob.get(k) ?? { what: [], line: g.line };
      e.what.push(g.what);
      byJob.set(k, e);
    }
    for (const [job, e] of byJob) {
      granted.add(job);
      out.push({ text: `${job ? `job ${job} gains` : 'now runs'} ${e.what.slice(0, 4).join(', ')}`, line: e.line });
    }
  }
  // A compiled gh-aw lock file's jobs are the compiler's; its grants (above) are what the author chose.
  if (wc.head?.compiledAgent !== true) {
    // A new job names every secret it is given (a webhook too): what it can reach.
    for (const j of wc.addedJobs)
      if (!granted.has(j.id))
        out.push({
          text: `adds job ${j.id}${holding([...new Set([...powerOf(j), ...j.secrets.map((x) => `secrets.${x}`)])])}`,
          line: j.start,
        });
    for (const j of wc.removedJobs) out.push({ text: `removes job ${j.id}: its steps no longer run` });
  }
  if (!covered && wc.head?.compiledAgent !== true)
    for (const e of wc.jobs) {
      const power = powerOf(e.job);
      if (power.length === 0 || e.edits === 0 || granted.has(e.job.id) || wc.addedJobs.includes(e.job)) continue;
      out.push({
        text: `changes what runs in job ${e.job.id}${holding(power)} (${quote(e.firstEdit ?? '', 50)})`,
        line: e.firstLine,
      });
    }
  return out;
}

/**
 * One finding for every pipeline the change edits that gives a reviewer something to check, at the first of them:
 * the same edit made in five workflows (a cache setting, an action's inputs) is one thing to check, and the list
 * says where else it went. Pipelines not read whole (other CI systems, composite actions) say what changed in size.
 */
function pipelinesChanged(sink: FindingSink, pipelines: readonly Pipeline[]): void {
  const files = pipelines.filter((p) => p.items === undefined || p.items.length > 0);
  if (files.length === 0) return;
  // A pipeline read whole with something to check first, then the largest.
  const size = (p: Pipeline): number => (p.items ? 1e7 : 0) + p.file.diff.additions + p.file.diff.deletions;
  const main = files.reduce((a, b) => (size(b) > size(a) ? b : a));
  const what = (p: Pipeline): string =>
    p.items
      ? `${p.file.path}: ${p.items
          .slice(0, 3)
          .map((i) => i.text)
          .join('; ')}${p.items.length > 3 ? `; ${p.items.length - 3} more` : ''}`
      : `${p.file.diff.status} ${p.file.path} (+${p.file.diff.additions}/-${p.file.diff.deletions})`;
  const others = files.filter((f) => f !== main);
  const listed = others.slice(0, 3).map(what);
  if (others.length > listed.length) listed.push(`${others.length - listed.length} more`);
  const line = main.items?.find((i) => i.line !== undefined)?.line;
  sink.add(
    CI,
    main.file,
    line !== undefined ? { side: 'new', start: line, end: line } : spanOf(main.file),
    'medium',
    others.length === 0 ? what(main) : `${files.length} pipelines changed: ${what(main)}; also ${listed.join(', ')}`,
  );
}

/**
 * A workflow where an LLM agent reads untrusted text beside a write credential (its job's, or of the jobs acting on
 * its output), and this change brought part of that: one finding per agent job naming what was granted. Read from
 * the whole workflow at the head and base (model/workflowChange.ts); without that text, from the hunks (a new
 * workflow shows whole).
 */
function agentWithUntrustedInput(sink: FindingSink, change: Change, file: ChangeFile): void {
  const text = change.context.ciText?.get(file.path);
  const wc = workflowChange(file, text?.head, text?.base, change.context.repositoryOwner);
  if (wc) {
    for (const a of wc.agents) {
      const at =
        file.added.find((l) => l.line === a.line) ??
        file.added.find((l) => l.line >= a.job.start && l.line <= a.job.end);
      const line = at?.line ?? a.line;
      sink.add(
        AGENT,
        file,
        { side: 'new', start: line, end: line },
        'high',
        `an LLM agent in job ${a.job.id} (${quote(a.job.agent ?? '', 50)}) reads untrusted text (${quote(a.input, 50)}) beside ${a.power.slice(0, 3).join(', ')}; this change ${a.brought.slice(0, 3).join('; ')}`,
      );
    }
    return;
  }
  const added = file.added.map((l) => l.text).join('\n');
  const visible = file.diff.hunks.flatMap((h) => h.lines.filter((l) => l.kind !== 'del').map((l) => l.text)).join('\n');
  if (!AGENT_STEP.test(visible) || !UNTRUSTED.test(visible) || !WRITE.test(visible)) return;
  // Only when the change brought one of the three in.
  if (!AGENT_STEP.test(added) && !UNTRUSTED.test(added) && !WRITE.test(added)) return;
  const at = file.added.find((l) => AGENT_STEP.test(l.text)) ?? file.added[0];
  sink.add(
    AGENT,
    file,
    { side: 'new', start: at.line, end: at.line },
    'high',
    `an LLM agent step runs on issue/PR text (prompt injection) with write access: ${quote(at.text, 60)}`,
  );
}

/**
 * Pipeline lines that change nothing a reviewer checks (what runs, on which trigger, with which permissions, secrets
 * or inputs): blank lines and comments, and an environment variable set to a plain value or a runner directory
 * (`CARGO_HOME: ${{ runner.temp }}/cargo`), with no secret, event text or command substitution in it.
 */
const INERT =
  /^\s*(?:#.*)?$|^\s*[A-Z][A-Z0-9_]*\s*:\s*(?:['"]?[\w./:@+-]*['"]?|\$\{\{\s*runner\.(?:temp|tool_cache|workspace)\s*\}\}[\w./-]*)\s*$/;
/** A file path alone on a line: `.github/scripts/test_x.py`, `tests/unit/ \`. */
const PATH_ALONE = /^\s*(?:-\s+)?\.?[\w@+-]+(?:[./][\w@+-]+)*(?:\/|\.\w+)\s*\\?\s*$/;

/**
 * An inert line, or a path in a list of paths (a neighbour is a path alone too): a test file added to the files a
 * job's command lists. A path alone between other lines may be a script that runs, and counts.
 */
function inert(file: ChangeFile, l: ChangeLine): boolean {
  if (INERT.test(l.text)) return true;
  if (!PATH_ALONE.test(l.text) || /^\s*\.{0,2}\//.test(l.text)) return false;
  const lines = file.diff.hunks[l.hunk].lines;
  return [lines[l.index - 1], lines[l.index + 1]].some((x) => x !== undefined && PATH_ALONE.test(x.text));
}

/**
 * A pipeline edit that only moves versions (a toolchain `1.97.1` -> `1.98.0`, an env `TOOL_VERSION`): every removed
 * line has an added twin differing only in tokens that hold a digit, once inert lines are set aside. The tier
 * still names the pipeline; a checklist item asking whether every check still runs would restate the diff.
 */
function versionsOnly(file: ChangeFile): boolean {
  if (file.diff.status !== 'modified') return false;
  // Lines that change nothing a reviewer checks in a pipeline leave the rest to compare.
  const removed = file.removed.filter((l) => !inert(file, l));
  const added = file.added.filter((l) => !inert(file, l));
  if (removed.length === 0 && added.length === 0) return file.removed.length + file.added.length > 0;
  if (removed.length === 0 || removed.length !== added.length) return false;
  const skeleton = (t: string): string => t.trim().replace(/[\w.+-]*\d[\w.+-]*/g, '#');
  const left = new Map<string, number>();
  for (const l of removed) left.set(skeleton(l.text), (left.get(skeleton(l.text)) ?? 0) + 1);
  for (const l of added) {
    const k = skeleton(l.text);
    const n = left.get(k) ?? 0;
    if (n === 0) return false;
    left.set(k, n - 1);
  }
  return true;
}

/** tsconfig options that shape the build's output, not what is type-checked. */
const BUILD_OUTPUT = new Set([
  'composite',
  'incremental',
  'declaration',
  'declarationMap',
  'declarationDir',
  'emitDeclarationOnly',
  'sourceMap',
  'inlineSourceMap',
  'inlineSources',
  'sourceRoot',
  'mapRoot',
  'outDir',
  'outFile',
  'rootDir',
  'tsBuildInfoFile',
  'removeComments',
  'newLine',
  'pretty',
  'references',
  'path',
]);

/**
 * A tsconfig edit that only moves build-output options (`"composite": true`, `outDir`, source maps, project
 * references): the same code is checked the same way, so a reviewer has nothing to check. Options that change what
 * is type-checked (`strict`, `noImplicitAny`, `skipLibCheck`, `include`/`exclude`...) keep the finding. Lines are
 * compared without their trailing comma, so adding a key after the last one does not count the line before it.
 */
function buildOutputOnly(file: ChangeFile): boolean {
  if (!/(?:^|\/)[tj]sconfig[^/]*\.json$/i.test(file.path) || file.diff.status !== 'modified') return false;
  const norm = (t: string): string => t.trim().replace(/,$/, '');
  const gone = new Map<string, number>();
  for (const l of file.removed) gone.set(norm(l.text), (gone.get(norm(l.text)) ?? 0) + 1);
  const changed: string[] = [];
  for (const l of file.added) {
    const n = gone.get(norm(l.text)) ?? 0;
    if (n > 0) gone.set(norm(l.text), n - 1);
    else changed.push(norm(l.text));
  }
  for (const [t, n] of gone) for (let i = 0; i < n; i++) changed.push(t);
  return (
    changed.length > 0 &&
    changed.every((t) => {
      const key = /^\{?\s*"(\w+)"\s*:/.exec(t)?.[1];
      return t === '' || /^[{}[\]]+$/.test(t) || (key !== undefined && BUILD_OUTPUT.has(key));
    })
  );
}

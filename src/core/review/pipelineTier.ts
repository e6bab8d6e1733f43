/**
 * The tier's reasons for a changed CI pipeline, judged by what the change does to its credentials (docs/review-tiers.md,
 * "CI pipelines"). Read from the whole workflow at the head and base (model/workflowChange.ts): T3 when an LLM agent
 * or a job holding a write credential is left reading untrusted text and the change brought part of that, or a
 * review bypass runs with a write credential; T2 when the change grants write scopes, secrets new to the workflow,
 * untrusted or callable triggers, a publishing step, or changes what runs in a job holding a write credential (a
 * script, an action or its version, a code or credential input; or a job whose artifacts or outputs such a job takes);
 * T1 for other edits, and for caches turned off; T0 when nothing but comments, limits, names, options appended to a
 * command or an action's plain inputs changed. Without the workflow's text, the hunks alone.
 */
import type { Change, ChangeFile } from './model/change';
import { parseWorkflow, powerOf, type Workflow, type WorkflowJob } from './model/workflow';
import { workflowChange } from './model/workflowChange';
import type { Tier } from './tier';

type AddReason = (tier: Tier, reason: string, rule: string) => void;

/** CI lines that give a pipeline write access, secrets or a publishing step. */
const CI_WRITE =
  /\bpermissions\s*:\s*write-all\b|\b(?:contents|packages|id-token|pull-requests|issues|actions|deployments|statuses|checks|security-events|pages)\s*:\s*write\b|\$\{\{\s*secrets\.(?!GITHUB_TOKEN\b)\w+|\bsecrets\s*:\s*inherit\b|\bpull_request_target\b|\bworkflow_run\b|\b(?:npm|pnpm|yarn|cargo|gem|poetry|uv|twine|dotnet nuget)\s+(?:publish|upload|push)\b|\bdocker\s+push\b|\bgh\s+release\b|\bdeploy\b/i;
/** Untrusted event text (issue, PR, comment bodies) in a pipeline. */
const CI_UNTRUSTED =
  /\$\{\{\s*github\.event\.(?:issue|pull_request|comment|review|discussion|head_commit)\.[\w.]*(?:title|body|message|head_ref)\b/;

export function pipelineTier(change: Change, f: ChangeFile, addReason: AddReason): void {
  const text = change.context.ciText?.get(f.path);
  const wc = workflowChange(f, text?.head, text?.base, change.context.repositoryOwner);
  if (!wc) return pipelineTierFromHunks(f, addReason);
  // The T1/T0 reason below only when nothing in this file raised more.
  let raised = false;
  const add = (tier: Tier, reason: string, rule: string): void => {
    raised ||= tier >= 'T2';
    addReason(tier, reason, rule);
  };
  for (const a of wc.agents)
    add(
      'T3',
      `pipeline ${f.path}: an LLM agent in job ${a.job.id} reads untrusted text (${a.input.slice(0, 60)}) beside ${a.power.slice(0, 3).join(', ')}; this change ${a.brought.slice(0, 3).join('; ')}`,
      'ci-write-untrusted',
    );
  for (const e of wc.jobs) {
    const power = powerOf(e.job);
    if (e.job.agent || power.length === 0 || !e.job.untrusted) continue;
    const granted = wc.grants.some((g) => g.job === e.job.id);
    if (granted || e.edits > 0)
      add(
        'T3',
        `pipeline ${f.path}: job ${e.job.id} holds ${power.slice(0, 3).join(', ')} and reads untrusted event text (${e.job.untrusted.slice(0, 60)}); this change ${granted ? 'grants it more' : 'edits its steps'}`,
        'ci-write-untrusted',
      );
  }
  if (wc.bypass) {
    const power = wc.bypass.job ? powerOf(wc.bypass.job) : [];
    if (power.length > 0)
      add(
        'T3',
        `pipeline ${f.path}:${wc.bypass.line.line}: merges past required reviews (--admin) with ${power.slice(0, 2).join(', ')}`,
        'ci-review-bypass',
      );
  }
  // One reason per job (or the workflow) naming everything it gains; a job that gains is not also "edited".
  const byJob = new Map<string, string[]>();
  for (const g of wc.grants) byJob.set(g.job ?? '', [...(byJob.get(g.job ?? '') ?? []), g.what]);
  for (const [job, what] of byJob)
    add(
      'T2',
      `pipeline ${f.path}: ${job ? `job ${job} gains` : 'now runs'} ${what.slice(0, 5).join(', ')}`,
      'ci-write',
    );
  let other = wc.workflowEdits > 0;
  let hardening = 0;
  const compiled = wc.head?.compiledAgent === true;
  for (const e of wc.jobs) {
    const power = powerOf(e.job);
    hardening += e.hardening;
    if (byJob.has(e.job.id)) continue;
    const feeds = e.scriptEdits > 0 || e.bumps.thirdParty.length > 0;
    const consumer =
      wc.head && feeds && power.length === 0
        ? (consumerOf(wc.head, e.job.id) ?? callerConsumer(change, f.path, wc.head))
        : undefined;
    // A compiled gh-aw lock file's steps are the compiler's: its frontmatter (grants above) is what the author chose.
    if (power.length > 0 && e.edits > 0 && !compiled)
      add(
        'T2',
        `pipeline ${f.path}: edits steps of job ${e.job.id}, which holds ${power.slice(0, 3).join(', ')}`,
        'ci-write',
      );
    // A third-party action's new version runs with the job's token: a moved tag or a compromised release reaches it.
    else if (power.length > 0 && e.bumps.thirdParty.length > 0)
      add(
        'T2',
        `pipeline ${f.path}: moves third-party action ${e.bumps.thirdParty[0]} in job ${e.job.id}, which holds ${power.slice(0, 2).join(', ')}`,
        'ci-write',
      );
    // What a read-only job builds or prints reaches a job holding a credential through its artifacts or outputs; a
    // third-party action moved there runs new code whose output that job acts on.
    else if (consumer && !compiled) {
      const did =
        e.scriptEdits > 0
          ? `edits what job ${e.job.id} runs`
          : `moves third-party action ${e.bumps.thirdParty[0]} in job ${e.job.id}`;
      add(
        'T2',
        `pipeline ${f.path}: ${did}, whose ${consumer.via} job ${consumer.job.id}${consumer.caller ? ` of ${consumer.caller}` : ''} takes while holding ${consumer.power.slice(0, 2).join(', ')}`,
        'ci-write',
      );
    } else if (e.edits > 0 || e.settings > 0 || e.bumps.firstParty > 0 || e.bumps.thirdParty.length > 0) other = true;
  }
  if (f.diff.status === 'added' || f.diff.status === 'deleted') other = true;
  const readOnly = wc.grants.length === 0 && !(wc.head?.jobs.some((j) => powerOf(j).length > 0) ?? false);
  const what = f.diff.status === 'modified' ? 'changed' : f.diff.status;
  if (raised) return;
  if (other)
    add(
      'T1',
      readOnly
        ? `read-only pipeline ${f.path} ${what}`
        : `pipeline ${f.path} ${what}; the edit leaves its credentials alone`,
      'ci-read-only',
    );
  // Caches turned off lower the risk (a poisoned cache no longer reaches the job) and still ask a peer's look.
  else if (hardening > 0)
    add(
      'T1',
      `pipeline ${f.path}: only turns caches off or removes cache steps (${hardening} line${hardening === 1 ? '' : 's'}): less for a poisoned cache to reach`,
      'ci-read-only',
    );
  else add('T0', `pipeline ${f.path}: only comments, limits, names or options changed`, 'ci-read-only');
}

/**
 * A job holding a credential that downloads artifacts after `e`'s job or reads its outputs, directly or through jobs
 * that pass them on (a review job's verdict prepared by a read-only job, then posted by one holding a token).
 */
function consumerOf(head: Workflow, jobId: string, holds = powerOf): Consumer | undefined {
  const seen = new Set<string>([jobId]);
  let from: { id: string; via: string }[] = [{ id: jobId, via: '' }];
  for (let hop = 0; hop < 4 && from.length > 0; hop++) {
    const next: { id: string; via: string }[] = [];
    for (const src of from)
      for (const j of head.jobs) {
        if (seen.has(j.id) || !j.needs.includes(src.id)) continue;
        const body = head.bodies.get(j.id) ?? [];
        const takes = body.some((l) => readsOutputs(l, src.id))
          ? 'outputs'
          : body.some((l) => /\buses\s*:\s*['"]?actions\/download-artifact@/.test(l))
            ? 'artifacts'
            : undefined;
        if (!takes) continue;
        const via = src.via || takes;
        if (holds(j).length > 0) return { job: j, via, power: holds(j) };
        seen.add(j.id);
        next.push({ id: j.id, via });
      }
    from = next;
  }
  return undefined;
}

/**
 * A job line that brings a job's outputs into what runs: not an `if:` (it gates whether the job or step runs) and not
 * an output compared with a literal (`needs.plan.outputs.push == 'true'`: a flag, whichever way it goes; uv's plan
 * workflow hands `push-dev` to the docker job that way).
 */
function readsOutputs(line: string, id: string): boolean {
  if (!line.includes(`needs.${id}.outputs`) || /^(?:-\s*)?if\s*:/.test(line)) return false;
  const flags = new RegExp(
    String.raw`needs\.${escapeRegExp(id)}\.outputs\.[\w-]+\s*[!=]=\s*(?:'[^']*'|"[^"]*"|true|false|\d+)`,
    'g',
  );
  return line.replace(flags, '').includes(`needs.${id}.outputs`);
}

interface Consumer {
  readonly job: WorkflowJob;
  readonly via: string;
  /** What the job holds that the step reaches. */
  readonly power: readonly string[];
  /** The calling workflow, when the consumer is found there (a reusable workflow's artifacts). */
  readonly caller?: string;
}

/**
 * A reusable workflow (`on: workflow_call`) hands its artifacts and outputs to the workflow that calls it: the job
 * holding a credential that takes them is found there, from the calling job on. uv's release binaries are built by a
 * read-only reusable workflow whose artifacts the release workflow's publishing jobs upload (#21002-#21004, PGO turned
 * on for shipped binaries: judged T2). Reads the workflows at the head (context.workflows, read by src/git when a
 * changed workflow is callable); without them, nothing.
 */
function callerConsumer(change: Change, path: string, head: Workflow): Consumer | undefined {
  if (!head.triggers.includes('workflow_call')) return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const calls = new RegExp(String.raw`^uses\s*:\s*['"]?\S*\.github/workflows/${escapeRegExp(name)}['"]?\s*$`);
  for (const wf of change.context.workflows ?? []) {
    if (wf.path === path) continue;
    if (!wf.text.includes(name)) continue;
    const caller = parseWorkflow(wf.text);
    for (const job of caller.jobs) {
      if (!(caller.bodies.get(job.id) ?? []).some((l) => calls.test(l))) continue;
      // `secrets: inherit` on a job that calls yet another workflow hands that one the secrets, and is judged there:
      // the calling workflow's own jobs count by the write scopes and write secrets they hold (uv #21269's plan
      // outputs, read by a review job passing secrets on, judged T1).
      const found = consumerOf(caller, job.id, (j) => powerOf(j).filter((p) => p !== 'secrets.inherit'));
      if (found) return { ...found, caller: wf.path };
    }
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pipeline that only reads (lint, test) is T1; write access, secrets or publishing T2; plus untrusted text T3. */
function pipelineTierFromHunks(f: ChangeFile, add: AddReason): void {
  const lines: string[] = [];
  for (const h of f.diff.hunks) for (const l of h.lines) if (l.kind !== 'del') lines.push(l.text);
  const write = lines.find((l) => CI_WRITE.test(l));
  const untrusted = lines.find((l) => CI_UNTRUSTED.test(l));
  if (write && untrusted)
    add('T3', `pipeline ${f.path} holds write access or secrets and reads untrusted event text`, 'ci-write-untrusted');
  else if (write)
    add(
      'T2',
      `pipeline ${f.path} has write access, secrets or a publishing step (${write.trim().slice(0, 60)})`,
      'ci-write',
    );
  else add('T1', `read-only pipeline ${f.path} changed`, 'ci-read-only');
}

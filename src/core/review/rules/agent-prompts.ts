/**
 * An LLM agent's prompt is agent instructions wherever it lives. A CI agent step often reads its instructions from a
 * file of the repository (`prompt-file: agents/prompts/fix.md`, or a script copying the file into the runner first):
 * the file then says what an agent running with the job's credentials may do, and when that job feeds the agent an
 * outsider's issue text, editing the prompt weighs like editing the agent step itself (docs/review-tiers.md).
 * Files are recognised by convention (`*.prompt.md`, `prompts/` folders beside agent or GitHub configuration, a
 * top-level `agents/` folder) and by being named in a workflow job that runs an agent (read at the head by src/git).
 */
import type { RepoFile } from '../types';
import { classifyPath } from '../model/paths';
import { agentInput, downstreamOf, jobAt, parseWorkflow, powerOf, type WorkflowJob } from '../model/workflow';

/** Prompt files by convention: GitHub prompt files, prompt folders of agent or GitHub configuration, agent folders. */
const PROMPT_PATH =
  /(?:^|\/)[^/]+\.prompt\.(?:md|ya?ml)$|^(?:\.github\/(?:[\w.-]+\/)*|\.?agents\/(?:[\w.-]+\/)*)?prompts\/[^/]+\.(?:md|txt|j2|jinja2?)$/i;

/** Files a workflow may hand an agent as its instructions: text, templates and agent settings, not code. */
const TEXT = /\.(?:md|mdx|txt|j2|jinja2?|prompt|toml|ya?ml|json)$/i;

/** Whether the path is an agent prompt by its name and folder alone. */
export function isPromptPath(path: string): boolean {
  return PROMPT_PATH.test(path);
}

/**
 * Whether a changed file could be an agent's instructions read by a workflow: a text file outside the workflows
 * folder, not a manifest or lockfile (src/git reads the workflows at the head when one changed).
 */
export function mayBePrompt(path: string): boolean {
  if (!TEXT.test(path) || /(?:^|\/)\.github\/workflows\/|(?:^|\/)(?:CHANGELOG|LICENSE)[^/]*$/i.test(path)) return false;
  // Manifests and lockfiles are named in agent jobs' scripts and prompts as what to look at, never as instructions.
  const cls = classifyPath(path);
  return cls.manifest === null && cls.lockfile === null;
}

/**
 * A workflow line that hands the file to the agent: an input naming a prompt or instructions file, a script copying or
 * reading it (into the runner, into a variable), a CLI's prompt-file option. A file only mentioned (in a prompt's
 * text, `git diff -- pyproject.toml`) is not the agent's instructions.
 */
const HANDS_OVER =
  /^\s*-?\s*[\w-]*(?:prompt|instructions?|system)[\w-]*\s*:|\b(?:cp|cat|install|envsubst|tee)\s|<\s*["']?[\w.$/{}-]|--?(?:prompt|system-prompt|append-system-prompt|instructions?)(?:[-_]file)?[\s=]|\bprompt[-_]?file\b/i;

export interface PromptUse {
  readonly workflow: string;
  readonly job: WorkflowJob;
  /** 1-based line of the workflow that names the file. */
  readonly line: number;
  /** Untrusted text that reaches the agent's job, as written (absent: none found). */
  readonly input?: string;
  /** Write scopes and write-capable secrets of the agent's job and of the jobs acting on its output. */
  readonly power: readonly string[];
}

/**
 * Workflow jobs that run an LLM agent and name `path` (the file copied into the runner, or given as the prompt file).
 * The job whose agent reads untrusted text beside the most power comes first.
 */
export function promptUses(path: string, workflows: readonly RepoFile[] | undefined): PromptUse[] {
  if (!workflows) return [];
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The repository path whole: after a quote, a space, `./`, `=` or `}/` (a workspace expression), not inside a
  // longer path (`docs/agents/prompts/x.md` is not `agents/prompts/x.md`).
  const named = new RegExp(`(?:^|[\\s'"=:(]|\\./|\\}/)${escaped}(?=$|[\\s'"),;])`);
  const out: PromptUse[] = [];
  for (const wf of workflows) {
    if (!wf.text.includes(path)) continue;
    const parsed = parseWorkflow(wf.text);
    const lines = wf.text.split('\n');
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (!named.test(l) || /^\s*#/.test(l) || !HANDS_OVER.test(l)) return;
      const job = jobAt(parsed, i + 1);
      if (!job?.agent || seen.has(job.id)) return;
      seen.add(job.id);
      const input = agentInput(parsed, job, wf.text);
      const after = downstreamOf(parsed, job);
      const power = [...powerOf(job), ...after.flatMap((j) => powerOf(j).map((p) => `${p} in job ${j.id}`))];
      out.push({ workflow: wf.path, job, line: i + 1, ...(input ? { input } : {}), power });
    });
  }
  const weight = (u: PromptUse): number => (u.input ? 2 : 0) + (u.power.length > 0 ? 1 : 0);
  return out.sort((a, b) => weight(b) - weight(a));
}

/** The sentence a finding on the prompt file says about the agent that reads it. */
export function describeUse(u: PromptUse): string {
  const agent = clip(u.job.agent ?? '', 60);
  const base = `the instructions of the agent step (${agent}) of job ${u.job.id} in ${u.workflow}`;
  if (u.input && u.power.length > 0)
    return `${base}, which reads untrusted text (${clip(u.input, 50)}) while it or the jobs acting on its output hold ${u.power.slice(0, 3).join(', ')}: an edit here steers that agent like an edit of its step`;
  if (u.input) return `${base}, which reads untrusted text (${clip(u.input, 50)})`;
  return base;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 3)}...` : one;
}

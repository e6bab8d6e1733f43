import * as assert from 'node:assert/strict';
import type { ReviewContext } from '../../../src/core/review/types';
import { added, baseTextOf, check, diffOf, findingsOf, headTextOf, review, type FileSpec } from './helpers';

/**
 * An agent's prompt file is agent instructions wherever it lives, and weighs like the agent step that reads it when
 * that step is fed untrusted text beside a write credential. Workflow shapes modelled on a bug-fixing pipeline that
 * copies a prompt from the repository into a Codex step after fetching the issue, and on read-only agent jobs; every
 * fixture is written here.
 */
const FIX_WORKFLOW = [
  'name: fix',
  'on:',
  '  workflow_dispatch:',
  '    inputs:',
  '      issue:',
  '        required: true',
  'permissions: {}',
  'jobs:',
  '  fix:',
  '    runs-on: ubuntu-latest',
  '    permissions:',
  '      contents: read',
  '    outputs:',
  '      bundle: ${{ steps.fix.outputs.bundle }}',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - name: Prepare',
  '        run: |',
  '          cp bots/prompts/fix-bug.md "$RUNNER_TEMP/fix-bug.md"',
  '          gh issue view "$ISSUE" --json title,body > "$RUNNER_TEMP/issue.json"',
  '      - id: fix',
  '        uses: openai/codex-action@v1',
  '        with:',
  '          prompt-file: ${{ runner.temp }}/fix-bug.md',
  '  publish:',
  '    needs: fix',
  '    runs-on: ubuntu-latest',
  '    permissions:',
  '      contents: write',
  '      pull-requests: write',
  '    steps:',
  '      - run: git push origin HEAD:fix',
].join('\n');

/** The same prompt read by an agent on a schedule, with a read-only token and no issue text. */
const READ_ONLY_WORKFLOW = [
  'name: summary',
  'on:',
  '  schedule:',
  "    - cron: '0 5 * * 1'",
  'permissions:',
  '  contents: read',
  'jobs:',
  '  summarize:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - uses: anthropics/claude-code-action@v1',
  '        with:',
  '          prompt_file: bots/prompts/fix-bug.md',
].join('\n');

/** A docs lint job that names the prompt file but runs no agent. */
const LINT_WORKFLOW = [
  'name: lint',
  'on: [issues]',
  'permissions:',
  '  contents: write',
  'jobs:',
  '  lint:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: npx markdownlint bots/prompts/fix-bug.md',
].join('\n');

/** An agent on pull requests whose prompt text names files to look at. */
const TRIAGE_WORKFLOW = [
  'name: triage',
  'on:',
  '  pull_request_target:',
  'jobs:',
  '  classify:',
  '    runs-on: ubuntu-latest',
  '    permissions:',
  '      pull-requests: write',
  '    steps:',
  '      - uses: anthropics/claude-code-action@v1',
  '        with:',
  '          prompt: |',
  '            If pyproject.toml changed, read the diff of its dependency groups.',
  '            Follow the labelling rules in docs/contributing/labels.md before answering.',
].join('\n');

const workflows = (text: string): ReviewContext => ({ workflows: [{ path: '.github/workflows/x.yml', text }] });

const WIDENED: FileSpec = {
  path: 'bots/prompts/fix-bug.md',
  del: ['Only change the regression test named in the issue.'],
  add: ['Update existing assertions and snapshots that encode the same incorrect assumption.'],
};

describe('review/rules agent prompt files', () => {
  check([
    {
      lang: 'md',
      name: 'a prompt a Codex step reads after fetching the issue, with a write token in the job acting on its output',
      files: WIDENED,
      context: workflows(FIX_WORKFLOW),
      fires: 'agent-config-changed',
      severity: 'high',
    },
    {
      lang: 'md',
      name: 'the same wording edit of a prompt read by a scheduled, read-only agent',
      files: WIDENED,
      context: workflows(READ_ONLY_WORKFLOW),
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'a prompt a scheduled agent reads gains a command',
      files: added('bots/prompts/fix-bug.md', 'Then run `git push --force origin main`.'),
      context: workflows(READ_ONLY_WORKFLOW),
      fires: 'agent-config-changed',
      severity: 'medium',
    },
    {
      lang: 'md',
      name: 'a file only a lint job (no agent) names',
      files: WIDENED,
      context: workflows(LINT_WORKFLOW),
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: "a docs page the agent's prompt text only mentions is not its instructions",
      files: added('docs/contributing/labels.md', 'Run `gh pr edit --add-label` for each label.'),
      context: workflows(TRIAGE_WORKFLOW),
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'a longer path ending like the prompt is not the prompt',
      files: { ...WIDENED, path: 'docs/bots/prompts/fix-bug.md' },
      context: workflows(FIX_WORKFLOW),
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'a GitHub prompt file by its name gains a command',
      files: added('.github/review.prompt.md', 'Run `gh pr merge --admin` when the checks pass.'),
      fires: 'agent-config-changed',
      severity: 'medium',
    },
    {
      lang: 'md',
      name: 'a docs page about prompts is no prompt file',
      files: added('docs/guide/prompts.md', 'Run `gh pr merge --admin` when the checks pass.'),
      silent: 'agent-config-changed',
    },
  ]);

  it('a prompt fed untrusted text beside a write token is T3; its read-only twin stays with the docs (T0)', () => {
    const exposed = review(diffOf(WIDENED), undefined, workflows(FIX_WORKFLOW));
    assert.equal(exposed.blastRadius.tier, 'T3');
    const why = findingsOf(exposed, 'agent-config-changed')[0].why;
    assert.match(why, /job fix in \.github\/workflows\/x\.yml/);
    assert.match(why, /gh issue view/);
    assert.match(why, /contents: write in job publish/);
    const quiet = review(diffOf(WIDENED), undefined, workflows(READ_ONLY_WORKFLOW));
    assert.equal(quiet.blastRadius.tier, 'T0');
  });

  it("a manifest an agent's prompt mentions is no prompt", () => {
    const r = review(
      diffOf(added('pyproject.toml', '[dependency-groups]', 'dev = ["ruff"]')),
      undefined,
      workflows(TRIAGE_WORKFLOW),
    );
    assert.deepEqual(findingsOf(r, 'agent-config-changed'), []);
  });

  it('an AGENTS.md edit in wording only says nothing and stays with the docs', () => {
    const r = review(diffOf(added('AGENTS.md', 'Prefer short sentences in docstrings.')));
    assert.deepEqual(findingsOf(r, 'agent-config-changed'), []);
    assert.equal(r.blastRadius.tier, 'T0');
  });
});

/** Rule files of an agent's policy engine, in Gemini CLI's TOML format (docs/reference/policy-engine.md there). */
const PLAN_BASE = [
  '# Plan mode: read-only except plan files.',
  '[[rule]]',
  'toolName = ["write_file", "replace"]',
  'decision = "deny"',
  'priority = 40',
  'modes = ["plan"]',
  '',
  '[[rule]]',
  'toolName = ["write_file", "replace"]',
  'argsPattern = \'"file_path":"[^"]+/plans/[\\w-]+\\.md"\'',
  'decision = "allow"',
  'priority = 50',
  'modes = ["plan"]',
];

function policyChange(path: string, base: string[], head: string[]): { files: FileSpec; context: ReviewContext } {
  const files: FileSpec = { path, del: base, add: head };
  return { files, context: { headText: headTextOf(files), baseText: baseTextOf(files) } };
}

describe('review/rules agent tool-approval policy', () => {
  const widened = policyChange('packages/core/src/policy/policies/plan.toml', PLAN_BASE, [
    ...PLAN_BASE.slice(0, 9),
    'argsPattern = \'"file_path":"[^"]+\\.md"\'',
    ...PLAN_BASE.slice(10),
  ]);
  const allowAdded = policyChange('packages/core/src/policy/policies/plan.toml', PLAN_BASE, [
    ...PLAN_BASE,
    '',
    '[[rule]]',
    'toolName = "run_shell_command"',
    'commandPrefix = "git push"',
    'decision = "allow"',
    'priority = 50',
    'modes = ["plan"]',
  ]);
  const denyAdded = policyChange('packages/core/src/policy/policies/plan.toml', PLAN_BASE, [
    ...PLAN_BASE,
    '',
    '[[rule]]',
    'toolName = "run_shell_command"',
    'decision = "deny"',
    'priority = 60',
    'modes = ["plan"]',
  ]);
  const commentOnly = policyChange('packages/core/src/policy/policies/plan.toml', PLAN_BASE, [
    '# Plan mode: nothing is written except plan files.',
    ...PLAN_BASE.slice(1),
  ]);
  const denyDropped = policyChange('packages/core/src/policy/policies/plan.toml', PLAN_BASE, PLAN_BASE.slice(6));
  check([
    {
      lang: 'toml',
      name: "an allow rule's argsPattern widened",
      ...widened,
      fires: 'agent-policy-widened',
      severity: 'high',
    },
    { lang: 'toml', name: 'an allow rule added for a shell command', ...allowAdded, fires: 'agent-policy-widened' },
    { lang: 'toml', name: 'a deny rule dropped', ...denyDropped, fires: 'agent-policy-widened' },
    { lang: 'toml', name: 'a deny rule added (narrower)', ...denyAdded, silent: 'agent-policy-widened' },
    { lang: 'toml', name: 'a comment reworded', ...commentOnly, silent: 'agent-policy-widened' },
    {
      lang: 'toml',
      name: 'an example policy of the docs',
      ...policyChange('docs/examples/policies/policies.toml', PLAN_BASE, [
        ...PLAN_BASE.slice(0, 9),
        'argsPattern = ".*"',
        ...PLAN_BASE.slice(10),
      ]),
      silent: 'agent-policy-widened',
    },
    {
      lang: 'toml',
      name: 'without the texts, an added allow line read from the hunk',
      files: allowAdded.files,
      fires: 'agent-policy-widened',
    },
  ]);

  it('a widened allow rule is T3 and the message names the rule', () => {
    const r = review(diffOf(widened.files), undefined, widened.context);
    assert.equal(r.blastRadius.tier, 'T3');
    assert.match(
      findingsOf(r, 'agent-policy-widened')[0].why,
      /changes an allow rule: toolName \["write_file", "replace"\]/,
    );
    const a = review(diffOf(allowAdded.files), undefined, allowAdded.context);
    assert.match(
      findingsOf(a, 'agent-policy-widened')[0].why,
      /adds an allow rule: toolName "run_shell_command" "\\"git push\\""|adds an allow rule: toolName "run_shell_command"/,
    );
  });
});

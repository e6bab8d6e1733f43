import { added, check, removed } from './helpers';

/**
 * A coding agent started or configured with its approvals off, in each agent's own words (Claude Code, Codex, Gemini
 * CLI, Copilot CLI, SDK policies). Shapes modelled on services that run an agent headless on issue text and on
 * projects whose own product implements an approval mode; every fixture is written here.
 */
describe('review/rules coding agent with approvals off', () => {
  check([
    {
      lang: 'ts',
      name: 'a worker starts Claude Code skipping permission prompts',
      files: added('src/worker/fixer.ts', "const args = ['-p', prompt, '--dangerously-skip-permissions'];"),
      fires: 'agent-approvals-off',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: "the product's own approval mode compared, not set",
      files: added('src/ui/indicator.ts', 'if (config.getApprovalMode() === ApprovalMode.YOLO) showBadge();'),
      silent: 'agent-approvals-off',
    },
    {
      lang: 'ts',
      name: 'a sub-agent configured with approval mode yolo',
      files: added('src/agents/triage.ts', '  approvalMode: ApprovalMode.YOLO,'),
      fires: 'agent-approvals-off',
    },
    {
      lang: 'ts',
      name: 'an evaluation harness running the agent unattended',
      files: added('evals/memory.eval.ts', '  approvalMode: ApprovalMode.YOLO,'),
      silent: 'agent-approvals-off',
    },
    {
      lang: 'py',
      name: 'an SDK callback that approves every tool call',
      files: added('service/runner.py', 'def auto_approve_all_tools(context, tool_call):', '    return "approve"'),
      fires: 'agent-approvals-off',
    },
    {
      lang: 'py',
      name: 'Codex started with the sandbox and approvals bypassed',
      files: added(
        'service/run_codex.py',
        'cmd = ["codex", "exec", "--dangerously-bypass-approvals-and-sandbox", task]',
      ),
      fires: 'agent-approvals-off',
    },
    {
      lang: 'py',
      name: 'the same command only moved into a helper',
      files: removed(
        'service/run_codex.py',
        ['    cmd = ["codex", "exec", "--full-auto", task]'],
        ['def build(task):', '    return ["codex", "exec", "--full-auto", task]'],
      ),
      silent: 'agent-approvals-off',
    },
    {
      lang: 'py',
      name: 'a test starting the agent in yolo mode',
      files: added('tests/test_runner.py', 'args = ["gemini", "--yolo", "-p", "hi"]'),
      silent: 'agent-approvals-off',
    },
    {
      lang: 'json',
      name: 'agent settings defaulting to bypassPermissions',
      files: added('.claude/settings.json', '  "permissions": { "defaultMode": "bypassPermissions" },'),
      fires: 'agent-approvals-off',
    },
    {
      lang: 'json',
      name: 'agent settings defaulting to acceptEdits',
      files: added('.claude/settings.json', '  "permissions": { "defaultMode": "acceptEdits" },'),
      silent: 'agent-approvals-off',
    },
    {
      lang: 'yaml',
      name: 'a workflow step starting Claude Code skipping permission prompts',
      files: added('.github/workflows/fix.yml', '          claude_args: --dangerously-skip-permissions --max-turns 30'),
      fires: 'agent-approvals-off',
    },
    {
      lang: 'yaml',
      name: 'a workflow step bounding the same agent by turns only',
      files: added('.github/workflows/fix.yml', '          claude_args: --max-turns 30 --allowedTools Read'),
      silent: 'agent-approvals-off',
    },
    {
      lang: 'toml',
      name: 'Codex config with approval policy never and full disk access',
      files: added('.codex/config.toml', 'approval_policy = "never"', 'sandbox_mode = "danger-full-access"'),
      fires: 'agent-approvals-off',
    },
    {
      lang: 'toml',
      name: 'Codex config asking on request in a workspace sandbox',
      files: added('.codex/config.toml', 'approval_policy = "on-request"', 'sandbox_mode = "workspace-write"'),
      silent: 'agent-approvals-off',
    },
  ]);
});

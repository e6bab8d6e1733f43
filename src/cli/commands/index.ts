/**
 * Every subcommand, in the order `--help` lists them: its name, one line of help, and how to load it. Commands load
 * on demand, so a git or agent hook pays only for the code of the command it runs.
 */
import type { CliCommand } from '../command';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'version', summary: 'print the version', load: async () => (await import('./version.js')).versionCommand },
  {
    name: 'hook',
    summary: "record what an external agent wrote (run by the agent's hooks)",
    load: async () => (await import('./hook.js')).hookCommand,
  },
  {
    name: 'agents',
    summary: 'install, remove or check the hooks that let external agents (Claude Code, Cursor...) report their edits',
    load: async () => (await import('./agents.js')).agentsCommand,
  },
  {
    name: 'session',
    summary: 'attribute changes to an agent without hooks (start before it runs, stop after)',
    load: async () => (await import('./session.js')).sessionCommand,
  },
  {
    name: 'hooks',
    summary: 'install, remove or check the git hooks that record provenance in commits',
    load: async () => (await import('./hooks.js')).hooksCommand,
  },
  {
    name: 'git-hook',
    summary: 'run by the installed git hooks (see `ai-provenance hooks`)',
    load: async () => (await import('./gitHook.js')).gitHookCommand,
  },
  {
    name: 'notes',
    summary: 'push or fetch the provenance notes, merging concurrent ones',
    load: async () => (await import('./notes.js')).notesCommand,
  },
  {
    name: 'ci',
    summary:
      "after a server-side squash or rebase merge: carry the pull request's provenance notes onto the merged commits",
    load: async () => (await import('./ci.js')).ciCommand,
  },
  {
    name: 'import',
    summary: "convert other tools' records (git-ai authorship logs, Agent Trace notes) into provenance notes",
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'blame',
    summary: 'AI blame of a file: per line AI, mixed or human, with tool, model and commit',
    load: async () => (await import('./blame.js')).blameCommand,
  },
  {
    name: 'stats',
    summary: 'AI, mixed and human added lines over a commit range, by tool and model',
    load: async () => (await import('./stats.js')).statsCommand,
  },
  {
    name: 'report',
    summary: 'branch report for a PR comment or CI (markdown, json, sarif, agent-trace)',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'check',
    summary: 'fail when the branch does not meet the repository AI policy (for CI)',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'signoff',
    summary: 'record your review sign-off on HEAD and print the AI-Reviewed-by trailer',
    load: async () => (await import('./signoff.js')).signoffCommand,
  },
  {
    name: 'doctor',
    summary: 'one screen: hooks, agents and notes sharing set up and current, and what was dropped recently',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
];

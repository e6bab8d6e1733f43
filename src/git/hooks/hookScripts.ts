/**
 * The git hook scripts `ai-provenance hooks install` writes. Each is a small POSIX sh script that:
 * 1. runs the hook that was there before (moved aside to `<hook>.pre-ai-provenance`) with the same arguments and
 *    stdin; for prepare-commit-msg and commit-msg a failure there aborts the commit exactly as before;
 * 2. decides with shell builtins only whether there is anything to do (most reference-transaction calls, picks
 *    during a rebase without working state), so git's frequent hook calls cost no node start;
 * 3. finds the launcher in the git dir and runs `ai-provenance git-hook <name> ...` with its output discarded;
 * 4. exits with the chained hook's status (0 without one): our own failure never reaches git.
 * Notes sharing rides on two of them: reference-transaction merges a remote's notes when a fetch brings them, and
 * pre-push (only for remotes in aiprovenance.shareNotes) starts a detached notes push; neither changes what git pushes.
 */

import { precomputedFastPath } from './precomputedPath';

/** The CLI commands hooks run (git hooks: `git-hook`, agents: `hook`): the launcher routes them to dist/hookMain.js. */
export const HOOK_ENTRY_COMMANDS = ['git-hook', 'hook'] as const;

export const MANAGED_HOOKS = [
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'post-rewrite',
  'reference-transaction',
  'pre-push',
] as const;
export type ManagedHook = (typeof MANAGED_HOOKS)[number];

/** First comment line of every script we write; how install/uninstall/status recognise our files. */
export const HOOK_MARKER = '# ai-provenance-hook v1';
/**
 * The hook script's `git rev-parse --show-toplevel --git-dir --git-path ai-provenance --git-common-dir` output, one
 * path per line (relative ones to the hook's working directory), then the folder the hook script runs from, handed to
 * node so it need not run git for them.
 */
export const HOOK_PATHS_ENV = 'AI_PROVENANCE_HOOK_PATHS';
/** Suffix of the original hook moved aside. */
export const CHAINED_SUFFIX = '.pre-ai-provenance';
/** Set to `off` in the environment to make installed hooks skip ai-provenance (the chained hook still runs). */
const HOOKS_OFF_ENV = 'AI_PROVENANCE_HOOKS';
/**
 * Set (to 1) for every git our own notes fetch/merge/push runs: the hooks those gits fire must not merge or push
 * again (the merge updates refs/notes/ai-provenance, the push runs pre-push).
 */
export const NOTES_SYNC_ENV = 'AI_PROVENANCE_NOTES_SYNC';
/** Multi-valued git config key: the remotes whose provenance notes travel with fetch and push. */
export const SHARE_NOTES_KEY = 'aiprovenance.shareNotes';

const STDIN_HOOKS: readonly ManagedHook[] = ['post-rewrite', 'reference-transaction', 'pre-push'];
/** Hooks whose non-zero exit aborts the commit (or push): a failing original must still abort it, and we then do nothing. */
const ABORTING_HOOKS: readonly ManagedHook[] = ['prepare-commit-msg', 'commit-msg', 'pre-push'];

export function isManagedHook(name: string): name is ManagedHook {
  return (MANAGED_HOOKS as readonly string[]).includes(name);
}

export function isOurHookScript(text: string): boolean {
  return text.split('\n', 3).some((line) => line.startsWith(HOOK_MARKER));
}

/**
 * Shell lines asking git for the paths (top, git dir, state dir, common dir) into aip_paths and aip_* variables. Never
 * indented: the here-document ends at a line that is exactly `EOF`.
 */
const READ_PATHS = [
  'aip_paths=$(git rev-parse --show-toplevel --git-dir --git-path ai-provenance --git-common-dir 2>/dev/null) || exit "$aip_status"',
  '{ IFS= read -r aip_top; IFS= read -r aip_git_dir; IFS= read -r aip_state_dir; IFS= read -r aip_common_dir; } <<EOF',
  '$aip_paths',
  'EOF',
];

/** Shell lines that `exit "$aip_status"` when there is nothing for node to do (run after the paths are known). */
function earlyExit(hook: ManagedHook): string[] {
  const rebasing = '[ -d "$aip_git_dir/rebase-merge" ] || [ -d "$aip_git_dir/rebase-apply" ]';
  // Records, or agent calls the launcher queued that node turns into records first (src/git/agents/agentQueue.ts).
  const hasRecords = 'aip_has "$aip_state_dir/files/"*.json "$aip_state_dir/agent-post/c"*';
  switch (hook) {
    case 'prepare-commit-msg':
      // Rebase picks carry their notes through post-rewrite; only working-state edits (an `edit` stop) and squash or
      // fixup steps (their trailers are redone for the combined commit) matter.
      return [
        `if ${rebasing}; then ${hasRecords} || [ -s "$aip_git_dir/rebase-merge/current-fixups" ] || exit "$aip_status"; fi`,
      ];
    case 'commit-msg':
      return ['[ -f "$aip_state_dir/commit/msg-pending" ] || exit "$aip_status"'];
    case 'post-commit':
      return [`aip_has "$aip_state_dir/commit/staged-"*.json || ${hasRecords} || exit "$aip_status"`];
    case 'post-rewrite':
    case 'reference-transaction':
    case 'pre-push':
      return [];
  }
}

/** Shell lines before the paths are looked up, so that the frequent calls with nothing for us start no process. */
function inputFilter(hook: ManagedHook): string[] {
  if (hook === 'reference-transaction') {
    return [
      '[ "$1" = committed ] || exit "$aip_status"',
      'case "$aip_input" in',
      '  *" refs/stash"*) ;;',
      // A fetch brought a remote's notes (our own sync merges by itself; its merge only touches refs/notes/ai-*).
      `  *" refs/notes/remotes/"*) [ -z "$${NOTES_SYNC_ENV}" ] || exit "$aip_status" ;;`,
      '  *) exit "$aip_status" ;;',
      'esac',
    ];
  }
  if (hook === 'pre-push') {
    // $1 is the remote's name, or the URL twice when pushing to a URL: then there is no remote to share with.
    return [
      `[ -z "$${NOTES_SYNC_ENV}" ] || exit "$aip_status"`,
      '[ -n "$1" ] && [ "$1" != "$2" ] || exit "$aip_status"',
      `aip_shared=$(git config --get-all ${SHARE_NOTES_KEY} 2>/dev/null) || exit "$aip_status"`,
      'aip_found=',
      'while IFS= read -r aip_r; do [ "$aip_r" = "$1" ] && aip_found=1; done <<EOF',
      '$aip_shared',
      'EOF',
      '[ -n "$aip_found" ] || exit "$aip_status"',
    ];
  }
  return [];
}

export function hookScript(hook: ManagedHook): string {
  const stdin = STDIN_HOOKS.includes(hook);
  const aborting = ABORTING_HOOKS.includes(hook);
  const feed = stdin ? `printf '%s' "$aip_input" | ` : '';
  const ownInput = stdin ? '' : ' </dev/null';
  return [
    '#!/bin/sh',
    `${HOOK_MARKER} (${hook})`,
    '# Written by `ai-provenance hooks install`; `ai-provenance hooks uninstall` puts back the hook that was here.',
    '# Records AI provenance. It never fails or changes a commit by itself: problems are logged in the git dir.',
    `aip_hook=${hook}`,
    'case $0 in */*) aip_dir=${0%/*} ;; *) aip_dir=. ;; esac',
    `aip_chained="$aip_dir/$aip_hook${CHAINED_SUFFIX}"`,
    'aip_status=0',
    // reference-transaction fires for every ref update, twice: leave at once when it is not ours to look at.
    ...(hook === 'reference-transaction' ? ['[ "$1" = committed ] || [ -x "$aip_chained" ] || exit 0'] : []),
    // Keep stdin (git's lines) so both the original hook and we can read it; builtins only, no process.
    ...(stdin
      ? [
          'aip_input=',
          'while IFS= read -r aip_line || [ -n "$aip_line" ]; do',
          '  aip_input="$aip_input$aip_line',
          '"',
          'done',
        ]
      : []),
    'if [ -x "$aip_chained" ]; then',
    // A plain sh hook is sourced in a subshell so it sees the $0 git gave (husky's stubs find their script by it).
    '  IFS= read -r aip_first < "$aip_chained" || aip_first=',
    '  case $aip_first in',
    `    '#!/bin/sh' | '#!/usr/bin/env sh') ${feed}( . "$aip_chained" ) ;;`,
    `    *) ${feed}"$aip_chained" "$@" ;;`,
    '  esac',
    '  aip_status=$?',
    ...(aborting ? ['  [ "$aip_status" -eq 0 ] || exit "$aip_status"'] : []),
    'fi',
    `[ "$${HOOKS_OFF_ENV}" = off ] && exit "$aip_status"`,
    ...inputFilter(hook),
    'aip_has() { for aip_f in "$@"; do [ -e "$aip_f" ] && return 0; done; return 1; }',
    // The paths without a process where git's own layout says them: a plain repository, whose hooks git runs from the
    // top of the work tree as `.git/hooks/<name>` with no GIT_DIR, where git would print exactly these lines (the top
    // as its physical path). A linked worktree, a submodule, core.hooksPath or GIT_DIR set: git is asked.
    'aip_paths=',
    'if [ -z "$GIT_DIR$GIT_WORK_TREE$GIT_COMMON_DIR" ] && [ "$0" = ".git/hooks/$aip_hook" ] && [ -d .git ] && [ -f .git/HEAD ]; then',
    '  aip_git_dir=.git aip_state_dir=.git/ai-provenance aip_common_dir=.git',
    'else',
    ...READ_PATHS,
    'fi',
    ...earlyExit(hook),
    // What the editor precomputed for this very commit, applied in sh (precomputedPath.ts); else node, as ever.
    ...precomputedFastPath(hook, { marker: HOOK_MARKER, chainedSuffix: CHAINED_SUFFIX }),
    // Node gets the paths too (HOOK_PATHS_ENV) instead of asking git again; the top only now (a subshell, no exec).
    'if [ -z "$aip_paths" ]; then',
    '  aip_top=$(pwd -P 2>/dev/null) && [ -n "$aip_top" ] && aip_paths="$aip_top\n.git\n.git/ai-provenance\n.git"',
    'fi',
    'if [ -z "$aip_paths" ]; then',
    ...READ_PATHS,
    'fi',
    'aip_launcher="$aip_state_dir/bin/ai-provenance"',
    '[ -x "$aip_launcher" ] || aip_launcher="$aip_common_dir/ai-provenance/bin/ai-provenance"',
    '[ -x "$aip_launcher" ] || exit "$aip_status"',
    // $PPID is the git process: its command line tells `commit --amend -m` from a new commit.
    `${feed}AI_PROVENANCE_GIT_PID=$PPID ${HOOK_PATHS_ENV}="$aip_paths\n$aip_dir" "$aip_launcher" git-hook "$aip_hook" "$@"${ownInput} >/dev/null 2>&1`,
    'exit "$aip_status"',
    '',
  ].join('\n');
}

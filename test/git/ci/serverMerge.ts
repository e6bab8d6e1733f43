/**
 * A bare "server" repository merging pull requests the way GitHub and GitLab do: with plumbing in the bare
 * repository (merge-tree / read-tree, commit-tree, update-ref), under another committer, running no hooks.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SERVER_COMMITTER = {
  GIT_COMMITTER_NAME: 'GitHub',
  GIT_COMMITTER_EMAIL: 'noreply@github.com',
  GIT_COMMITTER_DATE: '1760000000 +0000',
};
const PR_AUTHOR = {
  GIT_AUTHOR_NAME: 'Pat Reviewer',
  GIT_AUTHOR_EMAIL: 'pat@example.invalid',
  GIT_AUTHOR_DATE: '1760000000 +0000',
};
export const SERVER_COMMITTER_AND_AUTHOR = { ...SERVER_COMMITTER, ...PR_AUTHOR };

export function serverGit(
  bare: string,
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
): string {
  return execFileSync('git', ['--git-dir', bare, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input: input ?? '',
    stdio: ['pipe', 'pipe', 'pipe'],
  }).replace(/\n$/, '');
}

/** GitHub keeps every pull request's head as refs/pull/N/head, also after the merge. */
export function openPullRequest(bare: string, n: number, branch: string): string {
  const head = serverGit(bare, ['rev-parse', `refs/heads/${branch}`]);
  serverGit(bare, ['update-ref', `refs/pull/${n}/head`, head]);
  return head;
}

/** The tree of merging `a` and `b` (no conflicts expected). */
function mergedTree(bare: string, a: string, b: string): string {
  return serverGit(bare, ['merge-tree', '--write-tree', a, b]).split('\n')[0];
}

function advance(bare: string, branch: string, next: string, previous: string): void {
  serverGit(bare, ['update-ref', `refs/heads/${branch}`, next, previous]);
}

/** GitHub "Squash and merge": one new commit on `target` with the merged tree. Returns it. */
export function squashMerge(bare: string, target: string, head: string, title: string): string {
  const tip = serverGit(bare, ['rev-parse', `refs/heads/${target}`]);
  const commit = serverGit(
    bare,
    ['commit-tree', mergedTree(bare, tip, head), '-p', tip],
    { ...SERVER_COMMITTER, ...PR_AUTHOR },
    `${title}\n\n* squashed commits\n`,
  );
  advance(bare, target, commit, tip);
  return commit;
}

/** GitHub "Rebase and merge": each pull-request commit re-created on `target` (authors kept, committer changed). Returns the new commits, oldest first. */
export function rebaseMerge(bare: string, target: string, head: string): string[] {
  const tip = serverGit(bare, ['rev-parse', `refs/heads/${target}`]);
  const commits = serverGit(bare, ['rev-list', '--reverse', '--no-merges', head, `^${tip}`])
    .split('\n')
    .filter(Boolean);
  const index = path.join(bare, `rebase-${process.pid}.index`);
  let onto = tip;
  const created: string[] = [];
  try {
    for (const c of commits) {
      // Three-way merge of the commit's change onto the new base, in a private index (no work tree, no hooks).
      serverGit(bare, ['read-tree', '-m', '-i', '--aggressive', `${c}^`, onto, c], { GIT_INDEX_FILE: index });
      const tree = serverGit(bare, ['write-tree'], { GIT_INDEX_FILE: index });
      const [name, email, date] = serverGit(bare, ['show', '-s', '--format=%an%x00%ae%x00%ad', '--date=raw', c]).split(
        '\0',
      );
      const message = serverGit(bare, ['show', '-s', '--format=%B', c]);
      onto = serverGit(
        bare,
        ['commit-tree', tree, '-p', onto],
        { ...SERVER_COMMITTER, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date },
        message,
      );
      created.push(onto);
    }
  } finally {
    fs.rmSync(index, { force: true });
  }
  advance(bare, target, onto, tip);
  return created;
}

/**
 * GitLab "Merge commit" with "Squash commits": a squash commit on the merge base holding the branch's tree, then a
 * merge commit of it into `target`. Returns both.
 */
export function gitlabSquashMerge(
  bare: string,
  target: string,
  head: string,
  title: string,
): { squash: string; merge: string } {
  const tip = serverGit(bare, ['rev-parse', `refs/heads/${target}`]);
  const base = serverGit(bare, ['merge-base', tip, head]);
  const gitlab = {
    GIT_COMMITTER_NAME: 'GitLab',
    GIT_COMMITTER_EMAIL: 'gitlab@example.invalid',
    GIT_COMMITTER_DATE: '1760000100 +0000',
  };
  const squash = serverGit(
    bare,
    ['commit-tree', `${head}^{tree}`, '-p', base],
    { ...gitlab, ...PR_AUTHOR },
    `${title}\n`,
  );
  const merge = serverGit(
    bare,
    ['commit-tree', mergedTree(bare, tip, squash), '-p', tip, '-p', squash],
    { ...gitlab, ...PR_AUTHOR },
    `Merge branch 'feature' into '${target}'\n\n${title}\n\nSee merge request group/project!1\n`,
  );
  advance(bare, target, merge, tip);
  return { squash, merge };
}

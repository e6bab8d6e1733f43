/**
 * `ai-provenance ci carry` (#12): a bare "server" squash-merges or rebase-merges a pull request with plumbing, under
 * another committer and with no hooks, as GitHub does (and GitLab with a squash + merge commit). The job steps run as
 * written in action.yml and docs/examples/gitlab-ci.yml; then a fresh clone fetching the notes sees the AI lines on
 * main in blame and report exactly as on the pull request's head.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { findRepo } from '../../../src/git/repo';
import { carryNotes } from '../../../src/git/rewrite/carry';
import { pushNotes } from '../../../src/git/rewrite/notesSync';
import { initRepoAt, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { CLI_PATH, COPILOT, hookEnv, lines, numbered } from '../commit/helpers/hookRepo';
import { originWithClones, type Clone } from '../rewrite/notesHelpers';
import {
  SERVER_COMMITTER_AND_AUTHOR,
  gitlabSquashMerge,
  openPullRequest,
  rebaseMerge,
  serverGit,
  squashMerge,
} from './serverMerge';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The hooks' time limit is not under test here: a loaded machine must not cost a commit its note. */
const SLOW_OK = { AI_PROVENANCE_HOOK_TIMEOUT_MS: '120000' };

interface Step {
  readonly name: string;
  readonly id?: string;
  readonly env?: Record<string, string>;
  readonly run?: string;
}

/** The `run` script of action.yml's step `id`, and its env with the ${{ }} expressions replaced by `values`. */
function actionStep(id: string, values: Record<string, string>): { script: string; env: Record<string, string> } {
  const action = yaml.load(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
  const step = action.runs.steps.find((s) => s.id === id);
  assert.ok(step?.run, `action.yml has a run step ${id}`);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.env ?? {})) {
    env[key] = value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      assert.ok(expr in values, `a value for ${expr}`);
      return values[expr];
    });
  }
  return { script: step.run, env };
}

function bash(cwd: string, script: string, env: Record<string, string>): string {
  const r = spawnSync('bash', ['-c', script], { cwd, env: hookEnv(env), encoding: 'utf8' });
  assert.equal(r.status, 0, `script failed:\n${script}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

interface BlameRow {
  readonly text: string;
  readonly authorship: string;
  readonly tools: string;
}

function blame(repo: TempRepo, file: string, rev: string): BlameRow[] {
  const r = spawnSync(process.execPath, [CLI_PATH, 'blame', file, '--rev', rev, '--json'], {
    cwd: repo.root,
    env: hookEnv(),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as {
    lines: Array<{ text: string; authorship: string; origins: Array<{ tool?: string; model?: string }> }>;
  };
  return result.lines.map((l) => ({
    text: l.text,
    authorship: l.authorship,
    tools: l.origins.map((o) => `${o.tool}/${o.model}`).join(','),
  }));
}

function reportTotals(repo: TempRepo, range: string): unknown {
  const r = spawnSync(process.execPath, [CLI_PATH, 'report', range, '--format', 'json'], {
    cwd: repo.root,
    env: hookEnv(),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as {
    totals: unknown;
    files: Array<{ path: string; counts: unknown }>;
    byTool: unknown;
  };
  return { totals: report.totals, files: report.files.map((f) => [f.path, f.counts]), byTool: report.byTool };
}

function aiCount(rows: readonly BlameRow[]): number {
  return rows.filter((r) => r.authorship === 'ai' || r.authorship === 'mixed').length;
}

describe('ci carry: server-side squash and rebase merges', function () {
  this.timeout(180_000);
  let dir: string;
  let server: string;
  let dev: Clone;
  let other: Clone;
  let baseBefore: string;
  let prHead: string;

  beforeEach(async () => {
    dir = makeTempDir('aiprov-carry-');
    ({
      origin: server,
      clones: [dev, other],
    } = await originWithClones(dir, ['dev', 'other']));
    // The pull request: three commits by the developer, with the hooks writing real notes.
    dev.run(['checkout', '-q', '-b', 'feature']);
    dev.writeAi('app.js', numbered('app', 12), lines(3, 7));
    dev.commitHooked('feature: app', SLOW_OK);
    dev.writeAi('lib/util.py', numbered('util', 8), [1, 2, 8], COPILOT);
    dev.write('app.js', numbered('app', 12).replace('app 10\n', 'app 10 edited by hand\n') + 'app tail\n');
    dev.commitHooked('feature: util', SLOW_OK);
    // An AI line (5) fixed by hand, and four new AI lines.
    const app = (
      numbered('app', 12).replace('app 10\n', 'app 10 edited by hand\n') +
      'app tail\n' +
      numbered('more', 4)
    ).replace('app 5\n', 'app 5 fixed by hand\n');
    dev.writeAi('app.js', app, lines(14, 17));
    dev.commitHooked('feature: more', SLOW_OK);
    dev.run(['push', '-q', 'origin', 'feature']);
    assert.equal((await pushNotes(dev.info)).pushed, true);
    // Meanwhile main moves on (another file), so the merge is not a fast-forward.
    other.write('other.txt', 'unrelated\n');
    other.run(['add', 'other.txt']);
    other.run(['commit', '-q', '-m', 'main moves on']);
    other.run(['push', '-q', 'origin', 'main']);
    baseBefore = serverGit(server, ['rev-parse', 'main']);
    prHead = openPullRequest(server, 1, 'feature');
    // The branch is deleted on merge, as teams usually do: only refs/pull/1/head keeps the commits.
    serverGit(server, ['update-ref', '-d', 'refs/heads/feature']);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function clone(name: string): TempRepo {
    const r = spawnSync('git', ['clone', '-q', server, path.join(dir, name)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return initRepoAt(path.join(dir, name));
  }

  /** The GitHub job for `pull_request: closed` (merged), run as action.yml writes it. */
  function runCarryStep(merged: string): string {
    const ci = clone('ci');
    // The CI runner has no git identity: notes commits must still work.
    ci.git(['config', '--unset', 'user.name']);
    ci.git(['config', '--unset', 'user.email']);
    const { script, env } = actionStep('carry', {
      'github.action_path': path.dirname(path.dirname(CLI_PATH)).replace(/\/src$/, ''),
      'inputs.remote': 'origin',
      'github.event.pull_request.number': '1',
      'github.event.pull_request.head.sha': prHead,
      'github.event.pull_request.merge_commit_sha': merged,
      'github.event.pull_request.base.ref': 'main',
    });
    return bash(ci.root, script.replace(/\$AIP_CLI/g, CLI_PATH), env);
  }

  /** A fresh clone with the notes: main's blame and report equal the pull request head's. */
  function assertSameAsBranch(mainRange: string | null = `${baseBefore}..origin/main`): void {
    const fresh = clone('fresh');
    fresh.git(['fetch', '-q', 'origin', '+refs/pull/1/head:refs/remotes/origin/pr-1', '+refs/notes/*:refs/notes/*']);
    for (const file of ['app.js', 'lib/util.py']) {
      const onMain = blame(fresh, file, 'origin/main');
      const onBranch = blame(fresh, file, 'origin/pr-1');
      assert.ok(aiCount(onBranch) > 0, `${file} has AI lines on the branch`);
      assert.deepEqual(onMain, onBranch, `${file}: main's blame equals the branch's`);
    }
    if (mainRange !== null)
      assert.deepEqual(reportTotals(fresh, mainRange), reportTotals(fresh, `${baseBefore}..origin/pr-1`));
  }

  it("squash and merge: the squash commit gets the AI lines of all the pull request's commits", async () => {
    const squash = squashMerge(server, 'main', prHead, 'Feature (#1)');
    // Before the carry, main shows the merged AI code as human.
    const before = clone('before');
    before.git(['fetch', '-q', 'origin', '+refs/notes/*:refs/notes/*']);
    assert.equal(aiCount(blame(before, 'app.js', 'origin/main')), 0);

    const out = runCarryStep(squash);
    assert.match(
      out,
      new RegExp(`${squash.slice(0, 12)}: 11 AI line\\(s\\) in 2 file\\(s\\) from 3 commit\\(s\\) \\(squash\\)`),
    );
    assert.match(out, /pushed refs\/notes\/ai-provenance to origin/);
    assertSameAsBranch();
    // Carrying again changes nothing.
    const again = (
      await carryNotes((await findRepo(path.join(dir, 'ci')))!, { head: prHead, onto: squash, remote: 'origin' })
    ).targets;
    assert.deepEqual(
      again.map((t) => t.written),
      [false],
    );
  });

  it("rebase and merge: each re-created commit gets its own original's lines", () => {
    const created = rebaseMerge(server, 'main', prHead);
    assert.equal(created.length, 3);
    const out = runCarryStep(created[2]);
    for (const c of created)
      assert.match(
        out,
        new RegExp(`${c.slice(0, 12)}: \\d+ AI line\\(s\\) in 1 file\\(s\\) from [0-9a-f]{12} \\(rebase\\)`),
      );
    assertSameAsBranch();
  });

  it("a plain merge commit: nothing to carry, the pull request's own notes apply", () => {
    const tip = serverGit(server, ['rev-parse', 'main']);
    const tree = serverGit(server, ['merge-tree', '--write-tree', tip, prHead]).split('\n')[0];
    const merge = serverGit(
      server,
      ['commit-tree', tree, '-p', tip, '-p', prHead],
      SERVER_COMMITTER_AND_AUTHOR,
      'Merge pull request #1\n',
    );
    serverGit(server, ['update-ref', 'refs/heads/main', merge, tip]);
    assert.match(runCarryStep(merge), /nothing to carry/);
    // Blame only: a report across a merge commit is the merge-aware range replay's business (#12.2), not the carry's.
    assertSameAsBranch(null);
  });

  it('GitLab: a squash commit merged with a merge commit, carried by the job template', () => {
    const { squash, merge } = gitlabSquashMerge(server, 'main', prHead, 'Feature');
    serverGit(server, ['update-ref', 'refs/merge-requests/1/head', prHead]);
    const ci = clone('ci');
    const template = yaml.load(fs.readFileSync(path.join(ROOT, 'docs', 'examples', 'gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { script: string[]; rules: unknown[] }
    >;
    const job = template['ai-provenance-carry'];
    assert.ok(job.rules.length > 0);
    const out = bash(ci.root, job.script.join('\n'), {
      CI_COMMIT_BEFORE_SHA: baseBefore,
      CI_COMMIT_SHA: merge,
      AIP_CLI: CLI_PATH,
    });
    assert.match(
      out,
      new RegExp(`${squash.slice(0, 12)}: 11 AI line\\(s\\) in 2 file\\(s\\) from 3 commit\\(s\\) \\(squash\\)`),
    );
    // The report over the squash commit itself (a report across the merge commit is #12.2's merge-aware replay).
    assertSameAsBranch(`${squash}^..${squash}`);
  });
});

/**
 * The editor's precomputed commit (src/git/commit/precompute.ts) applied by the real sh hooks under real git:
 * the same commit made with and without it gives the same message, the same note (but for its id, time and
 * revision) and the same working state; the sh path is proven taken (no node log line, its own log line) or not
 * taken (node's lines) by what each path logs. Anything stale (tree, HEAD, a record, the git command) means node.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { AgentTraceRecord } from '../../../src/core/commit/agentTrace';
import { parsePrecommitPlan } from '../../../src/core/commit/precommit';
import { precomputeCommit, precommitDir } from '../../../src/git/commit/precompute';
import { installHooks } from '../../../src/git/hooks/install';
import { findRepo } from '../../../src/git/repo';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { makeTempDir } from '../helpers/tempRepo';
import { CLI_PATH, COPILOT, createHookedRepo, hookEnv, type HookRepo } from './helpers/hookRepo';

const SH_NOTE = '(precomputed by the editor)';

function stateDir(repo: HookRepo): string {
  return path.join(repo.root, '.git', 'ai-provenance');
}

/** The working state as files: record names and contents, stash files (the log and our own artefacts aside). */
function stateSnapshot(repo: HookRepo): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ['files', 'commit']) {
    const dir = path.join(stateDir(repo), sub);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      // `updated` is a clock reading (the two repositories' records were written at different times).
      out[`${sub}/${name}`] = sub === 'files' ? JSON.stringify({ ...JSON.parse(text), updated: '-' }) : text;
    }
  }
  return out;
}

/** A note without what differs by construction between two writes (its uuid, time and commit). */
function comparable(records: AgentTraceRecord[]): unknown {
  return records.map((r) => ({ ...r, id: '-', timestamp: '-', vcs: { ...r.vcs!, revision: '-' } }));
}

/** Both repositories get the same work: two AI files (one by Claude Code, one by Copilot) and a human edit. */
function stageSameWork(repo: HookRepo): void {
  repo.writeAi('src/a.ts', 'export const a = 1;\nexport const b = compute(2);\nconst human = 3;\n', [1, 2]);
  repo.writeAi('src/b.py', 'def f():\n    return 42\n', [2], COPILOT);
  repo.write('README.md', '# temp\n\nhuman words\n');
  repo.run(['add', '-A']);
}

function tookShPath(repo: HookRepo): boolean {
  const log = repo.logText();
  return log.includes(SH_NOTE) && !/prepare-commit-msg: \d+ AI line/.test(log);
}

async function precompute(repo: HookRepo): Promise<string> {
  const outcome = await precomputeCommit(repo.root, hookEnv());
  assert.equal(outcome.state, 'written', JSON.stringify(outcome));
  return outcome.state === 'written' ? outcome.key : '';
}

describe('commit: the editor precomputed, the sh hooks apply', function () {
  this.timeout(60_000);
  let repos: HookRepo[] = [];
  const fresh = async () => {
    const repo = await createHookedRepo();
    repos.push(repo);
    return repo;
  };
  afterEach(() => {
    for (const r of repos) r.cleanup();
    repos = [];
  });

  it('a -m commit gives the message, note and working state node gives, without starting node', async () => {
    const [fast, slow] = [await fresh(), await fresh()];
    for (const repo of [fast, slow]) stageSameWork(repo);
    await precompute(fast);
    // The hooks' node must not run: a launcher that fails loudly would still let the commit through, so check logs.
    for (const repo of [fast, slow]) repo.run(['commit', '-q', '-m', 'Add the thing\n\nBody line.']);
    assert.ok(tookShPath(fast), fast.logText());
    assert.ok(!slow.logText().includes(SH_NOTE));
    assert.match(slow.logText(), /prepare-commit-msg: 3 AI line/);
    assert.equal(fast.message(), slow.message());
    assert.match(fast.message(), /^Assisted-by: /m);
    assert.deepEqual(comparable(fast.records()), comparable(slow.records()));
    assert.equal(fast.records()[0]?.vcs?.revision, fast.run(['rev-parse', 'HEAD']));
    assert.deepEqual(
      fast.noteLines(),
      new Map([
        ['src/a.ts', [1, 2]],
        ['src/b.py', [2]],
      ]),
    );
    assert.deepEqual(stateSnapshot(fast), stateSnapshot(slow));
    // Used up: nothing of the plan is left behind.
    assert.deepEqual(fs.readdirSync(precommitDir(stateDir(fast))), []);
  });

  it('keeps records the commit did not settle and a user trailer block, exactly as node does', async () => {
    const [fast, slow] = [await fresh(), await fresh()];
    for (const repo of [fast, slow]) {
      stageSameWork(repo);
      // AI text saved but not staged: its record stays for the next commit.
      repo.writeAi('later.ts', 'later();\n', [1]);
    }
    for (const repo of [fast, slow]) repo.run(['reset', '-q', '--', 'later.ts']);
    await precompute(fast);
    for (const repo of [fast, slow])
      repo.run(['commit', '-q', '-m', 'Subject\n\nSigned-off-by: A Person <a@example.invalid>']);
    assert.ok(tookShPath(fast), fast.logText());
    assert.equal(fast.message(), slow.message());
    assert.deepEqual(comparable(fast.records()), comparable(slow.records()));
    assert.deepEqual(stateSnapshot(fast), stateSnapshot(slow));
    assert.equal(Object.keys(stateSnapshot(fast)).filter((k) => k.startsWith('files/')).length, 1);
  });

  it('appends the trailers itself only where git finds no trailer block; every message ends as node ends it', async () => {
    const [fast, slow] = [await fresh(), await fresh()];
    // Verbatim: git hands the hook the message as given (no final newline, trailing blank lines and all).
    for (const repo of [fast, slow]) repo.run(['config', 'commit.cleanup', 'verbatim']);
    const messages = [
      'Plain subject\n',
      'Subject\n\nA body line\nand another\n',
      'fix: a subject with a colon\n',
      'Subject\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n',
      'No newline at the end',
      'Trailing blank lines\n\n\n',
      'A tab\there\n',
      'Subject\n\nReviewed-by: A Person <a@example.invalid>\n',
    ];
    const body = (repo: HookRepo) => repo.run(['cat-file', 'commit', 'HEAD']).split('\n\n').slice(1).join('\n\n');
    for (const [i, text] of messages.entries()) {
      for (const repo of [fast, slow]) {
        repo.writeAi(`src/m${i}.ts`, `export const m${i} = compute(${i});\nconst h = ${i};\n`, [1]);
        repo.run(['add', '-A']);
        fs.writeFileSync(path.join(repo.root, '.git', 'msg.txt'), text);
      }
      await precompute(fast);
      for (const repo of [fast, slow]) repo.run(['commit', '-q', '-F', '.git/msg.txt']);
      assert.equal(fast.logText().split(SH_NOTE).length - 1, i + 1, `${JSON.stringify(text)}: ${fast.logText()}`);
      assert.doesNotMatch(fast.logText(), /prepare-commit-msg: \d+ AI line/);
      assert.equal(body(fast), body(slow), JSON.stringify(text));
      assert.match(body(fast), /^Assisted-by: /m);
    }
  });

  it('reads HEAD from a loose ref, a detached HEAD, or asks git when the branch is packed', async () => {
    // The first note names a path sh would expand if the post file quoted it wrongly.
    const [fast, slow] = [await fresh(), await fresh()];
    const steps: Array<(repo: HookRepo) => void> = [
      () => undefined,
      (r) => r.run(['checkout', '-q', '--detach']),
      (r) => (r.run(['checkout', '-q', '-B', 'main']), r.run(['pack-refs', '--all'])),
    ];
    for (const [i, step] of steps.entries()) {
      for (const repo of [fast, slow]) {
        step(repo);
        repo.writeAi(`src/h${i}${i === 0 ? " it's $HOME `id`" : ''}.ts`, `export const h${i} = compute(${i});\n`, [1]);
        repo.run(['add', '-A']);
      }
      await precompute(fast);
      if (i === 2) assert.ok(!fs.existsSync(path.join(fast.root, '.git', 'refs', 'heads', 'main')), 'main is packed');
      for (const repo of [fast, slow]) repo.run(['commit', '-q', '-m', `Step ${i}`]);
      assert.equal(fast.logText().split(SH_NOTE).length - 1, i + 1, fast.logText());
      assert.equal(fast.message(), slow.message());
      assert.deepEqual(comparable(fast.records()), comparable(slow.records()));
      assert.deepEqual([...fast.noteLines().keys()], [...slow.noteLines().keys()]);
    }
    assert.deepEqual([...fast.noteLines('HEAD~2').keys()], ["src/h0 it's $HOME `id`.ts"]);
  });

  it("writes the note without our own reference-transaction hook (a no-op for it), never without the user's", async () => {
    // Ours alone: fed the notes ref update, it ends before starting any process (a git on PATH would log a call).
    const repo = await fresh();
    const bin = makeTempDir('aiprov-gitlog-');
    const calls = path.join(bin, 'calls');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${realGit}' "$@"\n`);
    fs.chmodSync(path.join(bin, 'git'), 0o755);
    const feed = (ref: string) => {
      for (const phase of ['prepared', 'committed']) {
        const r = spawnSync('sh', ['.git/hooks/reference-transaction', phase], {
          cwd: repo.root,
          env: hookEnv({ PATH: `${bin}:${process.env.PATH ?? ''}` }),
          input: `${'0'.repeat(40)} ${repo.run(['rev-parse', 'HEAD'])} ${ref}\n`,
        });
        assert.equal(r.status, 0);
      }
      return fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : '';
    };
    assert.equal(feed('refs/notes/ai-provenance'), '');
    // The same hook does start git for a ref it acts on (the logging git above works; node's stash handling runs it).
    assert.notEqual(feed('refs/stash'), '');

    // A user's reference-transaction hook (chained by ours) still sees the sh path's note update.
    const user = await fresh();
    const seen = path.join(makeTempDir('aiprov-refs-'), 'seen');
    fs.rmSync(path.join(user.root, '.git', 'hooks', 'reference-transaction'));
    fs.writeFileSync(
      path.join(user.root, '.git', 'hooks', 'reference-transaction'),
      `#!/bin/sh\n[ "$1" = committed ] && cat >> '${seen}'\nexit 0\n`,
      { mode: 0o755 },
    );
    await installHooks((await findRepo(user.root))!, { cliPath: CLI_PATH });
    stageSameWork(user);
    await precompute(user);
    user.run(['commit', '-q', '-m', 'With a user hook']);
    assert.ok(tookShPath(user), user.logText());
    assert.match(fs.readFileSync(seen, 'utf8'), / refs\/notes\/ai-provenance$/m);
  });

  it('the plan names the staged tree and HEAD; a second precompute of the same state writes nothing', async () => {
    const repo = await fresh();
    stageSameWork(repo);
    const key = await precompute(repo);
    const plan = parsePrecommitPlan(fs.readFileSync(path.join(precommitDir(stateDir(repo)), `${key}.plan`), 'utf8'));
    assert.equal(plan.tree, repo.run(['write-tree']));
    assert.equal(plan.head, repo.run(['rev-parse', 'HEAD']));
    assert.equal(plan.settleCount, 2);
    assert.deepEqual((await precomputeCommit(repo.root, hookEnv())).state, 'current');
    // The editor never takes the index lock: a user's git command holding it at that moment is not disturbed.
    const lock = path.join(repo.root, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    repo.write('more.txt', 'more\n');
    fs.rmSync(lock);
    repo.run(['add', 'more.txt']);
    fs.writeFileSync(lock, '');
    assert.equal((await precomputeCommit(repo.root, hookEnv())).state, 'written');
    assert.ok(fs.existsSync(lock));
    fs.rmSync(lock);
  });

  const stale: Array<[string, (repo: HookRepo) => void, string[]?]> = [
    ['the staged tree changed', (r) => (r.write('more.txt', 'more\n'), r.run(['add', 'more.txt']))],
    [
      'HEAD moved',
      (r) => r.run(['update-ref', 'HEAD', r.run(['commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', 'other'])]),
    ],
    ['a record changed', (r) => r.writeAi('other.ts', 'other();\n', [1])],
    ['commit -a takes an unstaged change', (r) => r.write('src/b.py', 'def f():\n    return 43\n'), ['-a']],
    ['the message already has our trailer', () => undefined, ['-m', 'x', '-m', 'AI-Assisted: 50% of added lines']],
    ['the config changed', (r) => r.run(['config', 'aiprovenance.trailers', 'summary'])],
  ];
  for (const [what, change, extra] of stale) {
    it(`node decides when ${what} since the precompute, and writes what it writes without one`, async () => {
      const [fast, slow] = [await fresh(), await fresh()];
      for (const repo of [fast, slow]) stageSameWork(repo);
      await precompute(fast);
      for (const repo of [fast, slow]) {
        change(repo);
        repo.run(['commit', '-q', ...(extra?.includes('-m') ? extra : [...(extra ?? []), '-m', 'Change'])]);
      }
      assert.ok(!fast.logText().includes(SH_NOTE), fast.logText());
      assert.equal(fast.message(), slow.message());
      assert.deepEqual(comparable(fast.records()), comparable(slow.records()));
      assert.deepEqual(stateSnapshot(fast), stateSnapshot(slow));
    });
  }

  it("an amend (--amend -m) is node's: its parent is not the planned one", async () => {
    const [fast, slow] = [await fresh(), await fresh()];
    for (const repo of [fast, slow]) {
      repo.writeAi('first.ts', 'first();\n', [1]);
      repo.run(['add', '-A']);
      repo.run(['commit', '-q', '-m', 'First']);
      stageSameWork(repo);
    }
    await precompute(fast);
    for (const repo of [fast, slow]) repo.run(['commit', '-q', '--amend', '-m', 'First, amended']);
    assert.ok(!fast.logText().includes(SH_NOTE), fast.logText());
    assert.equal(fast.message(), slow.message());
    assert.deepEqual(comparable(fast.records()), comparable(slow.records()));
    assert.deepEqual(fast.noteLines(), slow.noteLines());
  });

  it('refuses a recommit after a reset (node carries the reset-away notes) and a merge in progress', async () => {
    const repo = await fresh();
    repo.writeAi('first.ts', 'first();\n', [1]);
    repo.commitHooked('First');
    repo.run(['reset', '-q', '--soft', 'HEAD~1']);
    stageSameWork(repo);
    const outcome = await precomputeCommit(repo.root, hookEnv());
    assert.deepEqual(outcome, { state: 'refused', reason: 'the commit would carry notes of other commits' });
    repo.run(['checkout', '-q', '-B', 'main']);
    await precompute(repo);
    fs.writeFileSync(path.join(repo.root, '.git', 'MERGE_HEAD'), repo.run(['rev-parse', 'HEAD']) + '\n');
    assert.deepEqual(await precomputeCommit(repo.root, hookEnv()), { state: 'refused', reason: 'MERGE_HEAD exists' });
    // Refusing removes the plans: nothing stale is left for the hooks.
    assert.deepEqual(fs.readdirSync(precommitDir(stateDir(repo))), []);
  });

  it('post-commit leaves a record that changed after prepare-commit-msg to node, which keeps its new AI text', async () => {
    const repo = await fresh();
    stageSameWork(repo);
    await precompute(repo);
    // What the editor will save between the two hooks: a new AI line in src/a.ts (its file and its record).
    const store = WorkingStateStore.at(stateDir(repo));
    const recordFile = store.recordFile('src/a.ts');
    const before = [fs.readFileSync(recordFile), fs.readFileSync(path.join(repo.root, 'src/a.ts'))];
    repo.writeAi(
      'src/a.ts',
      'export const a = 1;\nexport const b = compute(2);\nconst human = 3;\nmore();\n',
      [1, 2, 4],
    );
    const saved = makeTempDir('aiprov-saved-');
    fs.copyFileSync(recordFile, path.join(saved, 'record'));
    fs.copyFileSync(path.join(repo.root, 'src/a.ts'), path.join(saved, 'a.ts'));
    fs.writeFileSync(recordFile, before[0]);
    fs.writeFileSync(path.join(repo.root, 'src/a.ts'), before[1]);
    fs.writeFileSync(path.join(repo.root, '.git', 'COMMIT_EDITMSG'), 'Change\n');
    // One parent process for both hooks, as git is for a commit.
    const script = [
      'sh .git/hooks/prepare-commit-msg .git/COMMIT_EDITMSG message',
      'git -c core.hooksPath=/dev/null commit -q -F .git/COMMIT_EDITMSG',
      `cp "${saved}/record" "${recordFile}"`,
      `cp "${saved}/a.ts" src/a.ts`,
      'sh .git/hooks/post-commit',
    ].join(' && ');
    const r = spawnSync('sh', ['-c', script], { cwd: repo.root, env: hookEnv({ GIT_EDITOR: ':' }), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!repo.logText().includes(SH_NOTE), 'post-commit must not take the sh path');
    assert.ok(fs.existsSync(path.join(precommitDir(stateDir(repo)), 'used')), 'prepare-commit-msg took the sh path');
    assert.doesNotMatch(repo.logText(), /prepare-commit-msg: \d+ AI line/);
    assert.match(repo.message(), /^Assisted-by: /m);
    assert.deepEqual(
      repo.noteLines(),
      new Map([
        ['src/a.ts', [1, 2]],
        ['src/b.py', [2]],
      ]),
    );
    // The record saved between the hooks keeps its uncommitted AI line; b.py's was settled.
    const remaining = await store.read('src/a.ts');
    assert.ok(remaining, 'the new record is kept');
    assert.deepEqual(await store.read('src/b.py'), undefined);
  });
});

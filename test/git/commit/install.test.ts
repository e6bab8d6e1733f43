/**
 * `ai-provenance hooks install|uninstall|status` against real repositories: chaining of existing hooks (same
 * arguments and stdin, prepare-commit-msg's exit code kept), core.hooksPath and husky's `.husky/_`, idempotence,
 * and an uninstall that restores the original files byte for byte, mode included.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOK_MARKER, MANAGED_HOOKS } from '../../../src/git/hooks/hookScripts';
import { hooksStatus, installHooks, uninstallHooks, HookInstallError } from '../../../src/git/hooks/install';
import { findRepo, type RepoInfo } from '../../../src/git/repo';
import { CLI_PATH, createHookedRepo, extendRepo, hookEnv, type HookRepo } from './helpers/hookRepo';

function snapshot(dir: string): Map<string, { bytes: string; mode: number }> {
  const out = new Map<string, { bytes: string; mode: number }>();
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.lstatSync(file);
    if (stat.isFile()) out.set(name, { bytes: fs.readFileSync(file, 'base64'), mode: stat.mode & 0o7777 });
  }
  return out;
}

/** A hook that appends its name, arguments and stdin to `log`, then exits with `code`. */
function recordingHook(log: string, name: string, code = 0, readStdin = false): string {
  return `#!/bin/sh\n# user's own ${name}\nprintf '%s %s\\n' '${name}' "$*" >> '${log}'\n${readStdin ? `cat >> '${log}'\n` : ''}exit ${code}\n`;
}

describe('hooks install / uninstall / status', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  let info: RepoInfo;
  beforeEach(async () => {
    repo = await createHookedRepo({ install: false });
    info = (await findRepo(repo.root)) as RepoInfo;
  });
  afterEach(() => repo.cleanup());

  it('installs every hook, the launcher and the notes config; a second install changes nothing', async () => {
    const first = await installHooks(info, { cliPath: CLI_PATH });
    assert.deepEqual(
      first.actions.map((a) => a.action),
      MANAGED_HOOKS.map(() => 'installed'),
    );
    const hooksDir = path.join(repo.root, '.git', 'hooks');
    const after = snapshot(hooksDir);
    for (const hook of MANAGED_HOOKS) {
      assert.ok(after.get(hook)!.mode & 0o100, `${hook} is executable`);
      assert.ok(Buffer.from(after.get(hook)!.bytes, 'base64').toString().includes(HOOK_MARKER));
    }
    const status = await hooksStatus(info);
    assert.deepEqual(
      status.hooks.map((h) => h.state),
      MANAGED_HOOKS.map(() => 'installed'),
    );
    assert.equal(status.launcher.cliPath, CLI_PATH);
    assert.equal(status.launcher.cliExists, true);
    assert.equal(status.notesRewriteRef, true);
    const second = await installHooks(info, { cliPath: CLI_PATH });
    assert.deepEqual(
      second.actions.map((a) => a.action),
      MANAGED_HOOKS.map(() => 'unchanged'),
    );
    assert.deepEqual(snapshot(hooksDir), after);
    assert.deepEqual(repo.run(['config', '--get-all', 'notes.rewriteRef']).split('\n'), ['refs/notes/ai-provenance']);
  });

  it('chains existing hooks with the same arguments and stdin, and uninstall restores them exactly', async () => {
    const hooksDir = path.join(repo.root, '.git', 'hooks');
    const log = path.join(repo.root, '..', `${path.basename(repo.root)}-hooklog`);
    fs.writeFileSync(path.join(hooksDir, 'prepare-commit-msg'), recordingHook(log, 'pcm'), { mode: 0o750 });
    fs.writeFileSync(path.join(hooksDir, 'post-rewrite'), recordingHook(log, 'rewrite', 0, true), { mode: 0o700 });
    fs.writeFileSync(path.join(hooksDir, 'post-commit'), 'not executable: git never runs this\n', { mode: 0o644 });
    repo.run(['config', '--add', 'notes.rewriteRef', 'refs/notes/commits']);
    const before = snapshot(hooksDir);
    const report = await installHooks(info, { cliPath: CLI_PATH });
    assert.equal(report.actions.find((a) => a.hook === 'prepare-commit-msg')?.action, 'chained');
    repo.writeAi('x.js', 'x();\n', [1]);
    repo.commitHooked('chained');
    repo.run(['commit', '-q', '--amend', '--no-edit']);
    const logged = fs.readFileSync(log, 'utf8');
    assert.match(logged, /^pcm \.git\/COMMIT_EDITMSG message$/m);
    assert.match(logged, /^pcm \.git\/COMMIT_EDITMSG commit HEAD$/m);
    assert.match(logged, /^rewrite amend\n[0-9a-f]{40} [0-9a-f]{40}\n/m, 'post-rewrite got its argument and its stdin');
    assert.equal(repo.records().length, 1, 'our hooks ran too');
    assert.match(repo.message(), /^AI-Assisted:/m);

    const undone = await uninstallHooks(info);
    assert.equal(undone.restored.length, 3);
    assert.deepEqual(snapshot(hooksDir), before);
    assert.deepEqual(repo.run(['config', '--get-all', 'notes.rewriteRef']).split('\n'), ['refs/notes/commits']);
    assert.equal(repo.tryRun(['config', 'notes.rewrite.amend']).status, 1, 'only what install set is unset');
  });

  it('a failing original prepare-commit-msg still aborts the commit with its exit code', async () => {
    const log = path.join(repo.root, '..', `${path.basename(repo.root)}-hooklog`);
    fs.writeFileSync(path.join(repo.root, '.git', 'hooks', 'prepare-commit-msg'), recordingHook(log, 'pcm', 3), {
      mode: 0o755,
    });
    await installHooks(info, { cliPath: CLI_PATH });
    repo.writeAi('y.js', 'y();\n', [1]);
    repo.run(['add', '-A']);
    const head = repo.run(['rev-parse', 'HEAD']);
    const result = repo.tryRun(['commit', '-q', '-m', 'blocked']);
    assert.notEqual(result.status, 0);
    assert.equal(repo.run(['rev-parse', 'HEAD']), head);
    assert.ok(!fs.existsSync(path.join(repo.root, '.git', 'ai-provenance', 'commit', 'msg-pending')));
  });

  it('honours a relative core.hooksPath', async () => {
    repo.run(['config', 'core.hooksPath', '.githooks']);
    const report = await installHooks(info, { cliPath: CLI_PATH });
    assert.equal(report.hooksDir, path.join(repo.root, '.githooks'));
    repo.writeAi('z.js', 'z();\n', [1]);
    repo.commitHooked('custom hooks path');
    assert.equal(repo.records().length, 1);
    await uninstallHooks(info);
    assert.deepEqual(fs.readdirSync(path.join(repo.root, '.githooks')), []);
  });

  it("chains husky's .husky/_ stubs and survives husky regenerating them", async () => {
    const log = path.join(repo.root, '..', `${path.basename(repo.root)}-hooklog`);
    const underscore = path.join(repo.root, '.husky', '_');
    fs.mkdirSync(underscore, { recursive: true });
    fs.writeFileSync(path.join(underscore, '.gitignore'), '*\n');
    // husky v9: each stub sources `h`, which runs the user's script `.husky/<hook>`.
    fs.writeFileSync(
      path.join(underscore, 'h'),
      '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n',
    );
    const stub = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n';
    for (const hook of ['prepare-commit-msg', 'post-commit'])
      fs.writeFileSync(path.join(underscore, hook), stub, { mode: 0o755 });
    fs.writeFileSync(path.join(repo.root, '.husky', 'post-commit'), `echo husky-post-commit >> '${log}'\n`);
    repo.run(['config', 'core.hooksPath', '.husky/_']);
    await installHooks(info, { cliPath: CLI_PATH });
    repo.writeAi('h.js', 'h();\n', [1]);
    repo.commitHooked('with husky');
    assert.equal(fs.readFileSync(log, 'utf8'), 'husky-post-commit\n');
    assert.equal(repo.records().length, 1);
    // `npm install` runs husky again, which rewrites the stubs over ours.
    fs.writeFileSync(path.join(underscore, 'post-commit'), stub, { mode: 0o755 });
    assert.equal((await hooksStatus(info)).hooks.find((h) => h.hook === 'post-commit')?.state, 'foreign');
    await installHooks(info, { cliPath: CLI_PATH });
    assert.equal((await hooksStatus(info)).hooks.find((h) => h.hook === 'post-commit')?.state, 'installed');
    await uninstallHooks(info);
    assert.equal(fs.readFileSync(path.join(underscore, 'post-commit'), 'utf8'), stub);
  });

  it('a linked worktree runs the shared hooks with its own working state', async () => {
    await installHooks(info, { cliPath: CLI_PATH });
    const wtRoot = `${repo.root}-wt`;
    repo.run(['worktree', 'add', '-q', '-b', 'wt', wtRoot]);
    try {
      const wt = extendRepo({
        root: wtRoot,
        git: (args, cwd = wtRoot) => spawnSync('git', [...args], { cwd, encoding: 'utf8' }).stdout.replace(/\n$/, ''),
        write: (rel, content) => {
          fs.mkdirSync(path.dirname(path.join(wtRoot, rel)), { recursive: true });
          fs.writeFileSync(path.join(wtRoot, rel), content);
          return path.join(wtRoot, rel);
        },
        commitAll: () => '',
        cleanup: () => undefined,
      });
      wt.writeAi('w.js', 'w();\n', [1]);
      assert.ok(
        fs.readdirSync(path.join(repo.root, '.git', 'worktrees', path.basename(wtRoot), 'ai-provenance', 'files'))
          .length === 1,
      );
      wt.commitHooked('in the worktree');
      assert.match(wt.message(), /^AI-Assisted: 100% of added lines \(1\/1; agent 1\)$/m);
      assert.deepEqual([...repo.noteLines('wt')], [['w.js', [1]]], 'notes are shared with the main worktree');
    } finally {
      fs.rmSync(wtRoot, { recursive: true, force: true });
    }
  });

  it('refuses to replace hooks tracked in the repository unless forced', async () => {
    repo.write('.githooks/post-commit', '#!/bin/sh\nexit 0\n');
    repo.commitAll('tracked hooks');
    repo.run(['config', 'core.hooksPath', '.githooks']);
    await assert.rejects(installHooks(info, { cliPath: CLI_PATH }), HookInstallError);
    const report = await installHooks(info, { cliPath: CLI_PATH, force: true });
    assert.equal(report.actions.find((a) => a.hook === 'post-commit')?.action, 'chained');
  });

  it('the CLI: install, status (exit 0 when healthy, 1 when not), uninstall', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI_PATH, 'hooks', ...args], { cwd: repo.root, env: hookEnv(), encoding: 'utf8' });
    assert.equal(cli('status').status, 1);
    const installed = cli('install', '--cli', CLI_PATH);
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /prepare-commit-msg: installed/);
    const status = cli('status', '--json');
    assert.equal(status.status, 0);
    assert.equal(JSON.parse(status.stdout).launcher.cliPath, CLI_PATH);
    assert.equal(cli('install', '--cli', '/nonexistent/cli.js').status, 2);
    assert.equal(cli('status', '--cli', 'x').status, 2);
    assert.match(cli('uninstall').stdout, /removed .*prepare-commit-msg/);
    assert.equal(cli('status').status, 1);
  });
});

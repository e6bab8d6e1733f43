/**
 * The generated hook scripts themselves, under /bin/sh: valid syntax (a broken reference-transaction hook would
 * abort every ref update), stdin passed through exactly, and the early exits that keep git's frequent calls cheap.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CHAINED_SUFFIX,
  HOOK_MARKER,
  MANAGED_HOOKS,
  hookScript,
  isOurHookScript,
} from '../../../src/git/hooks/hookScripts';
import { hookPathsFrom } from '../../../src/git/commit/hookContext';
import { launcherScript, shQuote } from '../../../src/git/launcher';
import { makeTempDir } from '../helpers/tempRepo';
import { createHookedRepo } from './helpers/hookRepo';

describe('hook scripts', () => {
  it('every script is valid POSIX sh and carries the marker', () => {
    for (const hook of MANAGED_HOOKS) {
      const script = hookScript(hook);
      const r = spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });
      assert.equal(r.status, 0, `${hook}: ${r.stderr}`);
      assert.ok(isOurHookScript(script));
      assert.ok(script.startsWith(`#!/bin/sh\n${HOOK_MARKER}`));
    }
    assert.equal(spawnSync('sh', ['-n'], { input: launcherScript("/a b/it's/cli.js", '/usr/bin/node') }).status, 0);
    assert.equal(shQuote("it's"), `'it'\\''s'`);
  });

  it('passes stdin and arguments to the chained hook unchanged, and returns its status', () => {
    const dir = makeTempDir('aiprov-hookdir-');
    const hook = path.join(dir, 'post-rewrite');
    fs.writeFileSync(hook, hookScript('post-rewrite'), { mode: 0o755 });
    const out = path.join(dir, 'seen');
    fs.writeFileSync(hook + CHAINED_SUFFIX, `#!/bin/sh\nprintf '%s|' "$0" "$@" > '${out}'\ncat >> '${out}'\nexit 4\n`, {
      mode: 0o755,
    });
    // Outside any repository the hook stops after the chained one: exactly what git would have seen.
    const r = spawnSync(hook, ['amend'], {
      cwd: dir,
      input: 'old1 new1\nold2 new2\n',
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    assert.equal(r.status, 4);
    assert.equal(fs.readFileSync(out, 'utf8'), `${hook}|amend|old1 new1\nold2 new2\n`);
  });

  it('reference-transaction leaves at once for other states and other refs', () => {
    const dir = makeTempDir('aiprov-hookdir-');
    const hook = path.join(dir, 'reference-transaction');
    fs.writeFileSync(hook, hookScript('reference-transaction'), { mode: 0o755 });
    // No git on PATH: reaching the repository lookup would show as a failure to run `git`.
    const env = { PATH: '/nonexistent' };
    for (const [state, input] of [
      ['prepared', 'a b refs/stash\n'],
      ['committed', 'a b refs/heads/main\n'],
    ]) {
      const r = spawnSync('/bin/sh', [hook, state], { cwd: dir, input, encoding: 'utf8', env });
      assert.equal(r.status, 0, `${state}: ${r.stderr}`);
      assert.equal(r.stderr, '');
    }
  });

  it('the launcher runs the hook entry beside the CLI for git-hook and hook, the CLI for everything else', () => {
    const dir = makeTempDir('aiprov-launcher-');
    const seen = path.join(dir, 'seen');
    // A stand-in "node" that records which script it was asked to run.
    const fakeNode = path.join(dir, 'node');
    fs.writeFileSync(fakeNode, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${seen}'\n`, { mode: 0o755 });
    const cli = path.join(dir, 'cli.js');
    fs.writeFileSync(cli, '');
    const launcher = path.join(dir, 'ai-provenance');
    fs.writeFileSync(launcher, launcherScript(cli, fakeNode), { mode: 0o755 });
    const run = (...args: string[]) => spawnSync(launcher, args, { input: '', env: { PATH: process.env.PATH } });
    run('git-hook', 'post-commit');
    fs.writeFileSync(path.join(dir, 'hookLoader.js'), '');
    run('git-hook', 'post-commit');
    run('hook', 'claude-code');
    run('blame', 'a.ts');
    assert.deepEqual(fs.readFileSync(seen, 'utf8').trim().split('\n'), [
      cli,
      path.join(dir, 'hookLoader.js'),
      path.join(dir, 'hookLoader.js'),
      cli,
    ]);
  });

  it("finds a plain repository's paths without starting git, and asks git anywhere else", async () => {
    const repo = await createHookedRepo();
    // A git on PATH that logs its calls (run the scripts directly: git puts its exec path first for its hooks).
    const bin = makeTempDir('aiprov-gitlog-');
    const calls = path.join(bin, 'calls');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${realGit}' "$@"\n`, {
      mode: 0o755,
    });
    const gitCalls = (script: string, env: Record<string, string> = {}): string => {
      fs.rmSync(calls, { force: true });
      const r = spawnSync('sh', [script, '.git/COMMIT_EDITMSG'], {
        cwd: repo.root,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
      });
      assert.equal(r.status, 0);
      return fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : '';
    };
    // commit-msg with no trailers pending ends at once: as git runs it in a plain repository, without a process.
    assert.equal(gitCalls('.git/hooks/commit-msg'), '');
    // Work for node: it gets the very lines git would have printed, and the hook's folder, still without git.
    const state = path.join(repo.root, '.git', 'ai-provenance');
    fs.mkdirSync(path.join(state, 'commit'), { recursive: true });
    fs.writeFileSync(path.join(state, 'commit', `staged-${'0'.repeat(40)}.json`), '{}');
    const handed = path.join(bin, 'paths');
    fs.writeFileSync(
      path.join(state, 'bin', 'ai-provenance'),
      `#!/bin/sh\nprintf '%s' "$AI_PROVENANCE_HOOK_PATHS" > '${handed}'\n`,
    );
    assert.equal(gitCalls('.git/hooks/post-commit'), '');
    const fromGit = repo.run([
      'rev-parse',
      '--show-toplevel',
      '--git-dir',
      '--git-path',
      'ai-provenance',
      '--git-common-dir',
    ]);
    assert.equal(fs.readFileSync(handed, 'utf8'), `${fromGit}\n.git/hooks`);
    // GIT_DIR set (git sets it in a linked worktree), or the script run from elsewhere (core.hooksPath): git says.
    assert.match(gitCalls('.git/hooks/commit-msg', { GIT_DIR: '.git' }), /^rev-parse /m);
    assert.match(gitCalls(path.join(repo.root, '.git', 'hooks', 'commit-msg')), /^rev-parse /m);
  });

  it('node takes the paths the hook script found; malformed ones are ignored', () => {
    const paths = hookPathsFrom('/repo', '/repo\n.git\n.git/ai-provenance\n.git\n');
    assert.deepEqual(paths, {
      repo: { root: '/repo', gitDir: '/repo/.git', commonDir: '/repo/.git' },
      stateDir: '/repo/.git/ai-provenance',
    });
    // Scripts of this version add the folder they run from (earlier ones do not: no hooksDir then, as above).
    assert.equal(
      hookPathsFrom('/repo', '/repo\n.git\n.git/ai-provenance\n.git\n.git/hooks')?.hooksDir,
      '/repo/.git/hooks',
    );
    assert.equal(hookPathsFrom('/repo', undefined), undefined);
    assert.equal(hookPathsFrom('/repo', '/repo\n.git\n'), undefined);
    assert.equal(hookPathsFrom('/repo', '/repo\n\n.git/ai-provenance\n.git'), undefined);
  });
});

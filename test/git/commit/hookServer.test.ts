/**
 * The warm hook server (`ai-provenance hooks serve`, what VS Code runs per repository): commits whose hooks it
 * serves come out exactly as commits whose hooks do the work themselves, in the hook's own environment, and nothing
 * that goes wrong with the server (killed, frozen, a hook hitting its time limit, outdated code) loses a commit or
 * what the hooks would have recorded.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hookServerPaths, runningHookServer } from '../../../src/git/hooks/hookServer';
import type { TempRepo } from '../helpers/tempRepo';
import { CLI_PATH, createHookedRepo, extendRepo, hookEnv, lines, numbered, type HookRepo } from './helpers/hookRepo';
import { inspectAgentHooks } from '../../../src/core/agentConfig/agentHooks';
import { payload, piecesOfKind, readRecord, runCli } from '../agents/helpers/hookHarness';
import { eventually } from '../rewrite/notesHelpers';

const linux = process.platform === 'linux';

interface Server {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

function stateDir(repo: HookRepo): string {
  return path.join(repo.root, '.git', 'ai-provenance');
}

/** Starts `hooks serve` the way VS Code does (stdin held by the parent) and waits until hooks can reach it. */
async function startServer(repo: HookRepo, env: Record<string, string | undefined> = {}): Promise<Server> {
  const child = spawn(process.execPath, [CLI_PATH, 'hooks', 'serve', '--exit-with-stdin'], { cwd: repo.root, env: hookEnv(env), stdio: ['pipe', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const paths = hookServerPaths(stateDir(repo));
  await eventually('the hook server', () => (runningHookServer(stateDir(repo)) === child.pid && fs.existsSync(paths.requests) ? true : undefined));
  return { child, exited };
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGCONT');
    server.child.stdin?.end();
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))]);
    server.child.kill('SIGKILL');
  }
}

function served(repo: HookRepo, hook: string): number {
  return repo.logText().split('\n').filter((l) => l.includes(`hook server: served ${hook} `)).length;
}

const DEBUG = { AI_PROVENANCE_HOOK_DEBUG: '1' };

(linux ? describe : describe.skip)('commit: the warm hook server', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  let server: Server | undefined;
  beforeEach(async () => {
    repo = await createHookedRepo();
  });
  afterEach(async () => {
    if (server) await stop(server);
    server = undefined;
  });

  /** Two AI files, one staged change: the same work in any repository. */
  function stageWork(r: HookRepo): void {
    r.writeAi('src/a.ts', numbered('a', 12), lines(3, 8));
    r.writeAi('src/b.ts', numbered('b', 6), lines(1, 2));
    r.write('notes.md', 'human\n');
  }

  it('serves prepare-commit-msg, commit-msg and post-commit: the same message and note as hooks doing the work themselves', async () => {
    const direct = await createHookedRepo();
    stageWork(direct);
    direct.commitHooked('Add a and b', DEBUG);
    server = await startServer(repo);
    stageWork(repo);
    repo.commitHooked('Add a and b', DEBUG);
    assert.equal(repo.message(), direct.message());
    assert.match(repo.message(), /^Assisted-by: Claude:claude-opus-4-5$/m);
    assert.deepEqual([...repo.noteLines()], [...direct.noteLines()]);
    assert.deepEqual(repo.noteLines().get('src/a.ts'), lines(3, 8));
    assert.equal(served(repo, 'prepare-commit-msg'), 1);
    assert.equal(served(repo, 'post-commit'), 1);
    assert.equal(served(direct, 'prepare-commit-msg'), 0);
    // Committed spans left the working state, as post-commit does without a server.
    assert.deepEqual(fs.readdirSync(path.join(stateDir(repo), 'files')).filter((f) => f.endsWith('.json')), []);
  });

  it("runs each hook in that hook's environment: a partial commit's temporary index, not the server's environment", async () => {
    // The server's own environment names an index that does not exist and turns trailers off: neither may reach the
    // hooks' git.
    server = await startServer(repo, { GIT_INDEX_FILE: path.join(repo.root, 'no-such-index'), GIT_CONFIG_PARAMETERS: "'aiprovenance.trailers'='none'" });
    stageWork(repo);
    repo.run(['add', '-A']);
    // `git commit <path>` commits through a temporary index (GIT_INDEX_FILE in the hook's environment).
    repo.run(['commit', '-q', '-m', 'Only a', '--', 'src/a.ts'], DEBUG);
    assert.deepEqual([...repo.noteLines().keys()], ['src/a.ts']);
    assert.match(repo.message(), /^AI-Assisted: 50% of added lines \(6\/12; agent 6\)$/m);
    assert.equal(served(repo, 'prepare-commit-msg'), 1);
    // b.ts is still staged, its AI lines still in the working state for the next commit.
    repo.run(['commit', '-q', '-m', 'Then b'], DEBUG);
    assert.deepEqual(repo.noteLines().get('src/b.ts'), lines(1, 2));
  });

  it('keeps provenance through an amend: prepare-commit-msg served, post-rewrite (stdin) run by the hook itself', async () => {
    server = await startServer(repo);
    stageWork(repo);
    repo.commitHooked('First', DEBUG);
    repo.write('notes.md', 'human, edited\n');
    repo.run(['add', '-A']);
    repo.run(['commit', '-q', '--amend', '-m', 'First, amended'], DEBUG);
    assert.deepEqual(repo.noteLines().get('src/a.ts'), lines(3, 8));
    assert.deepEqual(repo.noteLines().get('src/b.ts'), lines(1, 2));
    assert.equal(served(repo, 'prepare-commit-msg'), 2);
    assert.equal(served(repo, 'post-rewrite'), 0);
  });

  it('a killed server (its pid file left behind) costs nothing: the hooks do the work themselves', async () => {
    server = await startServer(repo);
    server.child.kill('SIGKILL');
    await server.exited;
    assert.ok(fs.existsSync(hookServerPaths(stateDir(repo)).pid), 'the pid file outlives a killed server');
    stageWork(repo);
    repo.commitHooked('After the server died', DEBUG);
    assert.match(repo.message(), /^Assisted-by: Claude:claude-opus-4-5$/m);
    assert.deepEqual(repo.noteLines().get('src/a.ts'), lines(3, 8));
    assert.equal(served(repo, 'prepare-commit-msg'), 0);
    assert.deepEqual(fs.readdirSync(hookServerPaths(stateDir(repo)).dir).filter((f) => f.startsWith('reply.')), []);
  });

  it('a stopped server (Ctrl+Z in its terminal): the watchdog sees it at once and the hooks do the work themselves', async () => {
    server = await startServer(repo);
    server.child.kill('SIGSTOP');
    stageWork(repo);
    const started = Date.now();
    repo.commitHooked('Server stopped', DEBUG);
    // Waiting out the watchdog's time limit would take over 15 s per hook.
    assert.ok(Date.now() - started < 8000, `the commit took ${Date.now() - started} ms`);
    assert.match(repo.message(), /^Assisted-by: Claude:claude-opus-4-5$/m);
    assert.deepEqual(repo.noteLines().get('src/a.ts'), lines(3, 8));
    assert.deepEqual(fs.readdirSync(hookServerPaths(stateDir(repo)).dir).filter((f) => f.startsWith('reply.')), []);
  });

  it('a server that never answers: the watchdog gives up past the time limit and the hooks do the work themselves', async function () {
    this.timeout(90_000);
    // A process holding the request pipe, named in the pid file, reading nothing: alive, running, and silent.
    const paths = hookServerPaths(stateDir(repo));
    fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [paths.requests]);
    const holder = spawn(process.execPath, ['-e', `const fd = require('fs').openSync(${JSON.stringify(paths.requests)}, 'r+'); require('fs').writeFileSync(${JSON.stringify(paths.pid)}, process.pid + ' ' + fd + '\\n'); setInterval(() => {}, 1000);`], { stdio: 'ignore' });
    try {
      await eventually('the silent holder', () => (runningHookServer(stateDir(repo)) === holder.pid ? true : undefined));
      stageWork(repo);
      // The watchdog waits the time limit plus 5 s; node, doing the work itself afterwards, gets the same limit.
      repo.commitHooked('Server silent', { ...DEBUG, AI_PROVENANCE_HOOK_TIMEOUT_MS: '2000' });
      assert.match(repo.message(), /^Assisted-by: Claude:claude-opus-4-5$/m);
      assert.deepEqual(repo.noteLines().get('src/a.ts'), lines(3, 8));
      assert.deepEqual(fs.readdirSync(paths.dir).filter((f) => f.startsWith('reply.')), []);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a hook hitting its time limit in the server: the commit lands with its message, the server stops and cleans up', async () => {
    server = await startServer(repo);
    stageWork(repo);
    repo.commitHooked('Hung hook', { AI_PROVENANCE_FAULT: 'hang:prepare-commit-msg', AI_PROVENANCE_HOOK_TIMEOUT_MS: '300' });
    assert.equal(repo.message(), 'Hung hook');
    assert.equal(await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('running'), 5000))]), 75);
    assert.match(repo.logText(), /prepare-commit-msg stopped after 300 ms \(time limit\)/);
    const paths = hookServerPaths(stateDir(repo));
    assert.equal(fs.existsSync(paths.pid), false);
    assert.equal(fs.existsSync(paths.requests), false);
  });

  it('outdated code (the CLI changed under it): answers retry and exits; the hook does the work itself', async () => {
    server = await startServer(repo);
    const now = new Date();
    fs.utimesSync(CLI_PATH, now, new Date(now.getTime() + 1000));
    stageWork(repo);
    repo.commitHooked('After an update', DEBUG);
    assert.match(repo.message(), /^Assisted-by: Claude:claude-opus-4-5$/m);
    assert.equal(served(repo, 'prepare-commit-msg'), 0);
    assert.equal(await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('running'), 5000))]), 75);
  });

  it('one server per repository; it stops when its parent closes its stdin and removes its files', async () => {
    server = await startServer(repo);
    const status = spawnSync(process.execPath, [CLI_PATH, 'hooks', 'status'], { cwd: repo.root, env: hookEnv(), encoding: 'utf8' });
    assert.match(status.stdout, new RegExp(`^hook server: running \\(pid ${server.child.pid}\\)$`, 'm'));
    const second = spawn(process.execPath, [CLI_PATH, 'hooks', 'serve'], { cwd: repo.root, env: hookEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    second.stdout.on('data', (d) => (out += String(d)));
    assert.equal(await new Promise((r) => second.on('exit', r)), 0);
    assert.match(out, /a hook server already runs/);
    server.child.stdin?.end();
    assert.equal(await server.exited, 0);
    const paths = hookServerPaths(stateDir(repo));
    assert.equal(fs.existsSync(paths.pid), false);
    assert.equal(fs.existsSync(paths.requests), false);
    assert.match(repo.logText(), /hook server: stopped \(its parent went away\)/);
    const after = spawnSync(process.execPath, [CLI_PATH, 'hooks', 'status'], { cwd: repo.root, env: hookEnv(), encoding: 'utf8' });
    assert.match(after.stdout, /^hook server: not running/m);
  });

  it("a copy of the repository (the other work tree's pid file and pipe copied along) does its own work at once", async () => {
    server = await startServer(repo);
    const copy = path.join(path.dirname(repo.root), `${path.basename(repo.root)}-copy`);
    // cp copies the FIFO as a FIFO (fs.cpSync refuses it), as a user copying a repository would.
    execFileSync('cp', ['-r', repo.root, copy]);
    try {
      const write = (rel: string, text: string | Buffer): string => {
        const file = path.join(copy, rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        return file;
      };
      const copied = extendRepo({ ...repo, root: copy, write } satisfies TempRepo);
      stageWork(copied);
      const started = Date.now();
      copied.commitHooked('In the copy', DEBUG);
      // A hook waiting on a server that is not there would sit out its watchdog (over 5 s per hook).
      assert.ok(Date.now() - started < 4500, `the copy's commit took ${Date.now() - started} ms`);
      assert.match(copied.message(), /^Assisted-by: Claude:claude-opus-4-5$/m);
      assert.equal(served(copied, 'prepare-commit-msg'), 0);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('ignores garbage in its request pipe and keeps serving', async () => {
    server = await startServer(repo);
    fs.writeFileSync(hookServerPaths(stateDir(repo)).requests, 'not a request\0v1\0abc\0\0\0\0\0');
    stageWork(repo);
    repo.commitHooked('After garbage', DEBUG);
    assert.match(repo.message(), /^Assisted-by: Claude:claude-opus-4-5$/m);
    assert.equal(served(repo, 'prepare-commit-msg'), 1);
    assert.match(repo.logText(), /malformed hook request dropped/);
  });

  describe('agent hooks through the launcher', () => {
    const ORIGINAL = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
    const EDITED = 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';
    const run = (command: string, stdin: string, env: Record<string, string | undefined> = {}) =>
      spawnSync('/bin/sh', ['-c', command], { cwd: repo.root, input: stdin, encoding: 'utf8', timeout: 60_000, env: hookEnv(env) });

    /** Runs the agent's pre and post hooks around an edit of a committed file; `ready` runs once they are installed. */
    async function agentEdit(agent: 'claude' | 'cursor', settings: string, pre: string, post: string, env: Record<string, string | undefined> = {}, ready?: () => void): Promise<string> {
      repo.write('src/cart.ts', ORIGINAL);
      repo.commitHooked('cart');
      await runCli(['agents', 'install', '--agent', agent, '--cli', CLI_PATH], { cwd: repo.root });
      ready?.();
      const [preCommand, postCommand] = inspectAgentHooks(agent, fs.readFileSync(path.join(repo.root, settings), 'utf8'), settings).commands;
      const first = run(preCommand, payload(pre, repo.root), env);
      assert.equal(first.status, 0, first.stderr);
      repo.write('src/cart.ts', EDITED);
      const second = run(postCommand ?? preCommand, payload(post, repo.root), env);
      assert.equal(second.status, 0, second.stderr);
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), ['  const s = a + b;\n  return s;\n']);
      return first.stdout + '|' + second.stdout;
    }

    it('are served: the same record, and exactly what the agent expects on stdout', async () => {
      server = await startServer(repo);
      assert.equal(await agentEdit('claude', '.claude/settings.json', 'claude/pre-tool-use-edit.json', 'claude/post-tool-use-edit.json', DEBUG), '|');
      assert.equal(served(repo, 'agent'), 2);
      assert.deepEqual(fs.readdirSync(hookServerPaths(stateDir(repo)).dir).filter((f) => f.startsWith('in.') || f.startsWith('reply.')), []);
    });

    it("print the agent's no-op JSON when served (cursor)", async () => {
      server = await startServer(repo);
      repo.write('src/cart.ts', ORIGINAL);
      repo.commitHooked('cart');
      await runCli(['agents', 'install', '--agent', 'cursor', '--cli', CLI_PATH], { cwd: repo.root });
      const [, post] = inspectAgentHooks('cursor', fs.readFileSync(path.join(repo.root, '.cursor/hooks.json'), 'utf8'), '.cursor/hooks.json').commands;
      repo.write('src/cart.ts', EDITED);
      const res = run(post, payload('cursor/after-file-edit.json', repo.root), DEBUG);
      assert.deepEqual([res.status, res.stdout], [0, '{}\n']);
      assert.equal(served(repo, 'agent'), 1);
    });

    it("a stopped server: the launcher's watchdog sees it and node runs the hook on the JSON it saved", async () => {
      const started = (server = await startServer(repo));
      assert.equal(await agentEdit('claude', '.claude/settings.json', 'claude/pre-tool-use-edit.json', 'claude/post-tool-use-edit.json', {}, () => started.child.kill('SIGSTOP')), '|');
      assert.equal(served(repo, 'agent'), 0);
      assert.deepEqual(fs.readdirSync(hookServerPaths(stateDir(repo)).dir).filter((f) => f.startsWith('in.') || f.startsWith('reply.')), []);
    });
  });
});

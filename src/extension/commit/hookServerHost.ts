/**
 * Keeps a warm hook server (`ai-provenance hooks serve`, src/git/hooks/hookServer.ts) running for the workspace's
 * repository while VS Code is open and the hooks are installed, so commits from anywhere (this window's Source Control
 * view, a terminal, an agent) and agent tool calls skip a node start in their hooks. Linux only; setting `aiProvenance.hooks.server`.
 * The server holds a pipe to us as its stdin and exits when it closes: it never outlives the window.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STATE_DIR_NAME, type RepoInfo } from '../../git';
import { Disposable } from '../lifecycle';

/**
 * Restarts after a crash or exit code 75 (a hook hit its time limit, the CLI was updated), spaced and bounded. Exit
 * code 0 is meant: idle, asked to stop, or another server already serves the repository.
 */
const RESTART_DELAY_MS = 5_000;
const MAX_RESTARTS = 5;

export class HookServerHost extends Disposable {
  private child: ChildProcess | undefined;
  private repo: RepoInfo | undefined;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Watches for another window's (or a terminal's) server to go away, so this window takes over. */
  private takeOver: fs.FSWatcher | undefined;
  /** Who needs the server: installed git hooks, connected agents. It runs while anyone does. */
  private readonly needs = new Set<'git hooks' | 'agent hooks'>();

  constructor(private readonly cliPath: string, private readonly log: (message: string) => void) {
    super();
    this.register({ dispose: () => this.stop() });
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('aiProvenance.hooks.server')) return;
      if (!this.enabled()) this.stop();
      else if (this.repo && this.needs.size > 0) this.start(this.repo);
    }));
  }

  private enabled(): boolean {
    return process.platform === 'linux' && vscode.workspace.getConfiguration('aiProvenance').get<boolean>('hooks.server', true);
  }

  /** `reason` is installed in `repo`: start the server unless one of ours already runs. */
  need(reason: 'git hooks' | 'agent hooks', repo: RepoInfo): void {
    this.needs.add(reason);
    this.start(repo);
  }

  /** `reason` is gone (uninstalled, disconnected): stop the server when nothing else needs it. */
  release(reason: 'git hooks' | 'agent hooks'): void {
    this.needs.delete(reason);
    if (this.needs.size === 0) this.stop();
  }

  private start(repo: RepoInfo): void {
    this.repo = repo;
    if (this.child || !this.enabled()) return;
    const child = spawn(process.execPath, [this.cliPath, 'hooks', 'serve', '--exit-with-stdin'], {
      cwd: repo.root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    let another = false;
    child.stdout?.on('data', (d: Buffer) => {
      if (String(d).includes('already runs')) another = true;
      this.log(`hook server: ${String(d).trim()}`);
    });
    child.stderr?.on('data', (d: Buffer) => this.log(`hook server: ${String(d).trim()}`));
    child.on('error', (err) => this.log(`hook server could not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      if (code === 0 && another) {
        this.watchForTakeOver(repo);
        return;
      }
      this.log(`hook server exited (${signal ?? code}); commits run their hooks themselves`);
      if (code !== 0 && this.repo && this.needs.size > 0 && this.enabled() && this.restarts < MAX_RESTARTS) {
        this.restarts++;
        this.restartTimer = setTimeout(() => this.repo && this.needs.size > 0 && this.start(this.repo), RESTART_DELAY_MS);
      }
    });
  }

  /** Another server serves the repository; when its pid file goes (it stopped), start ours. */
  private watchForTakeOver(repo: RepoInfo): void {
    const dir = path.join(repo.gitDir, STATE_DIR_NAME, 'server');
    this.takeOver?.close();
    try {
      this.takeOver = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name !== 'pid' || fs.existsSync(path.join(dir, 'pid'))) return;
        this.takeOver?.close();
        this.takeOver = undefined;
        if (this.needs.size > 0) this.start(repo);
      });
    } catch (err) {
      this.log(`cannot watch ${dir}: ${String(err)}`);
    }
  }

  /** Stops the server (setting off, window closing, nothing needs it). */
  private stop(): void {
    this.takeOver?.close();
    this.takeOver = undefined;
    clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.stdin?.end();
    child.kill('SIGTERM');
  }
}

/**
 * Keeps a warm hook server (`ai-provenance hooks serve`, src/git/hooks/hookServer.ts) running for the workspace's
 * repository while VS Code is open and the hooks are installed, so commits from anywhere (this window's Source Control
 * view, a terminal, an agent) and agent tool calls skip a node start in their hooks. Linux only; setting `aiProvenance.hooks.server`.
 * The server holds a pipe to us as its stdin and exits when it closes: it never outlives the window.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import type { RepoInfo } from '../../git';
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

  constructor(private readonly cliPath: string, private readonly log: (message: string) => void) {
    super();
    this.register({ dispose: () => this.stop() });
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('aiProvenance.hooks.server')) return;
      if (!this.enabled()) this.stop();
      else if (this.repo) this.start(this.repo);
    }));
  }

  private enabled(): boolean {
    return process.platform === 'linux' && vscode.workspace.getConfiguration('aiProvenance').get<boolean>('hooks.server', true);
  }

  /** Starts the server for `repo` (the hooks are installed there); does nothing when one of ours already runs. */
  start(repo: RepoInfo): void {
    this.repo = repo;
    if (this.child || !this.enabled()) return;
    const child = spawn(process.execPath, [this.cliPath, 'hooks', 'serve', '--exit-with-stdin'], {
      cwd: repo.root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => this.log(`hook server: ${String(d).trim()}`));
    child.stderr?.on('data', (d: Buffer) => this.log(`hook server: ${String(d).trim()}`));
    child.on('error', (err) => this.log(`hook server could not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.log(`hook server exited (${signal ?? code}); commits run their hooks themselves`);
      if (code !== 0 && this.repo && this.enabled() && this.restarts < MAX_RESTARTS) {
        this.restarts++;
        this.restartTimer = setTimeout(() => this.repo && this.start(this.repo), RESTART_DELAY_MS);
      }
    });
  }

  /** Stops the server (hooks uninstalled, setting off, window closing). */
  stop(): void {
    clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.stdin?.end();
    child.kill('SIGTERM');
  }

  /** The server's pid while it runs (tests). */
  get pid(): number | undefined {
    return this.child?.pid;
  }
}

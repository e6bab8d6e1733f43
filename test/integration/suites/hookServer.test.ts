/**
 * The warm hook server in the real editor: with the hooks installed VS Code keeps one for the repository, defers to
 * one that already serves it (another window, a terminal), takes over when that one stops, and serves commits made
 * outside VS Code (a terminal `git commit`).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, hookServer, sleep, waitUntil, workspaceRoot } from '../helpers';

(process.platform === 'linux' ? describe : describe.skip)('hook server in VS Code', () => {
  after(async () => {
    await vscode.commands.executeCommand('aiProvenance.uninstallGitHooks');
    await waitUntil('the hook server to stop', () => (hookServer() === undefined ? true : undefined), 10_000);
  });

  it("defers to another window's server, takes over when it stops, and serves a terminal commit", async function () {
    this.timeout(60_000);
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    // Another window's server (or `hooks serve` in a terminal), started first.
    const other = spawn(process.execPath, [cli, 'hooks', 'serve', '--exit-with-stdin'], {
      cwd: workspaceRoot(), env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['pipe', 'ignore', 'ignore'],
    });
    const otherPid = await waitUntil('the other server', () => (hookServer()?.pid === other.pid ? other.pid : undefined), 15_000);
    await vscode.commands.executeCommand('aiProvenance.installGitHooks', { confirm: false });
    // Ours starts, finds the other serving, and leaves it be.
    await sleep(1500);
    assert.equal(hookServer()?.pid, otherPid);

    other.stdin?.end();
    const ours = await waitUntil('this window to take over', () => {
      const server = hookServer();
      return server && server.pid !== otherPid && server.parent === process.pid ? server.pid : undefined;
    }, 15_000);

    // A commit from a terminal (not VS Code's git) is served by this window's server.
    const root = workspaceRoot();
    fs.writeFileSync(path.join(root, 'served.txt'), 'from a terminal\n');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_EDITOR: 'true', AI_PROVENANCE_HOOK_DEBUG: '1' } });
    git('add', 'served.txt');
    git('commit', '-q', '-m', 'From a terminal');
    try {
      const log = fs.readFileSync(path.join(root, '.git', 'ai-provenance', 'log.txt'), 'utf8');
      assert.match(log, new RegExp(`\\[${ours}\\] hook server: served prepare-commit-msg`));
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  });
});

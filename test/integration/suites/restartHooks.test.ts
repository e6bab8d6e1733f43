/**
 * Existing installs keep working after an update: hooks of ours that are outdated (the previous version's script, with
 * the retired hook server's client in it) or missing (a hook added in a later version, like pre-push) are brought up to
 * date when VS Code starts, without asking again, and the files the retired hook server left (its directory with the
 * pid file and FIFOs) are gone. Runs across the harness's kill and restart of VS Code (this file sorts after every
 * suite that installs or removes hooks).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findRepo } from '../../../src/git/repo';
import { hooksStatus } from '../../../src/git/hooks/install';
import { waitUntil, workspaceRoot } from '../helpers';
import { AFTER_RESTART, BEFORE_RESTART } from '../index';
import { skipBecause } from '../../skip';

const hooksDir = (): string => path.join(workspaceRoot(), '.git', 'hooks');
const serverDir = (): string => path.join(workspaceRoot(), '.git', 'ai-provenance', 'server');

/** The previous version's post-commit script (test/git/fixtures/previousInstall), found above the compiled test. */
function previousPostCommit(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, 'test', 'git', 'fixtures', 'previousInstall', 'post-commit');
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  throw new Error(`test/git/fixtures/previousInstall not found above ${__dirname}`);
}

async function states(): Promise<Record<string, string>> {
  const repo = await findRepo(workspaceRoot());
  assert.ok(repo);
  return Object.fromEntries((await hooksStatus(repo)).hooks.map((h) => [h.hook, h.state]));
}

describe('hooks of an older version', () => {
  it(`are installed, then one turns outdated and one goes missing ${BEFORE_RESTART}`, async function () {
    if (!process.env.AIP_RUN_DIR)
      skipBecause(this, 'a restart needs the harness (scripts/run-integration.mjs), which kills and restarts VS Code');
    await vscode.commands.executeCommand('aiProvenance.installGitHooks', { confirm: false });
    // What an install by an earlier version looks like: its post-commit script, no pre-push at all, and the files of
    // the hook server it ran (a pid file naming a process that is gone, the request FIFO).
    fs.writeFileSync(path.join(hooksDir(), 'post-commit'), previousPostCommit(), { mode: 0o755 });
    fs.rmSync(path.join(hooksDir(), 'pre-push'));
    fs.mkdirSync(serverDir(), { recursive: true });
    fs.writeFileSync(path.join(serverDir(), 'pid'), '2147483 7\n');
    fs.writeFileSync(path.join(serverDir(), 'in.4243'), '{}');
    const before = await states();
    assert.equal(before['post-commit'], 'outdated');
    assert.equal(before['pre-push'], 'missing');
  });

  it(`are brought up to date when VS Code starts, leaving no hook server files ${AFTER_RESTART}`, async function () {
    this.timeout(30_000);
    try {
      await waitUntil(
        'the hooks to be current',
        async () => (Object.values(await states()).every((s) => s === 'installed') ? true : undefined),
        15_000,
      );
      await waitUntil('the server files to be gone', () => (fs.existsSync(serverDir()) ? undefined : true), 5_000);
      assert.ok(!fs.readFileSync(path.join(hooksDir(), 'post-commit'), 'utf8').includes('/server'));
    } finally {
      await vscode.commands.executeCommand('aiProvenance.uninstallGitHooks');
    }
  });
});

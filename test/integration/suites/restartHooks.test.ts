/**
 * Existing installs keep working after an update: hooks of ours that are outdated (an older script) or missing (a hook
 * added in a later version, like pre-push) are brought up to date when VS Code starts, without asking again, and the
 * hook server comes back with the new window. Runs across the harness's kill and restart of VS Code (this file sorts
 * after every suite that installs or removes hooks).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findRepo } from '../../../src/git/repo';
import { hooksStatus } from '../../../src/git/hooks/install';
import { hookServer, waitUntil, workspaceRoot } from '../helpers';
import { AFTER_RESTART, BEFORE_RESTART } from '../index';
import { skipBecause } from '../../skip';

const hooksDir = (): string => path.join(workspaceRoot(), '.git', 'hooks');

async function states(): Promise<Record<string, string>> {
  const repo = await findRepo(workspaceRoot());
  assert.ok(repo);
  return Object.fromEntries((await hooksStatus(repo)).hooks.map((h) => [h.hook, h.state]));
}

describe('hooks of an older version', () => {
  it(`are installed, then one turns outdated and one goes missing ${BEFORE_RESTART}`, async function () {
    if (!process.env.AIP_RUN_DIR) skipBecause(this, 'a restart needs the harness (scripts/run-integration.mjs), which kills and restarts VS Code');
    await vscode.commands.executeCommand('aiProvenance.installGitHooks', { confirm: false });
    // What an install by an earlier version looks like: our marker, another script; no pre-push at all.
    const script = path.join(hooksDir(), 'post-commit');
    fs.writeFileSync(script, fs.readFileSync(script, 'utf8').replace(/\nexit "\$aip_status"\n$/, '\n# an older version\nexit "$aip_status"\n'));
    fs.rmSync(path.join(hooksDir(), 'pre-push'));
    const before = await states();
    assert.equal(before['post-commit'], 'outdated');
    assert.equal(before['pre-push'], 'missing');
  });

  it(`are brought up to date when VS Code starts, and the hook server runs again ${AFTER_RESTART}`, async function () {
    this.timeout(30_000);
    try {
      await waitUntil('the hooks to be current', async () => (Object.values(await states()).every((s) => s === 'installed') ? true : undefined), 15_000);
      if (process.platform === 'linux') {
        await waitUntil('the hook server of this window', () => (hookServer()?.parent === process.pid ? true : undefined), 15_000);
      }
    } finally {
      await vscode.commands.executeCommand('aiProvenance.uninstallGitHooks');
    }
  });
});

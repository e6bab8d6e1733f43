/**
 * Sharing provenance notes from the real editor: the command adds only a fetch refspec (no push refspec, so a plain
 * git push is unchanged), installs the hooks that carry the notes, pushes them to the remote, and unsharing (plus
 * uninstalling the hooks) puts .git/config back byte for byte.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitUntil, workspaceRoot } from '../helpers';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

function tryGit(cwd: string, ...args: string[]): string | undefined {
  try {
    return git(cwd, ...args).trim();
  } catch {
    return undefined;
  }
}

describe('sharing provenance notes with a remote', () => {
  const root = workspaceRoot();
  let bare: string;
  before(() => {
    bare = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-remote-'));
    git(bare, 'init', '-q', '--bare');
    git(root, 'remote', 'add', 'origin', bare);
  });
  after(() => {
    git(root, 'remote', 'remove', 'origin');
    for (const ref of git(root, 'for-each-ref', '--format=%(refname)', 'refs/notes/remotes/')
      .split('\n')
      .filter(Boolean))
      git(root, 'update-ref', '-d', ref);
    fs.rmSync(bare, { recursive: true, force: true });
  });

  it('adds a fetch refspec only, pushes the notes, and unshares back to the same config', async function () {
    this.timeout(60_000);
    const config = path.join(git(root, 'rev-parse', '--absolute-git-dir').trim(), 'config');
    const before = fs.readFileSync(config, 'utf8');
    const trailersBefore = tryGit(root, 'config', '--get', 'aiProvenance.trailers');
    const local = tryGit(root, 'rev-parse', '-q', '--verify', 'refs/notes/ai-provenance');
    await vscode.commands.executeCommand('aiProvenance.shareNotes', { remote: 'origin', confirm: false });
    assert.deepEqual(git(root, 'config', '--get-all', 'remote.origin.fetch').trim().split('\n'), [
      '+refs/heads/*:refs/remotes/origin/*',
      '+refs/notes/ai-provenance*:refs/notes/remotes/origin/ai-provenance*',
    ]);
    assert.equal(
      tryGit(root, 'config', '--get-all', 'remote.origin.push'),
      undefined,
      'no push refspec: git push is unchanged',
    );
    assert.equal(git(root, 'config', '--get-all', 'aiprovenance.sharenotes').trim(), 'origin');
    // The hooks that carry the notes from now on are in place.
    for (const hook of ['pre-push', 'reference-transaction'])
      assert.match(fs.readFileSync(path.join(root, '.git', 'hooks', hook), 'utf8'), /ai-provenance-hook/);
    if (local)
      assert.equal(
        await waitUntil(
          'the notes on the remote',
          () => tryGit(bare, 'rev-parse', '-q', '--verify', 'refs/notes/ai-provenance') || undefined,
          20_000,
        ),
        local,
      );
    else assert.equal(tryGit(bare, 'rev-parse', '-q', '--verify', 'refs/notes/ai-provenance'), undefined);

    await vscode.commands.executeCommand('aiProvenance.unshareNotes', { remote: 'origin' });
    assert.equal(git(root, 'config', '--get-all', 'remote.origin.fetch').trim(), '+refs/heads/*:refs/remotes/origin/*');
    assert.equal(tryGit(root, 'config', '--get-all', 'aiprovenance.sharenotes'), undefined);
    // Installing the hooks (which sharing needed) set their own config; uninstalling them takes it back out.
    await vscode.commands.executeCommand('aiProvenance.uninstallGitHooks');
    if (trailersBefore === undefined) git(root, 'config', '--unset', 'aiProvenance.trailers');
    assert.equal(fs.readFileSync(config, 'utf8'), before, '.git/config is back as it was');
  });
});

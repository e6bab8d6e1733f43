/**
 * The review reads syntax trees inside the real extension host: the bundle loads tree-sitter's wasm runtime and the
 * Go grammar from dist/tree-sitter when a review runs (never at activation: see activation.test.ts), and the
 * checklist gets a finding only the tree can place (an assertion two conditions deep under `if err == nil`).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { closeAll, workspaceRoot } from '../helpers';
import { fileOf, snapshot } from './review.test';
import { git } from './reviewFixture.test';

const TEST_FILE = 'lock/lock_test.go';
const TEST_TEXT = [
  'package lock',
  '',
  'import "testing"',
  '',
  'func TestLoadLock(t *testing.T) {',
  '\tlk, err := Load("app.lock")',
  '\tif err == nil {',
  '\t\tif lk.Version != 2 {',
  '\t\t\tt.Errorf("version = %d, want 2", lk.Version)',
  '\t\t}',
  '\t}',
  '}',
  '',
].join('\n');

/** A commit on top of HEAD adding `rel`, made with plumbing so the checked-out branch the other suites use stays. */
function commitBesideHead(rel: string, text: string): string {
  const cwd = workspaceRoot();
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_INDEX_FILE: `${git('rev-parse', '--git-dir').trim()}/syntax-test-index`,
  };
  const run = (args: string[], input?: string): string =>
    execFileSync('git', args, { cwd, env, encoding: 'utf8', ...(input !== undefined ? { input } : {}) }).trim();
  const blob = run(['hash-object', '-w', '--stdin'], text);
  run(['read-tree', 'HEAD']);
  run(['update-index', '--add', '--cacheinfo', `100644,${blob},${rel}`]);
  const tree = run(['write-tree']);
  return run(['commit-tree', tree, '-p', 'HEAD', '-m', 'Test loading the lock file']);
}

describe('review with syntax trees', () => {
  after(async () => {
    await vscode.commands.executeCommand('aiProvenance.review.chooseTarget', { kind: 'branch' });
    await closeAll();
  });

  it('loads the grammar in the extension host and finds an assertion that cannot fail', async () => {
    const base = git('rev-parse', 'HEAD').trim();
    const head = commitBesideHead(TEST_FILE, TEST_TEXT);
    await vscode.commands.executeCommand('aiProvenance.review.chooseTarget', { kind: 'refs', base, head });
    const snap = await snapshot();
    assert.equal(snap.status, 'ready', snap.message);
    const file = fileOf(snap, TEST_FILE);
    const rules = file.hunks.flatMap((h) => h.findings);
    // The line rules miss it (the nearest opener is `if lk.Version != 2`): only the tree sees `if err == nil` above.
    assert.ok(rules.includes('assertion-cannot-fail'), JSON.stringify(rules));
    assert.ok(
      Object.keys(require.cache).some((k) => /[\\/]dist[\\/]tree-sitter[\\/]tree-sitter\.js$/.test(k)),
      'the runtime came from the bundle folder dist/tree-sitter',
    );
  });
});

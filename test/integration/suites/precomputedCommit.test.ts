/**
 * End to end in the real editor, then the terminal: accept an inline completion, save, stage from the terminal, and
 * once the editor has precomputed the commit (it does so on the git events it already watches), `git commit -m` in a
 * shell applies it without node: the sh hooks log their own line (node's prepare-commit-msg line is absent), and the
 * trailers and the note are the right ones.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAll, openFile, waitUntil, workspaceRoot } from '../helpers';
import { TestInlineProvider } from '../inlineProvider';

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot(), encoding: 'utf8' });
}

const stateDir = () => path.join(workspaceRoot(), '.git', 'ai-provenance');
const logText = () => {
  const file = path.join(stateDir(), 'log.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

describe('a terminal commit applies what the editor precomputed', () => {
  let provider: TestInlineProvider;
  let start = '';
  before(() => {
    provider = new TestInlineProvider();
    start = git('rev-parse', 'HEAD').trim();
  });
  after(async () => {
    provider.dispose();
    await closeAll();
    // Leave the fixture as other suites expect it: no extra commit, no hooks.
    git('reset', '-q', '--hard', start);
    await vscode.commands.executeCommand('aiProvenance.uninstallGitHooks');
  });

  it('writes the trailers and the note in sh, without starting node', async function () {
    this.timeout(90_000);
    // A file of its own, committed before the hooks exist: what other suites leave in the working state of the
    // fixture's files (the precompute refuses whenever node's hook would have something to log) is not this test's.
    fs.writeFileSync(path.join(workspaceRoot(), 'src', 'cube.ts'), 'export const unit = 1;\n');
    git('add', 'src/cube.ts');
    git('commit', '-q', '--no-verify', '-m', 'Add unit');
    await vscode.commands.executeCommand('aiProvenance.installGitHooks', { confirm: false });
    const editor = await openFile('src/cube.ts');
    const doc = editor.document;
    const lineEnd = doc.positionAt(doc.getText().lastIndexOf(';') + 1);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(lineEnd, lineEnd), preview: false });
    const suggestion = '\n\nexport function cube(x: number): number {\n  return x * x * x;\n}';
    await provider.show(suggestion);
    await vscode.commands.executeCommand('aiProvenance.inlineSuggest.commit');
    await waitUntil('the accept', () => (doc.getText().includes(suggestion) ? true : undefined));
    await doc.save();
    await (await api()).flush();

    // The suite before this one undid its commit with `reset --hard`: the next commits would be recommits, whose
    // carried notes node decides (the precompute refuses them, see precompute.test.ts). A checkout ends that.
    git('checkout', '-q', '-B', git('branch', '--show-current').trim());
    // Staged from the terminal: the editor learns of it through the git extension, as it would from a user's shell.
    git('add', 'src/cube.ts');
    const tree = git('write-tree').trim();
    const planDir = path.join(stateDir(), 'precommit');
    await waitUntil(
      'the precomputed plan for the staged tree',
      () =>
        fs.existsSync(planDir) &&
        fs
          .readdirSync(planDir)
          .filter((n) => n.endsWith('.plan'))
          .some((n) => fs.readFileSync(path.join(planDir, n), 'utf8').includes(`\ntree ${tree}\n`))
          ? true
          : undefined,
      30_000,
    );
    const logBefore = logText().length;
    git('commit', '-q', '-m', 'Add cube');

    const log = logText().slice(logBefore);
    const head = git('rev-parse', 'HEAD').trim();
    assert.ok(log.includes(`post-commit: note written for ${head} (precomputed by the editor)`), log);
    assert.ok(!/prepare-commit-msg: \d+ AI line/.test(log), `node's prepare-commit-msg ran:\n${log}`);
    const message = git('log', '-1', '--format=%B');
    assert.match(message, /^Add cube/);
    assert.match(message, /^AI-Assisted: 75% of added lines \(3\/4; inline 3\)$/m);
    assert.match(message, /^Assisted-by: /m);

    const note = JSON.parse(git('notes', '--ref', 'refs/notes/ai-provenance', 'show', 'HEAD')) as {
      vcs: { revision: string };
      files: Array<{ path: string; conversations: Array<{ ranges: Array<{ start_line: number; end_line: number }> }> }>;
    };
    assert.equal(note.vcs.revision, head);
    const file = note.files.find((f) => f.path === 'src/cube.ts');
    assert.ok(file, 'the note covers src/cube.ts');
    const first = git('show', 'HEAD:src/cube.ts').split('\n').indexOf('export function cube(x: number): number {') + 1;
    assert.deepEqual(
      file.conversations.flatMap((c) => c.ranges).map((r) => [r.start_line, r.end_line]),
      [[first, first + 2]],
    );
    // The committed record left the working state, and the editor follows.
    await waitUntil(
      'the committed spans leaving the editor',
      async () => ((await api()).spans(doc.uri).length === 0 ? true : undefined),
      10_000,
    );
  });
});

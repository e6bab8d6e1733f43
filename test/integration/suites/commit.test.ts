/**
 * End to end in the real editor: accept an inline completion, stage, commit from the Source Control view, and find
 * the trailer in the commit message and exactly the AI lines in the commit's git note.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAll, openFile, waitUntil, workspaceRoot } from '../helpers';
import { TestInlineProvider } from '../inlineProvider';

interface GitRepository {
  inputBox: { value: string };
  add(paths: string[]): Promise<void>;
  status(): Promise<void>;
  state: { HEAD?: { commit?: string } };
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot(), encoding: 'utf8' });
}

describe('commit provenance from the Source Control view', () => {
  let provider: TestInlineProvider;
  before(() => (provider = new TestInlineProvider()));
  after(async () => {
    provider.dispose();
    await closeAll();
    // Leave the fixture as other suites expect it: no extra commit, no hooks.
    git('reset', '--hard', 'HEAD~1');
    await vscode.commands.executeCommand('aiProvenance.uninstallGitHooks');
  });

  it('writes the trailer and a note with exactly the AI lines', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('aiProvenance.installGitHooks', { confirm: false });
    const editor = await openFile('src/math.ts');
    const doc = editor.document;
    // At the end of the last line (after its closing brace) the suggestion starts with the line break.
    const lastBrace = doc.positionAt(doc.getText().lastIndexOf('}') + 1);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(lastBrace, lastBrace), preview: false });
    const suggestion = '\n\nexport function square(x: number): number {\n  return x * x;\n}';
    await provider.show(suggestion);
    await vscode.commands.executeCommand('aiProvenance.inlineSuggest.commit');
    await waitUntil('the accept', () => (doc.getText().includes(suggestion) ? true : undefined));
    await doc.save();
    await (await api()).flush();

    const gitApi = vscode.extensions.getExtension('vscode.git')!.exports.getAPI(1) as { repositories: GitRepository[] };
    const repo = await waitUntil('the git repository', () => gitApi.repositories[0], 15_000);
    await repo.add([doc.uri.fsPath]);
    // Before committing, the preview shows exactly what the hook will add.
    const preview = await waitUntil(
      'the trailer preview',
      async () => {
        const p = await (await api()).previewTrailers();
        return p && p.aiLines === 3 ? p : undefined;
      },
      10_000,
    );
    assert.ok(
      preview.trailers.some((t) => t.key === 'AI-Assisted' && t.value === '75% of added lines (3/4; inline 3)'),
    );
    repo.inputBox.value = 'Add square';
    const before = git('rev-parse', 'HEAD').trim();
    await vscode.commands.executeCommand('git.commit');
    await waitUntil('the commit', () => (git('rev-parse', 'HEAD').trim() !== before ? true : undefined), 30_000);

    const message = git('log', '-1', '--format=%B');
    assert.match(message, /^Add square/);
    // The blank line before the function is an added human line: 3 of 4 added lines are AI.
    assert.match(message, /^AI-Assisted: 75% of added lines \(3\/4; inline 3\)$/m);
    assert.match(message, /^Assisted-by: /m);
    assert.ok(!/Signed-off-by/.test(message));

    const note = JSON.parse(
      await waitUntil(
        'the note',
        () => {
          try {
            return git('notes', '--ref', 'refs/notes/ai-provenance', 'show', 'HEAD');
          } catch {
            return undefined;
          }
        },
        10_000,
      ),
    ) as {
      files: Array<{ path: string; conversations: Array<{ ranges: Array<{ start_line: number; end_line: number }> }> }>;
    };
    const file = note.files.find((f) => f.path === 'src/math.ts');
    assert.ok(file, 'the note covers src/math.ts');
    const lines = file.conversations.flatMap((c) => c.ranges).map((r) => [r.start_line, r.end_line]);
    const first =
      git('show', 'HEAD:src/math.ts').split('\n').indexOf('export function square(x: number): number {') + 1;
    assert.deepEqual(lines, [[first, first + 2]]);
    // The installed hook did the work, in a process of its own (no helper process of the editor's).
    const logLines = fs
      .readFileSync(path.join(workspaceRoot(), '.git', 'ai-provenance', 'log.txt'), 'utf8')
      .split('\n');
    // node's hooks, or the sh hooks applying what the editor precomputed (precomputedCommit.test.ts).
    assert.ok(
      logLines.some(
        (l) => l.includes('prepare-commit-msg: 3 AI line(s) in 1 file(s)') || l.includes('(precomputed by the editor)'),
      ),
      logLines.slice(-5).join('\n'),
    );

    // The committed spans leave the working state, in the editor too: a later save must not write them back (else the
    // next commit's note would list lines this commit already recorded).
    await waitUntil(
      'the committed spans leaving the editor',
      async () => ((await api()).spans(doc.uri).length === 0 ? true : undefined),
      10_000,
    );
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// reviewed\n'));
    await doc.save();
    await (await api()).flush();
    assert.deepEqual((await api()).spans(doc.uri), []);
    const recordDir = path.join(workspaceRoot(), '.git', 'ai-provenance', 'files');
    const records = fs
      .readdirSync(recordDir)
      .map((n) => JSON.parse(fs.readFileSync(path.join(recordDir, n), 'utf8')) as { path: string; spans: unknown[] });
    assert.deepEqual(
      records.filter((r) => r.path === 'src/math.ts').map((r) => r.spans),
      [[]],
    );
    git('checkout', '--', 'src/math.ts');
  });
});

/**
 * Working-state persistence in the real editor: spans are saved into the repository's git dir, restored when a file
 * is reopened (remapped when it changed on disk meanwhile), and follow a rename made inside VS Code.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contentHash } from '../../../src/core/hash';
import { FILE_RECORD_VERSION } from '../../../src/core/state';
import { WorkingStateStore, saveTextSnapshot } from '../../../src/git';
import { api, attributedTexts, closeAll, openFile, waitUntil, workspaceRoot } from '../helpers';

const FILE = 'src/math.ts';

async function markText(editor: vscode.TextEditor, needle: string): Promise<void> {
  const doc = editor.document;
  const start = doc.getText().indexOf(needle);
  assert.ok(start >= 0, `${needle} is in ${doc.uri.fsPath}`);
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + needle.length));
  await vscode.commands.executeCommand('aiProvenance.markSelection');
}

function stateFiles(): string[] {
  const dir = path.join(workspaceRoot(), '.git', 'ai-provenance', 'files');
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    : [];
}

/** Opens `rel` and waits for its attribution; whitespace at span edges may join a span (the remap rule), so trim. */
async function reopenAndWait(rel: string, expected: string[]): Promise<vscode.TextEditor> {
  const editor = await openFile(rel);
  await waitUntil(
    `restored spans ${JSON.stringify(expected)}`,
    async () => {
      const texts = (await attributedTexts(editor)).map((t) => t.trim());
      return JSON.stringify(texts) === JSON.stringify(expected) ? true : undefined;
    },
    15_000,
  );
  return editor;
}

/** Writes a record (as another window or a hook would) describing `recordedText`, then puts `diskText` on disk. */
async function writeRecordFor(
  rel: string,
  recordedText: string,
  start: number,
  length: number,
  diskText: string,
): Promise<void> {
  const store = await WorkingStateStore.open(workspaceRoot());
  const hash = contentHash(recordedText);
  await saveTextSnapshot(store.stateDir, hash, recordedText);
  await store.write({
    version: FILE_RECORD_VERSION,
    path: rel,
    contentHash: hash,
    length: recordedText.length,
    origins: [{ kind: 'agent', tool: 'Claude Code', model: 'anthropic/claude-sonnet-4', time: 1 }],
    spans: [[start, start + length, 0]],
    updated: Date.now(),
  });
  fs.writeFileSync(path.join(workspaceRoot(), rel), diskText);
}

describe('working-state persistence', () => {
  const original = new Map<string, string>();
  before(() => {
    for (const rel of [FILE, 'src/greet.ts'])
      original.set(rel, fs.readFileSync(path.join(workspaceRoot(), rel), 'utf8'));
  });
  afterEach(async () => {
    await closeAll();
    for (const [rel, text] of original) fs.writeFileSync(path.join(workspaceRoot(), rel), text);
  });

  it('saves exactly the marked spans in the git dir, never in the work tree', async () => {
    const editor = await openFile(FILE);
    await markText(editor, 'a + b');
    await (await api()).flush();
    const record = stateFiles()
      .map((t) => JSON.parse(t))
      .find((r) => r.path === FILE);
    assert.ok(record, 'a record for src/math.ts is in .git/ai-provenance/files');
    const start = editor.document.getText().indexOf('a + b');
    // Only spans holding code count: an earlier suite may leave a lone AI line break behind (whitespace says nothing).
    const text = editor.document.getText();
    const code = (record.spans as Array<[number, number, number]>).filter(([s, e]) => /\S/.test(text.slice(s, e)));
    assert.deepEqual(
      code.map(([s, e]) => [s, e]),
      [[start, start + 5]],
    );
    assert.equal(record.origins[code[0][2]].kind, 'manual');
    assert.equal(record.contentHash, contentHash(editor.document.getText()));
    assert.equal(fs.existsSync(path.join(workspaceRoot(), 'ai-provenance')), false);
  });

  it('restores attribution another window saved when the file is opened', async () => {
    const text = 'export const answer = compute(6, 7);\n';
    await writeRecordFor('src/restored.ts', text, text.indexOf('compute(6, 7)'), 'compute(6, 7)'.length, text);
    await reopenAndWait('src/restored.ts', ['compute(6, 7)']);
  });

  it('remaps saved attribution through a diff when the file changed while closed', async () => {
    const before = 'function tax(x: number) {\n  return x * 0.2;\n}\n';
    const after = '// edited elsewhere\nfunction tax(x: number) {\n  return x * 0.2 + 1;\n}\n';
    await writeRecordFor('src/tax.ts', before, before.indexOf('x * 0.2'), 'x * 0.2'.length, after);
    await reopenAndWait('src/tax.ts', ['x * 0.2']);
  });

  it('keeps attribution when an open file is reloaded from disk', async () => {
    const editor = await openFile(FILE);
    const doc = editor.document;
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), doc.positionAt(doc.getText().length));
    await vscode.commands.executeCommand('aiProvenance.clearSelection');
    await markText(editor, 'values.reduce((s, v) => s + v, 0)');
    const file = path.join(workspaceRoot(), FILE);
    fs.writeFileSync(
      file,
      '// header added by a tool\n' + fs.readFileSync(file, 'utf8').replace('return 0;', 'return NaN;'),
    );
    await waitUntil(
      'the reload from disk',
      () => (editor.document.getText().includes('header added') ? true : undefined),
      10_000,
    );
    assert.deepEqual(await attributedTexts(editor), ['values.reduce((s, v) => s + v, 0)']);
  });

  it('follows a rename made inside VS Code', async () => {
    const editor = await openFile('src/greet.ts');
    await markText(editor, '`Hello, ${name}!`');
    const from = editor.document.uri;
    const to = vscode.Uri.file(path.join(workspaceRoot(), 'src', 'welcome.ts'));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(from, to);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await reopenAndWait('src/welcome.ts', ['`Hello, ${name}!`']);
    } finally {
      const back = new vscode.WorkspaceEdit();
      back.renameFile(to, from);
      await vscode.workspace.applyEdit(back);
    }
  });
});

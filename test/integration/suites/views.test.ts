/** What a person sees: the hover on AI text, mixed-line marks and the status bar share, in the real workbench. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, scratch, waitUntil } from '../helpers';
import { driver, driverAvailable } from '../driver';

describe('attribution views', () => {
  afterEach(closeAll);

  async function marked(): Promise<vscode.TextEditor> {
    const editor = await scratch('const a = 1;\nconst b = fetchAll();\nconst c = 3;\n');
    const doc = editor.document;
    const start = doc.getText().indexOf('fetchAll()');
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + 'fetchAll()'.length));
    await vscode.commands.executeCommand('aiProvenance.markSelection');
    return editor;
  }

  it('hovers AI text with its origin as plain text', async () => {
    const editor = await marked();
    const pos = editor.document.positionAt(editor.document.getText().indexOf('fetchAll') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      pos,
    );
    // appendText escapes spaces as &nbsp; for the renderer.
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/&nbsp;/g, ' ');
    assert.match(text, /AI-written/);
    assert.match(text, /marked as AI by hand/);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(0, 2),
    );
    assert.ok(!none.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('AI-written'))));
  });

  it('marks mixed lines and shows the share in the status bar', async () => {
    const editor = await marked();
    assert.deepEqual((await api()).paintedRanges(editor.document.uri)?.mixedLines, [1]);
    if (!driverAvailable) return;
    const texts = await waitUntil('the status bar item', async () => {
      const found = (await driver.domText('.statusbar-item')).filter((t) => t.includes('AI '));
      return found.length ? found : undefined;
    });
    assert.ok(
      texts.some((t) => t.includes('AI 1/4')),
      JSON.stringify(texts),
    );
  });

  it('keeps painting after the annotation style changes', async () => {
    const editor = await marked();
    const config = vscode.workspace.getConfiguration('aiProvenance');
    try {
      await config.update('annotations.style', 'underline', vscode.ConfigurationTarget.Global);
      const start = editor.document.getText().indexOf('fetchAll()');
      const painted = await waitUntil('repaint', async () => (await api()).paintedRanges(editor.document.uri));
      assert.deepEqual(painted['paste-manual'], [[start, start + 'fetchAll()'.length]]);
    } finally {
      await config.update('annotations.style', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

/**
 * The foundation slice, end to end in the real editor: mark a selection as AI, type inside and around it, and check
 * exactly which characters stay marked and painted. Typing at the edges must never grow the region.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, attributedTexts, closeAll, scratch, waitUntil } from '../helpers';
import { driver, driverAvailable } from '../driver';

const TEXT = 'const total = items.reduce((s, x) => s + x, 0);\n';
const AI = 'items.reduce((s, x) => s + x, 0)';

async function markAi(editor: vscode.TextEditor, start: number, end: number): Promise<void> {
  const doc = editor.document;
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end));
  await vscode.commands.executeCommand('aiProvenance.markSelection');
}

async function typeAt(editor: vscode.TextEditor, offset: number, text: string): Promise<void> {
  const pos = editor.document.positionAt(offset);
  // Setting editor.selection is applied in the renderer asynchronously; showTextDocument resolves once it is there,
  // so the real key presses below land at this position.
  await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(pos, pos), preview: false });
  if (driverAvailable) {
    // Real key presses through the browser: the same path a person's typing takes.
    await driver.type(text);
    await waitUntil('typed text to arrive', () => (editor.document.getText().includes(text) ? true : undefined));
  } else {
    await editor.edit((b) => b.insert(pos, text));
  }
}

describe('manual AI marking', () => {
  afterEach(closeAll);

  it('marks exactly the selected characters and paints them', async () => {
    const editor = await scratch(TEXT);
    const start = TEXT.indexOf(AI);
    await markAi(editor, start, start + AI.length);
    assert.deepEqual(await attributedTexts(editor), [AI]);
    const painted = (await api()).paintedRanges(editor.document.uri);
    assert.deepEqual(painted?.['paste-manual'], [[start, start + AI.length]]);
    assert.equal((await api()).spans(editor.document.uri)[0].origin.kind, 'manual');
  });

  it('keeps typing at both edges human and splits the region when typing inside', async () => {
    const editor = await scratch(TEXT);
    const start = TEXT.indexOf(AI);
    await markAi(editor, start, start + AI.length);

    await typeAt(editor, start, 'Q'); // left edge
    await typeAt(editor, start + 1 + AI.length, 'Z'); // right edge
    assert.deepEqual(await attributedTexts(editor), [AI], 'typing at the edges must not grow the AI region');

    const inside = start + 1 + 'items.reduce('.length;
    await typeAt(editor, inside, 'HUMAN');
    assert.deepEqual(
      await attributedTexts(editor),
      ['items.reduce(', '(s, x) => s + x, 0)'],
      editor.document.getText(),
    );

    const text = editor.document.getText();
    const painted = await waitUntil('decorations', async () => (await api()).paintedRanges(editor.document.uri));
    const paintedTexts = painted['paste-manual'].map(([s, e]) => text.slice(s, e));
    assert.deepEqual(paintedTexts, ['items.reduce(', '(s, x) => s + x, 0)']);
  });

  it('clears a mark on part of the region', async () => {
    const editor = await scratch(TEXT);
    const start = TEXT.indexOf(AI);
    await markAi(editor, start, start + AI.length);
    const doc = editor.document;
    const cut = TEXT.indexOf('(s, x)');
    editor.selection = new vscode.Selection(doc.positionAt(cut), doc.positionAt(cut + '(s, x)'.length));
    await vscode.commands.executeCommand('aiProvenance.clearSelection');
    assert.deepEqual(await attributedTexts(editor), ['items.reduce(', ' => s + x, 0)']);
  });

  it('deleting AI text removes its attribution', async () => {
    const editor = await scratch(TEXT);
    const start = TEXT.indexOf(AI);
    await markAi(editor, start, start + AI.length);
    const doc = editor.document;
    await editor.edit((b) => b.delete(new vscode.Range(doc.positionAt(start), doc.positionAt(start + 6))));
    assert.deepEqual(await attributedTexts(editor), [AI.slice(6)]);
  });
});

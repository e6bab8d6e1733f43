/**
 * Paste capture with the real clipboard (Ctrl+C / Ctrl+X / Ctrl+V pressed in the browser): AI text copied or cut
 * inside VS Code stays AI where it is pasted; other pastes stay human unless the user says they are AI.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, attributedTexts, closeAll, scratch, waitUntil } from '../helpers';
import { NO_DRIVER, driver, driverAvailable } from '../driver';
import { skipBecause } from '../../skip';

async function select(editor: vscode.TextEditor, start: number, end: number): Promise<void> {
  const doc = editor.document;
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(doc.positionAt(start), doc.positionAt(end)),
    preview: false,
  });
}

async function markAi(editor: vscode.TextEditor, needle: string): Promise<void> {
  const start = editor.document.getText().indexOf(needle);
  await select(editor, start, start + needle.length);
  await vscode.commands.executeCommand('aiProvenance.markSelection');
}

describe('paste capture', function () {
  before(function () {
    if (!driverAvailable) skipBecause(this, NO_DRIVER);
  });
  afterEach(closeAll);

  it('keeps the origin of AI text copied and pasted inside VS Code', async () => {
    const editor = await scratch('const a = compute();\n\n');
    await markAi(editor, 'compute()');
    const start = editor.document.getText().indexOf('compute');
    await select(editor, start - 'const a = '.length, start + 'compute();'.length);
    await driver.press('Control+C');
    const end = editor.document.getText().length;
    await select(editor, end, end);
    await driver.press('Control+V');
    await waitUntil('the paste', () => (editor.document.getText().split('compute()').length === 3 ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), ['compute()', 'compute()']);
    assert.deepEqual(
      (await api()).spans(editor.document.uri).map((s) => s.origin.kind),
      ['manual', 'manual'],
    );
  });

  it('keeps AI text AI through cut and paste within a file', async () => {
    const editor = await scratch('first();\nsecond();\n');
    await markAi(editor, 'second();');
    const start = editor.document.getText().indexOf('second');
    await select(editor, start, start + 'second();\n'.length);
    await driver.press('Control+X');
    await waitUntil('the cut', () => (!editor.document.getText().includes('second') ? true : undefined));
    await select(editor, 0, 0);
    await driver.press('Control+V');
    await waitUntil('the paste', () => (editor.document.getText().startsWith('second();') ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), ['second();']);
  });

  it('leaves text pasted from outside human even when it equals AI text deleted moments before', async () => {
    // Text equal to the AI text, copied where it is human (as from a browser): no attribution rides on the clipboard.
    const source = await scratch('second();');
    await select(source, 0, 'second();'.length);
    await driver.press('Control+C');
    const editor = await scratch('first();\nsecond();\n');
    await markAi(editor, 'second();');
    const start = editor.document.getText().indexOf('second');
    await select(editor, start, start + 'second();'.length);
    await driver.press('Delete');
    await waitUntil('the deletion', () => (!editor.document.getText().includes('second') ? true : undefined));
    await select(editor, 0, 0);
    await driver.press('Control+V');
    await waitUntil('the paste', () => (editor.document.getText().startsWith('second();') ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), [], 'a deletion is not a cut: the pasted text is human');
  });

  it('leaves a plain paste human, and "Mark Last Paste as AI" marks exactly it', async () => {
    // Copy human text for real (a browser chat is outside VS Code: its text arrives without our attribution).
    const source = await scratch('fromBrowserChat(1, 2);');
    await select(source, 0, 'fromBrowserChat(1, 2);'.length);
    await driver.press('Control+C');
    const editor = await scratch('x\n');
    await select(editor, 1, 1);
    await driver.press('Control+V');
    await waitUntil('the paste', () => (editor.document.getText().includes('fromBrowserChat') ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), []);
    await vscode.commands.executeCommand('aiProvenance.markLastPasteAsAi');
    assert.deepEqual(await attributedTexts(editor), ['fromBrowserChat(1, 2);']);
    assert.equal((await api()).spans(editor.document.uri)[0].origin.kind, 'paste-ai');
  });

  it('"Paste as AI-Generated" attributes the pasted text', async () => {
    await vscode.env.clipboard.writeText('generated();');
    const editor = await scratch('\n');
    await select(editor, 0, 0);
    await vscode.commands.executeCommand('aiProvenance.pasteAsAi');
    await waitUntil('the paste', () => (editor.document.getText().includes('generated') ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), ['generated();']);
    assert.equal((await api()).spans(editor.document.uri)[0].origin.kind, 'paste-ai');
  });
});

/**
 * Paste capture with the real clipboard (Ctrl+C / Ctrl+X / Ctrl+V pressed in the browser): AI text copied or cut
 * inside VS Code stays AI where it is pasted; other pastes stay human unless the user says they are AI.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, attributedTexts, closeAll, sleep, waitUntil } from '../helpers';
import { NO_DRIVER, driver, driverAvailable } from '../driver';
import { skipBecause } from '../../skip';

let scratchCount = 0;

/**
 * A new untitled editor with its own name. The shared `scratch` reuses "Untitled-1" once the previous one is closed,
 * and on a loaded machine a key press then landed in a document holding the previous test's text.
 */
async function scratch(text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/paste-${process.pid}-${++scratchCount}.txt` });
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await editor.edit((e) => e.insert(new vscode.Position(0, 0), text));
  return editor;
}

/**
 * Shows the editor with a selection, then waits until the browser has keyboard focus in an editor that renders this
 * document's text. `showTextDocument` resolves before the page has moved focus on a loaded machine, and a key press
 * sent in that gap is lost (a lost Ctrl+C leaves the previous test's text on the clipboard).
 */
async function select(editor: vscode.TextEditor, start: number, end: number): Promise<void> {
  const doc = editor.document;
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(doc.positionAt(start), doc.positionAt(end)),
    preview: false,
  });
  const firstLine = doc.lineAt(0).text.trim();
  await waitUntil('keyboard focus in the editor', async () => {
    const shown = await driver.domText('.monaco-editor.focused .view-lines');
    return shown.some((t) => t.replace(/\u00a0/g, ' ').includes(firstLine)) ? true : undefined;
  });
}

/**
 * Presses Ctrl+V until `pasted` holds: the same lost-key race as in `select` remains possible even with focus shown,
 * and a paste that never arrives says nothing about attribution. A paste that arrives twice fails the test's own
 * assertions, so retrying cannot hide a fault.
 */
async function pasteWithKeys(pasted: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await driver.press('Control+V');
    const deadline = Date.now() + 4000;
    while (Date.now() < deadline) {
      if (pasted()) return;
      await sleep(100);
    }
  }
  await driver.screenshot('paste-lost');
  const active = vscode.window.activeTextEditor?.document;
  assert.fail(
    `the paste never arrived after pressing Control+V four times; the active editor is ${active?.uri.toString()} ` +
      `holding ${JSON.stringify(active?.getText())} (screenshot paste-lost.png)`,
  );
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
    await pasteWithKeys(() => editor.document.getText().split('compute()').length === 3);
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
    await pasteWithKeys(() => editor.document.getText().startsWith('second();'));
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
    await pasteWithKeys(() => editor.document.getText().startsWith('second();'));
    assert.deepEqual(await attributedTexts(editor), [], 'a deletion is not a cut: the pasted text is human');
  });

  it('leaves a plain paste human, and "Mark Last Paste as AI" marks exactly it', async () => {
    // Copy human text for real (a browser chat is outside VS Code: its text arrives without our attribution).
    const source = await scratch('fromBrowserChat(1, 2);');
    await select(source, 0, 'fromBrowserChat(1, 2);'.length);
    await driver.press('Control+C');
    const editor = await scratch('x\n');
    await select(editor, 1, 1);
    await pasteWithKeys(() => editor.document.getText().includes('fromBrowserChat'));
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

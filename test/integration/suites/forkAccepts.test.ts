/**
 * Accepts of editors' built-in AI that bypass VS Code's inline-suggest commands (Cursor Tab, Windsurf
 * Supercomplete). The real VS Code stands in for the fork: a test extension (test/integration/stub-fork) registers the
 * forks' accept commands under their real ids, as the forks do; the test sets the fork's context key and presses Tab.
 * Our mirrored key binding must reach our command, which runs the fork's and attributes exactly what it inserted.
 * Without the context key Tab stays plain indentation and the fork's command does not run.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, attributedTexts, closeAll, scratch, waitUntil } from '../helpers';
import { driver, driverAvailable } from '../driver';

async function cursorAt(editor: vscode.TextEditor, offset: number): Promise<void> {
  const pos = editor.document.positionAt(offset);
  await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(pos, pos), preview: false });
}

/** Presses Tab for real when a browser drives this VS Code, else runs the command our binding names. */
async function pressTab(fallbackCommand: string): Promise<void> {
  if (driverAvailable) await driver.press('Tab');
  else await vscode.commands.executeCommand(fallbackCommand);
}

/** What the stub fork's AI inserts on its next accept; resolves with how many of its accepts have run. */
async function offer(text?: string): Promise<number> {
  await vscode.extensions.getExtension('ai-provenance-test.stub-fork')?.activate();
  return (await vscode.commands.executeCommand<number>('stubFork.offer', text)) ?? 0;
}

const setContext = (key: string, value: boolean) => vscode.commands.executeCommand('setContext', key, value);

describe('fork accept commands (the real VS Code standing in for Cursor and Windsurf)', () => {
  afterEach(async () => {
    await offer('');
    for (const key of [
      'cpp.shouldAcceptTab',
      'windsurf.supercompleteShown',
      'aiProvenance.windsurfSupercompleteAccept',
    ])
      await setContext(key, false);
    await closeAll();
  });

  it('attributes a Cursor Tab accept (editor.action.acceptCursorTabSuggestion under cpp.shouldAcceptTab) to Cursor Tab', async () => {
    await offer('total += price * qty;');
    const text = 'let total = 0;\n\n';
    const editor = await scratch(text);
    await cursorAt(editor, text.length - 1);
    await setContext('cpp.shouldAcceptTab', true);
    const version = editor.document.version;
    await pressTab('aiProvenance.fork.acceptCursorTab');
    await waitUntil('the accept', () => (editor.document.version > version ? true : undefined));
    assert.equal(editor.document.getText(), 'let total = 0;\ntotal += price * qty;\n');
    assert.deepEqual(await attributedTexts(editor), ['total += price * qty;']);
    const span = (await api()).spans(editor.document.uri)[0];
    assert.deepEqual(
      [span.origin.kind, span.origin.tool, span.origin.evidence],
      ['inline', 'Cursor Tab', "the editor's own accept command"],
    );
  });

  it('leaves Tab as plain indentation when the fork would not accept (context key off)', async () => {
    const before = await offer('never inserted');
    const text = 'x\n';
    const editor = await scratch(text);
    await cursorAt(editor, 0);
    await setContext('cpp.shouldAcceptTab', false);
    const version = editor.document.version;
    await pressTab('tab');
    await waitUntil('the indentation', () => (editor.document.version > version ? true : undefined));
    assert.equal(await offer(), before, "the fork's accept did not run");
    assert.notEqual(editor.document.getText(), text);
    assert.deepEqual(await attributedTexts(editor), []);
  });

  it('attributes a Windsurf Supercomplete accept through whichever known accept id the editor has', async () => {
    // The stub has the second candidate id only: the first one is absent, so the id is resolved at run time.
    await offer('return cache.get(key);');
    const text = 'function lookup(key) {\n  \n}\n';
    const editor = await scratch(text);
    await cursorAt(editor, text.indexOf('  \n') + 2);
    await setContext('windsurf.supercompleteShown', true);
    await setContext('aiProvenance.windsurfSupercompleteAccept', true);
    const version = editor.document.version;
    await pressTab('aiProvenance.fork.acceptWindsurfSupercomplete');
    await waitUntil('the accept', () => (editor.document.version > version ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), ['return cache.get(key);']);
    const span = (await api()).spans(editor.document.uri)[0];
    assert.deepEqual([span.origin.kind, span.origin.tool], ['next-edit', 'Windsurf']);
  });
});

/** Shared helpers for tests running inside the real VS Code. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiProvenanceApi } from '../../src/extension/api';

export const EXTENSION_ID = 'ai-provenance.ai-provenance';

export async function api(): Promise<AiProvenanceApi> {
  const ext = vscode.extensions.getExtension<AiProvenanceApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : await ext.activate();
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is not open');
  return folder.uri.fsPath;
}

export async function openFile(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** A scratch document with exactly `text`, shown in an editor. */
export async function scratch(text: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content: text });
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `check` until it returns a value that is not undefined, or fails after `timeoutMs`. The default is generous:
 * a loaded 2-core machine (CI, or several runs at once) is slow to repaint, not broken.
 */
export async function waitUntil<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(50);
  }
}

/** The text of each attributed span, in order: the clearest way to assert "exactly these characters". */
export async function attributedTexts(editor: vscode.TextEditor): Promise<string[]> {
  const a = await api();
  const text = editor.document.getText();
  return a.spans(editor.document.uri).map((s) => text.slice(s.start, s.end));
}

/** Closes every editor without saving (closing a dirty editor any other way would open a dialog). */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const tabs = vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
    if (tabs === 0) return;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/**
 * AI Blame in the real editor: committed AI lines from an Agent Trace note, AI-assisted commits, uncommitted lines
 * from the live attribution, old versions of a file, and the per-line hover as plain text.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, openFile, waitUntil, workspaceRoot } from '../helpers';
import { driver, driverAvailable } from '../driver';
import { commitWithNote, git } from './reviewFixture.test';

const FILE = 'src/blamed.ts';
const LINES: ReadonlyArray<readonly [string, 'ai' | 'mixed' | 'human']> = [
  ['export function total(values: number[]): number {', 'human'],
  ['  let sum = 0;', 'ai'],
  ['  for (const v of values) sum += v;', 'ai'],
  ['  return sum; // checked by hand', 'mixed'],
  ['}', 'human'],
];

interface Painted {
  ai: number[];
  mixed: number[];
  assisted: number[];
  annotations: string[];
}

async function painted(uri: vscode.Uri): Promise<Painted | undefined> {
  return vscode.commands.executeCommand<Painted | undefined>('aiProvenance.internal.blameLines', uri);
}

async function hoverText(uri: vscode.Uri, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    new vscode.Position(line, 3),
  );
  // appendText escapes spaces as &nbsp; and markdown punctuation with a backslash.
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  return text.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!~<>|])/g, '$1');
}

describe('AI blame', () => {
  let commit: string;

  before(async () => {
    commit = await commitWithNote(FILE, LINES, 'Add totals');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('aiProvenance.toggleBlame', false);
    await closeAll();
  });

  it('marks the AI and mixed lines of a committed file and explains each on hover, as plain text', async () => {
    const editor = await openFile(FILE);
    assert.equal(await vscode.commands.executeCommand('aiProvenance.toggleBlame', true), true);
    const marks = await waitUntil('blame marks', async () => (await painted(editor.document.uri)) ?? undefined);
    assert.deepEqual([marks.ai, marks.mixed, marks.assisted], [[2, 3], [4], []]);
    assert.deepEqual(marks.annotations, [
      `AI · claude-code · ${commit.slice(0, 8)}`,
      `AI + human · claude-code · ${commit.slice(0, 8)}`,
    ]);
    const hover = await hoverText(editor.document.uri, 1);
    assert.match(hover, /AI-written line/);
    assert.match(hover, /agent edit/);
    assert.match(hover, /claude-code/);
    assert.match(hover, /anthropic\/claude-sonnet-4/);
    assert.ok(hover.includes(commit.slice(0, 12)), hover);
    assert.match(hover, /Add totals/);
    assert.match(hover, /Sample Dev/);
    assert.doesNotMatch(hover, /command:/);
    assert.doesNotMatch(await hoverText(editor.document.uri, 0), /AI-written|partly written/);
    if (driverAvailable) {
      await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
      await driver.screenshot('blame-annotations');
      editor.selection = new vscode.Selection(1, 4, 1, 4);
      await vscode.commands.executeCommand('editor.action.showHover');
      await waitUntil('the hover widget', async () =>
        (await driver.domText('.monaco-hover-content')).some((t) => t.includes('AI-written')) ? true : undefined,
      );
      await driver.screenshot('blame-hover');
    }
  });

  it('marks every line of an AI-assisted commit that has no line record', async () => {
    const editor = await openFile('src/greet.ts');
    await vscode.commands.executeCommand('aiProvenance.toggleBlame', true);
    const marks = await waitUntil('blame marks', async () => (await painted(editor.document.uri)) ?? undefined);
    assert.deepEqual([marks.ai, marks.mixed, marks.assisted], [[], [], [1, 2, 3]]);
    assert.match(await hoverText(editor.document.uri, 0), /AI-assisted commit/);
  });

  it('takes uncommitted lines from the live attribution and follows edits', async () => {
    const editor = await openFile(FILE);
    await vscode.commands.executeCommand('aiProvenance.toggleBlame', true);
    await waitUntil('blame marks', async () => (await painted(editor.document.uri)) ?? undefined);
    // A human line on top shifts everything down; a new line marked as AI at the end is not committed.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// totals\n'));
    const end = editor.document.lineCount - 1;
    await editor.edit((b) => b.insert(new vscode.Position(end, 0), 'export const none = total([]);\n'));
    editor.selection = new vscode.Selection(end, 0, end, editor.document.lineAt(end).text.length);
    await vscode.commands.executeCommand('aiProvenance.markSelection');
    const marks = await waitUntil('re-aligned marks', async () => {
      const p = await painted(editor.document.uri);
      return p && p.ai.includes(end + 1) ? p : undefined;
    });
    assert.deepEqual([marks.ai, marks.mixed], [[3, 4, end + 1], [5]]);
    assert.match(await hoverText(editor.document.uri, end), /not committed yet/);
    assert.match(await hoverText(editor.document.uri, 2), /claude-code/);
  });

  it('blames an old version of the file shown from a commit', async () => {
    const abs = path.join(workspaceRoot(), FILE);
    const uri = vscode.Uri.from({
      scheme: 'ai-provenance-rev',
      path: `/${FILE}`,
      query: new URLSearchParams({ root: workspaceRoot(), rev: commit, path: FILE }).toString(),
    });
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
      preview: false,
    });
    assert.equal(editor.document.getText(), LINES.map(([t]) => t).join('\n') + '\n');
    await vscode.commands.executeCommand('aiProvenance.toggleBlame', true);
    const marks = await waitUntil('blame marks', async () => (await painted(uri)) ?? undefined);
    assert.deepEqual([marks.ai, marks.mixed], [[2, 3], [4]]);
    // The built-in Git extension's documents (a diff's base side) carry { path, ref } in the query.
    const gitUri = vscode.Uri.file(abs).with({
      scheme: 'git',
      query: JSON.stringify({ path: abs, ref: git('rev-parse', 'HEAD').trim() }),
    });
    if (!vscode.extensions.getExtension('vscode.git')?.isActive) return; // no Git extension in this host
    const gitDoc = await vscode.workspace.openTextDocument(gitUri);
    await vscode.window.showTextDocument(gitDoc, { preview: false });
    const gitMarks = await waitUntil(
      'blame marks on the git: document',
      async () => (await painted(gitUri)) ?? undefined,
    );
    assert.deepEqual([gitMarks.ai, gitMarks.mixed], [[2, 3], [4]]);
  });

  it('clears every mark when toggled off', async () => {
    const editor = await openFile(FILE);
    await vscode.commands.executeCommand('aiProvenance.toggleBlame', true);
    await waitUntil('blame marks', async () => (await painted(editor.document.uri)) ?? undefined);
    assert.equal(await vscode.commands.executeCommand('aiProvenance.toggleBlame'), false);
    assert.equal(await painted(editor.document.uri), undefined);
    assert.equal(await hoverText(editor.document.uri, 1).then((t) => /AI-written line/.test(t)), false);
  });
});

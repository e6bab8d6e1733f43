/**
 * Attribution through the editor's own machinery: undo and redo of an AI insertion, formatting a document full of
 * AI code, and refactorings (workspace edits, code actions) that must never count as AI.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, attributedTexts, closeAll, scratch, waitUntil } from '../helpers';
import { TestInlineProvider } from '../inlineProvider';

async function acceptInline(
  editor: vscode.TextEditor,
  provider: TestInlineProvider,
  offset: number,
  text: string,
): Promise<void> {
  const pos = editor.document.positionAt(offset);
  await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(pos, pos), preview: false });
  await provider.show(text);
  await vscode.commands.executeCommand('aiProvenance.inlineSuggest.commit');
  await waitUntil('the accept', () => (editor.document.getText().includes(text) ? true : undefined));
  provider.next = undefined;
}

describe('editing AI text', () => {
  let provider: TestInlineProvider;
  beforeEach(() => (provider = new TestInlineProvider()));
  afterEach(async () => {
    provider.dispose();
    await closeAll();
  });

  it('undo removes an accepted completion and redo brings back the same origin', async () => {
    const editor = await scratch('const v = \n');
    await acceptInline(editor, provider, 'const v = '.length, 'computeValue(42);');
    const before = (await api()).spans(editor.document.uri);
    assert.deepEqual(await attributedTexts(editor), ['computeValue(42);']);

    await vscode.commands.executeCommand('undo');
    await waitUntil('undo', () => (editor.document.getText() === 'const v = \n' ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), []);

    await vscode.commands.executeCommand('redo');
    await waitUntil('redo', () => (editor.document.getText().includes('computeValue') ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), ['computeValue(42);']);
    assert.deepEqual((await api()).spans(editor.document.uri)[0].origin, before[0].origin);
  });

  it('undoing the deletion of AI text makes it AI again', async () => {
    const editor = await scratch('let total = \n');
    await acceptInline(editor, provider, 'let total = '.length, 'items.length * price;');
    const doc = editor.document;
    const start = doc.getText().indexOf('items');
    await editor.edit((b) =>
      b.delete(new vscode.Range(doc.positionAt(start), doc.positionAt(start + 'items.length * price;'.length))),
    );
    assert.deepEqual(await attributedTexts(editor), []);
    await vscode.commands.executeCommand('undo');
    await waitUntil('undo', () => (doc.getText().includes('items.length') ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), ['items.length * price;']);
  });

  it('formatting a document full of AI code keeps every AI character AI', async () => {
    const messy = 'function   f( a,b ){\nreturn a+b;\n}\n';
    const editor = await scratch('\n');
    await acceptInline(editor, provider, 0, messy);
    const formatter = vscode.languages.registerDocumentFormattingEditProvider(
      { scheme: 'untitled' },
      {
        // Like many formatters: one edit replacing the whole text.
        provideDocumentFormattingEdits: (doc) => [
          vscode.TextEdit.replace(
            new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)),
            'function f(a, b) {\n  return a + b;\n}\n\n',
          ),
        ],
      },
    );
    try {
      await vscode.commands.executeCommand('editor.action.formatDocument');
      await waitUntil('formatting', () =>
        editor.document.getText().startsWith('function f(a, b)') ? true : undefined,
      );
    } finally {
      formatter.dispose();
    }
    const text = editor.document.getText();
    const aiChars = new Set<number>();
    for (const s of (await api()).spans(editor.document.uri)) for (let i = s.start; i < s.end; i++) aiChars.add(i);
    for (let i = 0; i < text.length; i++) {
      if (/\S/.test(text[i])) assert.ok(aiChars.has(i), `character ${JSON.stringify(text[i])} at ${i} stayed AI`);
    }
  });

  it('another extension turning an AI function into an arrow function: new words human, unchanged words AI', async () => {
    const fn = 'function add(a, b) {\n  return a + b;\n}';
    const editor = await scratch('// math\n\n');
    await acceptInline(editor, provider, '// math\n'.length, fn);
    const doc = editor.document;
    const start = doc.getText().indexOf(fn);
    // One replace of the whole declaration, as refactoring extensions send it (no edit source: not AI).
    const arrow = 'const add = (a, b) => {\n  return a + b;\n};';
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(start + fn.length)), arrow);
    // VS Code delivers it as six small inserts and deletes around the shared letters (see eventCoalesce.test.ts).
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitUntil('the refactoring', () => (doc.getText().includes(arrow) ? true : undefined));
    const text = doc.getText();
    const ai = new Set<number>();
    for (const s of (await api()).spans(doc.uri)) for (let i = s.start; i < s.end; i++) ai.add(i);
    const at = (needle: string): number => text.indexOf(needle);
    const labels = (from: number, len: number): boolean[] => Array.from({ length: len }, (_, k) => ai.has(from + k));
    assert.deepEqual(labels(at('const'), 5), [false, false, false, false, false], 'no letter of the new `const` is AI');
    assert.deepEqual(labels(at('=>'), 2), [false, false], 'the new arrow is human');
    for (const kept of ['add', '(a, b)', 'return a + b;'])
      assert.ok(labels(at(kept), kept.length).every(Boolean), `${kept} stays AI`);
  });

  it('a part-word rename delivered as one small replace makes the renamed word human as a whole', async () => {
    const code = 'const fooBar = load();\nreturn fooBar;';
    const editor = await scratch('// x\n\n');
    await acceptInline(editor, provider, '// x\n'.length, code);
    const doc = editor.document;
    // A rename that only sends the changed letter: `fooBar` -> `fooBaz` is the replace of `r` by `z`, twice.
    const edit = new vscode.WorkspaceEdit();
    for (const m of doc.getText().matchAll(/fooBar/g)) {
      const at = m.index + 'fooBa'.length;
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 1)), 'z');
    }
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitUntil('the rename', () => (doc.getText().includes('return fooBaz;') ? true : undefined));
    assert.deepEqual(await attributedTexts(editor), ['const ', ' = load();\nreturn ', ';']);
  });

  it('workspace edits and code actions (refactorings) stay human', async () => {
    const editor = await scratch('const oldName = 1;\nconsole.log(oldName);\n');
    const doc = editor.document;
    const rename = new vscode.WorkspaceEdit();
    for (const m of doc.getText().matchAll(/oldName/g)) {
      rename.replace(doc.uri, new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + 7)), 'renamedValue');
    }
    assert.ok(await vscode.workspace.applyEdit(rename));
    const actions = vscode.languages.registerCodeActionsProvider(
      { scheme: 'untitled' },
      {
        provideCodeActions: (d) => {
          const fix = new vscode.CodeAction('Add semicolon comment', vscode.CodeActionKind.QuickFix);
          fix.edit = new vscode.WorkspaceEdit();
          fix.edit.insert(d.uri, new vscode.Position(0, 0), '// organised\n');
          return [fix];
        },
      },
    );
    try {
      const [action] =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          new vscode.Range(0, 0, 0, 1),
        )) ?? [];
      assert.ok(action?.edit);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
    } finally {
      actions.dispose();
    }
    assert.ok(doc.getText().startsWith('// organised\nconst renamedValue'));
    assert.deepEqual(await attributedTexts(editor), []);
  });
});

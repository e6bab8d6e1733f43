// "Demo AI": a tiny inline completion provider that only `npm run demo` (and its test) loads, so a visitor can press
// Tab on a suggestion and watch AI Provenance attribute it. It also opens the demo's first screen: the feature
// branch's AI Review and one annotated file. Nothing here ships in the VSIX.
const vscode = require('vscode');

/** Typed prefix of a line -> what Demo AI suggests after it (from the parenthesis on: the editor would auto-close it). */
const SUGGESTIONS = [
  {
    prefix: /export function median$/,
    text: '(values: number[]): number {\n  const sorted = [...values].sort((a, b) => a - b);\n  const mid = Math.floor(sorted.length / 2);\n  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;\n}',
  },
  {
    prefix: /export function max$/,
    text: '(values: number[]): number {\n  return values.reduce((m, v) => (v > m ? v : m), -Infinity);\n}',
  },
];

function activate(context) {
  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider(
      { language: 'typescript' },
      {
        provideInlineCompletionItems(doc, position) {
          const before = doc.lineAt(position.line).text.slice(0, position.character);
          const hit = SUGGESTIONS.find((s) => s.prefix.test(before));
          return hit ? [new vscode.InlineCompletionItem(hit.text, new vscode.Range(position, position))] : [];
        },
      },
    ),
  );
  void openFirstScreen();
}

async function openFirstScreen() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) return;
  const ours = vscode.extensions.getExtension('ai-provenance.ai-provenance');
  if (ours) await ours.activate();
  await vscode.commands.executeCommand('aiProvenance.review.show');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'rates.ts'));
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('aiProvenance.toggleBlame', true);
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
}

function deactivate() {}

module.exports = { activate, deactivate };

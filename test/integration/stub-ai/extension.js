// Test only (see package.json): an installed AI extension with a real inline completion provider. It offers nothing
// until a test calls stubAi.offer(text); the offer stands until it is accepted or withdrawn with stubAi.offer('').
const vscode = require('vscode');

function activate(context) {
  let offered = '';
  let asked = 0;
  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider([{ scheme: 'untitled' }, { scheme: 'file' }], {
      provideInlineCompletionItems(_doc, position) {
        asked++;
        return offered ? [new vscode.InlineCompletionItem(offered, new vscode.Range(position, position))] : [];
      },
    }),
    // Returns how often the provider was asked, so a test can wait for the answer.
    vscode.commands.registerCommand('stubAi.offer', (text) => {
      if (typeof text === 'string') offered = text;
      return asked;
    }),
  );
}

module.exports = { activate, deactivate: () => undefined };

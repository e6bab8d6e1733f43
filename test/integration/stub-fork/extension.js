// Test only (see package.json): the forks' accept commands, as another extension registers them. Plain JavaScript
// so the harness can install the folder as it is.
const vscode = require('vscode');

const FORK_COMMANDS = ['editor.action.acceptCursorTabSuggestion', 'codeium.supercompleteAccept'];

function activate(context) {
  let offered = '';
  let accepts = 0;
  context.subscriptions.push(
    // What the fork's AI would suggest next; returns how many accepts ran so far (tests check a command did run).
    vscode.commands.registerCommand('stubFork.offer', (text) => {
      if (typeof text === 'string') offered = text;
      return accepts;
    }),
    ...FORK_COMMANDS.map((id) =>
      vscode.commands.registerCommand(id, async () => {
        accepts++;
        const editor = vscode.window.activeTextEditor;
        if (editor && offered) await editor.edit((b) => b.insert(editor.selection.active, offered));
      }),
    ),
  );
}

module.exports = { activate, deactivate: () => undefined };

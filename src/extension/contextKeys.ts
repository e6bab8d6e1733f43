/** Context keys our `when` clauses use, kept in step with settings. */
import * as vscode from 'vscode';

export function syncContextKeys(): vscode.Disposable {
  const apply = () => {
    const config = vscode.workspace.getConfiguration('aiProvenance');
    void vscode.commands.executeCommand('setContext', 'aiProvenance.active', true);
    void vscode.commands.executeCommand(
      'setContext',
      'aiProvenance.captureInline',
      config.get<boolean>('capture.inlineCompletions', true),
    );
  };
  apply();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('aiProvenance')) apply();
  });
}

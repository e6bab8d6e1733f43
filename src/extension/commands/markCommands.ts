/** "Mark Selection as AI" and "Clear AI Mark": the manual capture path, for code that arrived from outside VS Code. */
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { AttributionService } from '../attribution/attributionService';

export function registerMarkCommands(attribution: AttributionService, now: () => number = Date.now): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerTextEditorCommand(CommandId.MarkSelection, (editor) => {
      if (!editor.selections.some((s) => !s.isEmpty)) {
        void vscode.window.showInformationMessage('AI Provenance: select the text to mark as AI first.');
        return;
      }
      for (const selection of editor.selections) {
        attribution.mark(editor.document, selection, { kind: 'manual', tool: 'user-marked', time: now() });
      }
    }),
    vscode.commands.registerTextEditorCommand(CommandId.ClearSelection, (editor) => {
      for (const selection of editor.selections) attribution.clear(editor.document, selection);
    }),
  );
}

/**
 * Wires the features together; holds no logic of its own. Each feature is one Disposable in context.subscriptions.
 * Activation spawns no process and reads no file: features start their work lazily.
 */
import * as vscode from 'vscode';
import { AttributionService } from './attribution/attributionService';
import { DecorationController } from './decorations/decorationController';
import { registerMarkCommands } from './commands/markCommands';
import { InlineCompletionCapture } from './capture/inlineCompletionCapture';
import { createApi, type AiProvenanceApi } from './api';
import { CommandId } from './commandIds';

export function activate(context: vscode.ExtensionContext): AiProvenanceApi {
  const started = performance.now();
  const attribution = new AttributionService();
  const decorations = new DecorationController(attribution);
  context.subscriptions.push(
    attribution,
    decorations,
    registerMarkCommands(attribution),
    new InlineCompletionCapture(attribution),
    vscode.commands.registerCommand(CommandId.ToggleAnnotations, () => decorations.setEnabled(!decorations.isEnabled)),
  );
  void vscode.commands.executeCommand('setContext', 'aiProvenance.active', true);
  void vscode.commands.executeCommand('setContext', 'aiProvenance.captureInline', vscode.workspace.getConfiguration('aiProvenance').get('capture.inlineCompletions', true));
  return createApi({ attribution, decorations, activationMs: performance.now() - started });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** AI Blame wiring: the controller, its toggle command and a read-only inspection command for tests (test runs only). */
import * as vscode from 'vscode';
import type { AttributionService } from '../attribution/attributionService';
import { CommandId } from '../commandIds';
import { registerInspectionCommand } from '../inspectionCommands';
import { BlameController } from './blameController';

/** Returns what blame painted in the visible editor of a URI, after painting now. Not in the command palette. */
const BLAME_LINES_COMMAND = 'aiProvenance.internal.blameLines';

export function registerBlame(
  context: vscode.ExtensionContext,
  attribution: AttributionService,
  log: (message: string) => void,
): vscode.Disposable {
  const controller = new BlameController(attribution, vscode.Uri.joinPath(context.extensionUri, 'media'), log);
  return vscode.Disposable.from(
    controller,
    vscode.commands.registerCommand(CommandId.ToggleBlame, async (enabled?: unknown) => {
      controller.setEnabled(typeof enabled === 'boolean' ? enabled : !controller.isEnabled);
      await controller.refresh();
      return controller.isEnabled;
    }),
    registerInspectionCommand(BLAME_LINES_COMMAND, async (uri?: vscode.Uri) => {
      await controller.refresh();
      return uri ? controller.paintedLines(uri) : undefined;
    }),
  );
}

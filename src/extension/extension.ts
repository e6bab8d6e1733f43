/**
 * Wires the features together; holds no logic of its own. Each feature is one Disposable in context.subscriptions.
 * Activation spawns no process and reads no file: features start their work lazily.
 */
import * as vscode from 'vscode';
import { AttributionService } from './attribution/attributionService';
import { DecorationController } from './decorations/decorationController';
import { registerMarkCommands } from './commands/markCommands';
import { InlineCompletionCapture } from './capture/inlineCompletionCapture';
import { ForkAcceptCapture } from './capture/forkAcceptCapture';
import { hostEditor } from './capture/aiExtensions';
import { PersistenceController } from './persistence/persistenceController';
import { PasteCapture } from './capture/pasteCapture';
import { createApi, type AiProvenanceApi } from './api';
import { CommandId } from './commandIds';
import { syncContextKeys } from './contextKeys';
import { registerAttributionHover } from './views/hoverProvider';
import { AttributionStatusBar } from './views/statusBar';
import { registerShowFileProvenance } from './commands/showFileProvenance';
import { AgentsController } from './agents/agentsController';
import { CommitController } from './commit/commitController';
import { TrailerPreviewFeature } from './commit/trailerPreview';
import { registerBlame } from './blame/blameFeature';
import { ReviewFeature } from './review/reviewFeature';
import { registerDoctorCommand } from './commands/doctorCommand';
import { WindowRepositories } from './repositories';

export function activate(context: vscode.ExtensionContext): AiProvenanceApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('AI Provenance', { log: true });
  const log = (message: string) => output.appendLine(message);
  const attribution = new AttributionService();
  const decorations = new DecorationController(attribution);
  const persistence = new PersistenceController(attribution, log);
  const trailerPreview = new TrailerPreviewFeature(log);
  const repositories = new WindowRepositories(log);
  context.subscriptions.push(
    output,
    repositories,
    attribution,
    decorations,
    persistence,
    registerMarkCommands(attribution),
    new InlineCompletionCapture(attribution, context.globalState),
    new ForkAcceptCapture(attribution, log),
    new PasteCapture(attribution),
    vscode.commands.registerCommand(CommandId.ToggleAnnotations, () => decorations.setEnabled(!decorations.isEnabled)),
    syncContextKeys(),
    registerAttributionHover(attribution),
    new AttributionStatusBar(attribution),
    registerShowFileProvenance(attribution),
    registerBlame(context, attribution, log),
    new ReviewFeature(context, attribution, () => persistence.flush(), log, repositories),
    new AgentsController(context.asAbsolutePath('dist/cli.js'), repositories, log),
    new CommitController(context, context.asAbsolutePath('dist/cli.js'), repositories, log),
    trailerPreview,
    registerDoctorCommand(output, repositories),
  );
  const activationMs = performance.now() - started;
  const host = hostEditor();
  log(
    `AI Provenance ${String(context.extension.packageJSON.version)} active in ${host.name} (${host.id}) ` +
      `in ${activationMs.toFixed(1)} ms`,
  );
  return createApi({ attribution, decorations, persistence, trailerPreview, activationMs });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; the persistence controller flushes on dispose.
}

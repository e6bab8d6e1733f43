/**
 * Which installed extensions could have produced an inline completion, and which of them the accept is credited
 * to. The rule (known ids, the manifest category "AI") and the choice live in core/attribution/inlineTool.ts.
 */
import * as vscode from 'vscode';
import {
  chooseInlineTool,
  detectHostEditor,
  inlineProviders,
  type HostEditor,
  type InlineTool,
} from '../../core/attribution';

const SELF_ID = 'ai-provenance.ai-provenance';
const OFFERED_KEY = 'aiProvenance.capture.inlineToolOffered';
const SETTING = 'capture.inlineTool';

/** Display names of the AI inline-completion extensions installed and enabled in this window, sorted. */
function installedAiProviders(): string[] {
  // `extensions.all` lists enabled extensions only: a disabled provider writes no ghost text.
  return inlineProviders(vscode.extensions.all, SELF_ID);
}

let host: HostEditor | undefined;

/** The editor this window runs in (VS Code, Cursor, Windsurf, ...); it does not change while the window lives. */
export function hostEditor(): HostEditor {
  host ??= detectHostEditor(vscode.env.appName, vscode.env.uriScheme);
  return host;
}

/** The tool fields for an accept made now. */
export function currentInlineTool(): InlineTool {
  const configured = vscode.workspace.getConfiguration('aiProvenance').get<string>(SETTING, '');
  return chooseInlineTool(installedAiProviders(), configured, hostEditor().builtInAi);
}

/**
 * With several providers and no setting, asks once (ever, per user) which one writes the user's ghost text; the
 * answer goes into the setting. Until then accepts stay `unknown` with the candidates.
 */
export async function offerInlineToolChoice(state: vscode.Memento | undefined, tool: InlineTool): Promise<void> {
  if (!state || tool.tool !== 'unknown' || (tool.candidates?.length ?? 0) < 2 || state.get<boolean>(OFFERED_KEY))
    return;
  await state.update(OFFERED_KEY, true);
  const leave = 'Leave unknown (record the installed candidates)';
  const pick = await vscode.window.showQuickPick([...(tool.candidates ?? []), leave], {
    title: 'AI Provenance: which extension writes your inline completions?',
    placeHolder: 'Several AI completion extensions are installed; VS Code does not say whose suggestion was accepted.',
    ignoreFocusOut: false,
  });
  if (pick && pick !== leave)
    await vscode.workspace.getConfiguration('aiProvenance').update(SETTING, pick, vscode.ConfigurationTarget.Global);
}

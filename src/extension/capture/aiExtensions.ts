/**
 * Which installed extensions could have produced an inline completion. VS Code does not tell a published extension
 * whose ghost text was accepted, so these are recorded as candidates, never as fact.
 */
import * as vscode from 'vscode';

/** Extension ids (lower case) of well-known AI completion and chat providers. */
const KNOWN_AI_EXTENSIONS: Readonly<Record<string, string>> = {
  'github.copilot': 'GitHub Copilot',
  'github.copilot-chat': 'GitHub Copilot',
  'codeium.codeium': 'Windsurf (Codeium)',
  'tabnine.tabnine-vscode': 'Tabnine',
  'continue.continue': 'Continue',
  'supermaven.supermaven': 'Supermaven',
  'amazonwebservices.amazon-q-vscode': 'Amazon Q',
  'amazonwebservices.aws-toolkit-vscode': 'Amazon Q',
  'sourcegraph.cody-ai': 'Cody',
  'google.geminicodeassist': 'Gemini Code Assist',
  'anthropic.claude-code': 'Claude Code',
  'saoudrizwan.claude-dev': 'Cline',
  'rooveterinaryinc.roo-cline': 'Roo Code',
  'blackboxapp.blackbox': 'Blackbox',
  'fittentech.fitten-code': 'Fitten Code',
};

export function knownAiExtensionName(id: string): string | undefined {
  return KNOWN_AI_EXTENSIONS[id.toLowerCase()];
}

/** Display names of the AI extensions installed and enabled in this window, deduplicated and sorted. */
export function installedAiProviders(): string[] {
  const names = new Set<string>();
  for (const ext of vscode.extensions.all) {
    const name = knownAiExtensionName(ext.id);
    if (name) names.add(name);
  }
  return [...names].sort();
}

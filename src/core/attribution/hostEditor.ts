/**
 * Which VS Code-shaped editor the extension runs in, from `vscode.env.uriScheme` (stable per product: it is the
 * scheme of the editor's own links) and, failing that, `vscode.env.appName`. Forks with a built-in AI (Cursor Tab,
 * Windsurf's autocomplete) accept its suggestions through their own commands; see ./forkAccepts.ts.
 */

export type HostEditorId = 'vscode' | 'vscodium' | 'cursor' | 'windsurf' | 'antigravity' | 'code-server' | 'other';

export interface HostEditor {
  readonly id: HostEditorId;
  /** The editor's product name as reported (bounded, printable). */
  readonly name: string;
  /** The name of the editor's own inline-completion AI, when it has one. */
  readonly builtInAi?: string;
}

interface KnownHost {
  readonly id: HostEditorId;
  readonly schemes: readonly string[];
  /** Lower-case fragment of `appName` that identifies it when the scheme is unknown. */
  readonly appName: string;
  readonly builtInAi?: string;
}

// Order matters for the appName fallback: "Cursor" before anything that might contain it.
const KNOWN_HOSTS: readonly KnownHost[] = [
  { id: 'cursor', schemes: ['cursor'], appName: 'cursor', builtInAi: 'Cursor Tab' },
  { id: 'windsurf', schemes: ['windsurf', 'windsurf-next'], appName: 'windsurf', builtInAi: 'Windsurf' },
  { id: 'antigravity', schemes: ['antigravity'], appName: 'antigravity', builtInAi: 'Antigravity' },
  { id: 'vscodium', schemes: ['vscodium', 'vscodium-insiders'], appName: 'vscodium' },
  { id: 'code-server', schemes: [], appName: 'code-server' },
  {
    id: 'vscode',
    schemes: ['vscode', 'vscode-insiders', 'vscode-exploration', 'code-oss'],
    appName: 'visual studio code',
  },
];

export function detectHostEditor(appName: string, uriScheme: string): HostEditor {
  const name = printable(appName) || 'unknown editor';
  const scheme = uriScheme.trim().toLowerCase();
  const lowerName = name.toLowerCase();
  // code-server serves VS Code's workbench with the `vscode` scheme; its appName says which it is.
  const byName = KNOWN_HOSTS.find((h) => lowerName.includes(h.appName));
  const known = byName?.id === 'code-server' ? byName : (KNOWN_HOSTS.find((h) => h.schemes.includes(scheme)) ?? byName);
  if (!known) return { id: 'other', name };
  return known.builtInAi ? { id: known.id, name, builtInAi: known.builtInAi } : { id: known.id, name };
}

function printable(text: string): string {
  // Names come from the host: no control characters in logs or records.
  return (
    String(text)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .trim()
      .slice(0, 60)
  );
}

/**
 * Which tool an accepted inline completion came from. VS Code does not tell a published extension whose ghost text
 * was accepted, so the name is inferred from the installed extensions, and the record keeps how (`evidence`).
 *
 * Which extensions count as AI inline-completion providers (decided here, restated in ARCHITECTURE.md):
 * - a known id whose extension offers inline completions (the table below); known chat- or agent-only extensions
 *   (Claude Code, Cline, Roo Code) never count, whatever their manifest says;
 * - any other extension whose manifest declares the Marketplace category "AI" (the category VS Code asks AI
 *   extensions to use, beside "Chat"). "Chat" alone does not count: a chat participant writes no ghost text.
 * The provider's name is the known display name, else the manifest's `displayName`, else its id.
 */

/** Why an inline completion's tool is named although no tool said so. */
export const TOOL_EVIDENCE = {
  /** Exactly one enabled AI inline-completion extension was installed when the suggestion was accepted. */
  onlyProvider: 'only installed provider',
  /** The user named the tool in `aiProvenance.capture.inlineTool`. */
  userSetting: 'user setting',
  /** The editor itself (Cursor, Windsurf, ...) has a built-in AI and no AI extension was installed beside it. */
  hostBuiltIn: "the editor's built-in AI",
} as const;

interface KnownExtension {
  readonly name: string;
  /** False for chat- or agent-only extensions: they are never the source of ghost text. */
  readonly inline: boolean;
}

/** Extension ids (lower case) of well-known AI completion and chat providers. */
const KNOWN_AI_EXTENSIONS: Readonly<Record<string, KnownExtension>> = {
  'github.copilot': { name: 'GitHub Copilot', inline: true },
  // Copilot's completions and next-edit suggestions moved into the chat extension.
  'github.copilot-chat': { name: 'GitHub Copilot', inline: true },
  'codeium.codeium': { name: 'Windsurf (Codeium)', inline: true },
  // The extension Windsurf ships built in (its autocomplete is a VS Code inline-completion provider).
  'codeium.windsurf': { name: 'Windsurf', inline: true },
  'tabnine.tabnine-vscode': { name: 'Tabnine', inline: true },
  'continue.continue': { name: 'Continue', inline: true },
  'supermaven.supermaven': { name: 'Supermaven', inline: true },
  'amazonwebservices.amazon-q-vscode': { name: 'Amazon Q', inline: true },
  'amazonwebservices.aws-toolkit-vscode': { name: 'Amazon Q', inline: true },
  'sourcegraph.cody-ai': { name: 'Cody', inline: true },
  'google.geminicodeassist': { name: 'Gemini Code Assist', inline: true },
  'blackboxapp.blackbox': { name: 'Blackbox', inline: true },
  'fittentech.fitten-code': { name: 'Fitten Code', inline: true },
  'anthropic.claude-code': { name: 'Claude Code', inline: false },
  'saoudrizwan.claude-dev': { name: 'Cline', inline: false },
  'rooveterinaryinc.roo-cline': { name: 'Roo Code', inline: false },
};

/** What of an installed extension the rule reads (its id and manifest). */
export interface InstalledExtension {
  readonly id: string;
  readonly packageJSON: unknown;
}

/** The provider name when `ext` is an AI inline-completion provider by the rule above, else undefined. */
export function inlineProviderName(ext: InstalledExtension): string | undefined {
  const known = KNOWN_AI_EXTENSIONS[ext.id.toLowerCase()];
  if (known) return known.inline ? known.name : undefined;
  const manifest =
    ext.packageJSON !== null && typeof ext.packageJSON === 'object' ? (ext.packageJSON as Record<string, unknown>) : {};
  const categories = Array.isArray(manifest.categories) ? manifest.categories : [];
  if (!categories.some((c) => typeof c === 'string' && c.trim().toLowerCase() === 'ai')) return undefined;
  const display = typeof manifest.displayName === 'string' ? cleanName(manifest.displayName) : '';
  // A displayName may be a `%key%` placeholder for a localized string the manifest object does not resolve.
  return display && !/^%.*%$/.test(display) ? display : cleanName(ext.id) || undefined;
}

/** Sorted, deduplicated provider names among `extensions` (skipping `selfId`, this extension). */
export function inlineProviders(extensions: Iterable<InstalledExtension>, selfId?: string): string[] {
  const names = new Set<string>();
  for (const ext of extensions) {
    if (selfId !== undefined && ext.id.toLowerCase() === selfId.toLowerCase()) continue;
    const name = inlineProviderName(ext);
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** The tool fields of an inline-completion origin. */
export interface InlineTool {
  readonly tool: string;
  readonly evidence?: string;
  readonly candidates?: readonly string[];
}

/**
 * The user's setting wins; else exactly one provider is named with its evidence; else `unknown` with the installed
 * providers as candidates (never one of them picked as fact).
 */
export function chooseInlineTool(
  providers: readonly string[],
  configured: string | undefined,
  /** The host editor's own AI (Cursor Tab, Windsurf), a provider no extension list shows. */
  hostAi?: string,
): InlineTool {
  const setting = configured === undefined ? '' : cleanName(configured);
  if (setting && setting.toLowerCase() !== 'unknown') return { tool: setting, evidence: TOOL_EVIDENCE.userSetting };
  const all = hostAi && !providers.includes(hostAi) ? [...providers, hostAi].sort() : providers;
  if (all.length === 1)
    return { tool: all[0], evidence: all[0] === hostAi ? TOOL_EVIDENCE.hostBuiltIn : TOOL_EVIDENCE.onlyProvider };
  return all.length ? { tool: 'unknown', candidates: [...all] } : { tool: 'unknown' };
}

/** Names come from other extensions' manifests and settings: no control characters, bounded. */
function cleanName(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .trim()
      .slice(0, 80)
  );
}

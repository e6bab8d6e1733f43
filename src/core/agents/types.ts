/**
 * The normalised shape of one external-agent hook call, whatever agent sent it. Hooks for Claude Code, VS Code agent
 * mode (Copilot), Cursor, Codex CLI and Gemini CLI all reduce to this, so the capture code snapshots and attributes
 * files one way. See README.md in this folder for the payload formats and where each fact comes from.
 */

export type AgentId =
  | 'claude'
  | 'vscode'
  | 'cursor'
  | 'codex'
  | 'gemini'
  | 'windsurf'
  | 'droid'
  | 'cline'
  | 'kiro'
  | 'amazonq'
  | 'opencode';

export const AGENT_IDS: readonly AgentId[] = [
  'claude',
  'vscode',
  'cursor',
  'codex',
  'gemini',
  'windsurf',
  'droid',
  'cline',
  'kiro',
  'amazonq',
  'opencode',
];

/** `pre`: before the tool runs (take the "before" snapshot); `post`: after it ran (diff against the snapshot). */
export type HookPhase = 'pre' | 'post';

/**
 * `file-edit`: the tool writes the files in `files`. `shell`: a command that may write anything (snapshot broadly).
 * `other`: reads, searches, web, MCP tools without paths: nothing to attribute.
 */
export type ToolKind = 'file-edit' | 'shell' | 'other';

/** One search/replace the agent reported (Cursor `afterFileEdit`, Claude `Edit`/`MultiEdit`, Gemini `replace`...). */
export interface ReportedEdit {
  readonly filePath: string;
  readonly oldString: string;
  readonly newString: string;
}

export interface HookPayload {
  readonly agent: AgentId;
  readonly phase: HookPhase;
  /** The agent's own event name (`PreToolUse`, `afterFileEdit`, `BeforeTool`...), when it sent one. */
  readonly event?: string;
  readonly sessionId?: string;
  /** Model id as the payload states it (Codex, Cursor). Undefined otherwise: the caller may read the transcript. */
  readonly model?: string;
  readonly cwd?: string;
  readonly toolName?: string;
  readonly toolUseId?: string;
  /** Paths the tool may write, as the agent wrote them (absolute or relative to `cwd`), deduplicated, bounded. */
  readonly files: readonly string[];
  readonly kind: ToolKind;
  readonly transcriptPath?: string;
  /**
   * The search/replace pairs the agent reported, when it did and they fit the size bound. They let a caller that
   * only gets a `post` event (Cursor `afterFileEdit`) rebuild the "before" text. Absent when unknown or too large.
   */
  readonly edits?: readonly ReportedEdit[];
}

/** Bounds that keep a hostile or runaway payload from costing more than a hook can afford. */
export const HOOK_LIMITS = Object.freeze({
  /** Largest hook stdin accepted by `parseHookJson` (UTF-16 code units). Write/Edit payloads carry file text. */
  maxInputChars: 32 * 1024 * 1024,
  /** Paths kept per payload; more are dropped. */
  maxFiles: 256,
  /** Longest path kept; longer ones are dropped. */
  maxPathChars: 4096,
  /** Longest id-like field (session, tool use, model, tool name) kept; longer ones are dropped. */
  maxIdChars: 512,
  /** Total old+new text kept in `edits`; above it `edits` is omitted. */
  maxEditChars: 4 * 1024 * 1024,
  /** Search/replace pairs kept; above it `edits` is omitted. */
  maxEdits: 1024,
});

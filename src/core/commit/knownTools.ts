/**
 * The AI tools whose commit conventions we know (see provenance-landscape.md): how to name them in trailers and how
 * to recognise them in commit identities. Shared by trailers.ts and identities.ts so writing and reading agree.
 */

export type KnownToolId = 'claude' | 'copilot' | 'cursor' | 'codex' | 'aider';

export interface KnownTool {
  readonly id: KnownToolId;
  /** Display and kernel `Assisted-by` agent name. */
  readonly agent: string;
  /** Matches an Origin.tool value naming this tool ("claude-code", "GitHub Copilot", ...). */
  readonly toolPattern: RegExp;
  /** Author/committer/co-author emails this tool uses. */
  readonly emailPattern: RegExp;
  /** A co-author *name* that is this tool even without the email (kept tight: "Claude" is also a human name). */
  readonly coAuthorNamePattern: RegExp;
  readonly coAuthorEmail: string;
}

export const KNOWN_TOOLS: readonly KnownTool[] = [
  {
    id: 'claude',
    agent: 'Claude',
    toolPattern: /claude|anthropic/i,
    emailPattern: /^noreply@anthropic\.com$/i,
    coAuthorNamePattern: /^claude(?: code)?(?: (?:opus|sonnet|haiku|\d)[\w. ]*)?$/i,
    coAuthorEmail: 'noreply@anthropic.com',
  },
  {
    id: 'copilot',
    agent: 'Copilot',
    toolPattern: /copilot/i,
    emailPattern: /^(?:\d+\+)?copilot@users\.noreply\.github\.com$/i,
    coAuthorNamePattern: /^(?:github )?copilot$/i,
    coAuthorEmail: '223556219+Copilot@users.noreply.github.com',
  },
  {
    id: 'cursor',
    agent: 'Cursor',
    toolPattern: /cursor/i,
    emailPattern: /^cursoragent@cursor\.com$/i,
    coAuthorNamePattern: /^cursor(?: agent)?$/i,
    coAuthorEmail: 'cursoragent@cursor.com',
  },
  {
    id: 'codex',
    agent: 'Codex',
    toolPattern: /codex/i,
    emailPattern: /^codex@openai\.com$/i,
    coAuthorNamePattern: /^(?:openai )?codex$/i,
    coAuthorEmail: 'codex@openai.com',
  },
  {
    id: 'aider',
    agent: 'aider',
    toolPattern: /aider/i,
    emailPattern: /^aider@aider\.chat$/i,
    coAuthorNamePattern: /^aider(?: \([^()]*\))?$/i,
    coAuthorEmail: 'aider@aider.chat',
  },
];

/** Email of the generic co-author line for tools without a convention of their own (reserved TLD: never mail). */
export const GENERIC_CO_AUTHOR_EMAIL = 'noreply@ai-provenance.invalid';

export function knownToolForOriginTool(tool: string): KnownTool | undefined {
  return KNOWN_TOOLS.find((t) => t.toolPattern.test(tool));
}

export function knownToolForEmail(email: string): KnownTool | undefined {
  const normalized = email.trim();
  return KNOWN_TOOLS.find((t) => t.emailPattern.test(normalized));
}

export function knownToolForCoAuthorName(name: string): KnownTool | undefined {
  const normalized = name.trim().replace(/\s+/g, ' ');
  return KNOWN_TOOLS.find((t) => t.coAuthorNamePattern.test(normalized));
}

/** Maps an agent name as written in an `Assisted-by` trailer to a known tool ("Claude", "copilot", "Claude-Code"). */
export function knownToolForAgentName(agent: string): KnownTool | undefined {
  return KNOWN_TOOLS.find((t) => t.toolPattern.test(agent));
}

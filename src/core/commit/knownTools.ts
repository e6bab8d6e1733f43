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

/**
 * AI accounts that author, commit or co-author commits themselves: GitHub bot apps and agents' own addresses. Read
 * only (we never write these). A GitHub bot's noreply address is `<numeric id>+<login>[bot]@users.noreply.github.com`;
 * `[bot]` cannot be part of a person's login, so the login alone identifies it (never the bare noreply domain, which
 * every person hiding their email shares). Checked against real histories and the bots' public user records.
 */
export interface AiAccount {
  /** Display name of the tool ("Copilot", "Devin"). */
  readonly agent: string;
  readonly email: RegExp;
  /** An author, committer or co-author name that is this account (GitHub bot logins only: "Claude" is also a person). */
  readonly name?: RegExp;
}

const bot = (logins: string): { email: RegExp; name: RegExp } => ({
  email: new RegExp(`^\\d+\\+(?:${logins})\\[bot\\]@users\\.noreply\\.github\\.com$`, 'i'),
  name: new RegExp(`^(?:${logins})\\[bot\\]$`, 'i'),
});

const AI_ACCOUNTS: readonly AiAccount[] = [
  { agent: 'Claude', ...bot('claude|anthropic-claude|claude-code-action') },
  // The coding agent commits as `copilot-swe-agent[bot] <198982749+Copilot@...>` (covered by KNOWN_TOOLS' email) or
  // as `Copilot <...>`; Copilot chat and CLI trailers use 175728472+/223556219+Copilot or copilot@github.com.
  {
    agent: 'Copilot',
    email: /^(?:\d+\+copilot\[bot\]@users\.noreply\.github\.com|copilot@github\.com)$/i,
    name: /^(?:copilot-swe-agent|copilot)\[bot\]$/i,
  },
  // Codex CLI's default co-author line is `Co-authored-by: Codex <noreply@openai.com>` (codex-rs commit attribution);
  // people at openai.com have their own addresses, so only the noreply one is the tool.
  {
    agent: 'Codex',
    email:
      /^(?:\d+\+(?:chatgpt-codex-connector|openai-codex)\[bot\]@users\.noreply\.github\.com|noreply@openai\.com)$/i,
    name: /^(?:chatgpt-codex-connector|openai-codex)\[bot\]$/i,
  },
  { agent: 'Cursor', ...bot('cursor|cursoragent') },
  {
    agent: 'Devin',
    email: /^(?:\d+\+devin-ai-integration\[bot\]@users\.noreply\.github\.com|devin@cognition\.ai)$/i,
    name: /^devin-ai-integration\[bot\]$/i,
  },
  {
    agent: 'Gemini',
    email: /^(?:\d+\+gemini-code-assist\[bot\]@users\.noreply\.github\.com|gemini-cli@google\.com)$/i,
    name: /^gemini-code-assist\[bot\]$/i,
  },
  { agent: 'Jules', ...bot('google-labs-jules') },
  { agent: 'Amazon Q', ...bot('amazon-q-developer') },
  { agent: 'Cline', ...bot('cline') },
  { agent: 'Continue', ...bot('continue') },
  { agent: 'Cody', ...bot('sourcegraph-cody') },
  { agent: 'JetBrains AI', ...bot('jetbrains-ai') },
  { agent: 'Windsurf', ...bot('windsurf-bot') },
  { agent: 'CodeRabbit', ...bot('coderabbitai') },
  { agent: 'OpenHands', ...bot('openhands-agent|openhands') },
  { agent: 'Amp', email: /^amp@ampcode\.com$/i },
  { agent: 'OpenCode', email: /^noreply@opencode\.ai$/i },
  // Charm's Crush writes `Co-Authored-By: Crush <crush@charm.land>` (earlier `Charm Crush`, `noreply@crush.charm.land`)
  // or `Assisted-by: … via Crush <crush@charm.land>`; termai, OpenCode's first name, wrote `noreply@termai.io`.
  { agent: 'Crush', email: /^(?:crush@charm\.land|noreply@crush\.charm\.land)$/i },
  { agent: 'termai', email: /^noreply@termai\.io$/i },
  // AI services whose GitHub apps commit or co-author the code they generate (LLM optimisation, docs fixes).
  { agent: 'Codeflash', ...bot('codeflash-ai') },
  { agent: 'Hyperlint', ...bot('hyperlint-ai') },
  { agent: 'aider', email: /^noreply@aider\.chat$/i },
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

/** The AI account an email belongs to: a tool we write for, then the read-only accounts. */
export function aiAgentForEmail(email: string): string | undefined {
  const normalized = email.trim();
  return knownToolForEmail(normalized)?.agent ?? AI_ACCOUNTS.find((a) => a.email.test(normalized))?.agent;
}

/** The AI account a bot login names (`copilot-swe-agent[bot]`), or undefined. */
export function aiAgentForBotName(name: string): string | undefined {
  const normalized = name.trim();
  return AI_ACCOUNTS.find((a) => a.name?.test(normalized))?.agent;
}

/**
 * Co-author names without an email that can only be an agent (Crush writes `Co-authored-by: Crush` in some setups).
 * Kept to product names no person goes by; "Claude", "Devin" or "Jules" alone are people too.
 */
const AGENT_ONLY_NAMES: readonly { readonly agent: string; readonly name: RegExp }[] = [
  { agent: 'Crush', name: /^(?:charm )?crush$/i },
  { agent: 'OpenCode', name: /^opencode$/i },
  { agent: 'termai', name: /^termai$/i },
];

/** The agent a co-author name without an email names: a tool we write for, then the read-only agent names. */
export function agentForCoAuthorName(name: string): string | undefined {
  const normalized = name.trim().replace(/\s+/g, ' ');
  return knownToolForCoAuthorName(normalized)?.agent ?? AGENT_ONLY_NAMES.find((a) => a.name.test(normalized))?.agent;
}

/** An agent named in free text (`Assisted-by: GLM-5.1 via Crush`), by a tool's or read-only agent's name. */
export function agentForName(name: string): string | undefined {
  const normalized = name.trim();
  return (
    knownToolForAgentName(normalized)?.agent ??
    AGENT_ONLY_NAMES.find((a) => a.name.test(normalized))?.agent ??
    AI_ACCOUNTS.find((a) => a.agent.toLowerCase() === normalized.toLowerCase())?.agent
  );
}

export function knownToolForCoAuthorName(name: string): KnownTool | undefined {
  const normalized = name.trim().replace(/\s+/g, ' ');
  return KNOWN_TOOLS.find((t) => t.coAuthorNamePattern.test(normalized));
}

/** Maps an agent name as written in an `Assisted-by` trailer to a known tool ("Claude", "copilot", "Claude-Code"). */
export function knownToolForAgentName(agent: string): KnownTool | undefined {
  return KNOWN_TOOLS.find((t) => t.toolPattern.test(agent));
}

/**
 * Commit-level AI recognition for commits made where no capture ran: known AI author/committer identities and the
 * trailers AI tools (and we) write. Name-only matches are kept tight because "Claude" is also a person's name.
 */
import { knownToolForAgentName, knownToolForCoAuthorName, knownToolForEmail, type KnownTool } from './knownTools';
import { parseTrailers, type Trailer } from './message';
import { isOwnSummaryTrailer } from './trailers';

export interface Identity {
  readonly name: string;
  readonly email: string;
}

export interface CommitIdentityInput {
  readonly author?: Identity;
  readonly committer?: Identity;
  /** The stored commit message (no comment lines); its trailers are parsed when `trailers` is not given. */
  readonly message?: string;
  readonly trailers?: readonly Trailer[];
}

export type EvidenceSource = 'author' | 'committer' | 'trailer' | 'message';

export interface AiEvidence {
  readonly source: EvidenceSource;
  /** Display name of the tool ("Claude", "Copilot", or an `Assisted-by` agent); absent when the evidence names none. */
  readonly tool?: string;
  /** What matched, e.g. `author email noreply@anthropic.com` or `Assisted-by: Claude:claude-3-opus`. */
  readonly detail: string;
}

export interface CommitAiRecognition {
  readonly aiAssisted: boolean;
  /** Distinct tool names from the evidence, sorted case-insensitively. */
  readonly tools: readonly string[];
  readonly evidence: readonly AiEvidence[];
}

const MAX_DETAIL = 200;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? flat.slice(0, MAX_DETAIL) + '...' : flat;
}

function identityEvidence(source: 'author' | 'committer', who: Identity | undefined): AiEvidence[] {
  if (!who) return [];
  const out: AiEvidence[] = [];
  const byEmail = knownToolForEmail(who.email ?? '');
  if (byEmail) out.push({ source, tool: byEmail.agent, detail: clip(`${source} email ${who.email}`) });
  // aider marks the identity it commits under with a " (aider)" name suffix.
  if (/\s\(aider\)\s*$/i.test(who.name ?? '')) {
    out.push({ source, tool: 'aider', detail: clip(`${source} name ${who.name}`) });
  }
  return out;
}

/** `Name <email>` -> its parts (email undefined when absent). */
function splitNameEmail(value: string): { name: string; email?: string } {
  const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(value);
  return m ? { name: m[1].trim(), email: m[2].trim() } : { name: value.trim() };
}

/** By email when there is one (a person may be called Claude); by an unmistakable name only without an email. */
function coAuthorTool(value: string): KnownTool | undefined {
  const { name, email } = splitNameEmail(value);
  return email ? knownToolForEmail(email) : knownToolForCoAuthorName(name);
}

/** `Assisted-by: AGENT:MODEL [TOOL...]` or Fedora's `Assisted-by: ChatGPTv5` -> the agent's display name. */
function assistedByAgent(value: string): string | undefined {
  const agent = value.trim().split(/[\s:]/, 1)[0];
  if (!agent) return undefined;
  return knownToolForAgentName(agent)?.agent ?? agent.slice(0, 80);
}

/** Entire's `73% agent (146/200 lines)`: AI only when the share is above zero. */
function entireShare(value: string): number | undefined {
  const m = /^(\d{1,3}(?:\.\d+)?)%/.exec(value.trim());
  return m ? Number(m[1]) : undefined;
}

function trailerEvidence(t: Trailer): AiEvidence | undefined {
  const key = t.key.toLowerCase();
  const detail = clip(`${t.key}: ${t.value}`);
  switch (key) {
    case 'co-authored-by': {
      const tool = coAuthorTool(t.value);
      return tool ? { source: 'trailer', tool: tool.agent, detail } : undefined;
    }
    case 'assisted-by': {
      const agent = assistedByAgent(t.value);
      return agent ? { source: 'trailer', tool: agent, detail } : undefined;
    }
    case 'claude-session':
      return t.value.trim() ? { source: 'trailer', tool: 'Claude', detail } : undefined;
    case 'entire-attribution': {
      const share = entireShare(t.value);
      return share === undefined || share > 0 ? { source: 'trailer', detail } : undefined;
    }
    case 'ai-assisted':
      return isOwnSummaryTrailer(t) ? { source: 'trailer', detail } : undefined;
    default:
      return undefined;
  }
}

/** Claude Code's body line: "Generated with [Claude Code](https://claude.com/claude-code)". */
const CLAUDE_CODE_BODY = /^\W*Generated with \[?Claude Code\]?/im;

function byTextCaseless(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Says whether a commit is AI-assisted at commit level, by which tools, and why. */
export function recognizeCommitAi(input: CommitIdentityInput): CommitAiRecognition {
  const evidence: AiEvidence[] = [...identityEvidence('author', input.author), ...identityEvidence('committer', input.committer)];
  const trailers = input.trailers ?? (input.message !== undefined ? parseTrailers(input.message, '') : []);
  for (const t of trailers) {
    const e = trailerEvidence(t);
    if (e) evidence.push(e);
  }
  const bodyMatch = input.message !== undefined ? CLAUDE_CODE_BODY.exec(input.message) : null;
  if (bodyMatch) evidence.push({ source: 'message', tool: 'Claude', detail: clip(bodyMatch[0]) });
  const tools = [...new Set(evidence.map((e) => e.tool).filter((t): t is string => t !== undefined))].sort(byTextCaseless);
  return { aiAssisted: evidence.length > 0, tools, evidence };
}

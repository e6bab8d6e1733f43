/**
 * Commit-level AI recognition for commits made where no capture ran: known AI author/committer identities (tools'
 * addresses and AI bot accounts such as copilot-swe-agent[bot] or devin-ai-integration[bot]), the trailers AI tools
 * (and we) write, and the project's own list from `.ai-provenance.json`. Name-only matches are kept tight because
 * "Claude" is also a person's name. A commit that names an AI and a person as co-authors is mixed at commit level.
 */
import { extraToolForEmail, extraToolForName, extraToolForTrailer, type ExtraIdentities } from './identityConfig';
import { agentForCoAuthorName, agentForName, aiAgentForBotName, aiAgentForEmail } from './knownTools';
import { parseTrailers, type Trailer } from './message';
import { isOwnSummaryTrailer } from './trailers';

export interface Identity {
  readonly name: string;
  readonly email: string;
}

export interface CommitIdentityInput {
  readonly author?: Identity;
  readonly committer?: Identity;
  /**
   * The stored commit message (no comment lines), or only its agent marker lines (`agentMarkerLines`: what the log
   * readers pass); its trailers are parsed when `trailers` is not given.
   */
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
  /** Co-authors named in trailers that are not AI (`Name <email>`), besides the author. */
  readonly humanCoAuthors: readonly string[];
  /** AI-assisted and naming a person as co-author too: which lines are whose is unknown at commit level. */
  readonly mixed: boolean;
  /**
   * The author is a bot account not known to be AI (`renovate[bot]`, a project's release bot): a fact of its own,
   * never AI evidence. Absent when the commit is AI-assisted or the author is not a bot.
   */
  readonly botAuthor?: string;
}

const MAX_DETAIL = 200;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? flat.slice(0, MAX_DETAIL) + '...' : flat;
}

function identityEvidence(
  source: 'author' | 'committer',
  who: Identity | undefined,
  extra: ExtraIdentities | undefined,
): AiEvidence[] {
  if (!who) return [];
  const out: AiEvidence[] = [];
  const byEmail = aiAgentForEmail(who.email ?? '') ?? extraToolForEmail(extra, who.email ?? '');
  if (byEmail) out.push({ source, tool: byEmail, detail: clip(`${source} email ${who.email}`) });
  else {
    const byName = aiAgentForBotName(who.name ?? '') ?? extraToolForName(extra, who.name ?? '');
    if (byName) out.push({ source, tool: byName, detail: clip(`${source} name ${who.name}`) });
  }
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
function coAuthorTool(value: string, extra: ExtraIdentities | undefined): string | undefined {
  const { name, email } = splitNameEmail(value);
  if (email)
    return (
      aiAgentForEmail(email) ??
      extraToolForEmail(extra, email) ??
      aiAgentForBotName(name) ??
      extraToolForName(extra, name)
    );
  return agentForCoAuthorName(name) ?? aiAgentForBotName(name) ?? extraToolForName(extra, name);
}

/**
 * `Assisted-by: AGENT:MODEL [TOOL...]`, Fedora's `Assisted-by: ChatGPTv5`, or Crush's older `Assisted-by: MODEL via
 * AGENT <email>` -> the agent's display name (the agent, not the model: `Kimi K2.5 via Crush` is Crush).
 */
function assistedByAgent(value: string): string | undefined {
  const { name, email } = splitNameEmail(value);
  const byEmail = email ? aiAgentForEmail(email) : undefined;
  if (byEmail) return byEmail;
  const via = /\svia\s+([^\s:<>][^:<>]{0,60})$/i.exec(name);
  if (via) return agentForName(via[1]) ?? via[1].trim();
  const agent = name.split(/[\s:]/, 1)[0];
  if (!agent) return undefined;
  return agentForName(agent) ?? agent.slice(0, 80);
}

/** Entire's `73% agent (146/200 lines)`: AI only when the share is above zero. */
function entireShare(value: string): number | undefined {
  const m = /^(\d{1,3}(?:\.\d+)?)%/.exec(value.trim());
  return m ? Number(m[1]) : undefined;
}

function trailerEvidence(t: Trailer, extra: ExtraIdentities | undefined): AiEvidence | undefined {
  const key = t.key.toLowerCase();
  const detail = clip(`${t.key}: ${t.value}`);
  const byProject = extraToolForTrailer(extra, key);
  if (byProject && t.value.trim()) return { source: 'trailer', tool: byProject, detail };
  switch (key) {
    case 'co-authored-by': {
      const tool = coAuthorTool(t.value, extra);
      return tool ? { source: 'trailer', tool, detail } : undefined;
    }
    case 'assisted-by': {
      const agent = assistedByAgent(t.value);
      return agent ? { source: 'trailer', tool: agent, detail } : undefined;
    }
    case 'claude-session':
      return t.value.trim() ? { source: 'trailer', tool: 'Claude', detail } : undefined;
    // Amp links the thread that made the commit (`Amp-Thread: https://ampcode.com/threads/T-…`, or its id).
    case 'amp-thread':
    case 'amp-thread-id':
      return t.value.trim() ? { source: 'trailer', tool: 'Amp', detail } : undefined;
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

/**
 * Agents' own body lines, the whole line: "🤖 Generated with [Claude Code](https://claude.com/claude-code)", Crush's
 * "💘 Generated with Crush", OpenCode's "🤖 Generated with [opencode](https://opencode.ai)", Amp's "Generated with
 * [Amp](https://ampcode.com)", Devin's. Anchored at both ends: prose that mentions an agent ("Generated with Crush
 * line, including validation", "tests generated with Claude Code") is no marker.
 */
const AGENT_LINE =
  /^[^\p{L}\p{N}\n]*Generated with \[?(Claude Code|Devin|Crush|opencode|termai|Amp)\]?(?:\(https?:\/\/[^\s()]*\))?(?: \([^()\n]{1,80}\))?[.!]?[ \t]*$/imu;
const AGENT_LINE_TOOL: Readonly<Record<string, string>> = {
  'claude code': 'Claude',
  devin: 'Devin',
  crush: 'Crush',
  opencode: 'OpenCode',
  termai: 'termai',
  amp: 'Amp',
};
/** aider's `--attribute-commit-message-author`/`-committer` prefix the subject with "aider: " (lower case, as written). */
const AIDER_SUBJECT = /^aider: \S/;

const MAX_MARKER_LINES = 8;

/**
 * Keeps a message's agent marker lines as its lines arrive one at a time (the log readers get messages so, inside the
 * log that carries identities and trailers): `take()` gives what `agentMarkerLines` gives for the whole message and
 * starts the next one. Holds at most MAX_MARKER_LINES short lines, whatever the message's size.
 */
export class AgentMarkerCollector {
  private out: string[] = [];
  private seen = 0;

  line(line: string): void {
    if (this.seen++ === 0 && AIDER_SUBJECT.test(line)) this.out.push(clip(line));
    else if (this.out.length < MAX_MARKER_LINES && line.length <= 300 && AGENT_LINE.test(line))
      this.out.push(line.trim());
  }

  take(): string {
    const markers = this.out.join('\n');
    this.out = [];
    this.seen = 0;
    return markers;
  }
}

/**
 * The lines of a message that mark an agent (its "Generated with" lines; the subject when it carries aider's prefix),
 * joined by newlines, or '' when there are none: what the log readers keep of a message body for `recognizeCommitAi`.
 */
export function agentMarkerLines(message: string): string {
  const markers = new AgentMarkerCollector();
  for (const line of message.split('\n')) markers.line(line);
  return markers.take();
}

function messageEvidence(message: string): AiEvidence[] {
  const out: AiEvidence[] = [];
  const subject = message.slice(0, message.indexOf('\n') + 1 || message.length).trimEnd();
  if (AIDER_SUBJECT.test(subject)) out.push({ source: 'message', tool: 'aider', detail: clip(subject) });
  const m = AGENT_LINE.exec(message);
  if (m) out.push({ source: 'message', tool: AGENT_LINE_TOOL[m[1].toLowerCase()] ?? m[1], detail: clip(m[0]) });
  return out;
}

/** A GitHub app's account (`renovate[bot]`, `123+release-bot[bot]@users.noreply.github.com`): its login, else undefined. */
function botLogin(who: Identity | undefined): string | undefined {
  if (!who) return undefined;
  const name = /^([\w.-]{1,100}\[bot\])$/i.exec(who.name?.trim() ?? '');
  if (name) return name[1];
  const email = /^(?:\d+\+)?([\w.-]{1,100}\[bot\])@users\.noreply\.github\.com$/i.exec(who.email?.trim() ?? '');
  return email?.[1];
}

function byTextCaseless(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Says whether a commit is AI-assisted at commit level, by which tools, and why. `extra`: the project's own AI
 * identities (`.ai-provenance.json`), added to the built-in ones.
 */
export function recognizeCommitAi(input: CommitIdentityInput, extra?: ExtraIdentities): CommitAiRecognition {
  const evidence: AiEvidence[] = [
    ...identityEvidence('author', input.author, extra),
    ...identityEvidence('committer', input.committer, extra),
  ];
  const trailers = input.trailers ?? (input.message !== undefined ? parseTrailers(input.message, '') : []);
  const humans: string[] = [];
  const authorEmail = input.author?.email?.trim().toLowerCase();
  for (const t of trailers) {
    const e = trailerEvidence(t, extra);
    if (e) evidence.push(e);
    else if (t.key.toLowerCase() === 'co-authored-by' && t.value.trim()) {
      const { name, email } = splitNameEmail(t.value);
      // A bot account (dependabot[bot], a release bot) is not a person: it makes nothing mixed.
      if (botLogin({ name, email: email ?? '' })) continue;
      if (!email || email.toLowerCase() !== authorEmail) humans.push(clip(t.value));
    }
  }
  if (input.message !== undefined) evidence.push(...messageEvidence(input.message));
  const tools = [...new Set(evidence.map((e) => e.tool).filter((t): t is string => t !== undefined))].sort(
    byTextCaseless,
  );
  const humanCoAuthors = [...new Set(humans)];
  const bot = evidence.length === 0 ? botLogin(input.author) : undefined;
  return {
    aiAssisted: evidence.length > 0,
    tools,
    evidence,
    humanCoAuthors,
    mixed: evidence.length > 0 && humanCoAuthors.length > 0,
    ...(bot ? { botAuthor: clip(bot) } : {}),
  };
}

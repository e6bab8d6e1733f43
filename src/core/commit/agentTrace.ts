/**
 * Agent Trace v0.1.0 records (cursor/agent-trace RFC): our own types and the builder from the commit input model.
 * One conversation per tool+model+session+kind; ranges group consecutive lines of one contributor type (`ai`, or
 * `mixed` as a range-level override). Our extra facts per conversation (kind, tool, session, time) live in the
 * record-level `metadata["dev.ai-provenance"]`, the place the spec reserves for vendor data.
 */
import type { Origin, OriginKind } from '../attribution/origin';
import { conversationKey, gitPathProblem, isAiClass, rangeContentHash, type AttributedFile } from './lines';

export const AGENT_TRACE_VERSION = '0.1.0';
export const METADATA_KEY = 'dev.ai-provenance';
const TOOL_NAME = 'ai-provenance';
export const MODEL_ID_MAX = 250;
export const TOOL_MAX = 256;
export const SESSION_MAX = 1024;
export const REVISION_MAX = 256;

export type ContributorType = 'human' | 'ai' | 'mixed' | 'unknown';
export type VcsType = 'git' | 'jj' | 'hg' | 'svn';

export interface AgentTraceContributor {
  readonly type: ContributorType;
  readonly model_id?: string;
}

export interface AgentTraceRange {
  /** 1-based, inclusive, at `vcs.revision`. */
  readonly start_line: number;
  readonly end_line: number;
  readonly content_hash?: string;
  readonly contributor?: AgentTraceContributor;
}

export interface AgentTraceConversation {
  readonly url?: string;
  readonly contributor?: AgentTraceContributor;
  readonly ranges: readonly AgentTraceRange[];
  readonly related?: readonly { readonly type: string; readonly url: string }[];
}

export interface AgentTraceFile {
  readonly path: string;
  readonly conversations: readonly AgentTraceConversation[];
}

export interface AgentTraceRecord {
  readonly version: string;
  readonly id: string;
  readonly timestamp: string;
  readonly vcs?: { readonly type: VcsType; readonly revision: string };
  readonly tool?: { readonly name?: string; readonly version?: string };
  readonly files: readonly AgentTraceFile[];
  readonly metadata?: { readonly [key: string]: unknown };
}

/** Our facts about one conversation, addressed by its position in the record. */
export interface ProvenanceConversationFacts {
  readonly file: number;
  readonly conversation: number;
  readonly kind: OriginKind;
  readonly tool: string;
  readonly session?: string;
  /** Earliest attribution time (ms since epoch) among the merged origins. */
  readonly time: number;
}

export interface ProvenanceMetadata {
  readonly conversations: readonly ProvenanceConversationFacts[];
}

export interface BuildOptions {
  /** The commit the line numbers refer to. */
  readonly revision: string;
  /** This extension's version, for `tool.version`. */
  readonly toolVersion: string;
  /** Record time, ms since the epoch. */
  readonly now: number;
  /** Random bytes for the UUID (e.g. node's `crypto.randomBytes`): core has no crypto of its own. */
  readonly randomBytes: (length: number) => Uint8Array;
}

/** RFC 4122 version 4 UUID from 16 random bytes. */
export function uuidV4(randomBytes: (length: number) => Uint8Array): string {
  const bytes = Array.from(randomBytes(16));
  if (bytes.length !== 16 || bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) {
    throw new TypeError('randomBytes(16) must return 16 bytes');
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A conversation URL only when the session already is a plain http(s) URL (e.g. Claude-Session links). */
function sessionUrl(session: string | undefined): string | undefined {
  if (!session || session.length > 2048 || !/^https?:\/\/[A-Za-z0-9]/.test(session)) return undefined;
  // RFC 3986 characters only, and every `%` starts an escape, so strict `format: uri` validators accept it.
  const uriChars = /^(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  return uriChars.test(session) && session.split('#').length <= 2 ? session : undefined;
}

interface ConversationDraft {
  origin: Origin;
  readonly ranges: AgentTraceRange[];
  /** Open range being extended: 0-based first line and contributor type, or undefined. */
  open?: { start: number; end: number; type: 'ai' | 'mixed' };
}

function bounded(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

function buildFile(file: AttributedFile, lines: readonly string[]): ConversationDraft[] {
  const drafts = new Map<string, ConversationDraft>();
  const close = (d: ConversationDraft) => {
    if (!d.open) return;
    const { start, end, type } = d.open;
    const range: AgentTraceRange = {
      start_line: start + 1,
      end_line: end + 1,
      content_hash: rangeContentHash(lines, start, end + 1),
    };
    d.ranges.push(type === 'mixed' ? { ...range, contributor: modelContributor('mixed', d.origin.model) } : range);
    d.open = undefined;
  };
  file.lines.forEach((line, i) => {
    if (!isAiClass(line.cls)) return;
    if (line.origins.length === 0) {
      throw new TypeError(`${file.path}:${i + 1} is classified ${line.cls} but has no origin`);
    }
    const type = line.cls === 'mixed' ? 'mixed' : 'ai';
    for (const origin of line.origins) {
      if (!Number.isFinite(origin.time))
        throw new RangeError(`${file.path}:${i + 1} has an origin without a finite time`);
      const key = conversationKey(origin);
      let d = drafts.get(key);
      if (!d) {
        d = { origin, ranges: [] };
        drafts.set(key, d);
      } else if (origin.time < d.origin.time) {
        d.origin = { ...d.origin, time: origin.time };
      }
      if (d.open && d.open.end === i) continue; // the same origin listed twice on one line
      if (d.open && d.open.end === i - 1 && d.open.type === type) {
        d.open.end = i;
      } else {
        close(d);
        d.open = { start: i, end: i, type };
      }
    }
  });
  for (const d of drafts.values()) close(d);
  return [...drafts.values()];
}

function modelContributor(type: ContributorType, model: string | undefined): AgentTraceContributor {
  return model ? { type, model_id: bounded(model, MODEL_ID_MAX) } : { type };
}

/**
 * Builds the record for one commit. Files without AI lines are left out; a commit without any gives `files: []`.
 * Throws on a path that is not repository-relative and on AI lines without an origin.
 */
export function buildAgentTrace(files: readonly AttributedFile[], options: BuildOptions): AgentTraceRecord {
  const revision = options.revision.trim();
  if (!revision || revision.length > REVISION_MAX || /\s/.test(revision)) {
    throw new RangeError(`invalid revision ${JSON.stringify(options.revision.slice(0, 80))}`);
  }
  if (!Number.isFinite(options.now)) throw new RangeError('now must be a finite time');
  const outFiles: AgentTraceFile[] = [];
  const facts: ProvenanceConversationFacts[] = [];
  const seenPaths = new Set<string>();
  for (const file of files) {
    const problem = gitPathProblem(file.path);
    if (problem) throw new RangeError(`${problem}: ${JSON.stringify(file.path.slice(0, 200))}`);
    if (seenPaths.has(file.path)) throw new RangeError(`file listed twice: ${file.path}`);
    seenPaths.add(file.path);
    const drafts = buildFile(
      file,
      file.lines.map((l) => l.text),
    );
    if (drafts.length === 0) continue;
    const fileIndex = outFiles.length;
    const conversations = drafts.map((d, conversation): AgentTraceConversation => {
      const { origin } = d;
      const session = origin.session ? bounded(origin.session, SESSION_MAX) : undefined;
      facts.push({
        file: fileIndex,
        conversation,
        kind: origin.kind,
        tool: bounded(origin.tool, TOOL_MAX),
        ...(session ? { session } : {}),
        time: origin.time,
      });
      const url = sessionUrl(session);
      return { ...(url ? { url } : {}), contributor: modelContributor('ai', origin.model), ranges: d.ranges };
    });
    outFiles.push({ path: file.path, conversations });
  }
  const metadata: ProvenanceMetadata = { conversations: facts };
  return {
    version: AGENT_TRACE_VERSION,
    id: uuidV4(options.randomBytes),
    timestamp: new Date(options.now).toISOString(),
    vcs: { type: 'git', revision },
    tool: { name: TOOL_NAME, version: bounded(options.toolVersion, TOOL_MAX) },
    files: outFiles,
    metadata: { [METADATA_KEY]: metadata },
  };
}

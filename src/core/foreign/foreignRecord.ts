/**
 * Records written by other tools (git-ai authorship logs, other writers' Agent Trace notes), turned into an Agent
 * Trace record in our own form: every AI conversation carries our facts (`metadata["dev.ai-provenance"]`) with a tool
 * label that names the source ("git-ai: claude", "agent-trace: some-tool"), so blame, review, report and check show
 * where the evidence came from, and `ai-provenance import` can write the very same record as our note.
 */
import type { OriginKind } from '../attribution/origin';
import {
  AGENT_TRACE_VERSION,
  METADATA_KEY,
  MODEL_ID_MAX,
  SESSION_MAX,
  TOOL_MAX,
  type AgentTraceConversation,
  type AgentTraceFile,
  type AgentTraceRecord,
  type ProvenanceConversationFacts,
} from '../commit/agentTrace';

export type ForeignFormat = 'git-ai' | 'agent-trace';

/** What one foreign note yields. */
export interface ForeignConversion {
  /** The record in our form; absent when the note was refused or holds no AI line. */
  readonly record?: AgentTraceRecord;
  /** Why the whole note was refused (a bound exceeded, not the format, an unsupported version). */
  readonly rejected?: string;
  /** Parts of the note left out, one message each; everything else was kept. */
  readonly skipped: readonly string[];
  /** The format the note declared, e.g. "authorship/3.0.0", "authorship/0.0.1", "agent-trace 0.1.0". */
  readonly format?: string;
  /** AI lines in `record`. */
  readonly aiLines: number;
}

/** Bounds on one foreign note; beyond them the note is refused, never truncated. */
export interface ForeignLimits {
  readonly maxChars: number;
  /** Lines of a git-ai attestation section. */
  readonly maxLines: number;
  readonly maxFiles: number;
  /** Ranges over the whole note. */
  readonly maxRanges: number;
  /** Highest line number accepted. */
  readonly maxLine: number;
  /** Sum of range lengths. */
  readonly maxTotalLines: number;
  /** Skip messages kept per note (the rest are counted). */
  readonly maxMessages: number;
}

export const FOREIGN_LIMITS: ForeignLimits = {
  maxChars: 8 * 1024 * 1024,
  maxLines: 500_000,
  maxFiles: 20_000,
  maxRanges: 200_000,
  maxLine: 5_000_000,
  maxTotalLines: 2_000_000,
  maxMessages: 50,
};

export class ForeignLimitError extends Error {}

/** Collects skip messages up to a bound, counting the rest. */
export class SkipLog {
  readonly messages: string[] = [];
  private dropped = 0;
  constructor(private readonly max: number) {}
  add(message: string): void {
    if (this.messages.length < this.max)
      this.messages.push(message.length > 300 ? message.slice(0, 299) + '…' : message);
    else this.dropped++;
  }
  list(): string[] {
    return this.dropped > 0 ? [...this.messages, `${this.dropped} more problem(s) not listed`] : this.messages;
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A label from another tool's record, or undefined when it is not a clean short string (the reason goes to `log`). */
export function cleanForeignText(value: unknown, what: string, max: number, log: SkipLog): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    log.add(`${what} is not a string; left out`);
    return undefined;
  }
  if (value.length === 0) return undefined;
  if (value.length > max) {
    log.add(`${what} longer than ${max} characters; left out`);
    return undefined;
  }
  if (CONTROL.test(value)) {
    log.add(`${what} contains control characters; left out`);
    return undefined;
  }
  return value;
}

/** One AI conversation of a foreign note in one file. */
export interface ForeignConversationDraft {
  readonly tool: string;
  readonly kind: OriginKind;
  /** `mixed`: AI text a person changed (Agent Trace's contributor type); `ai` when absent. */
  readonly type?: 'ai' | 'mixed';
  readonly model?: string;
  readonly session?: string;
  /** 1-based inclusive [start, end], any order, may overlap. */
  readonly ranges: Array<readonly [number, number]>;
}

/** A deterministic RFC 4122 v4-shaped UUID from hex digits (a commit id), so converting twice gives the same record. */
function uuidFromHex(hex: string): string {
  const h = (hex.toLowerCase().replace(/[^0-9a-f]/g, '') + '0'.repeat(32)).slice(0, 32).split('');
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Sorted, merged copy of inclusive ranges. */
export function normalizeRanges(ranges: Iterable<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...ranges].map(([s, e]) => [s, e] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The parts of [start, end] not covered by `covered` (sorted, merged). */
export function subtractRanges(
  start: number,
  end: number,
  covered: ReadonlyArray<readonly [number, number]>,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // First covered range that may reach `start`.
  let lo = 0;
  let hi = covered.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (covered[mid][1] < start) lo = mid + 1;
    else hi = mid;
  }
  let cursor = start;
  for (let i = lo; i < covered.length && covered[i][0] <= end; i++) {
    const [cs, ce] = covered[i];
    if (cs > cursor) out.push([cursor, cs - 1]);
    cursor = Math.max(cursor, ce + 1);
    if (cursor > end) break;
  }
  if (cursor <= end) out.push([cursor, end]);
  return out;
}

/**
 * Our record for `commit` from foreign conversations per path (paths already confined to the repository). Files and
 * conversations keep the order given; ranges are sorted and merged. `time` (ms) dates the record and its facts.
 */
export function buildForeignRecord(
  commit: string,
  time: number,
  tool: { readonly name: string; readonly version?: string },
  files: ReadonlyMap<string, readonly ForeignConversationDraft[]>,
): { record: AgentTraceRecord; aiLines: number } {
  const outFiles: AgentTraceFile[] = [];
  const facts: ProvenanceConversationFacts[] = [];
  let aiLines = 0;
  for (const [path, drafts] of files) {
    const conversations: AgentTraceConversation[] = [];
    for (const d of drafts) {
      const ranges = normalizeRanges(d.ranges);
      if (ranges.length === 0) continue;
      for (const [s, e] of ranges) aiLines += e - s + 1;
      facts.push({
        file: outFiles.length,
        conversation: conversations.length,
        kind: d.kind,
        tool: d.tool.slice(0, TOOL_MAX),
        ...(d.session !== undefined ? { session: d.session.slice(0, SESSION_MAX) } : {}),
        time,
      });
      const model = d.model?.slice(0, MODEL_ID_MAX);
      conversations.push({
        contributor: model !== undefined ? { type: d.type ?? 'ai', model_id: model } : { type: d.type ?? 'ai' },
        ranges: ranges.map(([s, e]) => ({ start_line: s, end_line: e })),
      });
    }
    if (conversations.length > 0) outFiles.push({ path, conversations });
  }
  const record: AgentTraceRecord = {
    version: AGENT_TRACE_VERSION,
    id: uuidFromHex(commit),
    timestamp: new Date(Number.isFinite(time) ? time : 0).toISOString(),
    vcs: { type: 'git', revision: commit },
    tool: { name: tool.name.slice(0, TOOL_MAX), ...(tool.version ? { version: tool.version.slice(0, TOOL_MAX) } : {}) },
    files: outFiles,
    metadata: { [METADATA_KEY]: { conversations: facts } },
  };
  return { record, aiLines };
}

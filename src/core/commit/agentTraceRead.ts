/**
 * Turns a (parsed) Agent Trace record back into attributions: per file, the AI ranges with their origin, and per
 * line, `ai` / `mixed` with the origins present. Only `ai` and `mixed` contributors count; `human` and `unknown`
 * ranges (and conversations without a contributor) leave lines unattributed, i.e. human.
 */
import type { Origin } from '../attribution/origin';
import { METADATA_KEY, type AgentTraceContributor, type AgentTraceRecord, type ProvenanceMetadata } from './agentTrace';
import { conversationKey, uniqueOrigins, type AttributedFile, type LineAttribution } from './lines';

export interface RecordRange {
  /** 1-based inclusive, at the record's revision. */
  readonly start_line: number;
  readonly end_line: number;
  readonly content_hash?: string;
  readonly cls: 'ai' | 'mixed';
  readonly origin: Origin;
}

export interface RecordFileRanges {
  readonly path: string;
  readonly ranges: readonly RecordRange[];
}

export interface RecordFileLines {
  readonly path: string;
  /** 1-based line number -> attribution; lines not present are human. */
  readonly lines: ReadonlyMap<number, LineAttribution>;
}

/** Our facts for the record's conversations, when it is one of ours (validated by parseAgentTrace). */
export function provenanceMetadata(record: AgentTraceRecord): ProvenanceMetadata | undefined {
  const value = record.metadata?.[METADATA_KEY];
  return value && typeof value === 'object' ? (value as ProvenanceMetadata) : undefined;
}

function aiType(c: AgentTraceContributor | undefined): 'ai' | 'mixed' | undefined {
  return c?.type === 'ai' || c?.type === 'mixed' ? c.type : undefined;
}

/**
 * The record's AI ranges per file (entries for the same path merged, record order kept). A conversation without our
 * facts (another tool's record) becomes an `agent` origin of the record's tool at the record's time.
 */
export function recordRanges(record: AgentTraceRecord): RecordFileRanges[] {
  const facts = new Map<string, ProvenanceMetadata['conversations'][number]>();
  for (const f of provenanceMetadata(record)?.conversations ?? []) {
    facts.set(`${f.file}/${f.conversation}`, f);
  }
  const recordTime = Date.parse(record.timestamp);
  const byPath = new Map<string, RecordRange[]>();
  record.files.forEach((file, fileIndex) => {
    const out = byPath.get(file.path) ?? [];
    byPath.set(file.path, out);
    file.conversations.forEach((conversation, conversationIndex) => {
      const fact = facts.get(`${fileIndex}/${conversationIndex}`);
      for (const range of conversation.ranges) {
        const cls = aiType(range.contributor ?? conversation.contributor);
        if (!cls) continue;
        const model = range.contributor?.model_id ?? conversation.contributor?.model_id;
        const session = fact ? fact.session : conversation.url;
        const origin: Origin = {
          kind: fact?.kind ?? 'agent',
          tool: fact?.tool ?? record.tool?.name ?? 'unknown',
          ...(model !== undefined ? { model } : {}),
          ...(session !== undefined ? { session } : {}),
          time: fact?.time ?? (Number.isFinite(recordTime) ? recordTime : 0),
        };
        out.push({
          start_line: range.start_line,
          end_line: range.end_line,
          ...(range.content_hash !== undefined ? { content_hash: range.content_hash } : {}),
          cls,
          origin,
        });
      }
    });
  });
  return [...byPath].map(([path, ranges]) => ({ path, ranges }));
}

/** Accumulates line attributions: `mixed` wins over `ai`, origins are unioned by conversation. */
export class LineAttributionMap {
  private readonly lines = new Map<number, { mixed: boolean; origins: Map<string, Origin> }>();

  add(line: number, cls: 'ai' | 'mixed', origin: Origin): void {
    let entry = this.lines.get(line);
    if (!entry) {
      entry = { mixed: false, origins: new Map() };
      this.lines.set(line, entry);
    }
    entry.mixed ||= cls === 'mixed';
    const key = conversationKey(origin);
    const seen = entry.origins.get(key);
    entry.origins.set(key, seen ? uniqueOrigins([seen, origin])[0] : origin);
  }

  has(line: number): boolean {
    return this.lines.has(line);
  }

  toMap(): Map<number, LineAttribution> {
    const out = new Map<number, LineAttribution>();
    for (const line of [...this.lines.keys()].sort((a, b) => a - b)) {
      const entry = this.lines.get(line)!;
      out.set(line, { cls: entry.mixed ? 'mixed' : 'ai', origins: [...entry.origins.values()] });
    }
    return out;
  }
}

/** Per file, the attribution of each AI line at the record's revision. */
export function recordLineAttributions(record: AgentTraceRecord): RecordFileLines[] {
  return recordRanges(record).map(({ path, ranges }) => {
    const acc = new LineAttributionMap();
    for (const range of ranges) {
      for (let line = range.start_line; line <= range.end_line; line++) acc.add(line, range.cls, range.origin);
    }
    return { path, lines: acc.toMap() };
  });
}

const HUMAN: LineAttribution = Object.freeze({ cls: 'human', origins: Object.freeze([]) as readonly Origin[] });

/** The dense per-line classification of a file with `lineCount` lines; attributions past the end are dropped. */
export function lineClassifications(file: RecordFileLines, lineCount: number): LineAttribution[] {
  const out: LineAttribution[] = [];
  for (let line = 1; line <= lineCount; line++) out.push(file.lines.get(line) ?? HUMAN);
  return out;
}

/** Pairs a file's attributions with its text at the record's revision (e.g. to rebuild a record from it). */
export function attributeLines(file: RecordFileLines, lines: readonly string[]): AttributedFile {
  const classes = lineClassifications(file, lines.length);
  return {
    path: file.path,
    lines: lines.map((text, i) => ({ text, cls: classes[i].cls, origins: classes[i].origins })),
  };
}

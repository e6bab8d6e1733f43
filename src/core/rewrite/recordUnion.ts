/**
 * Union of provenance records for one commit, for merging notes written concurrently in two clones. Nothing is
 * lost: records about the same revision are merged range by range (equal conversations joined, duplicate ranges
 * dropped); records about different revisions (a stale copy git made on rewrite) are kept side by side.
 */
import {
  METADATA_KEY,
  type AgentTraceConversation,
  type AgentTraceRange,
  type AgentTraceRecord,
  type ProvenanceConversationFacts,
} from '../commit/agentTrace';
import { provenanceMetadata } from '../commit/agentTraceRead';

interface ConversationDraft {
  readonly key: string;
  readonly conversation: AgentTraceConversation;
  readonly ranges: AgentTraceRange[];
  readonly rangeKeys: Set<string>;
  facts?: Omit<ProvenanceConversationFacts, 'file' | 'conversation'>;
}

function conversationKey(
  c: AgentTraceConversation,
  facts: Omit<ProvenanceConversationFacts, 'file' | 'conversation'> | undefined,
): string {
  return JSON.stringify([
    c.url ?? null,
    c.contributor?.type ?? null,
    c.contributor?.model_id ?? null,
    facts?.kind ?? null,
    facts?.tool ?? null,
    facts?.session ?? null,
  ]);
}

function rangeKey(r: AgentTraceRange): string {
  return JSON.stringify([
    r.start_line,
    r.end_line,
    r.content_hash ?? null,
    r.contributor?.type ?? null,
    r.contributor?.model_id ?? null,
  ]);
}

/** Merges records that describe the same revision; the result lists one record per revision, in first-seen order. */
export function unionNoteRecords(records: readonly AgentTraceRecord[]): AgentTraceRecord[] {
  const groups = new Map<string, AgentTraceRecord[]>();
  for (const record of records) {
    const key = record.vcs ? `${record.vcs.type}:${record.vcs.revision}` : `id:${record.id}`;
    const list = groups.get(key) ?? [];
    if (!list.some((r) => JSON.stringify(r) === JSON.stringify(record))) list.push(record);
    groups.set(key, list);
  }
  return [...groups.values()].map((group) => (group.length === 1 ? group[0] : mergeSameRevision(group)));
}

function mergeSameRevision(group: readonly AgentTraceRecord[]): AgentTraceRecord {
  const files = new Map<string, Map<string, ConversationDraft>>();
  for (const record of group) {
    const facts = new Map<string, ProvenanceConversationFacts>();
    for (const f of provenanceMetadata(record)?.conversations ?? []) facts.set(`${f.file}/${f.conversation}`, f);
    record.files.forEach((file, fileIndex) => {
      const drafts = files.get(file.path) ?? new Map<string, ConversationDraft>();
      files.set(file.path, drafts);
      file.conversations.forEach((conversation, conversationIndex) => {
        const fact = facts.get(`${fileIndex}/${conversationIndex}`);
        const own = fact
          ? {
              kind: fact.kind,
              tool: fact.tool,
              ...(fact.session !== undefined ? { session: fact.session } : {}),
              time: fact.time,
            }
          : undefined;
        const key = conversationKey(conversation, own);
        let draft = drafts.get(key);
        if (!draft) {
          draft = { key, conversation, ranges: [], rangeKeys: new Set(), ...(own ? { facts: own } : {}) };
          drafts.set(key, draft);
        } else if (own && draft.facts && own.time < draft.facts.time) {
          draft.facts = { ...draft.facts, time: own.time };
        }
        for (const range of conversation.ranges) {
          const rk = rangeKey(range);
          if (draft.rangeKeys.has(rk)) continue;
          draft.rangeKeys.add(rk);
          draft.ranges.push(range);
        }
      });
    });
  }
  const outFiles: AgentTraceRecord['files'][number][] = [];
  const outFacts: ProvenanceConversationFacts[] = [];
  for (const [path, drafts] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const fileIndex = outFiles.length;
    // Sorted by identity, so the result does not depend on which record came first.
    const ordered = [...drafts.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    const conversations = ordered.map((d, conversationIndex) => {
      if (d.facts) outFacts.push({ file: fileIndex, conversation: conversationIndex, ...d.facts });
      const ranges = [...d.ranges].sort((x, y) => x.start_line - y.start_line || x.end_line - y.end_line);
      return { ...d.conversation, ranges };
    });
    outFiles.push({ path, conversations });
  }
  // Deterministic whatever the argument order: the smallest id, the latest time.
  const ids = group.map((r) => r.id).sort();
  const timestamps = group.map((r) => r.timestamp).sort((a, b) => Date.parse(a) - Date.parse(b));
  const base = group[0];
  return {
    version: base.version,
    id: ids[0],
    timestamp: timestamps[timestamps.length - 1],
    ...(base.vcs ? { vcs: base.vcs } : {}),
    ...(base.tool ? { tool: base.tool } : {}),
    files: outFiles,
    ...(outFacts.length > 0 || group.some((r) => provenanceMetadata(r))
      ? { metadata: { [METADATA_KEY]: { conversations: outFacts } } }
      : {}),
  };
}

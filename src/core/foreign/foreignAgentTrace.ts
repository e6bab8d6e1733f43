/**
 * Agent Trace notes written by other tools (e.g. agent-trace-cli on `refs/notes/agent-trace`), read as hostile input
 * and turned into our record (foreignRecord.ts). A note may hold one record, a JSON array of records, or records one
 * after another; each is validated by our Agent Trace parser (v0.1.x; another version is left out with the reason).
 * Only records about the annotated commit are used (`vcs.revision` names it, or the record names no revision): their
 * line numbers are that commit's. Tools are labelled "agent-trace: <the record's tool>".
 */
import type { AgentTraceRecord } from '../commit/agentTrace';
import { parseAgentTrace } from '../commit/agentTraceParse';
import { recordRanges } from '../commit/agentTraceRead';
import { MAX_RECORDS_PER_NOTE, splitJsonObjects } from '../rewrite/noteRecords';
import {
  FOREIGN_LIMITS,
  SkipLog,
  buildForeignRecord,
  type ForeignConversationDraft,
  type ForeignConversion,
  type ForeignLimits,
} from './foreignRecord';

const AGENT_TRACE_SOURCE = 'agent-trace';

function revisionNames(revision: string | undefined, commit: string): boolean {
  if (revision === undefined) return true;
  const r = revision.toLowerCase();
  return r === commit || (r.length >= 7 && /^[0-9a-f]+$/.test(r) && commit.startsWith(r));
}

/** The JSON values of a note: an array's elements, or each top-level object. */
function pieces(text: string, log: SkipLog): unknown[] | string {
  const start = text.search(/\S/);
  if (start >= 0 && text[start] === '[') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return `agent-trace note is not valid JSON (${err instanceof Error ? err.message : String(err)})`;
    }
    if (!Array.isArray(value)) return 'agent-trace note is not a record or a list of records';
    if (value.length > MAX_RECORDS_PER_NOTE) {
      log.add(`more than ${MAX_RECORDS_PER_NOTE} records in one note; the rest are ignored`);
      return value.slice(0, MAX_RECORDS_PER_NOTE);
    }
    return value;
  }
  const { objects, errors } = splitJsonObjects(text);
  if (objects.length === 0) return `agent-trace note holds no JSON record (${errors[0] ?? 'empty'})`;
  for (const e of errors) log.add(`not a record: ${e}`);
  if (objects.length > MAX_RECORDS_PER_NOTE)
    log.add(`more than ${MAX_RECORDS_PER_NOTE} records in one note; the rest are ignored`);
  return objects.slice(0, MAX_RECORDS_PER_NOTE);
}

/** Reads one Agent Trace note attached to `commit`. Never throws: problems are `rejected` or `skipped`. */
export function parseForeignAgentTrace(
  text: string,
  commit: string,
  limits: ForeignLimits = FOREIGN_LIMITS,
): ForeignConversion {
  if (text.length > limits.maxChars)
    return {
      rejected: `agent-trace note of ${text.length} characters exceeds ${limits.maxChars}`,
      skipped: [],
      aiLines: 0,
    };
  const log = new SkipLog(limits.maxMessages);
  const values = pieces(text, log);
  if (typeof values === 'string') return { rejected: values, skipped: log.list(), aiLines: 0 };
  const records: AgentTraceRecord[] = [];
  const parseLimits = {
    maxChars: limits.maxChars,
    maxRanges: limits.maxRanges,
    maxTotalLines: limits.maxTotalLines,
    maxLine: limits.maxLine,
    maxFiles: limits.maxFiles,
  };
  let refused: string | undefined;
  values.forEach((value, i) => {
    const problems: string[] = [];
    try {
      const record = parseAgentTrace(value, parseLimits, problems);
      for (const p of problems) log.add(`record ${i + 1}: ${p}`);
      if (!revisionNames(record.vcs?.revision, commit))
        log.add(`record ${i + 1} is about revision ${record.vcs!.revision.slice(0, 12)}, not this commit; left out`);
      else records.push(record);
    } catch (err) {
      const message = `record ${i + 1}: ${err instanceof Error ? err.message : String(err)}`;
      refused ??= message;
      log.add(message);
    }
  });
  if (records.length === 0)
    return { rejected: refused ?? 'no Agent Trace record about this commit', skipped: log.list(), aiLines: 0 };

  const byPath = new Map<string, ForeignConversationDraft[]>();
  const byKey = new Map<string, ForeignConversationDraft>();
  for (const record of records) {
    for (const file of recordRanges(record)) {
      const drafts = byPath.get(file.path) ?? [];
      byPath.set(file.path, drafts);
      for (const range of file.ranges) {
        const o = range.origin;
        const tool = `${AGENT_TRACE_SOURCE}: ${o.tool}`;
        const key = JSON.stringify([file.path, tool, o.kind, range.cls, o.model ?? null, o.session ?? null]);
        let draft = byKey.get(key);
        if (!draft) {
          draft = {
            tool,
            kind: o.kind,
            type: range.cls,
            ...(o.model !== undefined ? { model: o.model } : {}),
            ...(o.session !== undefined ? { session: o.session } : {}),
            ranges: [],
          };
          byKey.set(key, draft);
          drafts.push(draft);
        }
        draft.ranges.push([range.start_line, range.end_line]);
      }
    }
  }
  const first = records[0];
  const time = Date.parse(first.timestamp);
  const { record, aiLines } = buildForeignRecord(
    commit,
    Number.isFinite(time) ? time : 0,
    { name: first.tool?.name ?? AGENT_TRACE_SOURCE, ...(first.tool?.version ? { version: first.tool.version } : {}) },
    byPath,
  );
  return { ...(aiLines > 0 ? { record } : {}), skipped: log.list(), format: `agent-trace ${first.version}`, aiLines };
}

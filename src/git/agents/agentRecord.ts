/**
 * The working-state record of a file after an agent changed it (pure): the spans already stored are carried from the
 * "before" text onto the "after" text, so earlier human and AI attribution survives the agent's edit, and exactly the
 * characters the agent inserted (`agentInsertedRanges`) become the agent's.
 */
import { agentInsertedRanges, type CharRange } from '../../core/agents/agentDiff';
import type { Origin } from '../../core/attribution/origin';
import { remapSpans } from '../../core/attribution/remap';
import type { SpanTuple } from '../../core/attribution/runs';
import { contentHash } from '../../core/hash';
import { FILE_RECORD_VERSION, FileRecord } from '../../core/state/fileRecord';
import { LINE_FIRST } from '../../core/state/remapRecord';
import type { RecordDecision } from './recordUpdate';

export interface AgentChange {
  readonly path: string;
  /** The text before the tool ran; undefined when the file did not exist. */
  readonly before: string | undefined;
  readonly after: string;
  /** Texts of earlier versions the stored record may describe (the agent's last text, the editor's snapshot). */
  readonly earlier?: readonly string[];
}

export interface AgentRecordOptions {
  readonly origin: Origin;
  readonly now: number;
  /**
   * Repo-wide captures (shell tools, sessions) cannot tell the agent's writes from text typed in the editor meanwhile.
   * When set, a stored record written after this time that already describes the after text is the editor's (or
   * another hook's) account of the change and is kept as it is.
   */
  readonly keepRecordsWrittenAfter?: number;
  /**
   * An agent that reports one tool call through two events (Cursor: `postToolUse` and the legacy `afterFileEdit` for
   * the same edit): when the stored record already describes the after text and holds an origin of this agent's
   * session, that other event recorded this call, and recording it again would only add a duplicate origin.
   */
  readonly oneCallTwoEvents?: boolean;
}

export type AgentRecordOutcome =
  | {
      readonly action: 'attributed';
      readonly chars: number;
      readonly carried: 'remapped' | 'current' | 'none' | 'stale';
      readonly dropped?: number;
    }
  | { readonly action: 'kept'; readonly reason: string };

export interface AgentRecordResult {
  readonly decision: RecordDecision;
  readonly outcome: AgentRecordOutcome;
}

function sameText(record: FileRecord, text: string): boolean {
  return record.length === text.length && record.contentHash === contentHash(text);
}

/** What to store for `change`, given the stored record (read under the record's lock). */
export function agentRecordFor(
  existing: FileRecord | undefined,
  change: AgentChange,
  options: AgentRecordOptions,
): AgentRecordResult {
  const since = options.keepRecordsWrittenAfter;
  if (since !== undefined && existing !== undefined && existing.updated > since && sameText(existing, change.after)) {
    return {
      decision: undefined,
      outcome: { action: 'kept', reason: 'recorded by the editor or another hook during the capture' },
    };
  }
  if (options.oneCallTwoEvents === true && existing !== undefined && sameText(existing, change.after)) {
    const { tool, session } = options.origin;
    if (
      session !== undefined &&
      existing.origins.some((o) => o.kind === 'agent' && o.tool === tool && o.session === session)
    )
      return {
        decision: undefined,
        outcome: { action: 'kept', reason: 'already recorded by the other hook event of this tool call' },
      };
  }
  const inserted = agentInsertedRanges(change.before ?? null, change.after);
  const origins: Origin[] = [];
  let spans: SpanTuple[] = [];
  let carried: 'remapped' | 'current' | 'none' | 'stale' = 'none';
  if (existing !== undefined && change.before !== undefined) {
    if (sameText(existing, change.before)) {
      origins.push(...existing.origins);
      spans = remapSpans(
        change.before,
        change.after,
        existing.spans.map(([s, e, o]) => [s, e, o]),
        LINE_FIRST,
      );
      carried = 'remapped';
    } else if (earlierText(existing, change.earlier) !== undefined) {
      // Edited outside the editor since the record was written: carry the spans through that edit, then the agent's.
      origins.push(...existing.origins);
      const throughEdit = remapSpans(
        earlierText(existing, change.earlier)!,
        change.before,
        existing.spans.map(([s, e, o]) => [s, e, o]),
        LINE_FIRST,
      );
      spans = remapSpans(change.before, change.after, throughEdit, LINE_FIRST);
      carried = 'remapped';
    } else if (sameText(existing, change.after)) {
      // Someone (the editor reloading the file, a duplicate hook) already recorded the after text.
      origins.push(...existing.origins);
      spans = existing.spans.map(([s, e, o]) => [s, e, o]);
      carried = 'current';
    } else {
      carried = 'stale';
    }
  }
  if (inserted.length === 0 && spans.length === 0 && existing === undefined) {
    return { decision: undefined, outcome: { action: 'kept', reason: 'the agent inserted nothing' } };
  }
  const agentId = origins.push(options.origin) - 1;
  const record: FileRecord = {
    version: FILE_RECORD_VERSION,
    path: change.path,
    contentHash: contentHash(change.after),
    length: change.after.length,
    origins,
    spans: overlaySpans(spans, inserted, agentId),
    updated: options.now,
  };
  const chars = inserted.reduce((n, [s, e]) => n + e - s, 0);
  // No text the stored record describes is known: its spans cannot be placed on the new text (the caller logs this).
  const dropped = carried === 'stale' && existing ? existing.spans.reduce((n, [s, e]) => n + e - s, 0) : 0;
  return { decision: record, outcome: { action: 'attributed', chars, carried, ...(dropped > 0 ? { dropped } : {}) } };
}

function earlierText(existing: FileRecord, texts: readonly string[] | undefined): string | undefined {
  return texts?.find((t) => sameText(existing, t));
}

/** `spans` with every character of `ranges` given `origin` (both sorted and disjoint); the result is too. */
export function overlaySpans(spans: readonly SpanTuple[], ranges: readonly CharRange[], origin: number): SpanTuple[] {
  const out: SpanTuple[] = [];
  let r = 0;
  for (const [start, end, id] of spans) {
    let from = start;
    // Ranges that end before this span cannot cut it; skip past them once (both lists ascend).
    while (r < ranges.length && ranges[r][1] <= from) r++;
    for (let k = r; k < ranges.length && ranges[k][0] < end; k++) {
      const [rs, re] = ranges[k];
      if (rs > from) out.push([from, Math.min(rs, end), id]);
      from = Math.max(from, re);
      if (from >= end) break;
    }
    if (from < end) out.push([from, end, id]);
  }
  for (const [s, e] of ranges) if (e > s) out.push([s, e, origin]);
  return out.sort((a, b) => a[0] - b[0]);
}

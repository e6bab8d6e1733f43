/**
 * What one commit says about its lines: its Agent Trace note (parsed as hostile input) or, without a usable note,
 * commit-level evidence from its identities, the trailers git parses and agents' marker lines of its message (the
 * readers pass only those lines: "💘 Generated with Crush", "🤖 Generated with [Claude Code](…)", aider's subject
 * prefix). Notes that fail validation are ignored with the reason, never trusted.
 */
import type { AgentTraceRecord } from '../commit/agentTrace';
import { AgentTraceParseError, parseAgentTrace } from '../commit/agentTraceParse';
import { recordRanges, type RecordRange } from '../commit/agentTraceRead';
import { recognizeCommitAi, type CommitAiRecognition, type CommitIdentityInput } from '../commit/identities';
import type { ExtraIdentities } from '../commit/identityConfig';

export interface CommitProvenance {
  readonly commit: string;
  /** The validated record, when the note was usable. */
  readonly record?: AgentTraceRecord;
  /** The record's AI ranges by path (at the record's revision); present exactly when `record` is. */
  readonly ranges?: ReadonlyMap<string, readonly RecordRange[]>;
  /** The record names this very commit as its revision, so its line numbers are this commit's. */
  readonly trusted: boolean;
  /** Why the commit's note was ignored. */
  readonly rejected?: string;
  /** File entries of a usable note that were left out as invalid (one message each). */
  readonly leftOut?: readonly string[];
  /** Commit-level evidence; only looked at when there is no usable record. */
  readonly recognition?: CommitAiRecognition;
}

/** A note as read from git: its text, or only its size when it is over the read limit. */
export type NoteContent = { readonly text: string } | { readonly oversized: number };

/** Bounds on what one note may cost; a note beyond them is rejected, not truncated. */
const NOTE_LIMITS = { maxChars: 8 * 1024 * 1024, maxRanges: 200_000, maxTotalLines: 2_000_000 } as const;

/** Whether a record's revision names `commit` (full id, or an unambiguous-looking prefix of at least 7 digits). */
export function revisionMatches(revision: string | undefined, commit: string): boolean {
  if (!revision) return false;
  const r = revision.toLowerCase();
  return r === commit || (r.length >= 7 && /^[0-9a-f]+$/.test(r) && commit.startsWith(r));
}

/** Interprets a commit's note. Never throws: problems become `rejected`. */
export function interpretNote(commit: string, note: NoteContent): CommitProvenance {
  if ('oversized' in note)
    return { commit, trusted: false, rejected: `note of ${note.oversized} bytes exceeds the read limit` };
  if (note.text.length > NOTE_LIMITS.maxChars)
    return {
      commit,
      trusted: false,
      rejected: `note of ${note.text.length} characters exceeds ${NOTE_LIMITS.maxChars}`,
    };
  let record: AgentTraceRecord;
  const leftOut: string[] = [];
  try {
    record = parseAgentTrace(note.text, NOTE_LIMITS, leftOut);
  } catch (err) {
    const reason =
      err instanceof AgentTraceParseError
        ? err.message
        : `unreadable note (${err instanceof Error ? err.message : String(err)})`;
    return { commit, trusted: false, rejected: reason.length > 300 ? reason.slice(0, 299) + '…' : reason };
  }
  const ranges = new Map<string, readonly RecordRange[]>();
  for (const file of recordRanges(record)) ranges.set(file.path, file.ranges);
  return {
    commit,
    record,
    ranges,
    trusted: revisionMatches(record.vcs?.revision, commit),
    ...(leftOut.length > 0 ? { leftOut } : {}),
  };
}

// Over a long history the same few identities recur: recognition is memoised per identity and trailer set.
const recognitionCache = new Map<string, CommitAiRecognition>();
const RECOGNITION_CACHE_MAX = 4096;

/**
 * Adds commit-level evidence from identities and already parsed trailers (e.g. from a log header); `extra` is the
 * project's own list of AI identities.
 */
export function withIdentityRecognition(
  provenance: CommitProvenance,
  identity: CommitIdentityInput,
  extra?: ExtraIdentities,
): CommitProvenance {
  if (provenance.record) return provenance;
  const trailers = identity.trailers ?? [];
  let key = `${extra?.key ?? ''}\u0000${identity.author?.name}\u0000${identity.author?.email}\u0000${identity.committer?.name}\u0000${identity.committer?.email}`;
  for (const t of trailers) key += `\u0000${t.key}\u0001${t.value}`;
  if (identity.message) key += `\u0002${identity.message}`;
  let recognition = recognitionCache.get(key);
  if (!recognition) {
    recognition = recognizeCommitAi({ ...identity, trailers }, extra);
    if (recognitionCache.size >= RECOGNITION_CACHE_MAX) recognitionCache.clear();
    recognitionCache.set(key, recognition);
  }
  return { ...provenance, recognition };
}

/** A commit with no note at all. */
export function noRecord(commit: string): CommitProvenance {
  return { commit, trusted: false };
}

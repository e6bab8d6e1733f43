/** What the blame, stats and report layers say about one line: who wrote it and how we know. */
import type { OriginKind } from '../attribution/origin';

/**
 * `ai` / `mixed`: line-level evidence (a record or the live working state). `ai-assisted`: the commit that wrote the
 * line is AI-assisted by its metadata (identity, trailers) but has no line-level record. `human`: none of these.
 */
export type Authorship = 'ai' | 'mixed' | 'human' | 'ai-assisted';

/** `record`: an Agent Trace note; `commit`: commit metadata; `working-state`: uncommitted attribution; `none`. */
export type Evidence = 'record' | 'commit' | 'working-state' | 'none';

/** One AI origin of a line, with display strings already made inert (see cleanLabel). */
export interface LineOrigin {
  /** Absent for commit-level evidence, which names a tool but not how its text arrived. */
  readonly kind?: OriginKind;
  readonly tool: string;
  readonly model?: string;
  readonly session?: string;
  /** Attribution time (ms since the epoch), when known. */
  readonly time?: number;
}

export interface LineSource {
  readonly authorship: Authorship;
  readonly evidence: Evidence;
  /** AI origins (empty for human lines), in first-seen order. */
  readonly origins: readonly LineOrigin[];
  /** Commit-level evidence only: the commit names a person as co-author too, so it is mixed at commit level. */
  readonly commitMixed?: boolean;
}

export const HUMAN_LINE: LineSource = Object.freeze({
  authorship: 'human',
  evidence: 'none',
  origins: Object.freeze([]) as readonly LineOrigin[],
});

/** A line counts towards the AI share when AI wrote any of it, at line or commit level. */
export function isAiAuthorship(a: Authorship): boolean {
  return a !== 'human';
}

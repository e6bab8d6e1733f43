/** Small builders for FileRecords in git-tier tests. */
import { Origin } from '../../../src/core/attribution/origin';
import { contentHash } from '../../../src/core/hash';
import { FileRecord, StateSpan } from '../../../src/core/state/fileRecord';

export function agentOrigin(session: string, time = 1_700_000_000_000): Origin {
  return { kind: 'agent', tool: 'claude-code', model: 'anthropic/claude', session, time };
}

/** A record of `text` at `path` whose spans all point at origins by index. */
export function makeRecord(
  path: string,
  text: string,
  origins: Origin[],
  spans: StateSpan[],
  updated = 1000,
): FileRecord {
  return { version: 1, path, contentHash: contentHash(text), length: text.length, origins, spans, updated };
}

/**
 * Attributes one file's change to an agent in the working state: the before/after states in, one report line out.
 * Deleted files lose their record; created files are all the agent's; skipped files say why.
 */
import type { Origin } from '../../core/attribution/origin';
import type { WorkingStateStore } from '../stateStore';
import { agentRecordFor, type AgentRecordOutcome } from './agentRecord';
import { updateRecord } from './recordUpdate';
import { loadTextSnapshot } from '../textSnapshots';
import type { SnapshotEntry } from './snapshots';
import { RecordTextCache } from './textCache';
import type { FileState } from './workFiles';
import { logDrop } from '../dropLog';

export interface FileReport {
  readonly path: string;
  readonly action: 'attributed' | 'deleted' | 'unchanged' | 'kept' | 'skipped';
  /** Characters attributed to the agent. */
  readonly chars?: number;
  readonly reason?: string;
}

export interface ApplyOptions {
  readonly origin: Origin;
  readonly now: number;
  /** See AgentRecordOptions.keepRecordsWrittenAfter. */
  readonly keepRecordsWrittenAfter?: number;
  /** See AgentRecordOptions.oneCallTwoEvents. */
  readonly oneCallTwoEvents?: boolean;
}

/** `before` undefined: the text before the tool is unknown (no snapshot and no way to rebuild it). */
export async function applyAgentChange(
  store: WorkingStateStore,
  path: string,
  before: SnapshotEntry | undefined,
  after: FileState,
  options: ApplyOptions,
): Promise<FileReport> {
  if (before === undefined) return { path, action: 'skipped', reason: 'no snapshot of the text before the tool ran' };
  if (before.kind === 'skipped') return { path, action: 'skipped', reason: `before: ${before.reason}` };
  if (after.kind === 'skipped') return { path, action: 'skipped', reason: after.reason };
  const texts = new RecordTextCache(store.stateDir);
  if (after.kind === 'absent') {
    if (before.kind === 'absent') return { path, action: 'unchanged' };
    await updateRecord(store, path, () => null);
    await texts.remove(path);
    return { path, action: 'deleted' };
  }
  const beforeText = before.kind === 'text' ? before.text : undefined;
  if (beforeText === after.text) return { path, action: 'unchanged' };
  // The texts the stored record may describe when the file changed outside the editor since: the agent's last text
  // and the editor's (or post-commit's) snapshot of the record's text.
  const stored = await store.read(path).catch(() => undefined);
  const earlier = [
    await texts.read(path),
    stored ? await loadTextSnapshot(store.stateDir, stored.contentHash) : undefined,
  ].filter((t): t is string => t !== undefined);
  let outcome: AgentRecordOutcome | undefined;
  const done = await updateRecord(store, path, (existing) => {
    const result = agentRecordFor(existing, { path, before: beforeText, after: after.text, earlier }, options);
    outcome = result.outcome;
    return result.decision;
  });
  // Best effort: without it a later edit outside the editor costs this file's older spans, nothing else.
  if (done === 'written') await texts.write(path, after.text).catch(() => undefined);
  if (outcome === undefined || outcome.action === 'kept') return { path, action: 'kept', reason: outcome?.reason };
  if (outcome.dropped)
    await logDrop(
      store,
      'agent hook',
      `${outcome.dropped} AI/attributed character(s) of ${path}`,
      'its record describes a text we no longer have (no snapshot), so its spans cannot be placed on the new text',
    );
  return {
    path,
    action: 'attributed',
    chars: outcome.chars,
    reason: outcome.carried === 'stale' ? 'stored record was for another text; replaced' : undefined,
  };
}

/** One log-friendly line for a set of reports (paths and counts only, never file content). */
export function describeReports(reports: readonly FileReport[]): string {
  if (reports.length === 0) return 'no files';
  return (
    reports
      .filter((r) => r.action !== 'unchanged')
      .map(
        (r) =>
          `${r.action} ${r.path}${r.chars !== undefined ? ` (+${r.chars})` : ''}${r.reason ? ` [${r.reason}]` : ''}`,
      )
      .join('; ') || 'nothing changed'
  );
}

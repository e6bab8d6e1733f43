/**
 * External agents, node side: the `hook` capture (snapshots before, exact attribution after), `agents` hook-config
 * installation with byte-exact uninstall, and `session` capture for agents without hooks. See README.md.
 */
export { AGENT_TOOL_NAMES, effectiveAgent, runAgentHook } from './agentHook';
export type { AgentHookRequest, AgentHookResult } from './agentHook';
export { configFileFor, installAgents, launcherPathFor, uninstallAgents } from './agentInstall';
export { agentState, agentsStatus, firstShellWord } from './agentStatus';
export type { AgentFileReport, AgentStatusReport, InstallContext, InstallScope } from './agentInstall';
export { agentRecordFor, overlaySpans, sameText } from './agentRecord';
export type { AgentChange, AgentRecordOptions, AgentRecordOutcome } from './agentRecord';
export { SESSION_FILE, SessionError, readSession, sessionFile, startSession, stopSession } from './agentSession';
export type { AgentSession, SessionOptions } from './agentSession';
export { applyAgentChange, describeReports } from './applyChange';
export type { ApplyOptions, FileReport } from './applyChange';
export { textBeforeEdits } from './editReversal';
export {
  LAUNCHER_NAME,
  LAUNCHER_TWINS,
  launcherCmd,
  launcherPowerShell,
  launcherScript,
  launcherTarget,
  removeLauncher,
  writeLauncher,
} from './launcher';
export { PROMPT_LOG_FILE, PROMPT_SUMMARY_ENV } from './promptLog';
export { updateRecord } from './recordUpdate';
export type { RecordDecision } from './recordUpdate';
export { changedBetween, parseStatusV2, repoChangesSince, repoStatus, takeRepoSnapshot } from './repoChanges';
export type { RepoStatus } from './repoChanges';
export {
  SNAPSHOT_MAX_AGE_MS,
  SNAPSHOT_VERSION,
  SnapshotStore,
  parseSnapshot,
  readSnapshotFile,
  safeSegment,
} from './snapshots';
export type { Snapshot, SnapshotEntry } from './snapshots';
export { RecordTextCache } from './textCache';
export { AGENT_CAPTURE_LIMITS, absPathOf, readWorkFile, repoPathOf, textState } from './workFiles';
export type { FileState } from './workFiles';

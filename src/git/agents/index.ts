/**
 * External agents, node side: the `hook` capture (snapshots before, exact attribution after), `agents` hook-config
 * installation with byte-exact uninstall, and `session` capture for agents without hooks. See README.md.
 */
export type { AgentHookRequest, AgentHookResult } from './agentHook';
export { agentsStatus, installAgents, launcherPathFor, uninstallAgents } from './agentInstall';
export type { AgentFileReport, AgentStatusReport, InstallContext, InstallScope } from './agentInstall';
export type { AgentChange, AgentRecordOptions, AgentRecordOutcome } from './agentRecord';
export { readSession, startSession, stopSession } from './agentSession';
export type { AgentSession, SessionOptions } from './agentSession';
export type { ApplyOptions, FileReport } from './applyChange';
export { launcherTarget, writeLauncher } from './launcher';
export type { RecordDecision } from './recordUpdate';
export type { RepoStatus } from './repoChanges';
export type { Snapshot, SnapshotEntry } from './snapshots';
export type { FileState } from './workFiles';

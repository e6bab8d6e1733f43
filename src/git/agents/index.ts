/**
 * External agents, node side: the `hook` capture (snapshots before, exact attribution after), `agents` hook-config
 * installation with byte-exact uninstall, and `session` capture for agents without hooks. See README.md.
 * This barrel holds what the VS Code side uses; the CLI commands import the modules they need directly.
 */
export { installAgents, launcherPathFor, uninstallAgents } from './agentInstall';
export type { AgentStatusReport, InstallContext } from './agentInstall';
export { agentState, agentsStatus } from './agentStatus';
export { readSession, startSession, stopSession } from './agentSession';
export { launcherTarget, writeLauncher } from './launcher';

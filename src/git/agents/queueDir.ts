/**
 * Where the launcher queues the Claude Code POSTs it handles in sh (`<state>/agent-post/c<pid>/`), and the cheap test
 * every reader of records makes first (src/git/stateStore.ts): are any waiting? The drain is src/git/agents/agentQueue.ts.
 */
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { QUEUED_CALL_NAME } from '../../core/agents/queuedCalls';

const AGENT_QUEUE_DIR = 'agent-post';

export function agentQueueDir(stateDir: string): string {
  return path.join(stateDir, AGENT_QUEUE_DIR);
}

/** Whether calls wait in the queue (finished ones; a POST still writing its call is not one yet). */
export async function hasQueuedCalls(stateDir: string): Promise<boolean> {
  const names = await fs.readdir(agentQueueDir(stateDir)).catch(() => [] as string[]);
  return names.some((n) => QUEUED_CALL_NAME.test(n));
}

/** hasQueuedCalls with a blocking read, for short-lived processes (git hooks) that have nothing else to run. */
export function hasQueuedCallsSync(stateDir: string): boolean {
  try {
    // Usually there is no queue folder: asked before every record access, a failed readdir's error costs more.
    const dir = agentQueueDir(stateDir);
    return fsSync.existsSync(dir) && fsSync.readdirSync(dir).some((n) => QUEUED_CALL_NAME.test(n));
  } catch {
    return false;
  }
}

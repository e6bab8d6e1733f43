/**
 * Agents' hook configs point at the same launcher as the git hooks (`src/git/launcher.ts`): one script, one format,
 * one writer. This module only adapts that writer to the agents' folder-based call.
 */
import * as path from 'node:path';
import { LAUNCHER_NAME, launcherScript, launcherTarget, writeLauncherFile } from '../launcher';

export { LAUNCHER_NAME, launcherScript, launcherTarget };

/** Writes (or rewrites) the launcher in `binDir`; returns its path and whether its content changed. */
export function writeLauncher(binDir: string, cliPath: string, nodePath: string): Promise<{ path: string; changed: boolean }> {
  return writeLauncherFile(path.join(binDir, LAUNCHER_NAME), cliPath, nodePath);
}

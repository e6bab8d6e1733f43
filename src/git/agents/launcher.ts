/**
 * Agents' hook configs point at the same launcher as the git hooks (`src/git/launcher.ts`): one script, one format,
 * one writer. This module adapts that writer to the agents' folder-based call and writes the launcher's Windows
 * twins: `ai-provenance.ps1` for agents that run hook commands through PowerShell (Copilot's `powershell` entries)
 * and `ai-provenance.cmd` for those that use cmd. Both run the same CLI with the same node and, like the sh launcher,
 * exit 0 printing the agent's no-op answer when the CLI is gone.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { agentsAnsweringJson } from '../../core/agents/hookResponse';
import { writeFileAtomic } from '../atomicFile';
import { LAUNCHER_NAME, launcherTarget, writeLauncherFile } from '../launcher';

export { LAUNCHER_NAME, launcherTarget };

/** The Windows twins' file names, beside the sh launcher. */
const LAUNCHER_TWINS = [`${LAUNCHER_NAME}.ps1`, `${LAUNCHER_NAME}.cmd`] as const;

/** Writes (or rewrites) the launcher and its Windows twins in `binDir`; returns the launcher's path and whether it changed. */
export async function writeLauncher(
  binDir: string,
  cliPath: string,
  nodePath: string,
): Promise<{ path: string; changed: boolean }> {
  const result = await writeLauncherFile(path.join(binDir, LAUNCHER_NAME), cliPath, nodePath);
  const twins = [launcherPowerShell(cliPath, nodePath), launcherCmd(cliPath, nodePath)];
  for (const [i, name] of LAUNCHER_TWINS.entries()) {
    const file = path.join(binDir, name);
    if ((await fs.readFile(file, 'utf8').catch(() => undefined)) !== twins[i]) await writeFileAtomic(file, twins[i]);
  }
  return result;
}

/** Removes the launcher and its twins (the bin folder too when it is left empty). */
export async function removeLauncher(binDir: string): Promise<void> {
  for (const name of [LAUNCHER_NAME, ...LAUNCHER_TWINS])
    await fs.unlink(path.join(binDir, name)).catch(() => undefined);
  await fs.rmdir(binDir).catch(() => undefined);
}

function psQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * PowerShell twin. Agents pipe the hook JSON to it (`$input | & $l hook <agent> <phase>`), or it is run directly with
 * the JSON on stdin; either way node gets it on stdin.
 */
export function launcherPowerShell(cliPath: string, nodePath: string): string {
  return [
    '# ai-provenance launcher for PowerShell, written by `ai-provenance agents install` beside bin/ai-provenance.',
    `$cli = ${psQuote(cliPath)}`,
    `$node = ${psQuote(nodePath)}`,
    'if ($env:AI_PROVENANCE_CLI) { $cli = $env:AI_PROVENANCE_CLI }',
    'if ($env:AI_PROVENANCE_NODE) { $node = $env:AI_PROVENANCE_NODE }',
    '$data = @($input) -join "`n"',
    "if ($data -eq '' -and [Console]::IsInputRedirected) { $data = [Console]::In.ReadToEnd() }",
    `$noop = ($args[0] -eq 'hook') -and (${agentsAnsweringJson()
      .map((agent) => `$args[1] -eq '${agent}'`)
      .join(' -or ')})`,
    "if (-not (Test-Path -LiteralPath $cli)) { if ($noop) { '{}' }; exit 0 }",
    "if (-not (Test-Path -LiteralPath $node)) { $node = 'node' }",
    "$env:ELECTRON_RUN_AS_NODE = '1'",
    '$data | & $node $cli @args',
    'exit 0',
    '',
  ].join('\r\n');
}

/** cmd twin: `%` in a path is doubled; a path holding `"` cannot be written for cmd and is refused. */
export function launcherCmd(cliPath: string, nodePath: string): string {
  const cmdValue = (value: string): string => {
    if (value.includes('"')) throw new Error(`a path for a cmd script cannot contain '"': ${value}`);
    return value.replace(/%/g, '%%');
  };
  return [
    '@echo off',
    'rem ai-provenance launcher for cmd, written by `ai-provenance agents install` beside bin/ai-provenance.',
    `set "cli=${cmdValue(cliPath)}"`,
    `set "node_bin=${cmdValue(nodePath)}"`,
    'if defined AI_PROVENANCE_CLI set "cli=%AI_PROVENANCE_CLI%"',
    'if defined AI_PROVENANCE_NODE set "node_bin=%AI_PROVENANCE_NODE%"',
    'if not exist "%cli%" (',
    '  more >nul',
    ...agentsAnsweringJson().map((agent) => `  if "%1"=="hook" if "%2"=="${agent}" echo {}`),
    '  exit /b 0',
    ')',
    'if not exist "%node_bin%" set "node_bin=node"',
    'set ELECTRON_RUN_AS_NODE=1',
    '"%node_bin%" "%cli%" %*',
    'exit /b 0',
    '',
  ].join('\r\n');
}

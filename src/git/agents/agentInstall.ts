/**
 * `agents install|uninstall|status` without the CLI: where each agent keeps its hook config per scope, writing our
 * hooks into it next to the user's, and putting it back byte for byte on uninstall (see installManifest.ts).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  inspectAgentHooks,
  installAgentHooks,
  uninstallAgentHooks,
  type ConfigFormat,
} from '../../core/agentConfig/agentHooks';
import { agentConfigFiles } from '../../core/agentConfig/configFiles';
import type { CodexTrust } from '../../core/agentConfig/codexTrust';
import {
  AgentConfigError,
  projectHookCommandsFor,
  userHookCommandsFor,
  type HookCommands,
  type HookInspection,
} from '../../core/agentConfig/types';
import { hookResponse } from '../../core/agents/hookResponse';
import type { AgentId } from '../../core/agents/types';
import { InstallManifest, sha256, type InstalledFile } from './installManifest';
import { LAUNCHER_NAME, removeLauncher, writeLauncher } from './launcher';

export type InstallScope = 'project' | 'user';

export interface InstallContext {
  readonly scope: InstallScope;
  /** Project scope: the work tree root. User scope: the home directory. */
  readonly root: string;
  /** Where the launcher, manifest and backups live: `<git-path ai-provenance>` or `~/.ai-provenance`. */
  readonly baseDir: string;
  /** `$CODEX_HOME` (default `~/.codex`): user scope writes its config.toml; both scopes read its trust store. */
  readonly codexHome?: string;
  /** `$COPILOT_HOME` (user scope only; default `~/.copilot`). */
  readonly copilotHome?: string;
  /** The home directory, for Codex's trust store when `codexHome` is unset (project scope). */
  readonly home?: string;
}

export interface AgentFileReport {
  readonly agent: AgentId;
  /** The config file, as shown to the user (repo-relative or `~/…`). */
  readonly label: string;
  readonly file: string;
  readonly action: 'installed' | 'updated' | 'unchanged' | 'restored' | 'removed' | 'not-installed' | 'error';
  readonly message?: string;
  readonly warnings: readonly string[];
}

export interface AgentStatusReport {
  readonly agent: AgentId;
  readonly label: string;
  readonly file: string;
  readonly exists: boolean;
  readonly inspection?: HookInspection;
  /** Codex only: whether Codex runs our entries (its `/hooks` trust), and whether it loads this project's hooks. */
  readonly codex?: { readonly trust: CodexTrust; readonly projectTrusted?: boolean };
  readonly error?: string;
  /** Files of one agent that make one hook set together (Cline's two scripts) are merged into one report. */
  readonly group?: string;
  /** For each launcher our commands run: does it exist, and does the CLI it runs? */
  readonly launchers: ReadonlyArray<{
    readonly path: string;
    readonly exists: boolean;
    readonly cli?: string;
    readonly cliExists: boolean;
  }>;
}

/** One hook config file of an agent, where it is on this machine and how it is written. */
export interface ConfigFile {
  readonly file: string;
  /** As shown to the user (repo-relative or `~/…`). */
  readonly label: string;
  readonly format: ConfigFormat;
  readonly group?: string;
  readonly executable?: boolean;
}

/** The files that hold `agent`'s hooks in this scope (Kiro and Cline have several). */
export function configFilesFor(agent: AgentId, ctx: InstallContext): ConfigFile[] {
  return agentConfigFiles(agent, ctx.scope).map((entry) => {
    const home =
      ctx.scope !== 'user'
        ? undefined
        : agent === 'codex'
          ? ctx.codexHome
          : agent === 'vscode' && ctx.copilotHome !== undefined
            ? path.join(ctx.copilotHome, 'hooks')
            : undefined;
    const { rel, ...rest } = entry;
    if (home !== undefined) {
      const file = path.join(home, path.basename(rel));
      return { ...rest, file, label: file };
    }
    return {
      ...rest,
      file: path.join(ctx.root, ...rel.split('/')),
      label: ctx.scope === 'project' ? rel : `~/${rel}`,
    };
  });
}

export function launcherPathFor(ctx: InstallContext): string {
  return path.join(ctx.baseDir, 'bin', LAUNCHER_NAME);
}

export async function installAgents(
  ctx: InstallContext,
  agents: readonly AgentId[],
  cliPath: string,
  nodePath: string,
): Promise<{ launcher: string; reports: AgentFileReport[] }> {
  const launcher = await writeLauncher(path.join(ctx.baseDir, 'bin'), cliPath, nodePath);
  const manifest = await InstallManifest.load(ctx.baseDir);
  const reports: AgentFileReport[] = [];
  for (const agent of agents) {
    for (const { file, label, format, executable } of configFilesFor(agent, ctx)) {
      try {
        const current = await readBytes(file);
        const before = inspectAgentHooks(format, current?.toString('utf8'), label);
        const edit = installAgentHooks(
          format,
          current?.toString('utf8'),
          commandsFor(ctx, agent, launcher.path),
          label,
        );
        if (!edit.changed) {
          reports.push({ agent, label, file, action: 'unchanged', warnings: edit.warnings });
          continue;
        }
        const previous = manifest.get(file);
        const entry = await nextEntry(manifest, previous, agent, file, current);
        const createdDirs = await writeConfig(file, Buffer.from(edit.text, 'utf8'), executable ? 0o755 : undefined);
        manifest.set({
          ...entry,
          written: sha256(Buffer.from(edit.text, 'utf8')),
          createdDirs: [...createdDirs, ...entry.createdDirs],
        });
        await manifest.save();
        reports.push({
          agent,
          label,
          file,
          action: before.pre || before.post ? 'updated' : 'installed',
          warnings: [...edit.warnings, ...(await layerWarnings(agent, file))],
        });
      } catch (err) {
        reports.push(errorReport(agent, label, file, err));
      }
    }
  }
  return { launcher: launcher.path, reports };
}

export async function uninstallAgents(ctx: InstallContext, agents: readonly AgentId[]): Promise<AgentFileReport[]> {
  const manifest = await InstallManifest.load(ctx.baseDir);
  const reports: AgentFileReport[] = [];
  // Directories install created: removed once every file in them is gone (Cline's and Kiro's files share one).
  const createdDirs: string[] = [];
  for (const agent of agents) {
    for (const { file, label, format } of configFilesFor(agent, ctx)) {
      const entry = manifest.get(file);
      if (entry?.original === 'absent') createdDirs.push(...entry.createdDirs);
      try {
        reports.push({ agent, label, file, action: await uninstallOne(manifest, format, file, label), warnings: [] });
        await manifest.delete(file);
        await manifest.save();
      } catch (err) {
        reports.push(errorReport(agent, label, file, err));
      }
    }
  }
  for (const dir of createdDirs) await fs.rmdir(dir).catch(() => undefined);
  if (manifest.size === 0) {
    await removeLauncher(path.dirname(launcherPathFor(ctx)));
    // ~/.ai-provenance is ours alone; the project base is the shared state dir (removed only if empty anyway).
    if (ctx.scope === 'user') await fs.rmdir(ctx.baseDir).catch(() => undefined);
  }
  return reports;
}

/**
 * User scope names the launcher in `~/.ai-provenance` (no team commits those files); project scope resolves it at
 * run time so a committed hook file never names a path of this machine and is a no-op in clones without it.
 */
function commandsFor(ctx: InstallContext, agent: AgentId, launcher: string): HookCommands {
  const noop = { pre: hookResponse(agent, 'pre'), post: hookResponse(agent, 'post') };
  return ctx.scope === 'user' ? userHookCommandsFor(launcher, agent, noop) : projectHookCommandsFor(agent, noop);
}

/**
 * Codex keeps one hook layer per folder: hooks in both `hooks.json` and `config.toml` of one `.codex` folder load,
 * with a warning on every start. We write config.toml; say so when the folder's hooks.json has hooks too.
 */
export async function layerWarnings(agent: AgentId, file: string): Promise<string[]> {
  if (agent !== 'codex') return [];
  const json = path.join(path.dirname(file), 'hooks.json');
  const text = (await readBytes(json).catch(() => undefined))?.toString('utf8');
  if (text === undefined) return [];
  try {
    const hooks = (JSON.parse(text) as { hooks?: unknown }).hooks;
    if (typeof hooks !== 'object' || hooks === null || Object.keys(hooks).length === 0) return [];
  } catch {
    return [];
  }
  return [
    `${json} also defines hooks: Codex warns when one folder mixes hooks.json and config.toml; keep your hooks in one of them`,
  ];
}

async function uninstallOne(
  manifest: InstallManifest,
  format: ConfigFormat,
  file: string,
  label: string,
): Promise<AgentFileReport['action']> {
  const entry = manifest.get(file);
  const current = await readBytes(file);
  if (current === undefined) return 'not-installed';
  if (entry !== undefined && sha256(current) === entry.written && entry.original !== 'unknown') {
    // Untouched since we wrote it: put the original bytes back exactly.
    if (entry.original === 'absent') {
      await fs.unlink(file);
      for (const dir of entry.createdDirs) await fs.rmdir(dir).catch(() => undefined);
      return 'removed';
    }
    const original = await manifest.readBackup(entry);
    if (original !== undefined) {
      await writeConfig(file, original);
      return 'restored';
    }
  }
  // Changed by someone since (or installed before the manifest existed): remove exactly our hooks, keep the rest.
  const edit = uninstallAgentHooks(format, current.toString('utf8'), label);
  if (!edit.changed) return 'not-installed';
  if (edit.remove === true) {
    await fs.unlink(file);
    return 'removed';
  }
  await writeConfig(file, Buffer.from(edit.text, 'utf8'));
  return 'removed';
}

/** The manifest entry for a file we are about to rewrite (the first install keeps the original bytes). */
async function nextEntry(
  manifest: InstallManifest,
  previous: InstalledFile | undefined,
  agent: AgentId,
  file: string,
  current: Buffer | undefined,
): Promise<InstalledFile> {
  if (current === undefined) {
    await manifest.delete(file);
    return {
      path: file,
      agent,
      original: 'absent',
      written: '',
      createdDirs: previous?.original === 'absent' ? previous.createdDirs : [],
    };
  }
  if (previous !== undefined) {
    if (sha256(current) === previous.written) return previous;
    // Someone edited the file after our last write: its original bytes are no longer the state to go back to.
    await manifest.delete(file);
    return { path: file, agent, original: 'unknown', written: '', createdDirs: [] };
  }
  return {
    path: file,
    agent,
    original: 'backup',
    backup: await manifest.backup(file, current),
    written: '',
    createdDirs: [],
  };
}

/**
 * Writes atomically, keeping an existing file's mode (`newMode` for a new file); returns the directories it had to
 * create, deepest first.
 */
async function writeConfig(file: string, bytes: Buffer, newMode?: number): Promise<string[]> {
  const created: string[] = [];
  for (let dir = path.dirname(file); !(await exists(dir)); dir = path.dirname(dir)) {
    created.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const mode = await fs.stat(file).then(
    (s) => s.mode & 0o7777,
    () => newMode,
  );
  // Raw bytes, not text: a restored backup must be byte-identical even if it is not valid UTF-8.
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx', mode: mode ?? 0o666 });
    await fs.rename(temp, file);
    if (mode !== undefined) await fs.chmod(file, mode).catch(() => undefined);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  return created;
}

function errorReport(agent: AgentId, label: string, file: string, err: unknown): AgentFileReport {
  const message =
    err instanceof AgentConfigError ? err.message : `${label}: ${err instanceof Error ? err.message : String(err)}`;
  return { agent, label, file, action: 'error', message, warnings: [] };
}

export async function readBytes(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * `ai-provenance hooks install|uninstall|status`. Hooks go where git runs them (`git rev-parse --git-path hooks`,
 * which honours core.hooksPath, e.g. husky's `.husky/_`). A hook already there is moved aside (rename: bytes, mode
 * and symlinks kept) and called first by ours; uninstall renames it back. Idempotent. What install changed lives in
 * `<git common dir>/ai-provenance/hooks.json`, so uninstall undoes exactly that even if core.hooksPath moved since.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../atomicFile';
import { runGit, type GitRunner } from '../exec';
import { launcherTarget, writeLauncherFile, LAUNCHER_NAME } from '../launcher';
import { gitPath, type RepoInfo } from '../repo';
import { STATE_DIR_NAME } from '../stateLog';
import { CHAINED_SUFFIX, MANAGED_HOOKS, hookScript, isOurHookScript, type ManagedHook } from './hookScripts';
import { removeRetiredFiles } from './retiredFiles';
import { applyNotesConfig, notesConfigState, revertNotesConfig, type NotesConfigChanges } from './notesConfig';

export interface InstallOptions {
  /** Absolute path of the CLI (dist/cli.js) the launcher runs. */
  readonly cliPath: string;
  /** Runtime to record in the launcher; default this process's executable. */
  readonly nodePath?: string;
  /** Replace hook files even when they are tracked in the repository. */
  readonly force?: boolean;
  readonly runner?: GitRunner;
}

export type HookState = 'installed' | 'outdated' | 'missing' | 'foreign';

export interface HookStatus {
  readonly hook: ManagedHook;
  readonly file: string;
  /** installed: our current script; outdated: ours, older; missing: nothing there; foreign: someone else's hook. */
  readonly state: HookState;
  /** An original hook is chained (moved aside and called first). */
  readonly chained: boolean;
}

export interface HooksStatus {
  readonly hooksDir: string;
  readonly hooks: readonly HookStatus[];
  readonly launcher: { readonly path: string; readonly cliPath?: string; readonly cliExists: boolean };
  readonly notesRewriteRef: boolean;
  readonly notesRewriteDisabled: readonly string[];
}

interface Manifest {
  readonly version: 1;
  readonly hooksDir: string;
  readonly hooks: readonly ManagedHook[];
  readonly config: NotesConfigChanges;
}

export class HookInstallError extends Error {}

async function hooksDirOf(repo: RepoInfo, runner?: GitRunner): Promise<string> {
  return gitPath(repo, 'hooks', runner);
}

function manifestFile(repo: RepoInfo): string {
  return path.join(repo.commonDir, STATE_DIR_NAME, 'hooks.json');
}

async function readManifest(repo: RepoInfo): Promise<Manifest | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(manifestFile(repo), 'utf8')) as Manifest;
    return value && value.version === 1 && typeof value.hooksDir === 'string' && Array.isArray(value.hooks)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.lstat(file);
    if (stat.isSymbolicLink()) return `symlink:${await fs.readlink(file)}`;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** Hook files tracked in the repository (core.hooksPath pointing into the work tree): replacing them edits the project. */
async function trackedFiles(repo: RepoInfo, dir: string, runner?: GitRunner): Promise<Set<string>> {
  const rel = path.relative(repo.root, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return new Set();
  const args = ['ls-files', '-z', '--', rel === '' ? '.' : rel];
  const result = runner ? await runner.run(args, { cwd: repo.root }) : await runGit(args, { cwd: repo.root });
  return new Set(
    result.stdout
      .split('\0')
      .filter((p) => p !== '')
      .map((p) => path.resolve(repo.root, p)),
  );
}

async function writeHook(file: string, content: string): Promise<void> {
  await writeFileAtomic(file, content);
  await fs.chmod(file, 0o755);
}

export interface InstallReport {
  readonly hooksDir: string;
  readonly launcher: string;
  /** Per hook: what install did. */
  readonly actions: ReadonlyArray<{ hook: ManagedHook; action: 'installed' | 'updated' | 'unchanged' | 'chained' }>;
}

export async function installHooks(repo: RepoInfo, options: InstallOptions): Promise<InstallReport> {
  const runner = options.runner;
  if (!path.isAbsolute(options.cliPath))
    throw new HookInstallError(`the CLI path must be absolute: ${options.cliPath}`);
  const dir = await hooksDirOf(repo, runner);
  await fs.mkdir(dir, { recursive: true });
  const tracked = await trackedFiles(repo, dir, runner);
  const plans: Array<{ hook: ManagedHook; file: string; current: string | undefined }> = [];
  for (const hook of MANAGED_HOOKS) {
    const file = path.join(dir, hook);
    const current = await readText(file);
    if (current !== undefined && !isOurHookScript(current) && tracked.has(file) && !options.force) {
      throw new HookInstallError(
        `${file} is tracked in the repository; chaining it would change a project file (use --force to do it anyway)`,
      );
    }
    plans.push({ hook, file, current });
  }
  // The launcher first: a hook that finds no launcher does nothing, so a half-done install is harmless.
  const nodePath = options.nodePath ?? process.execPath;
  const launcher = await writeLauncherFile(
    path.join(await gitPath(repo, STATE_DIR_NAME, runner), 'bin', LAUNCHER_NAME),
    options.cliPath,
    nodePath,
  );
  const commonLauncher = path.join(repo.commonDir, STATE_DIR_NAME, 'bin', LAUNCHER_NAME);
  if (commonLauncher !== launcher.path) await writeLauncherFile(commonLauncher, options.cliPath, nodePath);
  for (const binDir of new Set([path.dirname(launcher.path), path.dirname(commonLauncher)]))
    removeRetiredFiles(path.dirname(binDir));

  const previous = await readManifest(repo);
  const actions: Array<{ hook: ManagedHook; action: 'installed' | 'updated' | 'unchanged' | 'chained' }> = [];
  for (const { hook, file, current } of plans) {
    const script = hookScript(hook);
    if (current === script) {
      actions.push({ hook, action: 'unchanged' });
    } else if (current !== undefined && isOurHookScript(current)) {
      await writeHook(file, script);
      actions.push({ hook, action: 'updated' });
    } else if (current !== undefined) {
      // Someone else's hook (or one regenerated over ours, e.g. by husky): it becomes the chained original.
      await fs.rename(file, file + CHAINED_SUFFIX);
      await writeHook(file, script);
      actions.push({ hook, action: 'chained' });
    } else {
      await writeHook(file, script);
      actions.push({ hook, action: 'installed' });
    }
  }
  const config = await applyNotesConfig(repo, runner);
  const merged: NotesConfigChanges = {
    rewriteRefAdded: config.rewriteRefAdded || (previous?.config.rewriteRefAdded ?? false),
    keysSet: [...new Set([...(previous?.config.keysSet ?? []), ...config.keysSet])],
  };
  const manifest: Manifest = { version: 1, hooksDir: dir, hooks: [...MANAGED_HOOKS], config: merged };
  await fs.mkdir(path.dirname(manifestFile(repo)), { recursive: true });
  await writeFileAtomic(manifestFile(repo), JSON.stringify(manifest, null, 2) + '\n');
  return { hooksDir: dir, launcher: launcher.path, actions };
}

export interface UninstallReport {
  readonly removed: readonly string[];
  readonly restored: readonly string[];
  /** Our hook was replaced by someone else's meanwhile: left alone. */
  readonly skipped: readonly string[];
}

export async function uninstallHooks(repo: RepoInfo, runner?: GitRunner): Promise<UninstallReport> {
  const manifest = await readManifest(repo);
  const dirs = [...new Set([...(manifest ? [manifest.hooksDir] : []), await hooksDirOf(repo, runner)])];
  const removed: string[] = [];
  const restored: string[] = [];
  const skipped: string[] = [];
  for (const dir of dirs) {
    for (const hook of MANAGED_HOOKS) {
      const file = path.join(dir, hook);
      const current = await readText(file);
      if (current === undefined || !isOurHookScript(current)) {
        if (current !== undefined && (await exists(file + CHAINED_SUFFIX))) skipped.push(file);
        continue;
      }
      if (await exists(file + CHAINED_SUFFIX)) {
        await fs.rename(file + CHAINED_SUFFIX, file);
        restored.push(file);
      } else {
        await fs.unlink(file);
        removed.push(file);
      }
    }
  }
  if (manifest) await revertNotesConfig(repo, manifest.config, runner);
  await fs.rm(manifestFile(repo), { force: true });
  return { removed, restored, skipped };
}

export async function hooksStatus(repo: RepoInfo, runner?: GitRunner): Promise<HooksStatus> {
  const dir = await hooksDirOf(repo, runner);
  const hooks: HookStatus[] = [];
  for (const hook of MANAGED_HOOKS) {
    const file = path.join(dir, hook);
    const current = await readText(file);
    const state: HookState =
      current === undefined
        ? 'missing'
        : current === hookScript(hook)
          ? 'installed'
          : isOurHookScript(current)
            ? 'outdated'
            : 'foreign';
    hooks.push({ hook, file, state, chained: await exists(file + CHAINED_SUFFIX) });
  }
  const launcherFile = path.join(await gitPath(repo, STATE_DIR_NAME, runner), 'bin', LAUNCHER_NAME);
  const cliPath = await launcherTarget(launcherFile);
  const config = await notesConfigState(repo, runner);
  return {
    hooksDir: dir,
    hooks,
    launcher: {
      path: launcherFile,
      ...(cliPath !== undefined ? { cliPath } : {}),
      cliExists: cliPath !== undefined && (await exists(cliPath)),
    },
    notesRewriteRef: config.rewriteRef,
    notesRewriteDisabled: config.disabled,
  };
}

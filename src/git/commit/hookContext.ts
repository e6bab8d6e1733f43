/**
 * What every git hook run needs: the repository and the ai-provenance state dir (from the paths the hook script already
 * asked git for, HOOK_PATHS_ENV, else one `git rev-parse` in the hook's environment, so GIT_DIR and GIT_INDEX_FILE are
 * honoured), the relevant config (read lazily, in one git call), git run with the hook's environment, and a log that
 * never throws.
 */
import * as fsSync from 'node:fs';
import * as path from 'node:path';
import { runGit, type GitResult, type GitRunOptions, type GitRunner } from '../exec';
import type { RepoInfo } from '../repo';
import { HOOK_PATHS_ENV } from '../hooks/hookScripts';
import { appendStateLog } from '../stateLog';

export interface HookConfig {
  /** core.commentChar / core.commentString as set (undefined when unset). */
  readonly commentChar?: string;
  /** commit.cleanup as set. */
  readonly cleanup?: string;
  /** aiProvenance.trailers as set. */
  readonly trailers?: string;
  /** Some trailer.* config is set (git interpret-trailers may then add or move trailers of its own). */
  readonly trailerConfig?: true;
}

export interface HookContext {
  readonly repo: RepoInfo;
  /** The folder of the hook script that started this run, when it said (HOOK_PATHS_ENV's fifth line). */
  readonly hooksDir?: string;
  /** `<git rev-parse --git-path ai-provenance>`: this worktree's state dir. */
  readonly stateDir: string;
  /** The relevant config, read in one git call the first time it is asked for (most hooks never need it). */
  config(): Promise<HookConfig>;
  readonly env: NodeJS.ProcessEnv;
  /** Runs git in the work tree root with the hook's environment. */
  git(args: readonly string[], options?: Omit<GitRunOptions, 'cwd'>): Promise<GitResult>;
  /** The same as a GitRunner (for src/git helpers that take one); `cwd` is honoured, the hook env added. */
  readonly runner: GitRunner;
  log(message: string): Promise<void>;
  /** A path inside the git dir (e.g. `CHERRY_PICK_HEAD`, `rebase-merge`). */
  gitFile(name: string): string;
}

/**
 * Reads `file` as text, or undefined when it does not exist or is larger than `maxBytes`. Hooks are short-lived
 * processes with nothing else to do meanwhile: blocking reads of git's small state files skip the thread pool.
 */
export async function readOptionalFile(file: string, maxBytes = 4 * 1024 * 1024): Promise<string | undefined> {
  try {
    const stat = fsSync.statSync(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return fsSync.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export async function pathExists(file: string): Promise<boolean> {
  return fsSync.existsSync(file);
}

/** Parses `git config -z --get-regexp` output: `key\nvalue\0` entries (the last value of a key wins). */
function parseConfigZ(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of stdout.split('\0')) {
    if (entry === '') continue;
    const nl = entry.indexOf('\n');
    out.set((nl < 0 ? entry : entry.slice(0, nl)).toLowerCase(), nl < 0 ? 'true' : entry.slice(nl + 1));
  }
  return out;
}

export async function openHookContext(cwd: string, env: NodeJS.ProcessEnv): Promise<HookContext> {
  const base = { cwd, env: envOverrides(env) };
  const { repo, stateDir, hooksDir } = hookPathsFrom(cwd, env[HOOK_PATHS_ENV]) ?? (await askGit(cwd, base.env));
  const git = (args: readonly string[], options: Omit<GitRunOptions, 'cwd'> = {}) =>
    runGit(args, { ...options, cwd: repo.root, env: { ...base.env, ...options.env } });
  let config: Promise<HookConfig> | undefined;
  const readConfig = async (): Promise<HookConfig> => {
    const result = await git(
      [
        'config',
        '-z',
        '--get-regexp',
        '^(core\\.commentchar|core\\.commentstring|commit\\.cleanup|aiprovenance\\.|trailer\\.)',
      ],
      { okExitCodes: [1] },
    );
    const values = parseConfigZ(result.stdout);
    const commentChar = values.get('core.commentstring') ?? values.get('core.commentchar');
    return {
      ...(commentChar !== undefined ? { commentChar } : {}),
      ...(values.has('commit.cleanup') ? { cleanup: values.get('commit.cleanup') } : {}),
      ...(values.has('aiprovenance.trailers') ? { trailers: values.get('aiprovenance.trailers') } : {}),
      ...([...values.keys()].some((k) => k.startsWith('trailer.')) ? { trailerConfig: true as const } : {}),
    };
  };
  const runner: GitRunner = {
    run: (args, options) => runGit(args, { ...options, env: { ...base.env, ...options.env } }),
  };
  return {
    repo,
    ...(hooksDir !== undefined ? { hooksDir } : {}),
    stateDir,
    config: () => (config ??= readConfig()),
    env,
    git,
    runner,
    log: (message) => appendStateLog(stateDir, message),
    gitFile: (name) => path.join(repo.gitDir, name),
  };
}

interface HookPaths {
  readonly repo: RepoInfo;
  readonly stateDir: string;
  readonly hooksDir?: string;
}

/**
 * The paths the hook script found (top, git dir, state dir, common dir, then the hook script's folder, which scripts of
 * earlier versions do not pass), or undefined when absent or malformed.
 */
export function hookPathsFrom(cwd: string, value: string | undefined): HookPaths | undefined {
  const lines = value?.split('\n').map((l) => l.replace(/\r$/, ''));
  if (!lines || lines.length < 4 || lines.slice(0, 4).some((l) => l === '' || l.includes('\0'))) return undefined;
  const [root, gitDir, stateDir, commonDir] = lines.slice(0, 4).map((l) => path.resolve(cwd, l));
  const hooks = lines[4];
  return {
    repo: { root, gitDir, commonDir },
    stateDir,
    ...(hooks !== undefined && hooks !== '' && !hooks.includes('\0') ? { hooksDir: path.resolve(cwd, hooks) } : {}),
  };
}

async function askGit(cwd: string, env: Record<string, string | undefined>): Promise<HookPaths> {
  const found = await runGit(
    ['rev-parse', '--show-toplevel', '--git-dir', '--git-path', 'ai-provenance', '--git-common-dir'],
    { cwd, env },
  );
  const paths = hookPathsFrom(cwd, found.stdout);
  if (!paths) throw new Error(`unexpected rev-parse output: ${JSON.stringify(found.stdout.slice(0, 300))}`);
  return paths;
}

/** The hook environment as git overrides: everything inherited (GIT_INDEX_FILE above all) plus C-locale messages. */
function envOverrides(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v;
  out.LC_ALL = 'C';
  return out;
}

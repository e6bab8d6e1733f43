/**
 * Temp git repositories for the git test tier. Every git these tests start (directly or through src/git) sees an
 * empty temp HOME and no system config, so the developer's own git config can neither break nor be touched by tests.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let isolatedHome: string | undefined;

/** Variables that would point git somewhere other than the repo a test is in (e.g. when tests run from a hook). */
const REDIRECTING_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
];

/**
 * Points this process, and so every git it starts, at an empty temp HOME with no system or global config.
 * Idempotent; the temp HOME is removed when the process exits. Returns the HOME.
 */
function isolateGitEnvironment(): string {
  if (isolatedHome === undefined) {
    const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-home-')));
    process.env.HOME = home;
    process.env.USERPROFILE = home;
    process.env.XDG_CONFIG_HOME = path.join(home, '.config');
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    process.env.GIT_CONFIG_GLOBAL = path.join(home, '.gitconfig');
    process.env.GIT_TERMINAL_PROMPT = '0';
    for (const name of REDIRECTING_VARS) {
      delete process.env[name];
    }
    process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));
    isolatedHome = home;
  }
  return isolatedHome;
}

/** A fresh empty directory under the OS temp dir, as a real path (so it compares equal to what git prints). */
export function makeTempDir(prefix = 'aiprov-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export interface TempRepo {
  readonly root: string;
  /** Runs git in `cwd` (default the root) synchronously; returns stdout without the trailing newline. */
  git(args: readonly string[], cwd?: string): string;
  /** Writes a work-tree file (creating directories); returns its absolute path. */
  write(relPath: string, content: string | Buffer): string;
  /** `git add -A && git commit`; returns the new commit id. */
  commitAll(message?: string): string;
  /** Removes the directory (for repos made by createTempRepo: the whole temp dir). */
  cleanup(): void;
}

/** `git init` in a new temp dir with a local identity. `commit: true` adds an initial commit with README.md. */
export function createTempRepo(options: { commit?: boolean } = {}): TempRepo {
  const repo = initRepoAt(makeTempDir('aiprov-repo-'));
  if (options.commit) {
    repo.write('README.md', '# temp\n');
    repo.commitAll('initial');
  }
  return repo;
}

/** `git init` in `dir` (created if needed), e.g. for a repository nested inside another. */
export function initRepoAt(dir: string): TempRepo {
  isolateGitEnvironment();
  fs.mkdirSync(dir, { recursive: true });
  const root = fs.realpathSync(dir);
  const git = (args: readonly string[], cwd = root): string =>
    execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\n$/, '');
  git(['init', '--quiet', '--initial-branch=main']);
  for (const [key, value] of [
    ['user.name', 'Test User'],
    ['user.email', 'test@example.invalid'],
    ['commit.gpgsign', 'false'],
    ['core.autocrlf', 'false'],
  ]) {
    git(['config', '--local', key, value]);
  }
  return {
    root,
    git,
    write(relPath, content) {
      const abs = path.join(root, relPath);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
      return abs;
    },
    commitAll(message = 'commit') {
      git(['add', '-A']);
      git(['commit', '--quiet', '--allow-empty', '-m', message]);
      return git(['rev-parse', 'HEAD']);
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

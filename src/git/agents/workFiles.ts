/**
 * Reading work-tree files for agent attribution: bounded, binary-aware, and resolved to repo-relative paths the same
 * way git names them (symlinked directories resolved, so `/tmp/x` and `/private/tmp/x` are one file).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isProbablyBinary } from '../../core/agents/textLines';
import { isRepoRelativePath, repoPathProblem } from '../../core/state/repoPath';
import { RepoInfo, toRepoRelativePath } from '../repo';

/** Bounds that keep one hook call cheap whatever the agent touched. */
export const AGENT_CAPTURE_LIMITS = Object.freeze({
  /** Files larger than this are skipped (logged), never read. */
  maxFileBytes: 4 * 1024 * 1024,
  /** Repo-wide snapshots (shell tools, sessions): at most this many changed or untracked files... */
  maxRepoFiles: 2000,
  /** ...and at most this many bytes of them in total. */
  maxRepoBytes: 20 * 1024 * 1024,
});

/** A file's text, or why there is none. */
export type FileState =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * The text of a work-tree file as the editor sees it (UTF-8, a leading BOM removed: VS Code's document text has
 * none). Directories, symlinks, binary and oversized files are `skipped` with the reason.
 */
export async function readWorkFile(absPath: string, maxBytes = AGENT_CAPTURE_LIMITS.maxFileBytes): Promise<FileState> {
  let stat;
  try {
    stat = await fs.lstat(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'skipped', reason: `unreadable (${code ?? 'error'})` };
  }
  if (stat.isSymbolicLink()) return { kind: 'skipped', reason: 'symbolic link' };
  if (!stat.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
  if (stat.size > maxBytes) return { kind: 'skipped', reason: `${stat.size} bytes, over the ${maxBytes}-byte limit` };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'absent' } : { kind: 'skipped', reason: `unreadable (${code ?? 'error'})` };
  }
  return textState(bytes, maxBytes);
}

/** The FileState of file content read some other way (a git blob). */
export function textState(bytes: Buffer, maxBytes = AGENT_CAPTURE_LIMITS.maxFileBytes): FileState {
  if (bytes.length > maxBytes)
    return { kind: 'skipped', reason: `${bytes.length} bytes, over the ${maxBytes}-byte limit` };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isProbablyBinary(text)) return { kind: 'skipped', reason: 'binary' };
  return { kind: 'text', text };
}

/**
 * The repo-relative path of `filePath` (absolute, or relative to `cwd`), or undefined when it lies outside the work
 * tree, inside `.git`, or is the root itself. The file need not exist.
 */
export async function repoPathOf(repo: RepoInfo, cwd: string, filePath: string): Promise<string | undefined> {
  const real = await realpathLoose(path.resolve(cwd, filePath));
  const rel = toRepoRelativePath(repo, real);
  if (rel === undefined || !isRepoRelativePath(rel)) return undefined;
  const first = rel.split('/')[0];
  return first === '.git' ? undefined : rel;
}

/**
 * Why a path inside the work tree cannot be recorded (a line break or NUL in its name: git accepts it, our records and
 * git's line-based plumbing cannot), or undefined when it can or lies outside the work tree.
 */
export async function unrecordablePath(repo: RepoInfo, cwd: string, filePath: string): Promise<string | undefined> {
  const rel = toRepoRelativePath(repo, await realpathLoose(path.resolve(cwd, filePath)));
  if (rel === undefined || rel.split('/')[0] === '.git') return undefined;
  return repoPathProblem(rel);
}

/** The absolute path of a repo-relative path. */
export function absPathOf(repo: RepoInfo, rel: string): string {
  return path.join(repo.root, ...rel.split('/'));
}

/** realpath of the longest existing prefix, with the rest appended: works for files not yet created or deleted. */
async function realpathLoose(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    const parent = path.dirname(p);
    if (parent === p) return p;
    return path.join(await realpathLoose(parent), path.basename(p));
  }
}

/**
 * Writes trailers into the commit message file. The work happens on a copy in the state dir: our stale summary is
 * taken out, `git interpret-trailers --in-place --if-exists addIfDifferent` adds the new ones (so git's own trailer
 * rules decide placement: comments, scissors, a missing final newline), the result is checked to differ from the
 * user's message only by those trailers, and only then does it replace the message file (atomically). Any failure
 * leaves the message exactly as the user wrote it. A message git would find no trailer block in, without trailer.*
 * config, gets the trailers appended here instead (`appendPlainTrailers`: what git writes then; one process fewer).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Trailer } from '../../core/commit/message';
import { appendPlainTrailers } from '../../core/commit/plainTrailers';
import { onlyAddedTrailers, withoutTrailers, type MessageUpdate } from '../../core/rewrite/messagePlan';
import type { HookContext } from './hookContext';

function trailerArgs(trailers: readonly Trailer[]): string[] {
  return trailers.flatMap((t) => ['--trailer', `${t.key}: ${t.value}`]);
}

/**
 * The core.commentChar to give interpret-trailers: ours when it is one character; for '' (comment-looking lines
 * are content here) a control character no line starts with, so none is skipped as a comment.
 */
function commentCharForGit(commentChar: string, message: string): string | undefined {
  if (commentChar.length === 1) return commentChar;
  if (commentChar !== '') return undefined;
  const starts = new Set(message.split('\n').map((l) => l[0]));
  return ['\u0001', '\u0002', '\u0003', '\u0004'].find((c) => !starts.has(c));
}

async function replaceFile(target: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.aip-${process.pid}`);
  try {
    const mode = (await fs.stat(target)).mode & 0o777;
    await fs.writeFile(temp, text, { mode });
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** `trimmed` with `add` as git interpret-trailers adds them (run on a copy in the state dir). */
async function interpretTrailers(
  ctx: HookContext,
  trimmed: string,
  add: readonly Trailer[],
  commentChar: string,
): Promise<string> {
  const workDir = path.join(ctx.stateDir, 'commit');
  await fs.mkdir(workDir, { recursive: true });
  const copy = path.join(workDir, `message-${process.pid}.txt`);
  try {
    await fs.writeFile(copy, trimmed);
    const gitComment = commentCharForGit(commentChar, trimmed);
    const config = [
      '-c',
      'trailer.separators=:',
      ...(gitComment !== undefined ? ['-c', `core.commentChar=${gitComment}`] : []),
    ];
    const args = [
      ...config,
      'interpret-trailers',
      '--in-place',
      '--no-divider',
      '--where',
      'end',
      '--if-exists',
      'addIfDifferent',
      '--if-missing',
      'add',
      ...trailerArgs(add),
      copy,
    ];
    await ctx.git(args);
    return await fs.readFile(copy, 'utf8');
  } finally {
    await fs.rm(copy, { force: true });
  }
}

/** Applies `update` to the message file; true when it changed. Throws only before the message file is touched. */
export async function applyMessageUpdate(
  ctx: HookContext,
  messageFile: string,
  update: MessageUpdate,
  commentChar: string,
): Promise<boolean> {
  const original = await fs.readFile(messageFile, 'utf8');
  const trimmed = withoutTrailers(original, update.remove, commentChar, update.squash === true);
  let result = trimmed;
  if (update.add.length > 0) {
    const plain = (await ctx.config()).trailerConfig
      ? undefined
      : appendPlainTrailers(trimmed, update.add, commentChar);
    result = plain ?? (await interpretTrailers(ctx, trimmed, update.add, commentChar));
  }
  if (update.add.length > 0 && !onlyAddedTrailers(trimmed, result, update.add)) {
    await ctx.log(
      'git interpret-trailers changed more than our trailers (trailer.<key>.cmd in config?); message left as written',
    );
    return false;
  }
  if (result === original) return false;
  await replaceFile(messageFile, result);
  return true;
}

/**
 * `ai-provenance notes push|fetch|share|unshare|status`: share provenance (and sign-off) notes with a remote, by
 * hand or riding along the user's own fetches and pushes. Concurrent notes on the same commit are merged by union,
 * so nobody's attribution is lost.
 */
import { parseArgs } from '../args';
import type { RepoInfo } from '../../git/repo';
import { repoAt } from '../repoRange';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = [
  'usage: ai-provenance notes fetch   [REMOTE]',
  '       ai-provenance notes push    [REMOTE]',
  '       ai-provenance notes share   [REMOTE]',
  '       ai-provenance notes unshare [REMOTE]',
  '       ai-provenance notes status',
  '',
  "fetch: copies REMOTE's (default origin) notes to refs/notes/remotes/REMOTE/ and merges them into",
  'refs/notes/ai-provenance (and ai-provenance-signoff). push: does the same, then pushes the merged notes',
  '(retrying if REMOTE moved). When both sides annotated the same commit, the records are combined: nothing is dropped.',
  '',
  'share: from now on plain `git fetch` and `git push` with REMOTE carry the notes. It adds a fetch refspec',
  '(+refs/notes/ai-provenance*:refs/notes/remotes/REMOTE/ai-provenance*) and lists REMOTE in aiprovenance.shareNotes;',
  'the installed hooks (ai-provenance hooks install) merge what a fetch brings and, after each push to REMOTE, push',
  'the notes in the background (no prompt; outcome in .git/ai-provenance/log.txt). No push refspec is added, so what',
  'a plain `git push` pushes is unchanged. unshare: removes exactly what share added. status: each remote, whether it',
  'is shared, and whether the hooks that carry the notes are installed.',
].join('\n');

type Repo = RepoInfo;

async function sync(action: 'push' | 'fetch', repo: Repo, remote: string, io: CliIo): Promise<number> {
  const notes = await import('../../git/rewrite/notesSync.js');
  const report = action === 'fetch' ? await notes.fetchNotes(repo, remote) : await notes.pushNotes(repo, remote);
  const merged =
    report.merge === 'none'
      ? `${remote} has no provenance notes`
      : report.merge === 'created'
        ? `took ${remote}'s notes`
        : report.merge === 'up-to-date'
          ? 'notes already up to date'
          : `merged ${remote}'s notes${report.conflictsResolved ? ` (${report.conflictsResolved} commit(s) annotated on both sides combined)` : ''}`;
  io.out(`${merged}\n`);
  for (const kept of report.keptUnmerged)
    io.err(`warning: ${notes.keptUnmergedMessage('refs/notes/ai-provenance', remote, kept)}\n`);
  if (report.signoff.merge === 'created' || report.signoff.merge === 'merged')
    io.out(`merged ${remote}'s sign-off notes\n`);
  if (action === 'push')
    io.out(
      'pushed' in report && report.pushed
        ? `pushed refs/notes/ai-provenance to ${remote}\n`
        : 'no local notes to push\n',
    );
  return 0;
}

async function status(repo: Repo, io: CliIo): Promise<number> {
  const share = await import('../../git/rewrite/notesShare.js');
  const state = await share.notesShareStatus(repo);
  if (state.remotes.length === 0) io.out('no remotes configured\n');
  for (const r of state.remotes) {
    const how = r.shared
      ? r.fetchRefspec
        ? 'shared'
        : 'shared, but its fetch refspec is missing (run share again)'
      : 'not shared';
    io.out(`${r.name}: ${how}\n`);
  }
  io.out(`hooks: reference-transaction ${state.hooks.referenceTransaction}, pre-push ${state.hooks.prePush}\n`);
  if (!state.hooksReady && state.remotes.some((r) => r.shared))
    io.out('run `ai-provenance hooks install` so plain git fetch and push carry the notes\n');
  return 0;
}

export const notesCommand: CliCommand = {
  name: 'notes',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, {});
    const [action, ...rest] = parsed.positionals;
    const actions = ['push', 'fetch', 'share', 'unshare', 'status'];
    if (action === undefined || !actions.includes(action)) throw new UsageError(`expected ${actions.join(', ')}`);
    const [remote = 'origin', ...extra] = rest;
    if (extra.length > 0 || (action === 'status' && rest.length > 0))
      throw new UsageError(`unexpected argument ${JSON.stringify(extra[0] ?? rest[0])}`);
    const repo = await repoAt(io.cwd);
    const { NotesSyncError } = await import('../../git/rewrite/notesSync.js');
    try {
      if (action === 'push' || action === 'fetch') return await sync(action, repo, remote, io);
      if (action === 'status') return await status(repo, io);
      const share = await import('../../git/rewrite/notesShare.js');
      if (action === 'share') {
        const done = await share.shareNotes(repo, remote);
        io.out(
          done.remoteAdded || done.fetchRefspecAdded
            ? `sharing notes with ${remote}\n`
            : `already sharing notes with ${remote}\n`,
        );
        if (!(await share.notesShareStatus(repo)).hooksReady)
          io.out('run `ai-provenance hooks install` so plain git fetch and push carry the notes\n');
      } else {
        const done = await share.unshareNotes(repo, remote);
        io.out(
          done.remoteRemoved || done.fetchRefspecRemoved
            ? `stopped sharing notes with ${remote}\n`
            : `notes were not shared with ${remote}\n`,
        );
      }
      return 0;
    } catch (err) {
      if (err instanceof NotesSyncError) throw new UsageError(err.message);
      throw err;
    }
  },
};

/**
 * `ai-provenance notes push|fetch [remote]`: share provenance notes (refs/notes/ai-provenance) with a remote.
 * Concurrent notes on the same commit are merged by union, so nobody's attribution is lost.
 */
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../command';

const USAGE = [
  'usage: ai-provenance notes fetch [REMOTE]',
  '       ai-provenance notes push  [REMOTE]',
  '',
  'fetch: copies REMOTE\'s (default origin) provenance notes to refs/notes/remotes/REMOTE/ai-provenance and merges',
  'them into refs/notes/ai-provenance. push: does the same, then pushes the merged notes (retrying if REMOTE moved).',
  'When both sides annotated the same commit, the records are combined: nothing is dropped.',
].join('\n');

export const notesCommand: CliCommand = {
  name: 'notes',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, {});
    const [action, remote = 'origin', ...extra] = parsed.positionals;
    if (action !== 'push' && action !== 'fetch') throw new UsageError('expected push or fetch');
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const { findRepo } = await import('../../git/repo.js');
    const repo = await findRepo(io.cwd);
    if (!repo) throw new UsageError(`not inside a git work tree: ${io.cwd}`);
    const sync = await import('../../git/rewrite/notesSync.js');
    try {
      const report = action === 'fetch' ? await sync.fetchNotes(repo, remote) : await sync.pushNotes(repo, remote);
      const merged =
        report.merge === 'none' ? `${remote} has no provenance notes`
        : report.merge === 'created' ? `took ${remote}'s notes`
        : report.merge === 'up-to-date' ? 'notes already up to date'
        : `merged ${remote}'s notes${report.conflictsResolved ? ` (${report.conflictsResolved} commit(s) annotated on both sides combined)` : ''}`;
      io.out(`${merged}\n`);
      if (action === 'push') io.out(report.pushed ? `pushed refs/notes/ai-provenance to ${remote}\n` : 'no local notes to push\n');
      return 0;
    } catch (err) {
      if (err instanceof sync.NotesSyncError) throw new UsageError(err.message);
      throw err;
    }
  },
};

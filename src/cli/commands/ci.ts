/**
 * `ai-provenance ci carry`: what CI runs after a server-side merge (GitHub's squash or rebase merge, GitLab's squash)
 * so the commits it created carry the pull request's provenance notes. See docs/ci-carry.md and action.yml.
 */
import { parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand } from '../command';
import { repoAt } from '../repoRange';

const USAGE = [
  'usage: ai-provenance ci carry --head REV --onto REV|FROM..TO [--remote NAME] [--no-push] [--json]',
  '',
  'After a server-side merge of a pull request: writes provenance notes on the commits the merge created, carried from',
  "the notes of the pull request's own commits (HEAD: the pull request's head; ONTO: the squash commit, the last",
  "rebased commit or the merge commit, e.g. GitHub's merge_commit_sha, or the range the merge added to the target",
  "branch, e.g. GitLab's $CI_COMMIT_BEFORE_SHA..$CI_COMMIT_SHA). Rebased commits are paired with the originals by",
  'patch id (then author, date and subject); a squash commit gets all of them. Each gets the AI lines it added, merged',
  'with any note already on it. With --remote, notes are fetched from it first and pushed after (fetch -> merge ->',
  'push, retried with backoff when others push at the same time); --no-push writes them locally only.',
].join('\n');

export const ciCommand: CliCommand = {
  name: 'ci',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['head', 'onto', 'remote'], boolean: ['no-push', 'json'] });
    const [action, ...extra] = parsed.positionals;
    if (action !== 'carry') throw new UsageError('expected carry');
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const head = stringFlag(parsed, 'head');
    const onto = stringFlag(parsed, 'onto');
    if (!head || !onto) throw new UsageError('--head and --onto are required');
    const remote = stringFlag(parsed, 'remote');
    const repo = await repoAt(io.cwd);
    const { carryNotes, CarryError } = await import('../../git/rewrite/carry.js');
    const sync = await import('../../git/rewrite/notesSync.js');
    let report: Awaited<ReturnType<typeof carryNotes>>;
    try {
      if (remote !== undefined) await sync.assertRemote(repo, remote);
      report = await carryNotes(
        repo,
        { head, onto, ...(remote !== undefined ? { remote } : {}), push: !parsed.flags.has('no-push') },
        io.env,
      );
    } catch (err) {
      if (err instanceof CarryError || err instanceof sync.NotesSyncError) throw new UsageError(err.message);
      throw err;
    }
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify(report, null, 1) + '\n');
      return 0;
    }
    const short = (id: string) => id.slice(0, 12);
    if (report.sources.length === 0) {
      io.out(
        `nothing to carry: every commit of ${short(report.head)} is already on the target branch (a merge commit keeps their notes as they are)\n`,
      );
    } else if (report.targets.length === 0) {
      io.out(
        `nothing carried: ${report.sourcesWithNotes} of ${report.sources.length} pull-request commit(s) have provenance notes, and no AI line of theirs was added by ${onto}\n`,
      );
    }
    for (const t of report.targets) {
      const lines = t.files.reduce((n, f) => n + f.lines, 0);
      const from = t.kind === 'squash' ? `${t.sources.length} commit(s) (squash)` : `${short(t.sources[0])} (rebase)`;
      io.out(
        `${short(t.commit)}: ${lines} AI line(s) in ${t.files.length} file(s) from ${from}${t.written ? '' : ', already there'}\n`,
      );
    }
    for (const s of report.skipped) io.out(`${short(s)}: not paired with the pull request; left alone\n`);
    for (const kept of report.fetched?.keptUnmerged ?? [])
      io.err(`warning: ${sync.keptUnmergedMessage('refs/notes/ai-provenance', remote ?? 'origin', kept)}\n`);
    if (report.pushed)
      io.out(report.pushed.pushed ? `pushed refs/notes/ai-provenance to ${remote}\n` : 'no notes to push\n');
    return 0;
  },
};

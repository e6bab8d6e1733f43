/**
 * `ai-provenance signoff [BASE..HEAD]`: records the reviewer's sign-off (tier, checklist, reviewed AI hunks) as a
 * note on HEAD and prints the `AI-Reviewed-by` trailer for the merge or squash commit.
 */
import { parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand } from '../command';
import { analysisOptions, rangePolicy, repoAndRange } from '../repoRange';

const USAGE = [
  'usage: ai-provenance signoff [BASE..HEAD] [--checked ITEM,ITEM...] [--reviewed-all] [--json]',
  '',
  "Signs off the branch (default: the current branch against its upstream) as git's user.name/user.email.",
  'Records the tier, the checklist (items confirmed in the review view or named with --checked) and the AI hunks',
  'you marked reviewed, as a note on HEAD in refs/notes/ai-provenance-signoff (push it with',
  '`git push origin refs/notes/ai-provenance-signoff`). Prints the AI-Reviewed-by trailer to use when merging.',
  '--reviewed-all first marks every current AI hunk reviewed by you: you state that you read all of them.',
].join('\n');

export const signoffCommand: CliCommand = {
  name: 'signoff',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['checked'], boolean: ['json', 'reviewed-all'] });
    if (parsed.positionals.length > 1) throw new UsageError('expected at most one BASE..HEAD range');
    const spec = parsed.positionals[0];
    const { repo, review, range } = await repoAndRange(spec, io);
    const policyLib = await import('../../core/policy/index.js');
    const reviewer = await review.gitIdentity(repo);
    const identityProblem = policyLib.nameProblem(reviewer.name) ?? policyLib.emailProblem(reviewer.email);
    if (identityProblem) throw new UsageError(`git identity unusable for a sign-off: ${identityProblem}`);
    const loaded = await rangePolicy(review, repo, range, io, { lenient: true });
    const analysis = await review.analyzeBranch(repo, range, analysisOptions(loaded));
    const ids = new Set(analysis.review.checklist.map((c) => c.id));
    const flagged = (stringFlag(parsed, 'checked') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const id of flagged)
      if (!ids.has(id))
        throw new UsageError(`unknown checklist item ${JSON.stringify(id)}; items: ${[...ids].join(', ')}`);
    const store = await review.ReviewStateStore.open(repo.root);
    const scope = await review.reviewScope(repo);
    const confirmed = new Set([...(await store.checkedItems(scope, reviewer.email)), ...flagged]);
    const aiHunks = analysis.report.hunks.list;
    if (parsed.flags.has('reviewed-all') && aiHunks.length > 0)
      await store.markReviewed(
        aiHunks.map((h) => h.key),
        reviewer.email,
      );
    const marked = await store.reviewedHunks(reviewer.email);
    const reviewed = aiHunks.filter((h) => marked.has(h.key)).map((h) => h.key);
    const entry = {
      reviewer,
      time: new Date().toISOString(),
      head: analysis.range.head,
      base: analysis.range.base,
      tier: analysis.review.tier,
      checklist: analysis.review.checklist.map((c) => ({ id: c.id, status: c.status, checked: confirmed.has(c.id) })),
      aiHunks: { total: aiHunks.length, reviewed },
    };
    const written = await review.writeSignoff(repo, entry);
    const trailer = policyLib.reviewedByTrailer(reviewer);
    if (written.replacedInvalid)
      io.err(`warning: replaced an unreadable sign-off note on HEAD (${written.replacedInvalid})\n`);
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify({ entry, trailer }, null, 1) + '\n');
      return 0;
    }
    const { cleanLabel } = await import('../../core/blame/index.js');
    const open = aiHunks.filter((h) => !marked.has(h.key));
    const triggered = entry.checklist.filter((c) => c.status === 'triggered');
    const lines = [
      `Signed off ${entry.head.slice(0, 12)} (${cleanLabel(analysis.range.headRef)} against ${cleanLabel(analysis.range.baseRef)}) at tier ${entry.tier}.`,
      `  AI hunks reviewed: ${reviewed.length} of ${aiHunks.length}${
        open.length > 0
          ? `; not reviewed: ${open
              .slice(0, 5)
              .map((h) => `${cleanLabel(h.path, 200)}:${h.startLine}-${h.endLine}`)
              .join(', ')}${open.length > 5 ? ', ...' : ''}`
          : ''
      }`,
      `  Checklist: ${triggered.filter((c) => c.checked).length} of ${triggered.length} triggered item(s) confirmed`,
      'Recorded in refs/notes/ai-provenance-signoff; share it with: git push origin refs/notes/ai-provenance-signoff',
      'Trailer for the merge or squash commit:',
      trailer,
    ];
    io.out(lines.join('\n') + '\n');
    return 0;
  },
};

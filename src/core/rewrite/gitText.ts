/**
 * Parsers for the git texts the rewrite hooks read: the post-rewrite list on stdin, SQUASH_MSG, the HEAD reflog
 * and the reference-transaction list. Pure string work; everything is treated as untrusted.
 */

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const ZERO = /^0+$/;

export function isObjectId(text: string): boolean {
  return OID.test(text);
}

export interface Rewrite {
  /** The commit that replaces `olds`. */
  readonly target: string;
  /** Rewritten commits in the order git listed them (oldest first for a rebase). */
  readonly olds: readonly string[];
}

/** post-rewrite stdin: `<old> <new> [extra]` per line. Grouped by new commit (squash maps many olds to one). */
export function parseRewriteList(text: string): Rewrite[] {
  const byTarget = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [oldId, newId] = line.trim().split(/\s+/);
    if (!oldId || !newId || !isObjectId(oldId) || !isObjectId(newId)) continue;
    const olds = byTarget.get(newId) ?? [];
    if (!olds.includes(oldId)) olds.push(oldId);
    byTarget.set(newId, olds);
  }
  return [...byTarget].map(([target, olds]) => ({ target, olds }));
}

/**
 * The original commits a rebase squash/fixup step combines: the last pick (or reword, edit) in `rebase-merge/done`
 * and the commits `rebase-merge/current-fixups` lists. Empty when this step is no squash or fixup.
 */
export function parseSquashGroup(done: string, currentFixups: string): string[] {
  const fixups = currentFixups
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((w) => w.length >= 2 && /^(fixup|squash)$/.test(w[0]))
    .map((w) => w[w.length - 1])
    .filter(isObjectId);
  if (fixups.length === 0) return [];
  let pick: string | undefined;
  for (const line of done.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (/^(pick|p|reword|r|edit|e)$/.test(words[0] ?? '') && words[1] && isObjectId(words[1])) pick = words[1];
  }
  return [...(pick ? [pick] : []), ...fixups];
}

/** The commits `git merge --squash` listed in SQUASH_MSG (`commit <id>` lines), newest first as git writes them. */
export function parseSquashMessage(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^commit ([0-9a-f]{40}(?:[0-9a-f]{24})?)\s*$/.exec(line);
    if (m && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

export interface ReflogEntry {
  readonly old: string;
  readonly new: string;
  readonly message: string;
}

/** Lines of a reflog file (`<old> <new> <ident> <time> <tz>\t<message>`), newest first. Bad lines are skipped. */
export function parseReflog(text: string): ReflogEntry[] {
  const out: ReflogEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) ([0-9a-f]{40}(?:[0-9a-f]{24})?) [^\t]*(?:\t(.*))?$/.exec(line);
    if (m) out.push({ old: m[1], new: m[2], message: m[3] ?? '' });
  }
  return out.reverse();
}

/** Reflog entries looked through for resets (a commit split in more parts, or amended again and again, is rare). */
const MAX_ENTRIES_SINCE_RESET = 20;

/**
 * Tips that `git reset` moved HEAD away from, found by walking the latest HEAD movements back while they are resets,
 * plain commits or amends that lead to HEAD (`reset --soft HEAD~2` before recommitting; splitting a commit: `reset
 * HEAD~1`, then several partial commits; a reset and an amend in turn): their commits' attribution may now sit in the
 * index. An amend does not end the walk: the lines an earlier reset-away commit's note names can be added again only
 * by a later amend that rewrites their parent (reset, killed commit, amend, reset, amend), and no other note names
 * them. Stops at the first other entry (checkout, merge, rebase, ...) or where the entries do not lead to HEAD.
 */
export function resetAwayTips(newestFirst: readonly ReflogEntry[], head: string | undefined): string[] {
  const tips: string[] = [];
  let expected = head;
  for (let i = 0; i < newestFirst.length && i < MAX_ENTRIES_SINCE_RESET; i++) {
    const entry = newestFirst[i];
    if (entry.message.startsWith('reset: moving to ')) {
      if (!ZERO.test(entry.old) && entry.old !== head && !tips.includes(entry.old)) tips.push(entry.old);
    } else if (
      !(entry.message.startsWith('commit: ') || entry.message.startsWith('commit (amend): ')) ||
      entry.new !== expected
    )
      break;
    expected = entry.old;
  }
  return tips;
}

/** The old commit of an amend, from the newest reflog entry (`commit (amend): ...`). */
export function amendedCommit(newestFirst: readonly ReflogEntry[], newCommit: string): string | undefined {
  const top = newestFirst[0];
  if (!top || top.new !== newCommit || !top.message.startsWith('commit (amend)')) return undefined;
  return ZERO.test(top.old) ? undefined : top.old;
}

export interface RefUpdate {
  readonly old: string;
  readonly new: string;
  readonly ref: string;
}

/** reference-transaction stdin: `<old> <new> <ref>` per line. */
export function parseRefUpdates(text: string): RefUpdate[] {
  const out: RefUpdate[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) ([0-9a-f]{40}(?:[0-9a-f]{24})?) (\S.*)$/.exec(line.trim());
    if (m) out.push({ old: m[1], new: m[2], ref: m[3] });
  }
  return out;
}

export function isZeroId(id: string): boolean {
  return ZERO.test(id);
}

/** `git commit` options whose value is the next argument (so a following `--amend` is that value, not the flag). */
const VALUED_COMMIT_OPTIONS = new Set([
  '-m',
  '--message',
  '-F',
  '--file',
  '-C',
  '--reuse-message',
  '-c',
  '--reedit-message',
  '--author',
  '--date',
  '-t',
  '--template',
  '--trailer',
  '--cleanup',
  '--fixup',
  '--squash',
  '-S',
  '--pathspec-from-file',
]);

/**
 * Whether the command line of the git process running the hook is an amending `git commit`: true/false, or
 * undefined when it is not a recognisable `git commit` (an alias, a GUI's own process). prepare-commit-msg cannot
 * tell `--amend -m msg` from a new commit otherwise (git passes only `message`).
 */
export function amendFromCommandLine(argv: readonly string[]): boolean | undefined {
  let i = 0;
  if (!/(^|[/\\])git(\.exe)?$/.test(argv[i] ?? '')) return undefined;
  i++;
  // Global options before the subcommand (`-C dir`, `-c key=value`, `--git-dir=...`).
  while (i < argv.length && argv[i].startsWith('-')) i += argv[i] === '-C' || argv[i] === '-c' ? 2 : 1;
  if (argv[i] !== 'commit') return undefined;
  for (let k = i + 1; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--') break;
    if (arg === '--amend') return true;
    if (arg === '--no-amend') return false;
    if (VALUED_COMMIT_OPTIONS.has(arg)) k++;
  }
  return false;
}

/** The `--cleanup` mode on a `git commit` command line, if any. */
export function cleanupFromCommandLine(argv: readonly string[]): string | undefined {
  let mode: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--') break;
    if (arg.startsWith('--cleanup=')) mode = arg.slice('--cleanup='.length);
    else if (arg === '--cleanup') mode = argv[++k];
    else if (VALUED_COMMIT_OPTIONS.has(arg)) k++;
  }
  return mode;
}

const PICKED_FROM = /\(cherry picked from commit ([0-9a-f]{40}|[0-9a-f]{64})\)/g;

/**
 * What `git cherry-pick -n` leaves for the later commit: MERGE_MSG holding the picked commit's message (no
 * CHERRY_PICK_HEAD). `-x` adds "(cherry picked from commit X)": those ids, newest last; otherwise none, and the
 * message itself (`normalizedMessage`) is matched against candidate commits.
 */
export function pickedFromMessage(text: string): string[] {
  return [...text.matchAll(PICKED_FROM)].map((m) => m[1]!);
}

/** A commit message as compared between MERGE_MSG and `git log --format=%B`: no comment lines, no trailing blanks. */
export function normalizedMessage(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .trim();
}

/** The first non-blank, non-comment line of a message (what `git log --grep` looks for). */
export function messageSubject(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
}

/**
 * The commit a `git revert` without conflicts is reverting: it writes no REVERT_HEAD, only MERGE_MSG with git's
 * "Revert "…"" message naming it ("This reverts commit X.").
 */
export function revertedFromMessage(text: string): string | undefined {
  if (!/^Revert "/.test(text) && !/^Reapply "/.test(text)) return undefined;
  return /^This reverts commit ([0-9a-f]{40}|[0-9a-f]{64})[.,]/m.exec(text)?.[1];
}

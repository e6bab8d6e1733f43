/**
 * The editor's precomputed commit: what prepare-commit-msg and post-commit would do for the staged tree, worked out
 * ahead (when files are saved or the index changes) so the installed sh hooks can apply it without starting node.
 *
 * It is keyed by everything the node hooks' result depends on, hashed by git exactly as the hook script does it
 * (`precommitKeyCommands`): the staged tree (`git write-tree` under the hook's GIT_INDEX_FILE, so `commit -a` and
 * `commit <paths>` differ), HEAD, the git config the message depends on, the HEAD reflog (reset-away commits) and
 * every working-state record. Anything different, and the hook runs node as before. The plan is a small line-based
 * file the sh script reads with builtins; what only post-commit needs (the records it settles, the note) is a second
 * file of sh assignments it sources (`serializePostAssignments`): dash's `read` takes one byte per system call, which
 * for 50 records' names and hashes and a 14 KB note cost more than the git processes around it. This module decides
 * what goes into them and when nothing may (then node).
 */
import type { AgentTraceRecord } from './agentTrace';
import type { Trailer } from './message';
import { trailersAppendVerbatim } from './plainTrailers';
import { SUMMARY_KEY } from './trailers';

// 2: the settle list and the note moved to `<key>.post`; a hook script of format 1 refuses (node) a plan of 2.
export const PRECOMMIT_FORMAT = 'aip-precommit 2';
/** Placeholders in the note template, replaced by the hook with the new commit's id and time. */
const REVISION_PLACEHOLDER = '@AIP_REVISION@';
const TIMESTAMP_PLACEHOLDER = '@AIP_TIMESTAMP@';
/** The git config the message update depends on (read with `git config --get-regexp`; part of the key). */
export const PRECOMMIT_CONFIG_REGEXP =
  '^(core\\.commentchar|core\\.commentstring|commit\\.cleanup|aiprovenance\\.trailers|trailer\\.)';
/** Files in the git dir that mean a merge, a sequencer step or a squash: node decides those commits. */
export const SEQUENCER_FILES = [
  'MERGE_HEAD',
  'CHERRY_PICK_HEAD',
  'REVERT_HEAD',
  'SQUASH_MSG',
  'rebase-merge',
  'rebase-apply',
];

export interface PrecommitPlan {
  /** The staged tree this plan is for. */
  readonly tree: string;
  /** HEAD when computed: the new commit's only parent. */
  readonly head: string;
  /** prepare-commit-msg writes the staged attribution (`<key>.stash` moved to `commit/staged-<tree>.json`). */
  readonly stash: boolean;
  /** post-commit writes a note from `<key>.note`. */
  readonly note: boolean;
  /** The trailers to add (none: the message is left alone). */
  readonly trailers: readonly Trailer[];
  /** sh case patterns: a message line matching one means node decides (our trailers may already be there). */
  readonly keyPatterns: readonly string[];
  /**
   * Record files (names in `files/`, with their `git hash-object` when planned) post-commit removes: each describes
   * exactly the committed text. post-commit checks the hashes first: a record changed since is node's to settle.
   */
  readonly settle: ReadonlyArray<{ readonly name: string; readonly hash: string }>;
}

/** A plan as the sh reader sees it: the records to settle are only counted there (listed in the post file). */
export interface ParsedPrecommitPlan extends Omit<PrecommitPlan, 'settle'> {
  readonly settleCount: number;
  /** Whether the hook may append the trailers itself to a message git would not read a trailer block in. */
  readonly append: boolean;
}

const ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const RECORD_NAME = /^[0-9a-f]{64}\.json$/;

/** A case-insensitive sh pattern for lines starting with `key` (keys are [A-Za-z0-9-]). */
export function linePatternFor(key: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(key)) throw new RangeError(`not a trailer key: ${JSON.stringify(key)}`);
  return [...key].map((c) => (/[A-Za-z]/.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('') + '*';
}

/**
 * Why the config (the `git config --get-regexp` output of PRECOMMIT_CONFIG_REGEXP) rules the sh path out, or
 * undefined. A cleanup that strips comments makes the comment character matter; trailer.* config can make
 * `git interpret-trailers` add more than ours (node checks the result, sh cannot).
 */
export function configRefusal(configOutput: string): string | undefined {
  for (const line of configOutput.split('\n')) {
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? '' : line.slice(sp + 1);
    if (key.startsWith('trailer.')) return `git config ${key} is set`;
    if (key === 'commit.cleanup' && /^(strip|scissors)$/i.test(value.trim())) return `commit.cleanup is ${value}`;
  }
  return undefined;
}

/**
 * The note as JSON (what `formatNoteRecord` writes) with the revision and timestamp as placeholders, or undefined
 * when a placeholder would not be found exactly once (a path spelling it, say).
 */
export function noteTemplate(record: AgentTraceRecord): string | undefined {
  const text =
    JSON.stringify({
      ...record,
      timestamp: TIMESTAMP_PLACEHOLDER,
      vcs: { ...record.vcs, revision: REVISION_PLACEHOLDER },
    }) + '\n';
  const once = (s: string) => text.indexOf(s) >= 0 && text.indexOf(s) === text.lastIndexOf(s);
  return once(REVISION_PLACEHOLDER) && once(TIMESTAMP_PLACEHOLDER) ? text : undefined;
}

/** The note the hook writes from a template (what the sh `sed` does; for tests and equivalence checks). */
export function fillNoteTemplate(template: string, revision: string, timestamp: string): string {
  return template.replace(REVISION_PLACEHOLDER, revision).replace(TIMESTAMP_PLACEHOLDER, timestamp);
}

/** The patterns of message lines that mean node must decide: our summary key and every key we would add. */
export function keyPatternsFor(trailers: readonly Trailer[]): string[] {
  return [...new Set([SUMMARY_KEY, ...trailers.map((t) => t.key)].map((k) => k.toLowerCase()))].map(linePatternFor);
}

function checkSettle(settle: PrecommitPlan['settle']): void {
  for (const { name, hash } of settle)
    if (!RECORD_NAME.test(name) || !ID.test(hash)) throw new RangeError(`invalid record ${name} ${hash}`);
}

export function serializePrecommitPlan(plan: PrecommitPlan): string {
  if (!ID.test(plan.tree) || !ID.test(plan.head)) throw new RangeError('invalid object id');
  for (const t of plan.trailers)
    if (/[\n\r]/.test(`${t.key}: ${t.value}`)) throw new RangeError('a trailer spans lines');
  checkSettle(plan.settle);
  return [
    PRECOMMIT_FORMAT,
    `tree ${plan.tree}`,
    `head ${plan.head}`,
    `stash ${plan.stash ? 'yes' : 'no'}`,
    `note ${plan.note ? 'yes' : 'no'}`,
    `append ${trailersAppendVerbatim(plan.trailers) ? 'yes' : 'no'}`,
    // How many records the post file lists (post-commit checks it got them all).
    `settle ${plan.settle.length}`,
    ...plan.trailers.map((t) => `trailer ${t.key}: ${t.value}`),
    ...plan.keyPatterns.map((p) => `keypat ${p}`),
    // The sh reader stops at this line: a torn file (never written so) would have no end and be refused.
    'end',
    '',
  ].join('\n');
}

/** `value` as one sh word in single quotes (nothing inside is special but the quote itself). */
function shWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The post file post-commit sources: `aip_settle` (record names) and `aip_expect` (their `git hash-object`, each
 * after a space, as the hook collects them), and with a note, the template split at its two placeholders
 * (`aip_note_1`, then the commit id when `aip_note_first` is `revision` else the time, `aip_note_2`, the other,
 * `aip_note_3`). Names and hashes are checked hex, the note text is single-quoted; its last line, `aip_post_end=1`,
 * tells a whole file from a torn one.
 */
export function serializePostAssignments(settle: PrecommitPlan['settle'], template: string | undefined): string {
  checkSettle(settle);
  const lines = [
    `aip_settle=${shWord(settle.map((s) => s.name).join(' '))}`,
    `aip_expect=${shWord(settle.map((s) => ` ${s.hash}`).join(''))}`,
  ];
  if (template !== undefined) {
    const r = template.indexOf(REVISION_PLACEHOLDER);
    const t = template.indexOf(TIMESTAMP_PLACEHOLDER);
    if (r < 0 || t < 0) throw new RangeError('the note template lacks a placeholder');
    const [first, firstAt, second, secondAt] =
      r < t ? [REVISION_PLACEHOLDER, r, TIMESTAMP_PLACEHOLDER, t] : [TIMESTAMP_PLACEHOLDER, t, REVISION_PLACEHOLDER, r];
    lines.push(
      `aip_note_first=${first === REVISION_PLACEHOLDER ? 'revision' : 'timestamp'}`,
      `aip_note_1=${shWord(template.slice(0, firstAt))}`,
      `aip_note_2=${shWord(template.slice(firstAt + first.length, secondAt))}`,
      `aip_note_3=${shWord(template.slice(secondAt + second.length))}`,
    );
  }
  return [...lines, 'aip_post_end=1', ''].join('\n');
}

/** Parses a plan (tests; the hook reads it in sh). Throws on anything malformed. */
export function parsePrecommitPlan(text: string): ParsedPrecommitPlan {
  const lines = text.split('\n');
  if (lines[0] !== PRECOMMIT_FORMAT) throw new Error('not a precommit plan');
  const fields = new Map<string, string>();
  const trailers: Trailer[] = [];
  const keyPatterns: string[] = [];
  let ended = false;
  for (const line of lines.slice(1)) {
    if (line === 'end') {
      ended = true;
      break;
    }
    const sp = line.indexOf(' ');
    const [k, v] = [line.slice(0, sp), line.slice(sp + 1)];
    if (k === 'trailer') {
      const colon = v.indexOf(': ');
      trailers.push({ key: v.slice(0, colon), value: v.slice(colon + 2) });
    } else if (k === 'keypat') keyPatterns.push(v);
    else fields.set(k, v);
  }
  if (!ended) throw new Error('precommit plan has no end');
  const field = (k: string): string => {
    const v = fields.get(k);
    if (v === undefined) throw new Error(`precommit plan lacks ${k}`);
    return v;
  };
  return {
    tree: field('tree'),
    head: field('head'),
    stash: field('stash') === 'yes',
    note: field('note') === 'yes',
    append: field('append') === 'yes',
    settleCount: Number(field('settle')),
    trailers,
    keyPatterns,
  };
}

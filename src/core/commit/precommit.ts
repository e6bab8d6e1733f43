/**
 * The editor's precomputed commit: what prepare-commit-msg and post-commit would do for the staged tree, worked out
 * ahead (when files are saved or the index changes) so the installed sh hooks can apply it without starting node.
 *
 * It is keyed by everything the node hooks' result depends on, hashed by git exactly as the hook script does it
 * (`precommitKeyCommands`): the staged tree (`git write-tree` under the hook's GIT_INDEX_FILE, so `commit -a` and
 * `commit <paths>` differ), HEAD, the git config the message depends on, the HEAD reflog (reset-away commits) and
 * every working-state record. Anything different, and the hook runs node as before. The plan is a small line-based
 * file the sh script reads with builtins; this module decides what goes into it and when nothing may (then node).
 */
import type { AgentTraceRecord } from './agentTrace';
import type { Trailer } from './message';
import { SUMMARY_KEY } from './trailers';

export const PRECOMMIT_FORMAT = 'aip-precommit 1';
/** Placeholders in the note template, replaced by the hook with the new commit's id and time. */
export const REVISION_PLACEHOLDER = '@AIP_REVISION@';
export const TIMESTAMP_PLACEHOLDER = '@AIP_TIMESTAMP@';
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
  /** prepare-commit-msg writes the staged attribution (`<key>.stash.json` moved to `commit/staged-<tree>.json`). */
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

export function serializePrecommitPlan(plan: PrecommitPlan): string {
  if (!ID.test(plan.tree) || !ID.test(plan.head)) throw new RangeError('invalid object id');
  for (const t of plan.trailers)
    if (/[\n\r]/.test(`${t.key}: ${t.value}`)) throw new RangeError('a trailer spans lines');
  for (const { name, hash } of plan.settle)
    if (!RECORD_NAME.test(name) || !ID.test(hash)) throw new RangeError(`invalid record ${name} ${hash}`);
  return [
    PRECOMMIT_FORMAT,
    `tree ${plan.tree}`,
    `head ${plan.head}`,
    `stash ${plan.stash ? 'yes' : 'no'}`,
    `note ${plan.note ? 'yes' : 'no'}`,
    ...plan.trailers.map((t) => `trailer ${t.key}: ${t.value}`),
    ...plan.keyPatterns.map((p) => `keypat ${p}`),
    // Last: prepare-commit-msg stops reading at the first of them.
    ...plan.settle.map(({ name, hash }) => `settle ${name} ${hash}`),
    // The sh reader stops at this line: a torn file (never written so) would have no end and be refused.
    'end',
    '',
  ].join('\n');
}

/** Parses a plan (tests; the hook reads it in sh). Throws on anything malformed. */
export function parsePrecommitPlan(text: string): PrecommitPlan {
  const lines = text.split('\n');
  if (lines[0] !== PRECOMMIT_FORMAT) throw new Error('not a precommit plan');
  const fields = new Map<string, string>();
  const trailers: Trailer[] = [];
  const keyPatterns: string[] = [];
  const settle: Array<{ name: string; hash: string }> = [];
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
    else if (k === 'settle') {
      const [name = '', hash = ''] = v.split(' ');
      settle.push({ name, hash });
    } else fields.set(k, v);
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
    trailers,
    keyPatterns,
    settle,
  };
}

/**
 * The sh fast path of prepare-commit-msg and post-commit: apply what the editor precomputed for the staged tree
 * (src/git/commit/precompute.ts, plan format in src/core/commit/precommit.ts) without starting node.
 *
 * Each runs in a subshell and exits 0 only when it did the whole job; any mismatch or failure (a redirection error
 * included, which would end a non-interactive shell) only ends the subshell, and the hook goes on to node as before.
 * prepare-commit-msg takes it only for a plain `git commit -m/-F` (no editor, no --amend or --cleanup on the git
 * command line, no merge or sequencer state, no parked records), when the key (staged tree under the hook's
 * GIT_INDEX_FILE, HEAD, the config, the HEAD reflog, every record) names a plan, and the message holds none of the
 * trailer keys we would write, and no agent call waits in the launcher's queue (both hooks). It moves the stash where post-commit (node or sh) reads it, adds the trailers (itself
 * when git would find no trailer block in the message, else with the very `git interpret-trailers` call node makes),
 * and leaves `precommit/used` ("<git pid> <key>"). post-commit takes it only for that same git process, when HEAD is
 * the planned tree on the planned parent and the records it settles are unchanged since the plan: it writes the note
 * (the template with the commit id and commit time), deletes those records (each described exactly the committed
 * text), and removes the stash, the marker and the plan.
 * Every process counts here (each start costs as much as the work): prepare-commit-msg runs write-tree, config and
 * hash-object (piped into `hash-object --stdin`), and mv; post-commit log, hash-object, notes add and rm. The rest
 * is builtins: HEAD from git's files when they say it plainly, the plan with `read`, the post file with `.`.
 */
import { PRECOMMIT_CONFIG_REGEXP, PRECOMMIT_FORMAT, SEQUENCER_FILES } from '../../core/commit/precommit';
import { PROVENANCE_NOTES_REF } from '../notes';

/** Reads "$aip_plan" into aip_* variables; trailer arguments become "$@" (the caller saved what it needed). */
const READ_PLAN = [
  '  aip_format= aip_tree= aip_head= aip_stash= aip_note= aip_append= aip_nsettle= aip_pats= aip_end=',
  '  set --',
  '  while IFS= read -r aip_l; do',
  '    case $aip_l in',
  `      '${PRECOMMIT_FORMAT}') aip_format=1 ;;`,
  "      'tree '*) aip_tree=${aip_l#tree } ;;",
  "      'head '*) aip_head=${aip_l#head } ;;",
  "      'stash '*) aip_stash=${aip_l#stash } ;;",
  "      'note '*) aip_note=${aip_l#note } ;;",
  "      'append '*) aip_append=${aip_l#append } ;;",
  "      'settle '*) aip_nsettle=${aip_l#settle } ;;",
  '      \'trailer \'*) set -- "$@" --trailer "${aip_l#trailer }" ;;',
  '      \'keypat \'*) aip_pats="$aip_pats ${aip_l#keypat }" ;;',
  '      end) aip_end=1; break ;;',
  '    esac',
  '  done < "$aip_plan"',
  '  [ -n "$aip_format" ] && [ -n "$aip_end" ] && [ -n "$aip_tree" ] && [ -n "$aip_head" ] || exit 1',
];

/**
 * HEAD's id as `git rev-parse -q --verify HEAD` prints it, into aip_head_id, read from git's files when they say it
 * plainly: HEAD holding an id, or naming a branch whose loose ref file holds one (a loose ref is what git reads first;
 * packed-refs only counts without one). Anything else (a packed or reftable ref, a symref chain): ask git.
 */
const READ_HEAD = [
  '  aip_head_id= aip_l=',
  '  [ -f "$aip_git_dir/HEAD" ] && IFS= read -r aip_l 2>/dev/null < "$aip_git_dir/HEAD"',
  '  case $aip_l in',
  "    'ref: refs/heads/'*) aip_l=${aip_l#ref: }",
  '      case $aip_l in *..*|*/.*) ;; *) [ -f "$aip_common_dir/$aip_l" ] && IFS= read -r aip_head_id 2>/dev/null < "$aip_common_dir/$aip_l" ;; esac ;;',
  '    *) aip_head_id=$aip_l ;;',
  '  esac',
  '  case ${#aip_head_id}:$aip_head_id in',
  '    40:*[!0-9a-f]* | 64:*[!0-9a-f]*) aip_head_id= ;;',
  '    40:* | 64:*) ;;',
  '    *) aip_head_id= ;;',
  '  esac',
  '  [ -n "$aip_head_id" ] || aip_head_id=$(git rev-parse -q --verify HEAD 2>/dev/null) || exit 1',
];

const NO_SEQUENCER = `  for aip_f in ${SEQUENCER_FILES.join(' ')}; do [ ! -e "$aip_git_dir/$aip_f" ] || exit 1; done`;

function preparePath(): string[] {
  return [
    '(',
    '  [ "$2" = message ] && [ -z "$3" ] && [ "$GIT_EDITOR" = : ] && [ -d "$aip_pc" ] || exit 1',
    NO_SEQUENCER,
    '  ! aip_has "$aip_state_dir/parked/"*.json || exit 1',
    // An agent call the launcher queued after the plan: node attributes it first (src/git/agents/agentQueue.ts).
    '  ! aip_has "$aip_state_dir/agent-post/c"* || exit 1',
    // git's command line (NULs dropped by read): --amend and --cleanup change what node would do.
    '  aip_cmd=',
    '  if [ -r "/proc/$PPID/cmdline" ]; then',
    '    while IFS= read -r aip_l || [ -n "$aip_l" ]; do aip_cmd="$aip_cmd $aip_l"; done < "/proc/$PPID/cmdline"',
    '  else',
    '    aip_cmd=$(ps -o args= -p "$PPID" 2>/dev/null) || exit 1',
    '  fi',
    '  case $aip_cmd in *--am*|*--cl*) exit 1 ;; esac',
    ...READ_HEAD,
    `  aip_key=$( { git write-tree && printf '%s\\n' "$aip_head_id" && { git config --get-regexp '${PRECOMMIT_CONFIG_REGEXP}' || :; } && git hash-object -- "$aip_git_dir/logs/HEAD" "$aip_state_dir/files/"*.json; } 2>/dev/null | git hash-object --stdin 2>/dev/null) && [ -n "$aip_key" ] || exit 1`,
    '  aip_base="$aip_pc/$aip_key" aip_plan="$aip_pc/$aip_key.plan"',
    '  [ -f "$aip_plan" ] || exit 1',
    '  aip_msg=$1',
    ...READ_PLAN,
    // The message: not empty, no line starting with \\001 (node's comment character for git then), none of our keys.
    // Plain (no ':' and no git-generated trailer line, so git finds no trailer block; ends in a newline on a line
    // that is not blank): interpret-trailers would only add a blank line and the trailers, and the hook does that.
    "  aip_soh=$(printf '\\001')",
    '  aip_text= aip_size=0 aip_plain=1 aip_nl=1 aip_blank=',
    '  set -f',
    '  while IFS= read -r aip_l || { [ -n "$aip_l" ] && aip_nl=; }; do',
    '    aip_size=$((aip_size + ${#aip_l} + 1))',
    '    [ "$aip_size" -le 65536 ] || exit 1',
    '    case $aip_l in "$aip_soh"*) exit 1 ;; *[![:space:]]*) aip_text=1 aip_blank= ;; *) aip_blank=1 ;; esac',
    "    case $aip_l in *[:[:cntrl:]]* | '(cherry picked from commit '*) aip_plain= ;; esac",
    '    for aip_p in $aip_pats; do case $aip_l in $aip_p) exit 1 ;; esac; done',
    '  done < "$aip_msg"',
    '  [ -n "$aip_text" ] || exit 1',
    // The stash first, as node does: if the git dir cannot be written, the message is not touched either.
    '  if [ "$aip_stash" = yes ]; then',
    '    mv -f "$aip_base.stash" "$aip_state_dir/commit/staged-$aip_tree.json" 2>/dev/null || exit 1',
    '  fi',
    '  if [ $# -gt 0 ] && [ "$aip_append" = yes ] && [ -n "$aip_plain" ] && [ -n "$aip_nl" ] && [ -z "$aip_blank" ]; then',
    '    aip_add=',
    '    while [ $# -gt 1 ]; do aip_add="$aip_add$2',
    '"; shift 2; done',
    '    printf \'\\n%s\' "$aip_add" >> "$aip_msg" || exit 1',
    '  elif [ $# -gt 0 ]; then',
    '    git -c trailer.separators=: -c "core.commentChar=$aip_soh" interpret-trailers --in-place --no-divider --where end --if-exists addIfDifferent --if-missing add "$@" "$aip_msg" >/dev/null 2>&1 || exit 1',
    '  fi',
    '  printf \'%s %s\\n\' "$PPID" "$aip_key" > "$aip_pc/used" || exit 1',
    ') && exit "$aip_status"',
  ];
}

/** What the post path needs to know of the scripts hookScripts.ts writes (passed in: that module imports this one). */
export interface OwnHooks {
  /** The marker our scripts' second line starts with. */
  readonly marker: string;
  /** The suffix of a hook we chain to. */
  readonly chainedSuffix: string;
}

function postPath(own: OwnHooks): string[] {
  return [
    '(',
    '  [ -f "$aip_pc/used" ] || exit 1',
    '  IFS=\' \' read -r aip_pid aip_key < "$aip_pc/used" || exit 1',
    '  [ "$aip_pid" = "$PPID" ] && [ -n "$aip_key" ] || exit 1',
    '  ! aip_has "$aip_state_dir/agent-post/c"* || exit 1',
    NO_SEQUENCER,
    '  aip_base="$aip_pc/$aip_key" aip_plan="$aip_pc/$aip_key.plan"',
    '  [ -f "$aip_plan" ] && [ -f "$aip_base.post" ] || exit 1',
    ...READ_PLAN,
    // The records to settle and the note, as sh assignments (serializePostAssignments): sourced, not read byte by byte.
    '  aip_settle= aip_expect= aip_note_first= aip_note_1= aip_note_2= aip_note_3= aip_post_end=',
    '  . "$aip_base.post" 2>/dev/null',
    '  [ -n "$aip_post_end" ] || exit 1',
    `  aip_info=$(TZ=UTC0 git log -1 --no-show-signature --date=format-local:%Y-%m-%dT%H:%M:%S.000Z --format=%H%n%T%n%P%n%cd HEAD 2>/dev/null) || exit 1`,
    '  { IFS= read -r aip_commit; IFS= read -r aip_ctree; IFS= read -r aip_parents; IFS= read -r aip_time; } <<EOF',
    '$aip_info',
    'EOF',
    '  [ "$aip_ctree" = "$aip_tree" ] && [ "$aip_parents" = "$aip_head" ] && [ -n "$aip_time" ] || exit 1',
    // A settled record being written (its lock) or changed since the plan: node settles it by content.
    '  set -f',
    '  set --',
    '  for aip_n in $aip_settle; do',
    '    [ ! -e "$aip_state_dir/files/$aip_n.lock" ] || exit 1',
    '    set -- "$@" "$aip_state_dir/files/$aip_n"',
    '  done',
    '  [ "$#" = "$aip_nsettle" ] || exit 1',
    '  if [ $# -gt 0 ]; then',
    '    aip_got= aip_hashes=$(git hash-object -- "$@" 2>/dev/null) || exit 1',
    '    for aip_h in $aip_hashes; do aip_got="$aip_got $aip_h"; done',
    '    [ "$aip_got" = "$aip_expect" ] || exit 1',
    '  fi',
    // The note: the template's parts around the commit id and the commit time (printf is a builtin: no sed).
    '  if [ "$aip_note" = yes ]; then',
    '    case $aip_note_first in',
    '      revision) aip_fill1=$aip_commit aip_fill2=$aip_time ;;',
    '      timestamp) aip_fill1=$aip_time aip_fill2=$aip_commit ;;',
    '      *) exit 1 ;;',
    '    esac',
    // git notes add runs reference-transaction twice; when that hook is ours with nothing chained it ends at once
    // for our notes ref (hookScripts' input filter), so the note is written without starting it twice for nothing.
    '    aip_rt="$aip_dir/reference-transaction" aip_l= aip_hooks=',
    `    if [ ! -x "$aip_rt${own.chainedSuffix}" ] && [ -f "$aip_rt" ]; then { IFS= read -r aip_l && IFS= read -r aip_l; } 2>/dev/null < "$aip_rt"; fi`,
    `    case $aip_l in '${own.marker} '*) aip_hooks=core.hooksPath=/dev/null ;; esac`,
    `    printf '%s' "$aip_note_1" "$aip_fill1" "$aip_note_2" "$aip_fill2" "$aip_note_3" | git \${aip_hooks:+-c "$aip_hooks"} notes --ref ${PROVENANCE_NOTES_REF} add -f -F - "$aip_commit" >/dev/null 2>&1 || exit 1`,
    '  fi',
    '  rm -f -- "$@" "$aip_state_dir/commit/staged-$aip_tree.json" "$aip_pc/used" "$aip_plan" "$aip_base.post" "$aip_base.stash"',
    '  if [ "$aip_note" = yes ]; then',
    '    printf \'%s [%s] post-commit: note written for %s (precomputed by the editor)\\n\' "$aip_time" "$$" "$aip_commit" >> "$aip_state_dir/log.txt"',
    '  fi',
    '  exit 0',
    ') && exit "$aip_status"',
  ];
}

/** sh lines for `hook` that finish the hook without node when the editor's precompute applies (none for others). */
export function precomputedFastPath(hook: string, own: OwnHooks): string[] {
  if (hook !== 'prepare-commit-msg' && hook !== 'post-commit') return [];
  return ['aip_pc="$aip_state_dir/precommit"', ...(hook === 'prepare-commit-msg' ? preparePath() : postPath(own))];
}

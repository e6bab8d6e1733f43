/**
 * What a change to Markdown agent instructions (AGENTS.md, CLAUDE.md, skills, rules files) does beyond wording.
 * On real repositories most of these edits are notes for contributors: architecture paragraphs, design decisions,
 * style guides, whose words ("tool", "run", "permissions" as a builtin's name) are the project's domain. What steers
 * an agent somewhere a reviewer must look is narrower, and it is what this module reports:
 * - a new instruction to act: a sentence that opens with (or a "you may/should" before) run, install, push, delete,
 *   publish, approve…; a shell command in a code span or a fenced block. Verbs that open noun phrases in style guides
 *   ("Commit messages…", "Release notes…", "Merge requests…") are left out;
 * - a new grant or address: auto-approval, MCP servers, sudo/curl, credentials, `--no-verify`, "without asking",
 *   a bare URL (a Markdown link's target is a reference, not an address to send things to);
 * - a guard that went: removed words that asked for approval or confirmation, or said never / do not / wait.
 * Only the words the change brought in (or took out) count: a one-word edit of a long instruction line is that word.
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { linesBefore } from '../model/change';

/** Words anywhere in new text that grant, address or bypass something. */
const GRANTS =
  /\bmcp\b|auto-?approv|\bsudo\b|\bcurl\b|\bwget\b|\brm\s+-|--no-verify|--force\b|\bapi[-_ ]?keys?\b|\b(?:access|auth|bearer)[-_ ]tokens?\b|\bpasswords?\b|\bcredentials?\b|\bsecrets?\b|\bprivate keys?\b|\bpermissions?\b|\bwithout (?:asking|approval|confirm|review)|\bno need to (?:ask|confirm|wait)|\b(?:never|don't|do not) (?:ask|confirm|wait)|\bskip (?:the )?(?:tests|hooks|review|checks|ci)\b/i;

/** A sentence that tells the agent to act: an action verb first (after an adverb or a "you may"), or a modal before. */
const ACT =
  /^(?:(?:always|never|then|first|also|only|just|please|now|do not|don't)\s+)*(?:(?:you|agents?|the agent|claude|codex)\s+(?:can|may|should|must|are allowed to)\s+)?(?:run|execute|install|push|force-push|delete|deploy|publish|approve|allow|grant|disable|bypass|invoke|upload|send|download)\b/i;

/** A code span or fenced line that is a shell command: a known program first, then arguments. */
const COMMAND =
  /^(?:\$\s*)?(?:git|gh|npm|npx|pnpm|yarn|bun|make|cargo|go|uv|uvx|pip|pipx|python3?|pytest|docker|kubectl|terraform|curl|wget|rm|sudo|bash|sh|chmod|ssh|scp)\s+\S/;

/** Why the instruction change reaches beyond wording, or null when it changes wording only. */
export function instructionGrants(file: ChangeFile): string | null {
  const { inserted, deleted } = changedWords(file);
  for (const { line, words } of inserted) {
    const fenced = inFence(file, line);
    if (fenced && COMMAND.test(line.text.trim())) return `adds a command: ${clip(line.text.trim())}`;
    const text = withoutLinkTargets(line.text);
    for (const sentence of sentencesTouching(text, words)) {
      const plain = withoutIdentifierSpans(sentence);
      const grant = GRANTS.exec(plain) ?? /https?:\/\/\S+/.exec(plain);
      if (grant) return `adds "${clip(grant[0])}": ${clip(sentence)}`;
      const opening = sentence.replace(/^[\s>*_#+-]*(?:\d+\.\s*)?(?:\*\*[^*]*\*\*:?\s*)?/, '');
      if (ACT.test(opening)) return `adds an instruction to act: ${clip(sentence)}`;
      const command = [...sentence.matchAll(/`([^`\n]+)`/g)].find((m) => COMMAND.test(m[1].trim()));
      if (command) return `adds a command: ${clip(command[1])}`;
    }
  }
  for (const { words } of deleted) {
    const gone =
      /\bask(?:s|ing)? (?:the )?user\b|\bapprov|\bconfirm|\bnever\b|\bdo not\b|\bdon't\b|\bmust not\b|\bwait (?:for|until)\b|\bbefore (?:proceeding|pushing|committing|merging)\b/i.exec(
        words,
      );
    if (gone) return `removes a guard ("${clip(gone[0])}"): ${clip(words)}`;
  }
  return null;
}

interface Changed {
  readonly line: ChangeLine;
  /** The words of this line the other side does not have, runs joined by newlines. */
  readonly words: string;
}

/**
 * Each removed line's words cancel the same words added back (and the other way round), so a one-word edit of a
 * 200-word line is that one word. Consecutive changed words stay together, so a new code span reads whole.
 */
function changedWords(file: ChangeFile): { inserted: Changed[]; deleted: Changed[] } {
  return { inserted: runsOf(file.added, file.removed), deleted: runsOf(file.removed, file.added) };
}

function runsOf(lines: readonly ChangeLine[], other: readonly ChangeLine[]): Changed[] {
  const pool = new Map<string, number>();
  for (const l of other) for (const w of l.text.split(/\s+/)) if (w) pool.set(w, (pool.get(w) ?? 0) + 1);
  const out: Changed[] = [];
  for (const line of lines) {
    const runs: string[] = [];
    let run: string[] = [];
    for (const w of line.text.split(/\s+/)) {
      if (!w) continue;
      const n = pool.get(w) ?? 0;
      if (n === 0) {
        run.push(w);
        continue;
      }
      pool.set(w, n - 1);
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
    }
    if (run.length > 0) runs.push(run.join(' '));
    if (runs.length > 0) out.push({ line, words: runs.join('\n') });
  }
  return out;
}

/** The sentences of a line that hold at least one of the changed words. */
function sentencesTouching(text: string, words: string): string[] {
  const changed = new Set(words.split(/\s+/).filter(Boolean));
  return text.split(/(?<=[.!?;])\s+(?=[A-Z`*"(])/).filter((s) => s.split(/\s+/).some((w) => changed.has(w)));
}

/** Markdown link targets are references (an issue, a docs page), not addresses an instruction sends anything to. */
function withoutLinkTargets(text: string): string {
  return text.replace(/\]\((?:[^()\s]|\([^()\s]*\))*\)/g, ']');
}

/** Code spans that hold one identifier or path (`permissions`, `internal/shell/`) name things; they instruct nothing. */
function withoutIdentifierSpans(text: string): string {
  return text.replace(/`[^`\s]*`/g, '`x`');
}

/** Whether an added line sits inside a fenced code block, judged from its hunk's new-side lines above it. */
function inFence(file: ChangeFile, line: ChangeLine): boolean {
  return linesBefore(file, line, line.index).filter((t) => /^\s*(?:```|~~~)/.test(t)).length % 2 === 1;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 90 ? `${one.slice(0, 87)}...` : one;
}

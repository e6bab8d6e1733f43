/** What a rule is, and the small helpers every rule family shares to turn regex hits into findings. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { aiEvidenceIn, aiKindsIn } from '../model/change';
import { definesPattern } from '../model/lexer';
import type { FileClass, Language } from '../model/paths';
import type { Category, Finding, LineRange, Severity } from '../types';

/** One checklist signal: what it is called and what the reviewer should do when it fires. */
export interface RuleMeta {
  readonly id: string;
  readonly category: Category;
  readonly title: string;
  readonly whatToDo: string;
  /**
   * What the rule claims to review. Every rule declares it (test/unit/review/ruleCoverage.test.ts fails on one that
   * does not): for each claimed language, or file kind of a language-independent rule, the tests hold a case where
   * it fires and a near-miss where it must stay silent.
   */
  readonly claims?: RuleClaim;
}

/** What a file is, for rules that read any language: secrets, CI, manifests, configuration. */
export type FileKind =
  | 'source'
  | 'test'
  | 'ci'
  | 'manifest'
  | 'lockfile'
  | 'config'
  | 'iac'
  | 'migration'
  | 'docs'
  | 'agent-config'
  | 'ownership'
  | 'generated'
  | 'vendored';

/**
 * Code in these languages (language-aware rules), or files of these kinds whatever their language. `everyChange`:
 * the rule reports every change to a file of its kinds (CI, CODEOWNERS), so its near-misses are look-alike files of
 * other kinds (`docs/ci.md`, `src/owners.ts`).
 */
export type RuleClaim =
  | { readonly languages: readonly Language[] }
  | { readonly languages: 'any'; readonly kinds: readonly FileKind[]; readonly everyChange?: true };

/** Every kind a classified file is (a CI workflow is `ci` and `config`; a file can be none). */
export function fileKinds(cls: FileClass): FileKind[] {
  const kinds: [FileKind, boolean][] = [
    ['source', cls.source],
    ['test', cls.test],
    ['ci', cls.ci],
    ['manifest', cls.manifest !== null],
    ['lockfile', cls.lockfile !== null],
    ['config', cls.config],
    ['iac', cls.iac],
    ['migration', cls.migration],
    ['docs', cls.docs],
    ['agent-config', cls.agentConfig],
    ['ownership', cls.ownership],
    ['generated', cls.generated],
    ['vendored', cls.vendored],
  ];
  return kinds.filter(([, on]) => on).map(([k]) => k);
}

/** A family of related rules in one small file. Pure: reads the change, emits findings. */
export interface RuleFamily {
  readonly name: string;
  readonly rules: readonly RuleMeta[];
  /**
   * Words (ASCII, any case) at least one of which every line the family's line patterns can match contains. Lines
   * without any are skipped via `sink.mayMatch`. A family that declares none sees every line.
   */
  readonly triggers?: readonly string[];
  run(change: Change, sink: FindingSink): void;
}

export class FindingSink {
  readonly findings: Finding[] = [];
  /** Trigger bit of the family now running; 0 turns the trigger check off. Set by the engine. */
  triggerBit = 0;

  /** False only when the line provably holds none of the running family's trigger words. */
  mayMatch(l: ChangeLine): boolean {
    return this.triggerBit === 0 || l.triggers === undefined || (l.triggers & this.triggerBit) !== 0;
  }

  add(meta: RuleMeta, file: ChangeFile | null, range: LineRange | null, severity: Severity, why: string): void {
    const kinds = file ? aiKindsIn(file, range) : null;
    // Lines known only from a commit trailer or bot author are in an AI-assisted commit, not known AI-written.
    const where =
      kinds && file && aiEvidenceIn(file, range) === 'commit' ? 'in an AI-assisted commit' : 'in AI-written lines';
    this.findings.push({
      ruleId: meta.id,
      category: meta.category,
      title: meta.title,
      why: kinds ? `${why} [${where}${kinds.length > 0 ? `: ${kinds.join(', ')}` : ''}]` : why,
      file: file ? file.path : null,
      range,
      severity,
      inAi: kinds !== null,
      whatToDo: meta.whatToDo,
    });
  }

  /** A finding on one added (new side) or removed (old side) line. */
  line(meta: RuleMeta, file: ChangeFile, line: ChangeLine, side: 'new' | 'old', severity: Severity, why: string): void {
    this.add(meta, file, { side, start: line.line, end: line.line }, severity, why);
  }
}

export function newRange(start: number, end = start): LineRange {
  return { side: 'new', start, end };
}

export function oldRange(start: number, end = start): LineRange {
  return { side: 'old', start, end };
}

/** A short quote of the evidence for a `why` line. */
export function quote(text: string, max = 70): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return '"' + (t.length > max ? t.slice(0, max - 3) + '...' : t) + '"';
}

/**
 * Two versions of a line quoted around where they differ: `"...toBe(2)" -> "...toBe(3)"` rather than two identical
 * 40-character beginnings. Keeps a few characters before the first difference so the reader sees what it belongs to.
 */
export function quoteChange(before: string, after: string, max = 40): [string, string] {
  const a = before.trim().replace(/\s+/g, ' ');
  const b = after.trim().replace(/\s+/g, ' ');
  if (a.length <= max && b.length <= max) return [quote(a, max), quote(b, max)];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const from = Math.max(0, start - 20);
  const cut = (t: string): string => {
    const middle = t.slice(from, Math.max(from, t.length - Math.max(0, end - 12)));
    const tail = t.length - Math.max(0, end - 12) < t.length ? '...' : '';
    return (from > 0 ? '...' : '') + middle + tail;
  };
  return [quote(cut(a), max + 10), quote(cut(b), max + 10)];
}

/** The lines a file-level finding points at: the added span, else the removed span. */
export function spanOf(file: ChangeFile): LineRange | null {
  if (file.added.length > 0) return newRange(file.added[0].line, file.added[file.added.length - 1].line);
  if (file.removed.length > 0) return oldRange(file.removed[0].line, file.removed[file.removed.length - 1].line);
  return null;
}

export type LinePart = 'code' | 'comment' | 'text';

export interface LinePattern {
  readonly re: RegExp;
  /** What part of the line to search. Default: code. */
  readonly part?: LinePart;
  /** Languages the pattern applies to; all when absent. */
  readonly langs?: readonly Language[];
  readonly severity: Severity;
  /** Says what the hit means, e.g. "shell=True runs the command through a shell". */
  readonly label: string;
  /** Extra condition on the searched text, for what a linear-time regex cannot say (e.g. "no WHERE"). */
  readonly accept?: (hay: string) => boolean;
}

/**
 * Runs patterns over lines and reports the first pattern that hits each line. `cheap`, when given, is a plain
 * substring test that must pass before any regex runs: most lines of a large change contain none of the trigger
 * words, so this keeps the engine fast.
 */
export function scanLines(
  sink: FindingSink,
  meta: RuleMeta,
  file: ChangeFile,
  lines: readonly ChangeLine[],
  side: 'new' | 'old',
  patterns: readonly LinePattern[],
  cheap?: RegExp,
): void {
  const lang = file.cls.language;
  const active = patterns.filter((p) => !p.langs || p.langs.includes(lang));
  if (active.length === 0) return;
  for (const l of lines) {
    if (!sink.mayMatch(l) || (cheap && !cheap.test(l.text))) continue;
    let pattern: boolean | undefined;
    for (const p of active) {
      const hay = p.part === 'comment' ? l.comment : p.part === 'text' ? l.text : l.code;
      const m = p.re.exec(hay);
      if (m && (!p.accept || p.accept(hay))) {
        // A line defining a detector's pattern does not do what the pattern finds (its comment is still read). Asked
        // on a hit only: most lines match nothing.
        if (p.part !== 'comment' && (pattern ??= definesPattern(l.code, lang))) continue;
        sink.line(
          meta,
          file,
          l,
          side,
          p.severity,
          `${side === 'old' ? 'removed' : 'added'} ${quote(m[0], 50)}: ${p.label}`,
        );
        break;
      }
    }
  }
}

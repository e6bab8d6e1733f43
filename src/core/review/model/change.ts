/**
 * The change as rules see it: each file classified, its added and removed lines lexed into code and comment, added
 * lines joined with their provenance. Built once, read by every rule.
 */
import type { DiffFile, ParsedDiff } from '../diff/types';
import type { CriticalPath, LineProvenance, LineRange, ProvenanceSource, ReviewContext, ReviewOptions } from '../types';
import { resolveOptions } from '../types';
import { CodeownersRule, parseCodeowners } from './codeowners';
import { markedGenerated } from './gitattributes';
import { criticalLabels, resolveCriticalPaths } from './critical';
import { inlineTestRanges, testLinesOfHunk } from './inlineTests';
import { LexState, START_STATE, lexLine, mayChangeState, statesAt } from './lexer';
import { FileClass, classifyPath, unitKey } from './paths';
import { changeSurfaces, type MovedSurface, type SurfaceHit } from './surface';
import { fileSyntax, needsTree } from '../syntax/read';
import type { FileSyntax } from '../syntax/structure';
import type { TriggerIndex } from './triggers';

/** Every line object has all fields (absent ones undefined): one shape keeps the rules' property reads fast. */
export interface ChangeLine {
  /** The line, clipped to `maxLineLength`. */
  readonly text: string;
  readonly code: string;
  /** `code` with string literals' text blanked, index for index (see LexedLine.bare; inStringText asks it). */
  readonly bare: string;
  readonly comment: string;
  /** New-side number for added lines, old-side number for removed ones. */
  readonly line: number;
  readonly hunk: number;
  /** Index in the hunk's `lines`, to look at neighbours. */
  readonly index: number;
  readonly prov?: LineProvenance;
  /** Rule families whose trigger words occur in the line (TriggerIndex bits); absent when no index was given. */
  readonly triggers?: number;
}

export interface ChangeFile {
  readonly diff: DiffFile;
  readonly path: string;
  readonly cls: FileClass;
  readonly unit: string;
  readonly added: readonly ChangeLine[];
  readonly removed: readonly ChangeLine[];
  /** Provenance of the added lines written by AI (`ai` or `mixed`), by new-side number. */
  readonly aiLines: ReadonlyMap<number, LineProvenance>;
  /** Critical-path labels: configured path globs, then what the changed code does (auth, crypto, process). */
  readonly critical: readonly string[];
  /** Labels from the configured critical-path globs alone. */
  readonly criticalByPath: readonly string[];
  /** Security-relevant work in the changed production code, by kind (see surface.ts). */
  readonly surfaces: readonly SurfaceHit[];
  /** Security-relevant lines that only moved between files of the change, word for word (see surface.ts). */
  readonly movedSurfaces: readonly MovedSurface[];
  /** Set on the test view of a production file with inline tests (Rust `#[cfg(test)] mod tests`). */
  readonly inlineTests?: boolean;
  /** What the file's syntax tree at the head says (tests, assertions, concurrency); absent: line rules only. */
  readonly syntax?: FileSyntax;
  /** A manifest's whole text at the head: the section a changed line sits in when its hunk does not show it. */
  readonly manifestHead?: string;
}

export interface ChangeStats {
  readonly files: number;
  readonly additions: number;
  readonly deletions: number;
  /** Added + removed lines outside lockfiles, generated, vendored and binary files: what a human must read. */
  readonly reviewLines: number;
  readonly aiLines: number;
  /** AI lines nobody edited since (`ai`, not `mixed`), known line by line: never commit-level lines. */
  readonly untouchedAiLines: number;
  /** AI lines known only from their commit's metadata (a trailer, a bot author): "in an AI-assisted commit". */
  readonly commitLevelAiLines: number;
  /** Of those, lines of commits that name a person as co-author too (mixed at commit level). */
  readonly commitLevelMixedLines: number;
}

export interface Change {
  readonly diff: ParsedDiff;
  readonly files: readonly ChangeFile[];
  readonly options: ReviewOptions;
  readonly context: ReviewContext;
  /** Whether any provenance was given: without it, "not in AI lines" means "unknown". */
  readonly hasProvenance: boolean;
  readonly stats: ChangeStats;
  readonly criticalPaths: readonly CriticalPath[];
  readonly codeowners: readonly CodeownersRule[];
  /** Changed paths the root `.gitattributes` marks `linguist-generated`: their generator's output, not size. */
  readonly markedGenerated?: ReadonlySet<string>;
  /** The trigger index the lines were scanned with, if any. */
  readonly triggerIndex?: TriggerIndex;
  /** Languages whose changed code was read from syntax trees, and those read line by line (no grammar or no text). */
  readonly analysis: { readonly trees: readonly string[]; readonly lines: readonly string[] };
}

export function buildChange(
  diff: ParsedDiff,
  provenance: ProvenanceSource | undefined,
  context: ReviewContext = {},
  triggerIndex?: TriggerIndex,
): Change {
  const options = resolveOptions(context);
  const lookup = toLookup(provenance);
  const criticalPaths = resolveCriticalPaths(context.criticalPaths);
  let additions = 0;
  let deletions = 0;
  let reviewLines = 0;
  let aiTotal = 0;
  let untouched = 0;
  let commitLevel = 0;
  let commitMixed = 0;
  const trees = new Set<string>();
  const lineOnly = new Set<string>();
  const viewed = diff.files.flatMap((d): ChangeFile[] => {
    const cls = classifyPath(d.path);
    const added: ChangeLine[] = [];
    const removed: ChangeLine[] = [];
    const aiLines = new Map<number, LineProvenance>();
    const headText = cls.source || cls.test ? context.headText?.get(d.path) : undefined;
    const parse = headText !== undefined && needsTree(d, cls, headText);
    const syntax = parse ? fileSyntax(context.syntax, d.path, cls, headText) : undefined;
    if (syntax) trees.add(syntax.grammar);
    else if ((cls.source || cls.test) && (parse || headText === undefined)) lineOnly.add(cls.language);
    const head = cls.source ? headText : undefined;
    const headRanges =
      syntax && cls.source && syntax.grammar === 'rust'
        ? syntax.testRanges.map(([a, b]): [number, number] => [a, b])
        : head !== undefined
          ? inlineTestRanges(cls.language, head)
          : undefined;
    const testAdded = new Set<ChangeLine>();
    const testRemoved = new Set<ChangeLine>();
    // Where each hunk starts, lexed from the head's text when known: a hunk may begin inside a docstring.
    const starts =
      headText !== undefined
        ? statesAt(
            headText,
            cls.comments,
            d.hunks.map((h) => h.newStart),
            options.maxLineLength,
          )
        : [];
    d.hunks.forEach((h, hunkIndex) => {
      const inTest = cls.source ? testLinesOfHunk(cls.language, h, headRanges) : null;
      let oldState: LexState = starts[hunkIndex] ?? START_STATE;
      let newState: LexState = oldState;
      h.lines.forEach((l, index) => {
        const text = l.text.length > options.maxLineLength ? l.text.slice(0, options.maxLineLength) : l.text;
        if (l.kind === 'context') {
          // Context lines matter only for block-comment state; most cannot change it and are not lexed at all.
          if (mayChangeState(text, cls.comments, newState))
            oldState = newState = lexLine(text, cls.comments, newState).state;
          return;
        }
        const lexed = lexLine(text, cls.comments, l.kind === 'add' ? newState : oldState);
        if (l.kind === 'add') {
          newState = lexed.state;
          const line = l.newLine!;
          const prov = lookup ? lookup(d.path, line) : undefined;
          if (prov && prov.authorship !== 'human') {
            aiLines.set(line, prov);
            if (prov.evidence === 'commit') {
              commitLevel++;
              if (prov.authorship === 'mixed') commitMixed++;
            } else if (prov.authorship === 'ai') untouched++;
          }
          const triggers = triggerIndex?.scan(text);
          const cl: ChangeLine = {
            text,
            code: lexed.code,
            bare: lexed.bare,
            comment: lexed.comment,
            line,
            hunk: hunkIndex,
            index,
            prov,
            triggers,
          };
          added.push(cl);
          if (inTest?.[index]) testAdded.add(cl);
        } else {
          oldState = lexed.state;
          const triggers = triggerIndex?.scan(text);
          const cl: ChangeLine = {
            text,
            code: lexed.code,
            bare: lexed.bare,
            comment: lexed.comment,
            line: l.oldLine!,
            hunk: hunkIndex,
            index,
            prov: undefined,
            triggers,
          };
          removed.push(cl);
          if (inTest?.[index]) testRemoved.add(cl);
        }
      });
    });
    additions += d.additions;
    deletions += d.deletions;
    aiTotal += aiLines.size;
    if (!cls.lockfile && !cls.generated && !cls.vendored && !d.binary) reviewLines += d.additions + d.deletions;
    const whole: ChangeFile = {
      diff: d,
      path: d.path,
      cls,
      unit: unitKey(d.path),
      added,
      removed,
      aiLines,
      critical: [],
      criticalByPath: [],
      surfaces: [],
      movedSurfaces: [],
      ...(syntax ? { syntax } : {}),
      ...(cls.manifest && context.headText?.has(d.path) ? { manifestHead: context.headText.get(d.path) } : {}),
    };
    if (testAdded.size === 0 && testRemoved.size === 0) return [withCritical(whole, criticalPaths)];
    // Two views of one file: production lines as source, inline test lines as a test file of the same unit. Only the
    // production view can be critical: tests guard nothing at run time.
    const code = withCritical(
      { ...whole, added: added.filter((l) => !testAdded.has(l)), removed: removed.filter((l) => !testRemoved.has(l)) },
      criticalPaths,
    );
    const tests: ChangeFile = {
      ...whole,
      cls: { ...cls, test: true, source: false },
      added: added.filter((l) => testAdded.has(l)),
      removed: removed.filter((l) => testRemoved.has(l)),
      inlineTests: true,
    };
    return code.added.length + code.removed.length > 0 ? [code, tests] : [tests];
  });
  // What the code does is read across files: credential plumbing moved from one file into another is not new there.
  // A sandbox profile's two sides whole: a rule's verb may open the form far above the hunk.
  const surfaced = changeSurfaces(viewed, (path) =>
    context.headText?.has(path) || context.baseText?.has(path)
      ? { head: context.headText?.get(path), base: context.baseText?.get(path) }
      : undefined,
  );
  const files = viewed.map((f): ChangeFile => {
    const s = surfaced.get(f);
    if (!s) return f;
    return {
      ...f,
      surfaces: s.surfaces,
      movedSurfaces: s.moved,
      critical: [...new Set([...f.criticalByPath, ...s.surfaces.map((h) => h.kind)])],
    };
  });
  return {
    diff,
    files,
    options,
    context,
    hasProvenance: lookup !== null,
    stats: {
      files: diff.files.length,
      additions,
      deletions,
      reviewLines,
      aiLines: aiTotal,
      untouchedAiLines: untouched,
      commitLevelAiLines: commitLevel,
      commitLevelMixedLines: commitMixed,
    },
    criticalPaths,
    codeowners: context.codeowners ? parseCodeowners(context.codeowners) : [],
    markedGenerated: markedGenerated(
      context.gitattributes,
      diff.files.map((f) => f.path),
    ),
    ...(triggerIndex ? { triggerIndex } : {}),
    analysis: { trees: [...trees].sort(), lines: [...lineOnly].filter((l) => l !== 'other').sort() },
  };
}

/** A production view's critical labels from the configured globs on its path (what its code does comes after). */
function withCritical(file: ChangeFile, criticalPaths: readonly CriticalPath[]): ChangeFile {
  const criticalByPath = criticalLabels(file.path, criticalPaths);
  return { ...file, criticalByPath, critical: criticalByPath };
}

function toLookup(
  p: ProvenanceSource | undefined,
): ((path: string, line: number) => LineProvenance | undefined) | null {
  if (!p) return null;
  if (typeof p === 'function') return p;
  return (path, line) => p.get(path)?.get(line);
}

/** How the AI lines of `range` arrived (e.g. ["agent"]), or null when none of its lines is AI-written. */
export function aiKindsIn(file: ChangeFile, range: LineRange | null): string[] | null {
  if (!range || range.side !== 'new' || file.aiLines.size === 0) return null;
  let kinds: string[] | null = null;
  for (let n = range.start; n <= range.end && n - range.start < 10_000; n++) {
    const p = file.aiLines.get(n);
    if (!p) continue;
    kinds ??= [];
    if (p.kind && !kinds.includes(p.kind)) kinds.push(p.kind);
  }
  return kinds;
}

const movedCache = new WeakMap<ChangeFile, ReadonlySet<number>>();

/**
 * New-side numbers of added lines that only moved: the same text (spaces collapsed, 12+ characters) was removed in
 * this file. A suppression or a lock that was already there is not "added" because a refactor re-indented it.
 */
export function movedLines(file: ChangeFile): ReadonlySet<number> {
  let out = movedCache.get(file);
  if (out) return out;
  const removed = new Map<string, number>();
  for (const l of file.removed) {
    const k = spaced(l.text);
    if (k.length >= 12) removed.set(k, (removed.get(k) ?? 0) + 1);
  }
  const moved = new Set<number>();
  for (const l of file.added) {
    // Keys are never longer than the line: a short line has no removed twin.
    if (removed.size === 0) break;
    if (l.text.length < 12) continue;
    const k = spaced(l.text);
    const n = removed.get(k) ?? 0;
    if (n === 0) continue;
    removed.set(k, n - 1);
    moved.add(l.line);
  }
  movedCache.set(file, (out = moved));
  return out;
}

const changeMovedCache = new WeakMap<Change, Map<ChangeFile, ReadonlySet<number>>>();

/**
 * `movedLines`, then across the change: an added line whose text was removed from another file of the change (code
 * extracted into a new module, a function moved between files) was carried, not written. Each removed line pairs with
 * one added line at most, its own file's first.
 */
export function movedInChange(change: Change, file: ChangeFile): ReadonlySet<number> {
  let all = changeMovedCache.get(change);
  if (!all) {
    all = new Map();
    const left = new Map<string, number>();
    for (const f of change.files) {
      const own = movedLines(f);
      all.set(f, own);
      const pairedHere = new Map<string, number>();
      for (const l of f.added) if (own.has(l.line)) bump(pairedHere, spaced(l.text));
      for (const l of f.removed) {
        if (l.text.length < 12) continue;
        const k = spaced(l.text);
        if (k.length < 12) continue;
        const paired = pairedHere.get(k) ?? 0;
        if (paired > 0) pairedHere.set(k, paired - 1);
        else bump(left, k);
      }
    }
    if (left.size > 0) {
      for (const f of change.files) {
        const own = all.get(f)!;
        let grown: Set<number> | undefined;
        for (const l of f.added) {
          if (l.text.length < 12 || own.has(l.line)) continue;
          const k = spaced(l.text);
          const n = left.get(k) ?? 0;
          if (n === 0) continue;
          left.set(k, n - 1);
          (grown ??= new Set(own)).add(l.line);
        }
        if (grown) all.set(f, grown);
      }
    }
    changeMovedCache.set(change, all);
  }
  return all.get(file) ?? movedLines(file);
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const MANY_SPACES = /\s\s|[^\S ]/;

/** A line trimmed with each run of whitespace made one space; most lines already are, and are not copied. */
function spaced(text: string): string {
  const t = text.trim();
  return MANY_SPACES.test(t) ? t.replace(/\s+/g, ' ') : t;
}

/**
 * How the AI lines of a range are known: `commit` when every one is known only from its commit's metadata (a trailer,
 * a bot author), so a finding says "in an AI-assisted commit" rather than "AI-written".
 */
export function aiEvidenceIn(file: ChangeFile, range: LineRange | null): 'line' | 'commit' {
  if (!range || range.side !== 'new') return 'line';
  let any = false;
  for (let n = range.start; n <= range.end && n - range.start < 10_000; n++) {
    const p = file.aiLines.get(n);
    if (!p) continue;
    if (p.evidence !== 'commit') return 'line';
    any = true;
  }
  return any ? 'commit' : 'line';
}

/** The next `count` new-side lines (added or context) after an added line, within its hunk. */
export function linesAfter(file: ChangeFile, at: ChangeLine, count: number): string[] {
  const lines = file.diff.hunks[at.hunk].lines;
  const out: string[] = [];
  for (let i = at.index + 1; i < lines.length && out.length < count; i++) {
    if (lines[i].kind !== 'del') out.push(lines[i].text);
  }
  return out;
}

/**
 * The line and up to `count` lines after it on its own side, within its hunk: an added line reads the new side
 * (added and unchanged lines), a removed line the old side (removed and unchanged). A statement wrapped over several
 * lines reads the same from both sides when only its first line changed.
 */
export function sideLinesFrom(file: ChangeFile, at: ChangeLine, side: 'new' | 'old', count: number): string[] {
  const lines = file.diff.hunks[at.hunk].lines;
  const skip = side === 'new' ? 'del' : 'add';
  const out: string[] = [];
  for (let i = at.index; i < lines.length && out.length <= count; i++) {
    if (lines[i].kind !== skip) out.push(lines[i].text);
  }
  return out;
}

/** The `count` new-side lines before an added line, nearest last, within its hunk. */
export function linesBefore(file: ChangeFile, at: ChangeLine, count: number): string[] {
  const lines = file.diff.hunks[at.hunk].lines;
  const out: string[] = [];
  for (let i = at.index - 1; i >= 0 && out.length < count; i--) {
    if (lines[i].kind !== 'del') out.unshift(lines[i].text);
  }
  return out;
}

/** The call starting on the first line, up to the line where its parentheses close (or as far as `lines` go). */
export function wholeCall(lines: readonly string[], first: string): string {
  let text = first;
  let depth = parenDepth(first);
  for (let i = 1; i < lines.length && depth > 0; i++) {
    text += '\n' + lines[i];
    depth += parenDepth(lines[i]);
  }
  return text;
}

function parenDepth(t: string): number {
  let d = 0;
  for (const ch of t)
    if (ch === '(') d++;
    else if (ch === ')') d--;
  return d;
}

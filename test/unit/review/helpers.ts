/** Builds small git-style diffs for rule tests and runs data-driven positive/negative checks over them. */
import * as assert from 'node:assert/strict';
import { parseUnifiedDiff } from '../../../src/core/review/diff/parse';
import { reviewChange, runRules, triggerIndexFor } from '../../../src/core/review/engine';
import { buildChange } from '../../../src/core/review/model/change';
import { RULE_FAMILIES } from '../../../src/core/review/registry';
import type { ReviewReport } from '../../../src/core/review/engine';
import type {
  Finding,
  LineProvenance,
  ProvenanceSource,
  ReviewContext,
  Severity,
} from '../../../src/core/review/types';

export interface FileSpec {
  readonly path: string;
  /** Unchanged lines before the change. */
  readonly before?: readonly string[];
  readonly del?: readonly string[];
  readonly add?: readonly string[];
  /** Unchanged lines after the change. */
  readonly after?: readonly string[];
  readonly status?: 'added' | 'deleted' | 'modified';
  /** Old-side line number of the first line shown. Default 1. */
  readonly start?: number;
  /** Further hunks of a modified file, each after the one before (old-side `start`), e.g. a helper added above. */
  readonly hunks?: readonly HunkSpec[];
}

export interface HunkSpec {
  readonly start: number;
  readonly before?: readonly string[];
  readonly del?: readonly string[];
  readonly add?: readonly string[];
  readonly after?: readonly string[];
}

/** The hunks of a spec in order: its own lines first, then `hunks`. */
function hunksOf(s: FileSpec): HunkSpec[] {
  return [{ start: s.start ?? 1, before: s.before, del: s.del, add: s.add, after: s.after }, ...(s.hunks ?? [])];
}

/** A side's text as far as the hunks show it: blank lines up to each hunk, then its unchanged and `side` lines. */
function sideText(s: FileSpec, side: 'del' | 'add'): string {
  const out: string[] = [];
  let next = 1;
  for (const h of hunksOf(s)) {
    while (next < h.start) {
      out.push('');
      next++;
    }
    out.push(...(h.before ?? []), ...(h[side] ?? []), ...(h.after ?? []));
    next = h.start + (h.before ?? []).length + (h.del ?? []).length + (h.after ?? []).length;
  }
  return out.join('\n') + '\n';
}

/**
 * Each file's text at the head as far as the spec shows it: blank lines up to the hunk, then the unchanged and added
 * lines (line numbers match the diff's new side). Deleted files have none.
 */
export function headTextOf(...specs: FileSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of specs) {
    if (s.status === 'deleted') continue;
    if (s.hunks) {
      out.set(s.path, sideText(s, 'add'));
      continue;
    }
    const pad = s.status === 'added' ? [] : new Array<string>(Math.max(0, (s.start ?? 1) - 1)).fill('');
    out.set(s.path, [...pad, ...(s.before ?? []), ...(s.add ?? []), ...(s.after ?? [])].join('\n') + '\n');
  }
  return out;
}

/**
 * Each file's text at the base as far as the spec shows it (unchanged and removed lines, padded like headTextOf):
 * what the tree rules compare with the head. Added files have none.
 */
export function baseTextOf(...specs: FileSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of specs) {
    if (s.status === 'added') continue;
    if (s.hunks) {
      out.set(s.path, sideText(s, 'del'));
      continue;
    }
    const pad = new Array<string>(Math.max(0, (s.start ?? 1) - 1)).fill('');
    out.set(s.path, [...pad, ...(s.before ?? []), ...(s.del ?? []), ...(s.after ?? [])].join('\n') + '\n');
  }
  return out;
}

/**
 * Changed GitHub workflows' texts on both sides (`context.ciText`), as src/git reads them whenever a workflow
 * changed: the CI rules and the tier judge an edit inside its job.
 */
export function ciTextOf(...specs: FileSpec[]): Map<string, { head?: string; base?: string }> {
  const heads = headTextOf(...specs);
  const bases = baseTextOf(...specs);
  const out = new Map<string, { head?: string; base?: string }>();
  for (const s of specs)
    if (/(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(s.path))
      out.set(s.path, { head: heads.get(s.path), base: bases.get(s.path) });
  return out;
}

/** One file of `git diff` output: one hunk, or the spec's `hunks` after it. */
function fileDiff(spec: FileSpec): string {
  if (spec.hunks) {
    const head = [
      `diff --git a/${spec.path} b/${spec.path}`,
      'index 1111111..2222222 100644',
      `--- a/${spec.path}`,
      `+++ b/${spec.path}`,
    ];
    let delta = 0;
    for (const h of hunksOf(spec)) {
      const [before, del, add, after] = [h.before ?? [], h.del ?? [], h.add ?? [], h.after ?? []];
      const oldCount = before.length + del.length + after.length;
      const newCount = before.length + add.length + after.length;
      head.push(`@@ -${h.start},${oldCount} +${h.start + delta},${newCount} @@`);
      head.push(...before.map((l) => ' ' + l), ...del.map((l) => '-' + l), ...add.map((l) => '+' + l));
      head.push(...after.map((l) => ' ' + l));
      delta += newCount - oldCount;
    }
    return head.join('\n') + '\n';
  }
  const before = spec.before ?? [];
  const after = spec.after ?? [];
  const del = spec.del ?? [];
  const add = spec.add ?? [];
  const status = spec.status ?? 'modified';
  const start = spec.start ?? 1;
  const oldCount = before.length + del.length + after.length;
  const newCount = before.length + add.length + after.length;
  const head = [`diff --git a/${spec.path} b/${spec.path}`];
  if (status === 'added')
    head.push('new file mode 100644', 'index 0000000..1111111', '--- /dev/null', `+++ b/${spec.path}`);
  else if (status === 'deleted')
    head.push('deleted file mode 100644', 'index 1111111..0000000', `--- a/${spec.path}`, '+++ /dev/null');
  else head.push('index 1111111..2222222 100644', `--- a/${spec.path}`, `+++ b/${spec.path}`);
  const oldStart = oldCount === 0 ? 0 : start;
  const newStart = newCount === 0 ? 0 : start;
  head.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
  const body = [
    ...before.map((l) => ' ' + l),
    ...del.map((l) => '-' + l),
    ...add.map((l) => '+' + l),
    ...after.map((l) => ' ' + l),
  ];
  return [...head, ...body].join('\n') + '\n';
}

export function diffOf(...files: readonly FileSpec[]): string {
  return files.map(fileDiff).join('');
}

/** Provenance marking every added line of every file as AI-written (`ai`, agent). */
export const ALL_AI: ProvenanceSource = (): LineProvenance => ({ authorship: 'ai', kind: 'agent' });
export const ALL_HUMAN: ProvenanceSource = (): LineProvenance => ({ authorship: 'human' });

export function review(diff: string, provenance?: ProvenanceSource, context?: ReviewContext): ReviewReport {
  return reviewChange({ diff, provenance, context });
}

export function findingsOf(report: ReviewReport, ruleId: string): Finding[] {
  return report.findings.filter((f) => f.ruleId === ruleId);
}

export interface Case {
  readonly lang: string;
  readonly name: string;
  readonly files: FileSpec | readonly FileSpec[];
  /** The rule that must fire. */
  readonly fires?: string;
  /** The rule that must stay silent. */
  readonly silent?: string;
  /** Expected severity of the first finding of `fires`. */
  readonly severity?: Severity;
  readonly ai?: boolean;
  readonly context?: ReviewContext;
}

/** Every case handed to `check`, in load order: the rule-coverage meta-test (ruleCoverage.test.ts) reads them. */
export const CHECKED_CASES: Case[] = [];

/** Data-driven rule checks: one mocha test per case, named "<lang> +|- <name>". */
export function check(cases: readonly Case[]): void {
  CHECKED_CASES.push(...cases);
  for (const c of cases) {
    const sign = c.fires ? '+' : '-';
    it(`${c.lang} ${sign} ${c.name}`, () => {
      const files = Array.isArray(c.files) ? (c.files as readonly FileSpec[]) : [c.files as FileSpec];
      const text = diffOf(...files);
      const report = review(text, c.ai ? ALL_AI : undefined, c.context);
      assertTriggersHideNothing(text, c.ai ? ALL_AI : undefined, c.context);
      if (c.fires) {
        const hits = findingsOf(report, c.fires);
        assert.ok(
          hits.length > 0,
          `expected ${c.fires}; got ${JSON.stringify(report.findings.map((f) => `${f.ruleId}: ${f.why}`))}`,
        );
        if (c.severity) assert.equal(hits[0].severity, c.severity, hits[0].why);
      }
      if (c.silent) {
        const hits = findingsOf(report, c.silent);
        assert.deepEqual(
          hits.map((f) => f.why),
          [],
          `expected no ${c.silent}`,
        );
      }
    });
  }
}

/**
 * The trigger-word prefilter is an optimisation only: rules must find exactly the same things with it as without.
 * Every data-driven case checks that, so a trigger list missing a word fails the case that needs it.
 */
export function assertTriggersHideNothing(text: string, provenance?: ProvenanceSource, context?: ReviewContext): void {
  const parsed = parseUnifiedDiff(text);
  const key = (f: Finding): string => `${f.ruleId}|${f.file}|${f.range?.side}${f.range?.start}|${f.severity}|${f.why}`;
  const plain = runRules(buildChange(parsed, provenance, context))
    .map(key)
    .sort();
  const indexed = runRules(buildChange(parsed, provenance, context, triggerIndexFor(RULE_FAMILIES)))
    .map(key)
    .sort();
  assert.deepEqual(indexed, plain, 'trigger words hid a finding');
}

/** Shorthand for the most common case: lines added to an existing file. */
export function added(path: string, ...add: string[]): FileSpec {
  return { path, add };
}

export function removed(path: string, del: string[], add: string[] = []): FileSpec {
  return { path, del, add };
}

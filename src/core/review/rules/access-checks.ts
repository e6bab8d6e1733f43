/**
 * A change inside an existing function that decides whether something is allowed (a path guard's block list, an
 * allow/deny predicate, an authorization check: syntax/accessChecks.ts). On judged pull requests such changes were
 * titled refactors or fixes and got no finding, while the reviewer needed to see that what the program refuses had
 * moved. Medium (T1): the rule cannot tell a guard tightened from one loosened, so it asks the reviewer to read which.
 * A new function is new code, read as such; a comment or a moved line changes no decision.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { movedLines } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, newRange } from './rule';

const ACCESS_CHECK: RuleMeta = {
  id: 'access-check-changed',
  claims: { languages: ['js', 'py', 'go'] },
  category: 'auth',
  title: 'Access decision changed',
  whatToDo:
    'Read what the check now allows or refuses that it did not before, and ask for a test of each side of the change.',
};

export const accessCheckRules: RuleFamily = {
  name: 'access-checks',
  rules: [ACCESS_CHECK],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      const checks = file.cls.source ? file.syntax?.accessChecks : undefined;
      if (checks && checks.length > 0) report(sink, file, checks);
    }
  },
};

function report(
  sink: FindingSink,
  file: ChangeFile,
  checks: readonly { readonly name: string; readonly start: number; readonly end: number }[],
): void {
  const added = new Set(file.added.map((l) => l.line));
  let moved: ReadonlySet<number> | undefined;
  for (const c of checks) {
    // The signature line unchanged: the function was there before (a new one is new code, not a changed decision).
    if (added.has(c.start)) continue;
    const inside = (at: number): boolean => at > c.start && at <= c.end;
    const addedIn = file.added
      .filter((l) => inside(l.line) && l.code.trim() !== '')
      .filter((l) => !(moved ??= movedLines(file)).has(l.line))
      .map((l) => l.line);
    // A guard loosened by deletion alone (a blocked name dropped) has no added line: its removed lines count where
    // they stood at the head.
    const removedIn = file.removed
      .filter((l) => l.code.trim() !== '')
      .map((l) => headPlace(file, l))
      .filter((at): at is number => at !== undefined && inside(at));
    const lines = [...addedIn, ...removedIn].sort((a, b) => a - b);
    if (lines.length === 0) continue;
    // A check nested in another (a helper closure inside a guard) is reported once, by the outer one.
    if (checks.some((o) => o !== c && o.start < c.start && o.end >= c.end && !added.has(o.start))) continue;
    sink.add(
      ACCESS_CHECK,
      file,
      newRange(lines[0], lines[lines.length - 1]),
      'medium',
      `changes ${c.name}, which decides what is allowed${lines.length > 1 ? ` (${lines.length} lines)` : ''}`,
    );
  }
}

/** Where a removed line stood at the head: the new-side number of the next line its hunk kept or added. */
function headPlace(file: ChangeFile, l: ChangeLine): number | undefined {
  const hunk = file.diff.hunks[l.hunk];
  if (!hunk) return undefined;
  for (let i = l.index + 1; i < hunk.lines.length; i++) {
    const n = hunk.lines[i].newLine;
    if (n !== undefined) return n;
  }
  return hunk.newStart + hunk.newLines;
}

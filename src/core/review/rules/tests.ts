/**
 * Test integrity: fewer or weaker assertions, changed or inverted expected values, deleted tests, assertions that
 * cannot fail. Skipped and focused tests are read by test-skips.ts, inverted assertions spelled by test-inversions.ts.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import type { Finding } from '../types';
import { linesAfter, linesBefore } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, newRange, oldRange, quote, quoteChange } from './rule';
import { FAILS_OUTRIGHT, LITERAL, messageOnly } from './test-messages';
import { invert } from './test-inversions';
import { SKIPPED, skippedTests } from './test-skips';
import { DELETED, TEST_CASE, countLines as count, deletedTests, type Loss } from './test-deletions';

const WEAKENED: RuleMeta = {
  id: 'assertion-weakened',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'tests',
  title: 'Assertions removed or weakened',
  whatToDo:
    'Check each removed or loosened assertion: the behaviour it pinned must be covered elsewhere or be wrong, not merely failing.',
};
const EXPECTATION: RuleMeta = {
  id: 'expectation-changed',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'tests',
  title: 'Expected value changed or inverted in a test',
  whatToDo: 'Check the new expectation is the intended behaviour, not the output the code happens to give now.',
};
const CANNOT_FAIL: RuleMeta = {
  id: 'assertion-cannot-fail',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'tests',
  title: 'Assertion that cannot fail',
  whatToDo:
    'Assert unconditionally: an assertion inside `if`, `if let Ok`, a swallowing try, or after a default on error never runs when the code breaks.',
};

/**
 * Assertion-like tokens across the common frameworks; counted, not parsed. `expect(` only as a call of its own:
 * Rust's `.expect("...")` unwraps a value, it asserts nothing about it. Helpers named check_/verify_/expect_ count,
 * and Rust snapshot macros (`assert_snapshot!`, a project's `cli_snapshot!`).
 */
const ASSERTION =
  /\bassert\w*\b|\b\w*snapshot!\s*[([{]|(?<![.\w])expect\s*\(|\b_?(?:check|verify|expect)_\w+\s*\(|\bExpect\s*\(|\bAssert\.\w+|\brequire\.\w+\s*\(|\bt\.(?:Errorf?|Fatalf?|Fail(?:Now)?)\s*\(|\.[Ss]hould\b|\bXCTAssert\w*|\bverify\s*\(/g;
const WEAK =
  /\.(?:toBeTruthy|toBeDefined|toBeFalsy)\s*\(\s*\)|\.not\.(?:toBeNull|toBeUndefined)\s*\(\s*\)|\bexpect\.anything\s*\(|\bassert\s+(?:True\b|\w[\w.]*\s+is\s+not\s+None\s*$)|\bassert\.ok\s*\(\s*!?[\w.$]+\s*[,)]|\bassert(?:True|\.True)\s*\(\s*(?:t\s*,\s*)?true\s*\)|\bassertNotNull\s*\(|\bassertIsNotNone\s*\(|\bAssert\.(?:IsNotNull|NotNull)\s*\(|\bassert\.NotNil\s*\(|\bexpect\s*\(\s*(?:true|1)\s*\)\.(?:toBe|toEqual)\s*\(\s*(?:true|1)\s*\)|\bself\.assertTrue\s*\(\s*True\s*\)|\bAssert\.(?:IsTrue|True)\s*\(\s*true\s*\)/;
const PRINT =
  /\bconsole\.log\s*\(|\bprint\s*\(|\bfmt\.Print\w*\s*\(|\bSystem\.out\.print\w*\s*\(|\bConsole\.Write\w*\s*\(|\bprintln!\s*\(/;

export const testRules: RuleFamily = {
  name: 'tests',
  rules: [SKIPPED, WEAKENED, DELETED, EXPECTATION, CANNOT_FAIL],
  triggers: [
    'skip',
    'only',
    'todo',
    'xit',
    'xdescribe',
    'xtest',
    'xcontext',
    'fit',
    'fdescribe',
    'ftest',
    'ignore',
    'disabled',
    'inconclusive',
    'pending',
    'xfail',
    'expectedfailure',
  ],
  run(change: Change, sink: FindingSink): void {
    const losses: Loss[] = [];
    for (const file of change.files) {
      skippedTests(sink, file);
      if (!file.cls.test) continue;
      if (file.diff.status === 'deleted') {
        const moved = movedTo(change, file);
        if (moved && moved.lost === 0) continue;
        if (moved) {
          sink.add(
            DELETED,
            file,
            file.removed.length ? oldRange(1, file.removed[file.removed.length - 1].line) : null,
            'low',
            `test file replaced by ${moved.path}: ${moved.lost} of its ${moved.of} assertions are not there`,
          );
          continue;
        }
        const gone = file.removed.filter((l) => TEST_CASE.test(l.code));
        losses.push({ file, gone, count: gone.length, whole: true });
        continue;
      }
      const removedCases = count(file.removed, TEST_CASE);
      const addedCases = count(file.added, TEST_CASE);
      assertions(sink, file, removedCases > addedCases);
      cannotFail(sink, file);
      if (removedCases > addedCases) {
        const gone = file.removed.filter((l) => TEST_CASE.test(l.code));
        losses.push({ file, gone, count: removedCases - addedCases, whole: false });
      }
    }
    deletedTests(change, sink, losses);
  },
};

/**
 * A deleted test file whose assertions mostly reappear, word for word, in a test file the same change adds: a rename
 * git did not pair (the file was edited too). Silent when at most a fifth of them are missing (reworded with the
 * rename); otherwise the finding names the new file and the count; under half carried over is a deletion.
 */
const AN_ASSERTION = new RegExp(ASSERTION.source);

function movedTo(change: Change, gone: ChangeFile): { path: string; lost: number; of: number } | undefined {
  const asserts = gone.removed.filter((l) => AN_ASSERTION.test(l.code)).map((l) => l.code.trim());
  if (asserts.length === 0) return undefined;
  let best: { path: string; lost: number; of: number } | undefined;
  for (const f of change.files) {
    if (!f.cls.test || f.diff.status !== 'added' || f.cls.language !== gone.cls.language) continue;
    const there = new Set(f.added.map((l) => l.code.trim()));
    const lost = asserts.filter((a) => !there.has(a)).length;
    if (!best || lost < best.lost) best = { path: f.path, lost, of: asserts.length };
  }
  if (!best || best.lost * 2 > best.of) return undefined;
  return best.lost * 5 <= best.of ? { ...best, lost: 0 } : best;
}

/** `casesDeleted`: the file lost test cases, and "Tests deleted" already counts the assertions that went with them. */
function assertions(sink: FindingSink, file: ChangeFile, casesDeleted: boolean): void {
  // pytest's conftest.py holds fixtures: their asserts check the test set-up, not the code under test.
  if (CONFTEST.test(file.path)) {
    changedExpectations(sink, file);
    return;
  }
  const removed = tokens(file.removed);
  const added = tokens(file.added);
  if (removed > added && !casesDeleted) {
    const lines = file.removed.filter((l) => countIn(l.code) > 0);
    sink.add(
      WEAKENED,
      file,
      oldRange(lines[0].line, lines[lines.length - 1].line),
      'low',
      `${removed} assertion${removed > 1 ? 's' : ''} removed, ${added} added, e.g. ${quote(lines[0].text, 50)}`,
    );
  }
  // Per hunk, strong assertions removed minus strong ones added: a weak line replaces a strong one only where the
  // hunk lost strong assertions (a multi-line `expect(...)` rewrapped, or a guard before new checks, loses none).
  const strongLost = new Map<number, number>();
  for (const l of file.removed)
    if (countIn(l.code) > 0 && !WEAK.test(l.code)) strongLost.set(l.hunk, (strongLost.get(l.hunk) ?? 0) + 1);
  for (const l of file.added)
    if (countIn(l.code) > 0 && !WEAK.test(l.code)) strongLost.set(l.hunk, (strongLost.get(l.hunk) ?? 0) - 1);
  for (const l of file.added) {
    if (!WEAK.test(l.code) || strongerFollows(file, l) || anythingForNewArgument(file, l)) continue;
    const replaced = (strongLost.get(l.hunk) ?? 0) > 0 || anythingReplacesValue(file, l);
    // A weak check in a test that pins the result with a strong one is a wait or a guard, not the test's check; one
    // outside every test case (a fixture's or helper's precondition, read from the tree) is no test's claim.
    if (!replaced && strongInSameCase(file, l)) continue;
    if (!replaced && file.syntax && !file.syntax.testCases.some((c) => l.line >= c.start && l.line <= c.end)) continue;
    sink.add(
      WEAKENED,
      file,
      newRange(l.line),
      'low',
      replaced
        ? `assertion replaced by a weaker one: ${quote(l.text, 50)}`
        : `weak assertion ${quote(l.text, 50)} passes for almost any value`,
    );
  }
  changedExpectations(sink, file);
  if (file.syntax) {
    assertionlessFromTree(sink, file);
    return;
  }
  const addedCases = count(file.added, TEST_CASE);
  if (addedCases > 0 && added === 0 && !file.added.some((l) => FAILS_OTHERWISE.test(l.code))) {
    const prints = file.added.filter((l) => PRINT.test(l.code));
    const first = file.added.find((l) => TEST_CASE.test(l.code))!;
    sink.add(
      WEAKENED,
      file,
      newRange(first.line, file.added[file.added.length - 1].line),
      'low',
      prints.length > 0
        ? `new tests print (${prints.length} lines) but assert nothing`
        : `${addedCases} new test case${addedCases > 1 ? 's' : ''} with no assertion`,
    );
  }
}

const CONFTEST = /(?:^|\/)conftest\.py$/;
/**
 * Checks that are not assertion calls but fail the test all the same (read when no tree is at hand; see
 * syntax/tests.ts failurePoint): a child process run with `check=True` or `check_call`, a helper named for checking.
 */
const FAILS_OTHERWISE =
  /\bcheck\s*=\s*True\b|\bcheck_(?:call|output)\s*\(|(?<![.\w])_?(?:assert|check|expect|verify|validate|must|ensure|require)(?:_\w|[A-Z])\w*!?\s*\(|\.(?:unwrap|expect)\s*\(|\?;/;
const ANYTHING = /(?:[\w$]+\s*:\s*)?expect\.anything\s*\(\s*\)/g;

/**
 * `expect.anything()` standing for an argument or property the call did not have before (`{ cwd }` ->
 * `{ cwd, env: expect.anything() }`, or a line holding only the new argument): the expectation pins as much as it
 * did. Replacing a concrete expected value by it still counts as weakening.
 */
function anythingForNewArgument(file: ChangeFile, l: ChangeLine): boolean {
  const rest = l.code.replace(ANYTHING, '');
  if (rest === l.code || WEAK.test(rest)) return false;
  const removed = sameBlockRemoved(file, l);
  if (removed.length === 0) return normArgs(rest) === '';
  const now = normArgs(rest);
  return removed.some((r) => normArgs(r.code) === now);
}

/** A removed line of the same block that had a concrete value where the added line now says `expect.anything()`. */
function anythingReplacesValue(file: ChangeFile, l: ChangeLine): boolean {
  if (!l.code.includes('expect.anything')) return false;
  const parts = normArgs(l.code.replace(/expect\.anything\s*\(\s*\)/g, '\u0000')).split('\u0000');
  const shape = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
  return sameBlockRemoved(file, l).some((r) => !r.code.includes('expect.anything') && shape.test(normArgs(r.code)));
}

function sameBlockRemoved(file: ChangeFile, l: ChangeLine): ChangeLine[] {
  const key = blockKey(file, l);
  return file.removed.filter((r) => r.hunk === l.hunk && blockKey(file, r) === key);
}

/** Call arguments without spaces and empty slots, so `{ cwd }` and `{ cwd, }` compare equal. */
function normArgs(t: string): string {
  return t
    .replace(/\s+/g, '')
    .replace(/,+/g, ',')
    .replace(/,([})\]])/g, '$1')
    .replace(/([{([]),/g, '$1')
    .replace(/,$/, '');
}

/**
 * `assert x is not None` (or toBeDefined) right before an assertion on the same value is a guard, not the check:
 * the next lines pin the value.
 */
function strongerFollows(file: ChangeFile, l: ChangeLine): boolean {
  const subject =
    /\bassert\s+([\w.]+)\s+is\s+not\s+None|\bexpect\s*\(\s*([\w.]+)\s*\)|\b(?:assertIsNotNone|assertNotNull|assert\.NotNil|assert\.ok)\s*\(\s*(?:t\s*,\s*)?([\w.]+)/.exec(
      l.code,
    );
  const name = subject?.[1] ?? subject?.[2] ?? subject?.[3];
  if (!name) return false;
  const root = name.split('.')[0];
  return linesAfter(file, l, 3).some(
    (t) => countIn(t) > 0 && !WEAK.test(t) && new RegExp(`\\b${root.replace(/[$]/g, '\\$')}\\b`).test(t),
  );
}

/** A strong (not weak) assertion in the test case around an added line, looking both ways up to the case's bounds. */
function strongInSameCase(file: ChangeFile, l: ChangeLine): boolean {
  const strong = (t: string): boolean => countIn(t) > 0 && !WEAK.test(t) && !TEST_CASE.test(t);
  for (const t of linesAfter(file, l, 25)) {
    if (TEST_CASE.test(t)) break;
    if (strong(t)) return true;
  }
  const before = linesBefore(file, l, 25);
  for (let i = before.length - 1; i >= 0; i--) {
    if (TEST_CASE.test(before[i])) break;
    if (strong(before[i])) return true;
  }
  return false;
}

/**
 * Removed and added assertions identical except for literals (the expected value changed to match the output), or
 * with the expectation inverted (true/false, toBe/not.toBe, is_some/is_none). Pairs only lines replaced in place (one
 * run of removed then added lines), so a rewritten test file's unrelated assertions do not pair up.
 */
function changedExpectations(sink: FindingSink, file: ChangeFile): void {
  const removedByBlock = new Map<string, string[]>();
  for (const l of file.removed) {
    if (countIn(l.code) === 0) continue;
    const key = blockKey(file, l);
    const list = removedByBlock.get(key) ?? [];
    list.push(l.code);
    removedByBlock.set(key, list);
  }
  for (const l of file.added) {
    const removed = removedByBlock.get(blockKey(file, l));
    if (!removed || countIn(l.code) === 0) continue;
    const skeleton = skeletonOf(l.code);
    const values = literalsOf(l.code);
    const was = removed.find((r) => skeletonOf(r) === skeleton && literalsOf(r) !== values);
    if (was !== undefined && !messageOnly(was, l.code)) {
      sink.add(
        EXPECTATION,
        file,
        newRange(l.line),
        'medium',
        `expected value changed: ${quoteChange(was, l.code).join(' -> ')}`,
      );
      continue;
    }
    const inverted = removed.find(
      (r) => invert(r) === l.code.trim().replace(/\s+/g, ' ') || invert(l.code) === r.trim().replace(/\s+/g, ' '),
    );
    if (inverted !== undefined)
      sink.add(
        EXPECTATION,
        file,
        newRange(l.line),
        'medium',
        `expectation inverted: ${quote(inverted, 40)} -> ${quote(l.code, 40)}`,
      );
  }
}

/** One run of changed lines between context lines: where a removed line and its replacement sit together. */
function blockKey(file: ChangeFile, l: ChangeLine): string {
  const lines = file.diff.hunks[l.hunk].lines;
  let i = l.index;
  while (i > 0 && lines[i - 1].kind !== 'context') i--;
  return `${l.hunk}:${i}`;
}

/**
 * Added assertions that cannot fail: inside a conditional that skips them when the code breaks (`if let Ok(..)`,
 * `if (x)`, `if x:`), inside a try whose handler swallows, after a default taken on a parse error, or absence checks
 * after a fixed sleep (they pass whenever the thing is merely late).
 */
function cannotFail(sink: FindingSink, file: ChangeFile): void {
  if (file.syntax) guardedFromTree(sink, file);
  for (const l of file.syntax ? [] : file.added) {
    if (countIn(l.code) === 0 || TEST_CASE.test(l.code) || FAILS_OUTRIGHT.test(l.code)) continue;
    const before = linesBefore(file, l, 8);
    const indent = indentOf(l.text);
    let opener: string | undefined;
    for (let i = before.length - 1; i >= 0; i--) {
      const t = before[i];
      if (t.trim() === '') continue;
      if (indentOf(t) < indent) {
        opener = t.trim();
        break;
      }
    }
    let why: string | undefined;
    if (
      opener &&
      /^(?:\}\s*else\s*)?if\s+let\s+(?:Ok|Some)\s*\(|^if\s*\(?\s*!?\s*[\w.]+(?:\(\))?\s*\)?\s*[{:]\s*$|^if\s+(?:\w+\s*:?=\s*[^;]+;\s*)?err\s*==\s*nil\s*\{/.test(
        opener,
      )
    ) {
      why = `assertion ${quote(l.text, 40)} runs only when ${quote(opener, 40)} holds: it passes when the code fails`;
    } else if (opener && /^try\s*[:{]/.test(opener) && swallowedAfter(file, l)) {
      why = `assertion ${quote(l.text, 40)} sits in a try whose handler swallows the failure`;
    } else if (/\bsleep\s*\(|time\.Sleep\(|setTimeout\(/.test(before.slice(-3).join('\n')) && ABSENCE.test(l.code)) {
      why = `absence checked after a fixed sleep: ${quote(l.text, 40)} passes whenever the thing is merely late`;
    }
    if (why) sink.add(CANNOT_FAIL, file, newRange(l.line), 'medium', why);
  }
  for (const l of file.added) {
    if (
      /\.unwrap_or(?:_default)?\s*\(|\.unwrap_or_else\s*\(|\bexcept\s+(?:ValueError|Exception)\b.*:\s*\w+\s*=|\|\|\s*(?:0|''|""|\[\]|\{\})\s*;?$/.test(
        l.code,
      ) &&
      /parse|from_str|json|loads|int\(|Number\(|decode/i.test(l.code)
    ) {
      sink.add(
        CANNOT_FAIL,
        file,
        newRange(l.line),
        'medium',
        `test takes a default when parsing fails: ${quote(l.text, 50)} hides the failure the test should report`,
      );
    }
  }
}

const RETURNS_EARLY = 'test returns before its first assertion';

/**
 * A test that returns early where its environment lacks something: about where the test runs, like a secret-gated
 * skip, so it stays low even when the code it tests changed (combine.ts).
 */
export function isEarlyReturn(f: Finding): boolean {
  return f.ruleId === CANNOT_FAIL.id && f.why.startsWith(RETURNS_EARLY);
}

/** New test cases (their first line added) that neither assert nor can fail any other way, read from the tree. */
function assertionlessFromTree(sink: FindingSink, file: ChangeFile): void {
  const added = new Set(file.added.map((l) => l.line));
  const empty = file.syntax!.testCases.filter((c) => added.has(c.start) && c.assertions === 0 && c.failurePoints === 0);
  if (empty.length === 0) return;
  const prints = file.added.filter((l) => l.line >= empty[0].start && l.line <= empty[0].end && PRINT.test(l.code));
  sink.add(
    WEAKENED,
    file,
    newRange(empty[0].start, empty[0].end),
    'low',
    `${empty.length} new test case${empty.length > 1 ? 's' : ''} with no assertion (${quote(empty[0].name, 40)}${prints.length > 0 ? ' prints but asserts nothing' : ''})`,
  );
}

/** Added assertions the tree shows inside a weak condition or a try that swallows, sleeps after a fixed wait. */
function guardedFromTree(sink: FindingSink, file: ChangeFile): void {
  const added = new Map(file.added.map((l) => [l.line, l]));
  for (const g of file.syntax!.guarded) {
    const l = added.get(g.line);
    if (!l) continue;
    sink.add(
      CANNOT_FAIL,
      file,
      newRange(l.line),
      g.kind === 'early-return' ? 'low' : 'medium',
      g.kind === 'condition'
        ? `assertion ${quote(l.text, 40)} runs only when ${quote(g.guard, 40)} holds: it passes when the code fails`
        : g.kind === 'early-return'
          ? `${RETURNS_EARLY} (${quote(l.text, 30)}) when ${quote(g.guard, 50)}: there it passes without checking anything, reported as passed, not skipped`
          : `assertion ${quote(l.text, 40)} sits in a try whose handler swallows the failure: ${quote(g.guard, 40)}`,
    );
  }
  for (const l of file.added) {
    if (countIn(l.code) === 0) continue;
    if (/\bsleep\s*\(|time\.Sleep\(|setTimeout\(/.test(linesBefore(file, l, 3).join('\n')) && ABSENCE.test(l.code))
      sink.add(
        CANNOT_FAIL,
        file,
        newRange(l.line),
        'medium',
        `absence checked after a fixed sleep: ${quote(l.text, 40)} passes whenever the thing is merely late`,
      );
  }
}

const ABSENCE =
  /\bassert\s+not\b|\bis\s+None\b|assertFalse|is_none\(\)|is_empty\(\)|\.not\.|toBeNull|toHaveLength\(\s*0|==\s*0\b|assert!\s*\(\s*!|assertNull|Nil\(|False\(|not\s+\w+\.exists/;

function swallowedAfter(file: ChangeFile, l: ChangeLine): boolean {
  const after = linesAfter(file, l, 8);
  for (let i = 0; i < after.length; i++) {
    if (/^\s*(?:\}\s*)?(?:catch|except)\b/.test(after[i])) {
      const body = (after[i + 1] ?? '').trim();
      return /\{\s*\}\s*$/.test(after[i]) || /^(?:pass|\}|return;?|continue)$/.test(body);
    }
  }
  return false;
}

function indentOf(t: string): number {
  return /^\s*/.exec(t)![0].replace(/\t/g, '    ').length;
}

/** The assertion with every literal replaced by one placeholder, whitespace dropped. */
function skeletonOf(code: string): string {
  return code.replace(LITERAL, '_').replace(/\s+/g, '');
}

function literalsOf(code: string): string {
  return (code.match(LITERAL) ?? []).join('\u0000');
}

function tokens(lines: readonly ChangeLine[]): number {
  let n = 0;
  for (const l of lines) n += countIn(l.code);
  return n;
}

/** Import lines name assertion libraries (`use assert_fs::prelude::*`, `import { expect } from`); they assert nothing. */
const IMPORT = /^\s*(?:pub\s+)?(?:use|import|from)\s|^\s*(?:const|let|var)\s+[\w{}\s,]+=\s*require\s*\(/;

function countIn(code: string): number {
  if (IMPORT.test(code)) return 0;
  ASSERTION.lastIndex = 0;
  let n = 0;
  while (ASSERTION.exec(code) !== null) n++;
  return n;
}

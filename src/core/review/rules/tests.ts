/**
 * Test integrity: skipped or focused tests, fewer or weaker assertions, changed expected values, deleted tests, and
 * tests edited in the same change as the code they test (the combination step raises severity for that pairing).
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, newRange, oldRange, quote, scanLines } from './rule';

const SKIPPED: RuleMeta = {
  id: 'test-skipped',
  category: 'tests',
  title: 'Test skipped or focused',
  whatToDo: 'Remove the skip or focus, or link an issue saying why the test cannot run; a focused test silently turns the rest of the suite off.',
};
const WEAKENED: RuleMeta = {
  id: 'assertion-weakened',
  category: 'tests',
  title: 'Assertions removed or weakened',
  whatToDo: 'Check each removed or loosened assertion: the behaviour it pinned must be covered elsewhere or be wrong, not merely failing.',
};
const DELETED: RuleMeta = {
  id: 'test-deleted',
  category: 'tests',
  title: 'Tests deleted',
  whatToDo: 'Find where the deleted cases are covered now; a deleted failing test is the cheapest way to make a suite pass.',
};
const WITH_CODE: RuleMeta = {
  id: 'test-edited-with-code',
  category: 'tests',
  title: 'Test edited together with the code it tests',
  whatToDo: 'Run the old test against the new code: a change that needs its test rewritten may have changed behaviour.',
};

const SKIP_PATTERNS: readonly LinePattern[] = [
  { re: /\b(?:describe|it|test|context|suite|specify)\.only\s*\(|\b(?:fit|fdescribe|ftest)\s*\(/, langs: ['js'], severity: 'medium', label: 'focused: every other test stops running' },
  { re: /\b(?:describe|it|test|context|suite|specify)\.(?:skip|todo|skipIf)\s*\(|\b(?:xit|xdescribe|xtest|xcontext)\s*\(|\bthis\.skip\s*\(/, langs: ['js'], severity: 'medium', label: 'test skipped' },
  { re: /@pytest\.mark\.(?:skip|skipif|xfail)\b|\bpytest\.(?:skip|xfail)\s*\(|@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b|\braise\s+(?:unittest\.)?SkipTest\b|\bself\.skipTest\s*\(/, langs: ['py'], severity: 'medium', label: 'test skipped' },
  { re: /\b[tb]\.(?:Skip|SkipNow|Skipf)\s*\(/, langs: ['go'], severity: 'medium', label: 'test skipped' },
  { re: /@(?:Ignore|Disabled|DisabledIf\w*)\b/, langs: ['java'], severity: 'medium', label: 'test disabled' },
  { re: /\[\s*(?:Fact|Theory|Test|TestMethod|TestCase)\s*\([^)]*\bSkip\s*=|\[(?:[^\]]*,\s*)?Ignore\b|\bAssert\.Inconclusive\s*\(/, langs: ['cs'], severity: 'medium', label: 'test skipped' },
  { re: /#\[ignore\b/, langs: ['rust'], severity: 'medium', label: 'test ignored' },
  { re: /\b(?:xit|xdescribe|skip|pending)\b/, langs: ['ruby'], severity: 'medium', label: 'test skipped' },
];

/** Assertion-like tokens across the common frameworks; counted, not parsed. */
const ASSERTION = /\bassert\w*\b|\bexpect\s*\(|\bExpect\s*\(|\bAssert\.\w+|\brequire\.\w+\s*\(|\bt\.(?:Errorf?|Fatalf?|Fail(?:Now)?)\s*\(|\.[Ss]hould\b|\bXCTAssert\w*|\bverify\s*\(/g;
const WEAK = /\.(?:toBeTruthy|toBeDefined|toBeFalsy)\s*\(\s*\)|\.not\.(?:toBeNull|toBeUndefined)\s*\(\s*\)|\bexpect\.anything\s*\(|\bassert\s+(?:True\b|\w[\w.]*\s+is\s+not\s+None\s*$)|\bassert\.ok\s*\(|\bassert(?:True|\.True)\s*\(\s*(?:t\s*,\s*)?true\s*\)|\bassertNotNull\s*\(|\bassertIsNotNone\s*\(|\bAssert\.(?:IsNotNull|NotNull)\s*\(|\bassert\.NotNil\s*\(|\bexpect\s*\(\s*(?:true|1)\s*\)\.(?:toBe|toEqual)\s*\(\s*(?:true|1)\s*\)|\bself\.assertTrue\s*\(\s*True\s*\)|\bAssert\.(?:IsTrue|True)\s*\(\s*true\s*\)/;
const TEST_CASE = /\b(?:it|test|specify)\s*\(\s*['"`]|\bdef\s+test_?\w*\s*\(|\bfunc\s+Test\w*\s*\(|@(?:Test|ParameterizedTest)\b|\[(?:Fact|Theory|Test|TestMethod|TestCase)\b|#\[test\]/;
const PRINT = /\bconsole\.log\s*\(|\bprint\s*\(|\bfmt\.Print\w*\s*\(|\bSystem\.out\.print\w*\s*\(|\bConsole\.Write\w*\s*\(|\bprintln!\s*\(/;

export const testRules: RuleFamily = {
  name: 'tests',
  rules: [SKIPPED, WEAKENED, DELETED, WITH_CODE],
  triggers: ['skip', 'only', 'todo', 'xit', 'xdescribe', 'xtest', 'xcontext', 'fit', 'fdescribe', 'ftest', 'ignore', 'disabled', 'inconclusive', 'pending', 'xfail', 'expectedfailure'],
  run(change: Change, sink: FindingSink): void {
    const sourceUnits = new Map<string, string>();
    for (const f of change.files) if (f.cls.source && f.diff.status !== 'added') sourceUnits.set(f.unit, f.path);
    for (const file of change.files) {
      if (!file.cls.test) continue;
      scanLines(sink, SKIPPED, file, file.added, 'new', SKIP_PATTERNS, /skip|only|todo|xit|xdescribe|xtest|xcontext|fit|fdescribe|ftest|Skip|Ignore|Disabled|Inconclusive|ignore|pending|xfail|expectedFailure/);
      if (file.diff.status === 'deleted') {
        sink.add(DELETED, file, file.removed.length ? oldRange(1, file.removed[file.removed.length - 1].line) : null, 'medium', `test file deleted (${file.diff.deletions} lines, ${count(file.removed, TEST_CASE)} test cases)`);
        continue;
      }
      assertions(sink, file);
      const removedCases = count(file.removed, TEST_CASE);
      const addedCases = count(file.added, TEST_CASE);
      if (removedCases > addedCases) {
        const gone = file.removed.filter((l) => TEST_CASE.test(l.code));
        sink.add(DELETED, file, oldRange(gone[0].line, gone[gone.length - 1].line), 'medium', `${removedCases - addedCases} test case${removedCases - addedCases > 1 ? 's' : ''} removed, e.g. ${quote(gone[0].text, 50)}`);
      }
      const src = sourceUnits.get(file.unit);
      if (src && file.removed.length > 0) {
        sink.add(WITH_CODE, file, oldRange(file.removed[0].line, file.removed[file.removed.length - 1].line), 'info', `test lines removed or rewritten while ${src} (the code under test) changed`);
      }
    }
  },
};

function assertions(sink: FindingSink, file: ChangeFile): void {
  const removed = tokens(file.removed);
  const added = tokens(file.added);
  if (removed > added) {
    const lines = file.removed.filter((l) => countIn(l.code) > 0);
    sink.add(WEAKENED, file, oldRange(lines[0].line, lines[lines.length - 1].line), 'low', `${removed} assertion${removed > 1 ? 's' : ''} removed, ${added} added, e.g. ${quote(lines[0].text, 50)}`);
  }
  const hunksWithStrongRemoval = new Set(file.removed.filter((l) => countIn(l.code) > 0 && !WEAK.test(l.code)).map((l) => l.hunk));
  for (const l of file.added) {
    if (!WEAK.test(l.code)) continue;
    const replaced = hunksWithStrongRemoval.has(l.hunk);
    sink.add(WEAKENED, file, newRange(l.line), 'low', replaced ? `assertion replaced by a weaker one: ${quote(l.text, 50)}` : `weak assertion ${quote(l.text, 50)} passes for almost any value`);
  }
  changedExpectations(sink, file);
  const addedCases = count(file.added, TEST_CASE);
  if (addedCases > 0 && added === 0) {
    const prints = file.added.filter((l) => PRINT.test(l.code));
    const first = file.added.find((l) => TEST_CASE.test(l.code))!;
    sink.add(WEAKENED, file, newRange(first.line, file.added[file.added.length - 1].line), 'low', prints.length > 0 ? `new tests print (${prints.length} lines) but assert nothing` : `${addedCases} new test case${addedCases > 1 ? 's' : ''} with no assertion`);
  }
}

/** Removed and added assertions identical except for literals: the expected value changed to match the output. */
function changedExpectations(sink: FindingSink, file: ChangeFile): void {
  const removedByHunk = new Map<number, string[]>();
  for (const l of file.removed) {
    if (countIn(l.code) === 0) continue;
    const list = removedByHunk.get(l.hunk) ?? [];
    list.push(l.code);
    removedByHunk.set(l.hunk, list);
  }
  for (const l of file.added) {
    const removed = removedByHunk.get(l.hunk);
    if (!removed || countIn(l.code) === 0) continue;
    const skeleton = skeletonOf(l.code);
    const values = literalsOf(l.code);
    const was = removed.find((r) => skeletonOf(r) === skeleton && literalsOf(r) !== values);
    if (was !== undefined) {
      sink.add(WEAKENED, file, newRange(l.line), 'low', `expected value changed: ${quote(was, 40)} -> ${quote(l.code, 40)}`);
    }
  }
}

const LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|-?\b\d[\d_]*(?:\.\d+)?(?:e-?\d+)?\b|\b(?:true|false|True|False|None|null|nil)\b/gi;

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

function countIn(code: string): number {
  ASSERTION.lastIndex = 0;
  let n = 0;
  while (ASSERTION.exec(code) !== null) n++;
  return n;
}

function count(lines: readonly ChangeLine[], re: RegExp): number {
  let n = 0;
  for (const l of lines) if (re.test(l.code)) n++;
  return n;
}

/**
 * Deleted tests (`test-deleted`): one finding per test file that lost cases, except where the change shows where they
 * went (consolidated into one test file, or removed with the deprecated API they test). tests.ts finds the losses.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import type { Finding } from '../types';
import { FindingSink, RuleMeta, oldRange, quote } from './rule';

export const DELETED: RuleMeta = {
  id: 'test-deleted',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'tests',
  title: 'Tests deleted',
  whatToDo:
    'Find where the deleted cases are covered now; a deleted failing test is the cheapest way to make a suite pass.',
};

/** A line opening a test case, across the common frameworks. */
export const TEST_CASE =
  /\b(?:it|test|specify)\s*\(\s*['"`]|\bdef\s+test_?\w*\s*\(|\bfunc\s+Test\w*\s*\(|@(?:Test|ParameterizedTest)\b|\[(?:Fact|Theory|Test|TestMethod|TestCase)\b|#\[(?:[\w:]+::)?test\b/;

/** A test file of the change that lost test cases: the case lines removed and how many fewer cases it has. */
export interface Loss {
  readonly file: ChangeFile;
  readonly gone: readonly ChangeLine[];
  readonly count: number;
  /** The whole file was deleted. */
  readonly whole: boolean;
}

/**
 * Tests deleted, one finding per file, except where the change says where they went:
 * - consolidated: two or more test files lose cases whose names share a subject (`..._pass_http_client` in each
 *   provider's tests) and another test file of the change gains cases about it (one parametrized test over all the
 *   providers): one question for the change, low, folded across the files (the engine names them and counts);
 * - with the deprecated shim they test: the removed cases exercise a deprecation and a source file of the change
 *   drops that deprecation: low, the API change is the thing to review.
 * Both keep their severity when the code they test changed too (combine.ts): the replacement is the question.
 */
export function deletedTests(change: Change, sink: FindingSink, losses: readonly Loss[]): void {
  const consolidated = consolidation(change, losses);
  const shimGone = change.files.some(
    (f) => f.cls.source && !f.cls.test && f.removed.some((l) => DEPRECATION.test(l.text)),
  );
  for (const loss of losses) {
    const { file, gone } = loss;
    const range = gone.length > 0 ? oldRange(gone[0].line, gone[gone.length - 1].line) : null;
    if (consolidated && consolidated.files.has(file)) {
      sink.add(DELETED, file, range, 'low', consolidated.why);
      continue;
    }
    if (shimGone && gone.length > 0 && deprecationCases(file, gone) >= loss.count) {
      sink.add(
        DELETED,
        file,
        range,
        'low',
        `${loss.count > 1 ? `${loss.count} test cases` : '1 test case'} ${REPLACED_BY} the deprecated API ${loss.count > 1 ? 'they test' : 'it tests'}, which this change removes: ${quote(caseLine(file, gone[0]), 50)}`,
      );
      continue;
    }
    if (loss.whole) {
      sink.add(
        DELETED,
        file,
        file.removed.length ? oldRange(1, file.removed[file.removed.length - 1].line) : null,
        'medium',
        `test file deleted (${file.diff.deletions} lines, ${gone.length} test cases)`,
      );
      continue;
    }
    sink.add(
      DELETED,
      file,
      range,
      'medium',
      `${loss.count} test case${loss.count > 1 ? 's' : ''} removed, e.g. ${quote(caseLine(file, gone[0]), 50)}`,
    );
  }
}

/** Words in a `test-deleted` finding's text when the change shows where the tests went. */
const REPLACED_BY = 'removed with';
const CONSOLIDATED = 'consolidated into';

/** A `test-deleted` finding whose replacement the change shows: combine.ts keeps it low. */
export function isReplacedTests(f: Finding): boolean {
  return f.ruleId === DELETED.id && (f.why.includes(CONSOLIDATED) || f.why.includes(REPLACED_BY));
}

const DEPRECATION = /deprecat/i;

/** Removed test cases whose removed lines (the case's run of removed lines) mention a deprecation. */
function deprecationCases(file: ChangeFile, gone: readonly ChangeLine[]): number {
  let n = 0;
  for (const g of gone) {
    const lines = file.diff.hunks[g.hunk].lines;
    for (let i = g.index; i < lines.length && lines[i].kind === 'del'; i++) {
      if (i > g.index && TEST_CASE.test(lines[i].text)) break;
      if (DEPRECATION.test(lines[i].text)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/**
 * Test cases removed from two or more files and a test file of the change that gains cases about what their names
 * share: the change consolidated them. Undefined when it did not.
 */
function consolidation(change: Change, losses: readonly Loss[]): { files: Set<ChangeFile>; why: string } | undefined {
  const named = losses.filter((l) => l.gone.length > 0);
  if (named.length < 2) return undefined;
  // Subject words: in the removed case names of at least half the files (and at least two).
  const filesWith = new Map<string, number>();
  for (const l of named) for (const w of new Set(l.gone.flatMap((g) => caseWords(l.file, g)))) bump(filesWith, w);
  const shared = [...filesWith].filter(([, n]) => n >= 2 && n * 2 >= named.length).map(([w]) => w);
  if (shared.length === 0) return undefined;
  const losing = new Set(named.map((l) => l.file));
  let best: { file: ChangeFile; cases: number; rank: number } | undefined;
  for (const f of change.files) {
    if (!f.cls.test || losing.has(f) || f.diff.status === 'deleted') continue;
    const cases = countLines(f.added, NEW_CASES) - countLines(f.removed, NEW_CASES);
    if (cases <= 0) continue;
    const words = new Set(f.added.flatMap((l) => nameWords(l.code)));
    if (!shared.some((w) => words.has(w))) continue;
    // Reported: the test functions it adds (a parametrize mark or an `it.each` table only multiplies them).
    const functions = Math.max(1, countLines(f.added, TEST_CASE) - countLines(f.removed, TEST_CASE));
    if (!best || cases > best.rank) best = { file: f, cases: functions, rank: cases };
  }
  if (!best) return undefined;
  const total = named.reduce((n, l) => n + l.count, 0);
  const subject = shared.slice(0, 3).join(' ');
  return {
    files: losing,
    why: `${total} test cases about "${subject}" removed from ${named.length} test files, ${CONSOLIDATED} ${best.file.path} (${best.cases} new test${best.cases > 1 ? 's' : ''}): does it cover each removed case?`,
  };
}

/** Test cases, and tables of them: `it.each`, `@pytest.mark.parametrize`, `#[rstest]`/`#[test_case]`, `t.Run`. */
const NEW_CASES = new RegExp(
  `${TEST_CASE.source}|\\b(?:it|test|describe)\\.each\\b|@pytest\\.mark\\.parametrize\\b|#\\[(?:rstest|test_case)\\b|\\bt\\.Run\\s*\\(`,
);

/** The line naming a removed case: its own, or the next when it is an attribute alone (`#[test]`, `@Test`). */
function caseLine(file: ChangeFile, g: ChangeLine): string {
  const next = file.diff.hunks[g.hunk].lines[g.index + 1];
  return /^\s*(?:#\[[^\]]*\]|@\w+|\[\w+\])\s*$/.test(g.code) && next && next.kind === 'del' ? next.text : g.text;
}

/** The words of a removed case's name: its line, and the next when that one holds the name (`#[test]` then `fn`). */
function caseWords(file: ChangeFile, g: ChangeLine): string[] {
  const next = file.diff.hunks[g.hunk].lines[g.index + 1];
  return [...nameWords(g.code), ...(next && next.kind === 'del' ? nameWords(next.text) : [])];
}

/** Lower-case words of at least four letters in code or a name (`pass_http_client`, `passHttpClient`). */
function nameWords(code: string): string[] {
  return code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
}

const STOP_WORDS = new Set([
  'test',
  'tests',
  'func',
  'should',
  'when',
  'with',
  'that',
  'none',
  'self',
  'async',
  'testing',
  'return',
  'returns',
  'describe',
  'mark',
  'pytest',
]);

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** How many of the lines match. */
export function countLines(lines: readonly ChangeLine[], re: RegExp): number {
  let n = 0;
  for (const l of lines) if (re.test(l.code)) n++;
  return n;
}

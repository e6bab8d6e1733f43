/**
 * Special-casing tests: production code that detects it runs under a test, comments admitting a hard-coded answer
 * for a test, early successful exits, and equality that is always true (the tricks models use to pass a suite).
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { linesAfter, linesBefore } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, newRange, quote, scanLines } from './rule';

const SPECIAL_CASE: RuleMeta = {
  id: 'test-special-case',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'test-gaming',
  title: 'Code special-cases its tests',
  whatToDo:
    'Remove test detection from production code; make the real logic pass the test, or fix the test if it is wrong.',
};

const SOURCE_PATTERNS: readonly LinePattern[] = [
  {
    re: /\bNODE_ENV\b[^;]*['"]test['"]|['"]test['"][^;]*\bNODE_ENV\b|\b(?:JEST_WORKER_ID|VITEST|PYTEST_CURRENT_TEST|MOCHA_WORKER_ID)\b/,
    severity: 'medium',
    label: 'detects the test runner',
  },
  {
    re: /['"](?:pytest|unittest)['"]\s+in\s+sys\.modules|\bflag\.Lookup\s*\(\s*"test\.v"\s*\)|\btesting\.Testing\s*\(\s*\)|\bcfg!\s*\(\s*test\s*\)|\bSystem\.getProperty\s*\(\s*"(?:junit|test)[\w.]*"|\bIsRunningUnderTest\w*|\bUnitTestDetector\b/,
    severity: 'medium',
    label: 'detects the test runner',
  },
  {
    re: /\bspecial[- ]?cas\w*\b.*\btests?\b|\bto make (?:the |this )?tests? pass\b|\bhard[- ]?code\w*\b.*\b(?:for|in|by) (?:the |this )?tests?\b|\bfor the test\b|\b(?:the )?tests? expects? (?:this|it|exactly)\b/i,
    part: 'comment',
    severity: 'medium',
    label: 'comment admits code shaped to a test',
  },
];

const TEST_PATTERNS: readonly LinePattern[] = [
  {
    re: /\b(?:process\.exit|sys\.exit|os\._?[Ee]xit|System\.exit|Environment\.Exit|exit)\s*\(\s*0\s*\)/,
    severity: 'medium',
    label: 'a test that exits with success reports a pass whatever happened',
  },
];

/** An equality or comparison method header; checked for a body that only says "true". */
const EQUALITY_HEADER =
  /\bdef\s+__eq__\s*\(|\bequals\s*\(\s*(?:final\s+)?Object\b|\bEquals\s*\(\s*object\b|\bfunc\s*\([^)]*\)\s*Equal\s*\(|\bequals\s*\([^)]*\)\s*(?::\s*boolean\s*)?\{|\bfn\s+eq\s*\(\s*&self/;
const ALWAYS_TRUE = /^\s*(?:return\s+(?:true|True)\s*;?|=>\s*true\s*;|true)\s*\}?\s*$/;

export const testGamingRules: RuleFamily = {
  name: 'test-gaming',
  rules: [SPECIAL_CASE],
  triggers: [
    'test',
    'jest_worker',
    'vitest',
    'pytest',
    'mocha_worker',
    'junit',
    'special',
    'hard',
    'exit',
    'cfg!',
    '__eq__',
    'equals',
    'equal(',
    'fn eq',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.cls.test) {
        scanLines(sink, SPECIAL_CASE, file, file.added, 'new', TEST_PATTERNS, /exit|Exit/);
      } else if (file.cls.source) {
        scanLines(
          sink,
          SPECIAL_CASE,
          file,
          file.added,
          'new',
          SOURCE_PATTERNS,
          /test|Test|TEST|JEST_WORKER|VITEST|MOCHA_WORKER|junit|special|hard|exit|Exit|cfg!/i,
        );
      }
      if (file.cls.source) for (const l of file.added) if (sink.mayMatch(l)) exitUnderTest(sink, file, l);
      if (file.cls.source || file.cls.test)
        for (const l of file.added) if (sink.mayMatch(l)) alwaysTrueEquality(sink, file, l);
    }
  },
};

function alwaysTrueEquality(sink: FindingSink, file: ChangeFile, l: ChangeLine): void {
  if (!EQUALITY_HEADER.test(l.code)) return;
  const sameLine = /(?:=>|\{|:)\s*(?:return\s+)?(?:true|True)\s*;?\s*\}?\s*$/.test(l.code);
  const next = linesAfter(file, l, 2).filter((t) => t.trim() !== '' && !/^\s*\{\s*$/.test(t));
  if (sameLine || (next.length > 0 && ALWAYS_TRUE.test(next[0]))) {
    sink.add(
      SPECIAL_CASE,
      file,
      newRange(l.line),
      'high',
      `equality that always returns true: ${quote(l.text, 50)} makes every comparison (and assertion) pass`,
    );
  }
}

const EXIT_OK = /\b(?:process\.exit|sys\.exit|os\._?[Ee]xit|System\.exit|Environment\.Exit)\s*\(\s*0\s*\)/;
/** A condition about running under a test or CI: what makes an early successful exit a way past the suite. */
const UNDER_TEST = /\btest(?:s|ing)?\b|\bTEST\w*|\b(?:CI|GITHUB_ACTIONS)\b|pytest|jest|vitest|mocha/;

/**
 * An early successful exit in production code, when the lines just above it ask whether a test or CI is running.
 * A program or job ending with `sys.exit(0)` after its work (a Cloud Run job's result, a CLI's "nothing to do") is how
 * such programs report success, not a trick (gemini-cli #28306).
 */
function exitUnderTest(sink: FindingSink, file: ChangeFile, l: ChangeLine): void {
  if (!EXIT_OK.test(l.code)) return;
  const guard = [...linesBefore(file, l, 2), l.code].join('\n');
  if (!UNDER_TEST.test(guard)) return;
  sink.add(
    SPECIAL_CASE,
    file,
    newRange(l.line),
    'low',
    `${quote(l.text, 50)} under a test or CI condition: exits successfully before the work is done`,
  );
}

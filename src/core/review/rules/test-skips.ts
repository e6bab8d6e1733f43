/**
 * Skipped or focused tests: framework skips and focus markers per language, Rust's `#[ignore]` on inline tests in
 * src/, and skips that depend on where the test runs left alone (the test still runs wherever it can).
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { linesBefore } from '../model/change';
import { FindingSink, LinePattern, RuleMeta, scanLines } from './rule';

export const SKIPPED: RuleMeta = {
  id: 'test-skipped',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'tests',
  title: 'Test skipped or focused',
  whatToDo:
    'Remove the skip or focus, or link an issue saying why the test cannot run; a focused test silently turns the rest of the suite off.',
};

/** Python skips conditioned on the environment (an optional import, the platform, the interpreter) are not skipped tests. */
const SKIP_PATTERNS: readonly LinePattern[] = [
  {
    re: /\b(?:describe|it|test|context|suite|specify)\.only\s*\(|\b(?:fit|fdescribe|ftest)\s*\(/,
    langs: ['js'],
    severity: 'medium',
    label: 'focused: every other test stops running',
  },
  {
    re: /\b(?:describe|it|test|context|suite|specify)\.(?:skip|todo|skipIf)\s*\(|\b(?:xit|xdescribe|xtest|xcontext)\s*\(|\bthis\.skip\s*\(/,
    langs: ['js'],
    severity: 'medium',
    label: 'test skipped',
  },
  {
    re: /@pytest\.mark\.(?:skip|skipif|xfail)\b(?!\s*\(\s*(?:not\s+)?[\w.]*(?:import|install|available|platform|version|environ|getenv|which|os\.name)\w*\b)|\bpytest\.(?:skip|xfail)\s*\(|@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b|\braise\s+(?:unittest\.)?SkipTest\b|\bself\.skipTest\s*\(/,
    langs: ['py'],
    severity: 'medium',
    label: 'test skipped',
  },
  { re: /\b[tb]\.(?:Skip|SkipNow|Skipf)\s*\(/, langs: ['go'], severity: 'medium', label: 'test skipped' },
  { re: /@(?:Ignore|Disabled|DisabledIf\w*)\b/, langs: ['java'], severity: 'medium', label: 'test disabled' },
  {
    re: /\[\s*(?:Fact|Theory|Test|TestMethod|TestCase)\s*\([^)]*\bSkip\s*=|\[(?:[^\]]*,\s*)?Ignore\b|\bAssert\.Inconclusive\s*\(/,
    langs: ['cs'],
    severity: 'medium',
    label: 'test skipped',
  },
  { re: /#\[ignore\b/, langs: ['rust'], severity: 'medium', label: 'test ignored' },
  { re: /\b(?:xit|xdescribe|skip|pending)\b/, langs: ['ruby'], severity: 'medium', label: 'test skipped' },
];

/** Skipped or focused tests added in `file`: a test file, or a Rust source file with inline tests. */
export function skippedTests(sink: FindingSink, file: ChangeFile): void {
  // Rust keeps unit tests inside src/ (`#[cfg(test)] mod tests`), and `#[ignore]` marks nothing but a test there.
  if (file.cls.source && file.cls.language === 'rust')
    scanLines(sink, SKIPPED, file, file.added, 'new', SKIP_PATTERNS, /ignore/);
  if (!file.cls.test) return;
  scanLines(
    sink,
    SKIPPED,
    file,
    file.added.filter((l) => !platformGuarded(file, l)),
    'new',
    SKIP_PATTERNS,
    /skip|only|todo|xit|xdescribe|xtest|xcontext|fit|fdescribe|ftest|Skip|Ignore|Disabled|Inconclusive|ignore|pending|xfail|expectedFailure/,
  );
}

/**
 * A skip that depends on where the test runs (`if runtime.GOOS == "windows" { t.Skip(...) }`, `it.skipIf(process.platform
 * === 'win32')`, `if testing.Short()`, a tool or variable that is absent): the test runs wherever it can, so nothing
 * was switched off. Read from the skip's own line and the two lines above it.
 */
const PLATFORM =
  /\bruntime\.GOOS\b|\btesting\.Short\(\)|\bos\.(?:Getenv|LookupEnv)\b|\bexec\.LookPath\b|\bprocess\.(?:platform|env)\b|\bos\.platform\(\)|\bsys\.platform\b|\bplatform\.system\(\)|\bcfg!\s*\(\s*(?:windows|unix|target_os)|\b(?:on|under|for) (?:windows|macos|darwin|linux)\b|\bshort mode\b|\bnot (?:available|installed|supported|found|(?:in|on) (?:the )?\$?PATH)\b|\bshutil\.which\b/i;

function platformGuarded(file: ChangeFile, l: ChangeLine): boolean {
  return PLATFORM.test(l.text) || linesBefore(file, l, 2).some((t) => PLATFORM.test(t));
}

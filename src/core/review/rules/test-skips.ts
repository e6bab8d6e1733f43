/**
 * Skipped or focused tests: framework skips and focus markers per language, Rust's `#[ignore]` on inline tests in
 * src/. Skips whose condition depends on where the test runs are left alone (the test still runs wherever it can),
 * or reported low when the condition is a secret CI may lack.
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { linesBefore, sideLinesFrom, wholeCall } from '../model/change';
import type { Finding } from '../types';
import { FindingSink, LinePattern, RuleMeta, quote, scanLines } from './rule';

export const SKIPPED: RuleMeta = {
  id: 'test-skipped',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'tests',
  title: 'Test skipped or focused',
  whatToDo:
    'Remove the skip or focus, or link an issue saying why the test cannot run; a focused test silently turns the rest of the suite off.',
};

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
    re: /@pytest\.mark\.(?:skip|skipif|xfail)\b|\bpytest\.(?:skip|xfail)\s*\(|@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b|\braise\s+(?:unittest\.)?SkipTest\b|\bself\.skipTest\s*\(/,
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
  const plain: ChangeLine[] = [];
  for (const l of file.added) {
    const skip = sink.mayMatch(l) && SKIP_WORDS.test(l.text) ? environmentSkip(file, l) : undefined;
    if (!skip) plain.push(l);
    else if (skip.credential)
      sink.line(
        SKIPPED,
        file,
        l,
        'new',
        'low',
        `skipped unless ${skip.credential} is set: ${quote(skip.condition, 60)} ${RUNS_ONLY_WHERE} the secret is, which CI may not have`,
      );
  }
  scanLines(sink, SKIPPED, file, plain, 'new', SKIP_PATTERNS, SKIP_WORDS);
}

const SKIP_WORDS =
  /skip|only|todo|xit|xdescribe|xtest|xcontext|fit|fdescribe|ftest|Skip|Ignore|Disabled|Inconclusive|ignore|pending|xfail|expectedFailure/;
const RUNS_ONLY_WHERE = 'runs only where';

/**
 * A `test-skipped` finding for a skip that depends on a secret in the environment: its severity is the rule's own
 * (low), not raised because the code under test changed (combine.ts): the test runs wherever the secret is.
 */
export function isSecretGatedSkip(f: Finding): boolean {
  return f.ruleId === SKIPPED.id && f.why.includes(RUNS_ONLY_WHERE);
}

/**
 * A skip that depends on where the test runs: the condition of `skipif(...)`/`skipIf(...)`/`skipUnless(...)`/
 * `it.skipIf(...)`/`@DisabledIfEnvironmentVariable`, or the `if` around `pytest.skip()`/`t.Skip()`/`this.skip()`,
 * reads the environment (a variable, the platform, the interpreter, an optional import, a tool on PATH, a file such
 * as a recorded cassette, short mode), or the skip's reason says what is missing. The test still runs wherever it
 * can, so nothing was switched off; undefined for a skip with no such condition (`@pytest.mark.skip`, `it.skip`,
 * `t.Skip()` at the top of a test). `credential`: the condition is a secret alone, with no recorded fallback.
 */
function environmentSkip(file: ChangeFile, l: ChangeLine): { condition: string; credential?: string } | undefined {
  const condition = conditionOf(file, l);
  if (condition === undefined) return undefined;
  // `skipif(True, ...)` is off everywhere, whatever its reason says.
  if (/^\s*\w*\s*\(\s*(?:True|true|1)\s*,?\s*$/.test(condition.replace(/\)\s*$/, ''))) return undefined;
  // The skip's message says what is missing (`t.Skip("rg is not in $PATH")` under `if getRg() == ""`,
  // `skipif(httpx is None, reason='httpx is not installed')`).
  const reason = PLATFORM.test(l.text);
  if (!ENVIRONMENT.test(condition) && !PLATFORM.test(condition) && !reason) return undefined;
  // A secret or a recorded cassette (`not KEY and not cassette.exists()`): the test runs from the recording.
  const secret = SECRET.exec(condition);
  const fallback = FILE_CHECK.test(condition);
  return { condition: condition.trim(), credential: secret && !fallback ? secret[0] : undefined };
}

/** The condition a skip depends on, as written, or undefined when it is unconditional. */
function conditionOf(file: ChangeFile, l: ChangeLine): string | undefined {
  const call = CONDITIONAL_CALL.exec(l.code);
  if (call) {
    // Only the call's own arguments (`it.skipIf(cond)('name', () => {...})` goes on into the test), without its
    // `reason=`: a reason saying "not available yet" is no condition.
    const text = wholeCall(sideLinesFrom(file, l, 'new', 10), l.code.slice(call.index));
    return firstArguments(text).split(/\b(?:reason|msg)\s*=/)[0];
  }
  // `cond ? it.skip : it`, `if (!docker) this.skip();`, `if not HAS_X: pytest.skip()`: on the same line.
  const before = l.code.slice(0, SKIP_CALL.exec(l.code)?.index ?? 0);
  if (/\bif\b|\?/.test(before)) return before;
  const indent = indentOf(l.text);
  const above = linesBefore(file, l, 6);
  for (let i = above.length - 1; i >= 0; i--) {
    const t = above[i];
    if (t.trim() === '' || indentOf(t) >= indent) continue;
    return /^\s*(?:\}\s*else\s+)?(?:if|elif|unless)\b/.test(t) ? t : undefined;
  }
  return undefined;
}

const CONDITIONAL_CALL =
  /\b(?:skipif|skipIf|skipUnless|runIf)\s*\(|@(?:DisabledIf|EnabledIf|DisabledOn|EnabledOn)\w*\s*\(/;
const SKIP_CALL = /\b(?:pytest\.skip|skipTest|SkipTest|[tb]\.Skip\w*|this\.skip|(?:it|test|describe)\.skip)\b/;

/** What a skip condition reads from where the test runs. */
const ENVIRONMENT =
  /\bos\.(?:environ|getenv|Getenv|LookupEnv)\b|\bgetenv\b|\bprocess\.(?:env|platform|arch)\b|\benv::var\b|\bSystem\.getenv\b|\bEnvironment\.GetEnvironmentVariable\b|\bsys\.(?:platform|version_info|implementation|maxsize)\b|\bplatform\.\w+\s*\(|\bos\.name\b|\bos\.platform\(\)|\bruntime\.(?:GOOS|GOARCH)\b|\bcfg!\s*\(|\btesting\.Short\(\)|\bshutil\.which\b|\bexec\.LookPath\b|\bwhich::which\b|\bfind_spec\b|import|installed|available|\bHAS_\w+|\bhas_\w+|\bIS_(?:WINDOWS|MACOS|MAC|LINUX|CI|PYPY)\b|\bis_(?:windows|macos|linux|ci|pypy)\b|\bisWindows\b|\bcuda\b|\bdocker\b|^\w*\(\s*(?:not\s+)?\w+\s+is\s+(?:not\s+)?None\b|EnvironmentVariable|SystemProperty|\bOS\.\w+|\bJRE\b/i;
/** A file that may be there or not: a recorded cassette or fixture lets the test run without the secret. */
const FILE_CHECK =
  /\.(?:exists|is_file|isfile|is_dir)\s*\(|\bos\.path\.(?:exists|isfile)\b|\bexistsSync\b|\bos\.Stat\b|cassette/i;
/** A secret's name in a condition. */
const SECRET = /\b[A-Z][A-Z0-9_]*(?:API_KEY|APIKEY|TOKEN|SECRET|PASSWORD|CREDENTIALS?|ACCESS_KEY)\b/;
/** The callee and the arguments of the first call in `text`, up to its closing parenthesis. */
function firstArguments(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(0, i + 1);
  }
  return text;
}

function indentOf(t: string): number {
  return /^\s*/.exec(t)![0].replace(/\t/g, '    ').length;
}

/**
 * Words of a skip's own line that say it depends on where the test runs (`t.Skip("rg is not in $PATH")`,
 * `runtime.GOOS`, `testing.Short()`), read when the skip has a condition.
 */
const PLATFORM =
  /\bruntime\.GOOS\b|\btesting\.Short\(\)|\bos\.(?:Getenv|LookupEnv)\b|\bexec\.LookPath\b|\bprocess\.(?:platform|env)\b|\bos\.platform\(\)|\bsys\.platform\b|\bplatform\.system\(\)|\bcfg!\s*\(\s*(?:windows|unix|target_os)|\b(?:on|under|for) (?:windows|macos|darwin|linux)\b|\bshort mode\b|\bnot (?:available|installed|supported|found|(?:in|on) (?:the )?\$?PATH)\b|\bshutil\.which\b/i;

/** Silenced checks: lint and type-check suppressions, `any` casts, disabled compiler strictness, scanner opt-outs. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { linesAfter, movedLines } from '../model/change';
import { baseName, type Language } from '../model/paths';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, scanLines } from './rule';
import { suppressesStyleOnly } from './suppression-codes';

const SUPPRESSED: RuleMeta = {
  id: 'check-suppressed',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'suppressed-checks',
  title: 'Lint or type check silenced',
  whatToDo:
    'Fix what the check reports; keep a suppression only with a narrow scope and a comment saying why it is wrong here.',
};

const PATTERNS: readonly LinePattern[] = [
  {
    re: /\beslint-disable(?!-next-line|-line)\b/,
    part: 'comment',
    severity: 'medium',
    label: 'turns lint off for the rest of the file',
  },
  { re: /\beslint-disable(?:-next-line|-line)\b/, part: 'comment', severity: 'low', label: 'lint suppressed' },
  { re: /@ts-nocheck\b/, part: 'comment', severity: 'medium', label: 'type checking off for the file' },
  { re: /@ts-(?:ignore|expect-error)\b/, part: 'comment', severity: 'low', label: 'type error suppressed' },
  {
    re: /\bas\s+any\b|<any>\s*\w|:\s*any\b(?!\w)/,
    langs: ['js'],
    severity: 'low',
    label: '`any` switches type checking off for this value',
  },
  {
    re: /(?:c8|v8|istanbul)\s+ignore\b/,
    part: 'comment',
    langs: ['js'],
    severity: 'low',
    label: 'excluded from coverage',
  },
  {
    re: /\btype:\s*ignore\b|\bmypy:\s*ignore-errors\b|\bpyright:\s*ignore\b/,
    part: 'comment',
    langs: ['py'],
    severity: 'low',
    label: 'type error suppressed',
  },
  // Naming and line-length codes (N8xx, E501, E741) mark deliberate names such as wire-format fields, not hidden bugs.
  {
    re: /\bnoqa\b(?!\s*:\s*(?:N8\d\d|E501|E741|A00\d)(?:\s*,\s*(?:N8\d\d|E501|E741|A00\d))*\b)|\bpylint:\s*disable\b(?!\s*=\s*(?:invalid-name|line-too-long)\b)/,
    part: 'comment',
    langs: ['py'],
    severity: 'low',
    label: 'lint suppressed',
  },
  // A coverage pragma silences no check: it keeps lines out of the coverage figure (see coverageOfGuard).
  { re: /\bpragma:\s*no\s*cover\b/, part: 'comment', langs: ['py'], severity: 'low', label: 'excluded from coverage' },
  { re: /\bcast\s*\(\s*Any\b/, langs: ['py'], severity: 'low', label: 'cast to Any switches type checking off' },
  {
    re: /#?\bnosec\b|\bNOSONAR\b|\bnosemgrep\b|\bgitleaks:allow\b|\bcodeql\[/,
    part: 'comment',
    severity: 'medium',
    label: 'security scanner told to look away',
  },
  { re: /\bnolint\b/, part: 'comment', langs: ['go'], severity: 'low', label: 'lint suppressed' },
  {
    re: /@SuppressWarnings\s*\(|@SuppressFBWarnings\b|@Suppress\s*\(/,
    langs: ['java'],
    severity: 'low',
    label: 'compiler or analyser warning suppressed',
  },
  {
    re: /#pragma\s+warning\s+disable\b|\[SuppressMessage\s*\(|#nullable\s+disable\b/,
    langs: ['cs'],
    severity: 'low',
    label: 'compiler or analyser warning suppressed',
  },
  { re: /#!?\[allow\s*\(/, langs: ['rust'], severity: 'low', label: 'compiler lint allowed' },
  {
    re: /#\s*pragma\s+(?:GCC|clang)\s+diagnostic\s+ignored\b/,
    langs: ['c'],
    severity: 'low',
    label: 'compiler warning suppressed',
  },
];

const CONFIG_PATTERNS: readonly LinePattern[] = [
  {
    re: /"(?:strict|noImplicitAny|strictNullChecks|noImplicitReturns|noUnusedLocals)"\s*:\s*false/,
    part: 'text',
    severity: 'medium',
    label: 'compiler strictness turned off',
  },
  {
    re: /"(?:skipLibCheck|allowJs)"\s*:\s*true|"checkJs"\s*:\s*false|ignoreBuildErrors\s*:\s*true|ignoreDuringBuilds\s*:\s*true/,
    part: 'text',
    severity: 'low',
    label: 'build ignores type or lint errors',
  },
  {
    re: /['"][@\w/-]+['"]\s*:\s*(?:['"]off['"]|0)\s*,?\s*$|\bdisable_error_code\b|\bignore_errors\s*=\s*true\b|^\s*(?:extend-)?ignore\s*=/i,
    part: 'text',
    severity: 'low',
    label: 'lint or type rule disabled in configuration',
  },
];

/**
 * In tests only what turns a check off for a whole file, or tells a security scanner to look away, is worth a look.
 * A one-line type or lint suppression there (`@ts-expect-error` to pass a wrong type on purpose, `nolint:errcheck` on
 * a fake server's write, `pyright: ignore` to reach a private member, a coverage pragma on a helper) is how tests
 * probe the code; it hides nothing from the product.
 */
const TEST_FILE_PATTERNS: readonly LinePattern[] = PATTERNS.filter((p) => p.severity !== 'low');

/**
 * A file that builds a `Proxy` or a typed wrapper (`Reflect.get`, `(...args: Parameters<T>)`): indexing a target by
 * a `string | symbol` key or forwarding any call cannot be typed without `any`, so the `any` suppressions it needs
 * are expected there (gemini-cli #28470: five around a `Proxy` over `process.env`).
 */
const WRAPPER =
  /\bnew\s+Proxy\s*[(<]|\bReflect\.(?:get|set|apply|construct|has|deleteProperty|defineProperty|ownKeys)\s*\(|\bParameters<|\bReturnType</;
/** `eslint-disable` naming only the `any` and unsafe-`any` rules of typescript-eslint. */
const ANY_RULES_ONLY =
  /\beslint-disable(?:-next-line|-line)\s+@typescript-eslint\/(?:no-explicit-any|no-unsafe-[\w-]+)(?:\s*,\s*@typescript-eslint\/(?:no-explicit-any|no-unsafe-[\w-]+))*\s*(?:--.*|\*\/\s*)?$/;
const ANY_CAST = /\bas\s+any\b|<any>\s*\w|:\s*any\b(?!\w)/;
const WRAPPER_ANY: readonly LinePattern[] = [
  {
    re: /\beslint-disable(?:-next-line|-line)\b|\bas\s+any\b|<any>\s*\w|:\s*any\b(?!\w)/,
    part: 'text',
    severity: 'info',
    label: '`any` where a Proxy or typed wrapper needs it',
  },
];

/** An `any` suppression only (no other rule named, nothing else silenced on the line). */
function anyOnly(l: { code: string; comment: string }): boolean {
  const comment = l.comment.trim();
  if (comment !== '' && /eslint-disable|@ts-|istanbul|c8|v8/.test(comment)) return ANY_RULES_ONLY.test(comment);
  return ANY_CAST.test(l.code);
}

/**
 * Lines whose shape says no test can run them, or that exclude no more than one statement: a `raise` (the last
 * statement of a failure path; the condition that leads there is still measured), a stub body (`def f(self) -> None: ...`, a lone `...` or `pass`), the
 * bare `yield` that makes an abstract method a generator, and a further arm of a type dispatch (`elif isinstance(part,
 * SpeechPart):`, `case SpeechPart():`) that names one variant a converter never receives, the same promise
 * `assert_never` makes for the rest (pydantic-ai #6324: a new message part threaded through every model's mapping,
 * 28 such arms in 17 files). A first `if`, an `except`, or a value test (`elif part.kind == 'audio':`) stays reported:
 * that is logic a test could reach.
 */
const UNREACHABLE_BY_SHAPE =
  /^\s*(?:raise\b|(?:.*\)\s*(?:->\s*[^:]+)?:\s*)?(?:\.\.\.|pass)\s*$|yield\s*$|elif\s+(?:not\s+)?isinstance\s*\(\s*[\w.]+\s*,\s*[\w.]+\s*\)\s*:\s*$|case\s+[\w.]+\s*\([^)]*\)\s*:\s*$)/;

/**
 * `# pragma: no cover` alone on an import guard or an unreachable marker (`except ImportError:`, `raise
 * AssertionError(...)`, `assert_never(x)`, `if TYPE_CHECKING:`): lines no test environment can reach, kept out of the
 * coverage figure by design; nothing is silenced (pydantic-ai's optional-dependency guards). The same for a script's
 * entry point (`if __name__ == "__main__":`, run by hand, never by a test), and for any coverage pragma that says why
 * on the line (`# pragma: no cover - depends on the host's time zone data`): a coverage exclusion hides a figure, not
 * a check, and with its reason written it is what the rule asks for (pydantic-ai #6676's example app).
 */
function coverageOfGuard(l: { code: string; comment: string }, next: readonly string[]): boolean {
  const comment = l.comment.replace(/^\s*#\s*/, '').trim();
  const pragma = /^pragma:\s*no\s*(?:cover|branch)\b\s*(.*)$/.exec(comment);
  if (!pragma) return false;
  if (/^(?:[-:(#]|--)\s*\w+\W+\w+/.test(pragma[1])) return true;
  if (pragma[1] !== '') return false;
  // The reason written as a comment on the line right below (`else:  # pragma: no cover` then `# an invariant
  // fallback: nothing withdraws an anchored message`), or the body is an optional dependency's missing-import error.
  if (next.length > 0 && /^\s*#\s*[`'"(]?\w+\W+\w+\W+\w+/.test(next[0])) return true;
  if (next.length > 0 && /^\s*raise\s+(?:ImportError|ModuleNotFoundError)\b/.test(next[0])) return true;
  return (
    /^\s*(?:except\b[^:]*\b(?:ImportError|ModuleNotFoundError)\b|raise\s+(?:AssertionError|NotImplementedError)\b|(?:typing\.)?assert_never\s*\(|if\s+(?:typing\.)?TYPE_CHECKING\b|if\s+__name__\s*==\s*['"]__main__['"]\s*:)/.test(
      l.code,
    ) || UNREACHABLE_BY_SHAPE.test(l.code)
  );
}

/** A word every pattern of PATTERNS and TEST_FILE_PATTERNS needs. */
const CHEAP =
  /eslint|@ts-|any|ignore|noqa|pylint|pragma|cast|nosec|NOSONAR|nosemgrep|gitleaks|codeql|nolint|Suppress|nullable|allow/;

export const suppressionRules: RuleFamily = {
  name: 'suppressed-checks',
  rules: [SUPPRESSED],
  triggers: [
    'eslint',
    '@ts-',
    'any',
    'ignore',
    'noqa',
    'pylint',
    'pragma',
    'cast',
    'nosec',
    'nosonar',
    'nosemgrep',
    'gitleaks',
    'codeql',
    'nolint',
    'suppress',
    'nullable',
    'allow',
    'strict',
    'implicit',
    'unused',
    'skiplibcheck',
    'checkjs',
    'off',
    ': 0',
    'disable_error_code',
    'ignore_errors',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (
        file.cls.config ||
        /^(?:tsconfig[^/]*|jsconfig)\.json$|^\.?eslint|^(?:pyproject\.toml|setup\.cfg|mypy\.ini|\.flake8|ruff\.toml)$/i.test(
          baseName(file.path),
        )
      ) {
        // A configuration file added whole is new code's baseline (`skipLibCheck` in a new service's tsconfig.json):
        // only turning strictness off (medium) is worth a look there; in an existing file every loosening is.
        scanLines(
          sink,
          SUPPRESSED,
          file,
          file.added,
          'new',
          file.diff.status === 'added' ? CONFIG_PATTERNS.filter((p) => p.severity !== 'low') : CONFIG_PATTERNS,
        );
        if (!file.cls.source) continue;
      }
      if (file.cls.source || file.cls.test) {
        // Moved lines are told apart only where a pattern may match (most files have no such line).
        const candidates = file.added.filter((l) => CHEAP.test(l.text));
        if (candidates.length === 0) continue;
        const moved = movedLines(file);
        const patterns = file.cls.test ? TEST_FILE_PATTERNS : PATTERNS;
        const kept = keptSuppressions(file, candidates, patterns);
        const fresh = candidates.filter(
          (l) =>
            !moved.has(l.line) &&
            !kept.has(l) &&
            !suppressesStyleOnly(l.text) &&
            !coverageOfGuard(l, linesAfter(file, l, 1)),
        );
        const head = change.context.headText?.get(file.path);
        const wrapper =
          file.cls.language === 'js' &&
          !file.cls.test &&
          (head !== undefined ? WRAPPER.test(head) : file.added.some((l) => WRAPPER.test(l.code)));
        const expected = wrapper ? fresh.filter(anyOnly) : [];
        scanLines(
          sink,
          SUPPRESSED,
          file,
          fresh.filter((l) => !expected.includes(l)),
          'new',
          patterns,
        );
        // Folded with the file's other suppressions (one finding per file with a count); info, so it never leads.
        scanLines(sink, SUPPRESSED, file, expected, 'new', WRAPPER_ANY);
      }
    }
  },
};

/**
 * The suppression a matched line carries: the marker with what follows it in the comment (`pyright:
 * ignore[reportArgumentType]`, `eslint-disable-next-line no-console`), or the code that silences (`cast(Any`).
 */
function markerOf(l: ChangeLine, patterns: readonly LinePattern[], lang: Language): string | undefined {
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i];
    if (p.langs && !p.langs.includes(lang)) continue;
    const hay = p.part === 'comment' ? l.comment : p.part === 'text' ? l.text : l.code;
    const m = p.re.exec(hay);
    if (m) return `${i}\u0000${p.part === 'comment' ? hay.slice(m.index).trim() : m[0]}`;
  }
  return undefined;
}

/**
 * Added lines that keep a suppression their replaced line had: the same marker on a removed line of the same hunk,
 * one for one (a `cast(Any, …)` whose argument changed, a call rewritten around its `# type: ignore[code]`). Nothing
 * is newly silenced there; a second copy, or a marker with other codes, is still new.
 */
function keptSuppressions(
  file: ChangeFile,
  candidates: readonly ChangeLine[],
  patterns: readonly LinePattern[],
): Set<ChangeLine> {
  const kept = new Set<ChangeLine>();
  if (file.removed.length === 0) return kept;
  const lang = file.cls.language;
  const pool = new Map<string, number>();
  for (const r of file.removed) {
    if (!CHEAP.test(r.text)) continue;
    const marker = markerOf(r, patterns, lang);
    if (marker !== undefined) pool.set(`${r.hunk}\u0000${marker}`, (pool.get(`${r.hunk}\u0000${marker}`) ?? 0) + 1);
  }
  if (pool.size === 0) return kept;
  for (const l of candidates) {
    const marker = markerOf(l, patterns, lang);
    if (marker === undefined) continue;
    const key = `${l.hunk}\u0000${marker}`;
    const left = pool.get(key) ?? 0;
    if (left > 0) {
      pool.set(key, left - 1);
      kept.add(l);
    }
  }
  return kept;
}

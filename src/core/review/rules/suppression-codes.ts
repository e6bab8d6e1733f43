/**
 * Suppressions that name only style and hygiene checks: a private member reached on purpose, an unused function kept
 * for a registry, a long line, a name a wire format dictates, complexity limits, types a strict checker could not
 * infer from an untyped library. On real pull requests these are how a project states a deliberate choice, many per
 * change, and a reviewer gains nothing from each of them. What stays reported: suppressions with no code (everything
 * on the line is silenced), and codes that hide behaviour (a wrong argument type, an unchecked error, a security
 * check, a missing await).
 */

/** Checks whose finding is about form, naming, size or inference, per tool; lower-cased, `*` ends a prefix. */
const STYLE_CODES: readonly string[] = [
  // pyright
  'reportprivateusage',
  'reportprivateimportusage',
  'reportunused*',
  'reportunknown*',
  'reportmissingtypestubs',
  'reportmissingmodulesource',
  'reportmissingparametertype',
  'reportmissingtypeargument',
  'reportdeprecated',
  'reportimplicitoverride',
  'reportmissingsupercall',
  'reportunnecessary*',
  'reportconstantredefinition',
  'reportimportcycles',
  'reporttypecommentusage',
  // mypy
  'import',
  'import-untyped',
  'import-not-found',
  'unused-ignore',
  'no-untyped-def',
  'no-untyped-call',
  // ruff / flake8 / pylint codes and names
  'n8*',
  'e501',
  'e741',
  'e402',
  'a00*',
  'f401',
  'd1*',
  'd2*',
  'd4*',
  'c901',
  'plr09*',
  'plr2004',
  'plc0415',
  'arg00*',
  'slf001',
  't201',
  'era001',
  'fbt00*',
  'invalid-name',
  'line-too-long',
  'too-many-*',
  'too-few-public-methods',
  'missing-*-docstring',
  'protected-access',
  'unused-*',
  'import-outside-toplevel',
  'wrong-import-position',
  // eslint
  'no-console',
  'no-unused-vars',
  '@typescript-eslint/no-unused-vars',
  '@typescript-eslint/naming-convention',
  'camelcase',
  'max-len',
  'max-lines',
  'max-lines-per-function',
  'max-params',
  'max-depth',
  'complexity',
  'import/order',
  'import/no-default-export',
  '@typescript-eslint/no-var-requires',
  '@typescript-eslint/no-require-imports',
  // rustc / clippy
  'dead_code',
  'unused*',
  'non_snake_case',
  'non_camel_case_types',
  'non_upper_case_globals',
  'clippy::too_many_arguments',
  'clippy::too_many_lines',
  'clippy::type_complexity',
  'clippy::large_enum_variant',
  'clippy::module_name_repetitions',
  'clippy::new_without_default',
  'clippy::struct_excessive_bools',
  'clippy::fn_params_excessive_bools',
  'clippy::doc_markdown',
  'clippy::missing_errors_doc',
  'clippy::missing_panics_doc',
  'clippy::must_use_candidate',
  'clippy::similar_names',
  'clippy::items_after_statements',
  'clippy::wildcard_imports',
  'clippy::print_stdout',
  'clippy::print_stderr',
  'clippy::needless_pass_by_value',
  // golangci-lint
  'lll',
  'funlen',
  'gocyclo',
  'gocognit',
  'cyclop',
  'nestif',
  'maintidx',
  'revive',
  'stylecheck',
  'godot',
  'gofmt',
  'goimports',
  'gofumpt',
  'whitespace',
  'wsl',
  'nlreturn',
  'unparam',
  'unused',
  'deadcode',
  'dupl',
  'mnd',
  'gomnd',
  'goconst',
  'misspell',
  'nakedret',
  'varnamelen',
  'ireturn',
  'exhaustruct',
  'gochecknoglobals',
  'gochecknoinits',
  'interfacebloat',
  'prealloc',
  'paralleltest',
  'tparallel',
  // javac / checkstyle ('unused' is above)
  'checkstyle:*',
];

function isStyle(code: string): boolean {
  const c = code.trim().toLowerCase();
  return STYLE_CODES.some((s) => (s.endsWith('*') ? c.startsWith(s.slice(0, -1)) : c === s));
}

/**
 * The codes a suppression on this line names, or null when it names none (a bare `# type: ignore`, `@ts-ignore`,
 * `//nolint`, `eslint-disable-next-line` without rules: everything is silenced).
 */
function suppressedCodes(text: string): string[] | null {
  const lists = [
    /\b(?:pyright|type):\s*ignore\[([^\]]+)\]/.exec(text)?.[1],
    /\bnoqa\s*:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)/i.exec(text)?.[1],
    /\bpylint:\s*disable\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*)/.exec(text)?.[1],
    /\beslint-disable(?:-next-line|-line)?\s+((?:@?[\w/-]+)(?:\s*,\s*@?[\w/-]+)*)/.exec(text)?.[1],
    /#\[allow\s*\(([^)]*)\)/.exec(text)?.[1],
    /\bnolint:([\w,-]+)/.exec(text)?.[1],
    /@SuppressWarnings\s*\(\s*\{?\s*((?:"[^"]*"\s*,?\s*)+)\}?\s*\)/.exec(text)?.[1]?.replace(/"/g, ''),
  ].filter((l): l is string => l !== undefined);
  if (lists.length === 0) return null;
  return lists.flatMap((l) => l.split(/[\s,]+/)).filter(Boolean);
}

/** A suppression on the line that names no code at all: it silences everything there. */
const BARE =
  /\b(?:type|pyright):\s*ignore\b(?!\[)|\bnoqa\b(?!\s*:)|\bnolint\b(?!:)|@ts-(?:ignore|expect-error|nocheck)\b|\beslint-disable(?:-next-line|-line)?\s*(?:\*\/|--|$)|\bnosec\b|\bNOSONAR\b|\bnosemgrep\b/;

/** A suppression that names only style and hygiene checks (see the module comment). */
export function suppressesStyleOnly(text: string): boolean {
  // Most added lines hold no suppression at all: one cheap test before the per-tool patterns.
  if (!/ignore|noqa|pylint|eslint|allow|nolint|Suppress/.test(text)) return false;
  // A whole file or module silenced (`#![allow(dead_code)]`, `/* eslint-disable max-lines */`) can hide that all of it
  // is unused or unreviewable: reported whatever it names.
  if (BARE.test(text) || /#!\[allow|\beslint-disable(?!-next-line|-line)\b/.test(text)) return false;
  const codes = suppressedCodes(text);
  return codes !== null && codes.length > 0 && codes.every(isStyle);
}

/**
 * Where a manifest line sits (its section, its array) and what that says about the dependency: needed at run time by
 * users, or only for development, tests, docs (`dev`) or the build (`build`), which never reach a user's install.
 */
import type { ChangeFile, ChangeLine } from '../model/change';

export type DependencyKind = 'runtime' | 'dev' | 'build';

/** Optional-dependency groups and requirement files named for development work, not for users. */
const DEV_NAME =
  /^(?:dev|devel|develop|development|tests?|testing|docs?|documentation|lint|linting|typing|types|mypy|style|format|ci|bench|benchmarks?|coverage|cov|check|qa|examples?|tools?)(?:[-_.].*)?$|[-_.](?:dev|tests?|docs?|lint|ci)$/i;

/**
 * Folders that hold deployed services in some repositories (gemini-cli's `tools/caretaker-agent/cloudrun/…`, a Cloud
 * Run job's own requirements.txt) and developer tooling in others: a requirement file's folder named so says nothing.
 */
const SERVICE_OR_TOOLING = /^tools?$/;
/** An evaluation harness's folder (an LLM eval's judge and runner): developer tooling, as tier.ts counts it. */
const EVAL_FOLDER = /^evals?$/;

/** requirements-dev.txt, dev-requirements.txt, requirements/test.txt, docs/requirements.txt. */
export function requirementsKind(path: string): DependencyKind {
  const parts = path.toLowerCase().split('/');
  const stem = parts[parts.length - 1]
    .replace(/\.(txt|in)$/, '')
    .replace(/^requirements[-_.]?|[-_.]?requirements$/g, '');
  const devFolder = parts
    .slice(0, -1)
    .some((p) => (DEV_NAME.test(p) && !SERVICE_OR_TOOLING.test(p)) || EVAL_FOLDER.test(p));
  return (stem !== '' && DEV_NAME.test(stem)) || devFolder ? 'dev' : 'runtime';
}

/**
 * A pyproject/Pipfile section and array key: `[dependency-groups]` (PEP 735, never installed by users), poetry's
 * non-main groups, uv/pdm dev-dependencies, Pipfile dev-packages and optional-dependency groups named dev/test/docs
 * are development only, and so is an array named for development whose table the hunk does not show; the rest is
 * runtime (an extra a user can install is runtime).
 */
export function pythonGroupKind(section: string | null, key: string | null): DependencyKind {
  // The hunk shows the array but not its table: `check = [` is a dependency group or an extra named for development
  // either way (uv #21204: a tool added to the `check` group read as a runtime dependency).
  if (section === null) return key !== null && DEV_NAME.test(key) ? 'dev' : 'runtime';
  if (section === 'dependency-groups' || /(^|\.)dev-(?:dependencies|packages)$/.test(section)) return 'dev';
  const poetry = /\.group\.([^.]+)\.dependencies$/.exec(section);
  if (poetry) return poetry[1] === 'main' ? 'runtime' : 'dev';
  if (key === 'dev-dependencies') return 'dev';
  if (section === 'project.optional-dependencies' && key !== null && DEV_NAME.test(key)) return 'dev';
  return 'runtime';
}

/**
 * The innermost open section above a line inside its hunk, on the line's own side (`new` skips removed lines, `old`
 * skips added ones): the nearest `open` match not closed by a `close` match in between (JSON), or simply the nearest
 * `open` match when `close` is null (TOML headers, XML parents). On the new side, a manifest whose hunk starts inside
 * the section is read at the head (`manifestHead`). Null when neither shows one.
 */
export function sectionOf(
  file: ChangeFile,
  at: ChangeLine,
  side: 'new' | 'old',
  open: RegExp,
  close: RegExp | null,
): string | null {
  const lines = file.diff.hunks[at.hunk].lines;
  const other = side === 'new' ? 'del' : 'add';
  const inHunk = enclosing(
    (function* () {
      for (let i = at.index - 1; i >= 0; i--) if (lines[i].kind !== other) yield lines[i].text;
    })(),
    open,
    close,
  );
  if (inHunk !== null || side !== 'new' || file.manifestHead === undefined) return inHunk;
  // The hunk starts inside the section (`"vitest": "^3"` added in the middle of devDependencies): read the head.
  const head = file.manifestHead.split('\n');
  return enclosing(
    (function* () {
      for (let i = Math.min(at.line - 2, head.length - 1); i >= 0; i--) yield head[i];
    })(),
    open,
    close,
  );
}

/** The nearest section opened above, walking `above` (nearest first), skipping sections that close on the way. */
function enclosing(above: Iterable<string>, open: RegExp, close: RegExp | null): string | null {
  let depth = 0;
  for (const t of above) {
    if (close && close.test(t)) {
      depth++;
      continue;
    }
    const m = open.exec(t);
    if (m) {
      if (depth === 0) return m[1];
      depth--;
    }
  }
  return null;
}

/** The key of the TOML array an item line sits in (`dev = [` above it), or null when the hunk does not show it. */
export function arrayKeyOf(file: ChangeFile, at: ChangeLine, side: 'new' | 'old'): string | null {
  const lines = file.diff.hunks[at.hunk].lines;
  const other = side === 'new' ? 'del' : 'add';
  const inHunk = arrayKey(
    (function* () {
      for (let i = at.index - 1; i >= 0; i--) if (lines[i].kind !== other) yield lines[i].text;
    })(),
  );
  if (inHunk !== undefined || side !== 'new' || file.manifestHead === undefined) return inHunk ?? null;
  // The hunk starts inside the array (`dependencies = [` above it): read the head, as sectionOf does.
  const head = file.manifestHead.split('\n');
  return (
    arrayKey(
      (function* () {
        for (let i = Math.min(at.line - 2, head.length - 1); i >= 0; i--) yield head[i];
      })(),
    ) ?? null
  );
}

/** The key of the array the lines above open (nearest first); null when a table or the array's end comes first. */
function arrayKey(above: Iterable<string>): string | null | undefined {
  for (const t of above) {
    if (/^\s*\[/.test(t) || /^\s*\]/.test(t)) return null;
    const m = /^\s*["']?([\w.-]+)["']?\s*=\s*\[/.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/** Classifies changed paths (test, CI, manifest, lockfile, ...) and guesses each file's language from its name. */
import type { Ecosystem } from '../types';

export type Language =
  | 'js'
  | 'py'
  | 'go'
  | 'java'
  | 'cs'
  | 'rust'
  | 'ruby'
  | 'php'
  | 'c'
  | 'shell'
  | 'sql'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'xml'
  | 'markdown'
  | 'hcl'
  | 'dockerfile'
  | 'other';

/** How comments start in a language family; drives the code/comment split. */
export type CommentStyle = 'slash' | 'hash' | 'sql' | 'markup' | 'none';

export interface FileClass {
  readonly language: Language;
  readonly comments: CommentStyle;
  readonly test: boolean;
  readonly ci: boolean;
  readonly iac: boolean;
  readonly manifest: Ecosystem | null;
  readonly lockfile: Ecosystem | null;
  readonly ownership: boolean;
  readonly agentConfig: boolean;
  readonly docs: boolean;
  readonly vendored: boolean;
  readonly generated: boolean;
  readonly migration: boolean;
  readonly config: boolean;
  /** Program code that is not a test: where production behaviour lives. */
  readonly source: boolean;
}

const EXT_LANG: Record<string, Language> = {
  ts: 'js',
  tsx: 'js',
  js: 'js',
  jsx: 'js',
  mjs: 'js',
  cjs: 'js',
  mts: 'js',
  cts: 'js',
  vue: 'js',
  svelte: 'js',
  py: 'py',
  pyi: 'py',
  go: 'go',
  java: 'java',
  kt: 'java',
  kts: 'java',
  scala: 'java',
  groovy: 'java',
  gradle: 'java',
  cs: 'cs',
  rs: 'rust',
  rb: 'ruby',
  php: 'php',
  c: 'c',
  h: 'c',
  cc: 'c',
  cpp: 'c',
  hpp: 'c',
  cxx: 'c',
  swift: 'c',
  m: 'c',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ps1: 'shell',
  sql: 'sql',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  toml: 'toml',
  xml: 'xml',
  csproj: 'xml',
  props: 'xml',
  html: 'xml',
  htm: 'xml',
  md: 'markdown',
  mdx: 'markdown',
  rst: 'markdown',
  txt: 'markdown',
  tf: 'hcl',
  hcl: 'hcl',
  tfvars: 'hcl',
  ini: 'toml',
  cfg: 'toml',
  properties: 'toml',
  env: 'shell',
};

const COMMENTS: Record<Language, CommentStyle> = {
  js: 'slash',
  go: 'slash',
  java: 'slash',
  cs: 'slash',
  rust: 'slash',
  c: 'slash',
  php: 'slash',
  py: 'hash',
  ruby: 'hash',
  shell: 'hash',
  yaml: 'hash',
  toml: 'hash',
  hcl: 'hash',
  dockerfile: 'hash',
  sql: 'sql',
  xml: 'markup',
  markdown: 'none',
  json: 'none',
  other: 'hash',
};

const CODE_LANGS = new Set<Language>(['js', 'py', 'go', 'java', 'cs', 'rust', 'ruby', 'php', 'c', 'shell', 'sql']);

const MANIFESTS: Record<string, Ecosystem> = {
  'package.json': 'npm',
  'requirements.txt': 'pypi',
  'pyproject.toml': 'pypi',
  pipfile: 'pypi',
  'setup.py': 'pypi',
  'setup.cfg': 'pypi',
  'go.mod': 'go',
  'cargo.toml': 'cargo',
  'pom.xml': 'maven',
  'build.gradle': 'maven',
  'build.gradle.kts': 'maven',
  'directory.packages.props': 'nuget',
  'packages.config': 'nuget',
};

/** pip requirement files besides requirements.txt: requirements-dev.txt, dev-requirements.txt, requirements/test.txt. */
export const REQUIREMENTS_FILE =
  /(^|\/)(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$|(^|\/)requirements\/[^/]+\.(?:txt|in)$/i;

const LOCKFILES: Record<string, Ecosystem> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'npm',
  'pnpm-lock.yaml': 'npm',
  'bun.lock': 'npm',
  'poetry.lock': 'pypi',
  'pipfile.lock': 'pypi',
  'uv.lock': 'pypi',
  'pdm.lock': 'pypi',
  'go.sum': 'go',
  'cargo.lock': 'cargo',
  'gradle.lockfile': 'maven',
  'packages.lock.json': 'nuget',
};

const AGENT_CONFIG =
  /(^|\/)(agents\.md|claude\.md|gemini\.md|\.cursorrules|\.windsurfrules|\.clinerules|copilot-instructions\.md|\.?mcp\.json|\.aider\.conf\.ya?ml)$|(^|\/)(\.cursor\/rules|\.claude|\.github\/instructions|\.github\/prompts|\.continue|\.roo)\//i;
/**
 * A page of a documentation tree named in lower case for a model (`docs/realtime/gemini.md`, `docs/models/claude.md`):
 * the agents load their context file by its upper-case name (GEMINI.md, CLAUDE.md, AGENTS.md), so this is a user
 * page about the model, not instructions to an agent (pydantic-ai #6324's Gemini page read as agent instructions).
 */
const DOCS_PAGE_NAMED_FOR_A_MODEL = /(?:^|\/)(?:docs?|documentation)\/(?:[^/]+\/)*(?:agents|claude|gemini)\.md$/;
const CI =
  /(^|\/)(\.github\/workflows\/|\.github\/actions\/|\.circleci\/|\.buildkite\/|\.gitlab\/ci\/)|(^|\/)(\.gitlab-ci\.ya?ml|jenkinsfile|azure-pipelines\.ya?ml|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|cloudbuild\.ya?ml|\.pre-commit-config\.ya?ml)$|(^|\/)\.github\/dependabot\.ya?ml$/i;
const OWNERSHIP = /(^|\/)(codeowners|owners|owners_aliases|maintainers)$/i;
const IAC =
  /\.(tf|tfvars|hcl)$|(^|\/)(k8s|kubernetes|helm|charts|terraform|ansible|cloudformation|deploy|infra|manifests)\/.*\.(ya?ml|json)$|(^|\/)(dockerfile|docker-compose[^/]*\.ya?ml|compose\.ya?ml|serverless\.ya?ml|template\.ya?ml)$|(^|\/)dockerfile\.[^/]+$/i;
/**
 * Test directories, and test-support code by its package's name: a workspace member named for tests (`crates/uv-test/`,
 * `packages/e2e-tests/`) or a helper package anywhere (`internal/testutil/`, `test_utils/`, `test-support/`).
 */
const TEST_DIR =
  /(^|\/)(tests?|__tests__|spec|specs|testing|e2e|src\/test|testdata|fixtures|testutils?|test[-_](?:utils?|support|helpers?|harness))\/|(^|\/)(?:crates|packages|libs)\/[\w.-]+[-_]tests?\//i;
const TEST_NAME =
  /(\.(test|spec|e2e)\.[a-z]+$)|(_test\.(go|py|rb|exs?)$)|((^|\/)test_[^/]+\.py$)|((^|\/)conftest\.py$)|([A-Za-z0-9](Tests?|IT|Spec)\.(java|kt|cs|scala|groovy|swift)$)|(_spec\.rb$)/;
const DOCS = /\.(md|mdx|rst|adoc|txt)$|(^|\/)(docs?|documentation)\//i;
const VENDORED = /(^|\/)(vendor|third_party|third-party|node_modules|bower_components|external|Pods)\//;
const GENERATED =
  /(\.min\.(js|css)$)|(\.pb\.go$)|(_pb2(_grpc)?\.pyi?$)|(\.generated\.[a-z]+$)|(\.g\.(cs|dart)$)|(\.designer\.cs$)|((^|\/)(__generated__|generated|gen)\/)|((^|\/)(dist|build|out)\/[^/]+\.(js|css|map)$)|(\.snap$)/i;
const MIGRATION =
  /(^|\/)(migrations?|migrate|alembic\/versions|flyway|liquibase|changelogs?)\/|(^|\/)V\d+(_\d+)*__[^/]+\.sql$/i;
/**
 * Credential-broker grants: Octo STS trust policies (`.github/chainguard/*.sts.yaml`) and ost-simple-sts grant files
 * (`.github/ost-simple-sts.json`): which workflow may exchange its identity for a token with which permissions.
 */
export const BROKER_GRANT = /(?:^|\/)\.github\/(?:chainguard\/[^/]+\.sts\.ya?ml|[^/]*\bsts\b[^/]*\.(?:json|ya?ml))$/i;
const CONFIG =
  /(^|\/)(\.env(\.[^/]*)?|\.npmrc|\.yarnrc(\.yml)?|\.pypirc|pip\.conf|tsconfig[^/]*\.json|\.eslintrc[^/]*|eslint\.config\.[cm]?[jt]s|\.prettierrc[^/]*|\.golangci\.ya?ml|\.editorconfig|\.gitattributes|setup\.cfg|tox\.ini|pytest\.ini|mypy\.ini|\.flake8|\.pylintrc|ruff\.toml|application[^/]*\.(properties|ya?ml)|appsettings[^/]*\.json|web\.config|nuget\.config|settings\.py|\.babelrc|jest\.config\.[cm]?[jt]s|vite\.config\.[cm]?[jt]s|webpack\.config\.[cm]?[jt]s)$/i;

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

export function languageOf(path: string): Language {
  const base = baseName(path).toLowerCase();
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'dockerfile';
  if (base === 'jenkinsfile') return 'java';
  if (base === 'makefile') return 'shell';
  const dot = base.lastIndexOf('.');
  if (dot < 0) return 'other';
  return EXT_LANG[base.slice(dot + 1)] ?? 'other';
}

export function classifyPath(path: string): FileClass {
  const base = baseName(path).toLowerCase();
  const language = languageOf(path);
  const vendored = VENDORED.test(path);
  const generated = GENERATED.test(path);
  const lockfile = LOCKFILES[base] ?? null;
  const manifest =
    MANIFESTS[base] ??
    (/\.(csproj|fsproj|vbproj)$/.test(base) ? 'nuget' : REQUIREMENTS_FILE.test(path) ? 'pypi' : null);
  const docs = DOCS.test(path) && !CODE_LANGS.has(language) && !manifest && !lockfile;
  const test = !vendored && CODE_LANGS.has(language) && (TEST_NAME.test(path) || TEST_DIR.test(path));
  const ci = CI.test(path);
  return {
    language,
    comments: COMMENTS[language],
    test,
    ci,
    iac: IAC.test(path),
    manifest,
    lockfile,
    ownership: OWNERSHIP.test(path),
    agentConfig: AGENT_CONFIG.test(path) && !DOCS_PAGE_NAMED_FOR_A_MODEL.test(path),
    docs,
    vendored,
    generated,
    migration: MIGRATION.test(path),
    config: CONFIG.test(path) || ci || BROKER_GRANT.test(path),
    source: CODE_LANGS.has(language) && !test && !vendored && !generated,
  };
}

/**
 * The unit a source or test file is about, for pairing `src/foo.ts` with `test/foo.test.ts`, `foo_test.go`,
 * `test_foo.py`, `FooTest.java`, `FooTests.cs`. Lower-cased base name without test affixes and extension.
 */
export function unitKey(path: string): string {
  const base = baseName(path);
  const dot = base.indexOf('.');
  let stem = dot > 0 ? base.slice(0, dot) : base;
  stem = stem
    .replace(/^test_/, '')
    .replace(/_(test|spec)$/, '')
    .replace(/(Tests?|IT|Spec)$/, '');
  return stem.toLowerCase();
}

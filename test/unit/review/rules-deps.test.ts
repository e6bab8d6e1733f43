import * as assert from 'node:assert/strict';
import { lockfileNames } from '../../../src/core/review/rules/lockfiles';
import { CARGO_LOCK, GO_SUM, PACKAGE_LOCK, PNPM_LOCK, POETRY_LOCK, YARN_LOCK } from './fixtures/lockfiles';
import { Case, FileSpec, added, check, diffOf, findingsOf, headTextOf, review } from './helpers';

const npmDeps = (...lines: string[]): FileSpec => ({
  path: 'package.json',
  before: ['  "dependencies": {'],
  add: lines,
  after: ['  }'],
});
/** Hunks that start inside a section (the section's key is only in the head text, as src/git reads it). */
const DEV_MID_SECTION: FileSpec = {
  path: 'package.json',
  before: ['  "devDependencies": {', '    "eslint": "^9.0.0",', '    "prettier": "^3.0.0",'],
  hunks: [{ start: 40, before: ['    "typescript": "^5.6.0",'], add: ['    "vitest": "^3.2.0",'], after: ['  }'] }],
};
const RUNTIME_MID_SECTION: FileSpec = {
  path: 'package.json',
  before: ['  "dependencies": {', '    "react": "^19.0.0",'],
  hunks: [{ start: 40, before: ['    "zod": "^3.23.0",'], add: ['    "left-pad": "^1.3.0",'], after: ['  }'] }],
};
/** A build plugin's table that supplies the project's dependencies, its array opened above the hunk. */
const HOOK_DEPS_MID_ARRAY: FileSpec = {
  path: 'pyproject.toml',
  before: ['[tool.hatch.metadata.hooks.version-plugin]', 'dependencies = [', '    "anyio>=4.7",'],
  hunks: [
    {
      start: 30,
      before: ['    "attrs>=23",'],
      del: ['    "httpx>=0.27",'],
      add: ['    "httpx-next>=1.0",'],
      after: [']'],
    },
  ],
};
/** A crate of the workspace added under [dependencies] in a hunk below the table's header. */
const CARGO_WORKSPACE_MEMBER: FileSpec = {
  path: 'crates/acme-cli/Cargo.toml',
  before: ['[dependencies]', 'acme-core = { workspace = true }'],
  hunks: [
    { start: 20, before: ['acme-net = { workspace = true }'], add: ['acme-types = { workspace = true }'], after: [''] },
  ],
};
const CARGO_REGISTRY_MID_TABLE: FileSpec = {
  path: 'crates/acme-cli/Cargo.toml',
  before: ['[dependencies]', 'acme-core = { workspace = true }'],
  hunks: [{ start: 20, before: ['acme-net = { workspace = true }'], add: ['tinyjson = "0.4"'], after: [''] }],
};
const locks = {
  lockfiles: [
    { path: 'package-lock.json', text: PACKAGE_LOCK },
    { path: 'poetry.lock', text: POETRY_LOCK },
    { path: 'go.sum', text: GO_SUM },
    { path: 'Cargo.lock', text: CARGO_LOCK },
  ],
};

describe('review/rules lockfile names', () => {
  it('reads names from each lockfile format', () => {
    assert.deepEqual([...lockfileNames('package-lock.json', PACKAGE_LOCK)].sort(), [
      '@types/node',
      'express',
      'left-pad',
    ]);
    assert.ok(lockfileNames('yarn.lock', YARN_LOCK).has('@babel/core'));
    assert.ok(lockfileNames('yarn.lock', YARN_LOCK).has('lodash'));
    const pnpm = lockfileNames('pnpm-lock.yaml', PNPM_LOCK);
    assert.ok(pnpm.has('chalk') && pnpm.has('@scope/pkg'));
    assert.ok(lockfileNames('poetry.lock', POETRY_LOCK).has('django'), 'PyPI names fold case');
    assert.ok(lockfileNames('go.sum', GO_SUM).has('golang.org/x/net'));
    assert.ok(lockfileNames('Cargo.lock', CARGO_LOCK).has('tokio'));
    assert.equal(lockfileNames('notalock.txt', 'x').size, 0);
  });
});

describe('review/rules new dependencies', () => {
  const cases: Case[] = [
    {
      lang: 'npm',
      name: 'new package absent from package-lock.json',
      files: npmDeps('    "react-query-helpers": "^1.0.0",'),
      context: locks,
      fires: 'new-dependency',
      severity: 'medium',
    },
    {
      lang: 'npm',
      name: 'new package present in the lockfile',
      files: npmDeps('    "left-pad": "^1.3.0",'),
      context: locks,
      fires: 'new-dependency',
      severity: 'low',
    },
    {
      lang: 'npm',
      name: 'a dev dependency added in a hunk that starts inside devDependencies (the head shows the section)',
      files: DEV_MID_SECTION,
      context: { ...locks, headText: headTextOf(DEV_MID_SECTION) },
      silent: 'new-dependency',
    },
    {
      lang: 'npm',
      name: 'a runtime dependency added in a hunk that starts inside dependencies',
      files: RUNTIME_MID_SECTION,
      context: { ...locks, headText: headTextOf(RUNTIME_MID_SECTION) },
      fires: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: "a build plugin's dependencies array, opened above the hunk, is the project's runtime list",
      files: HOOK_DEPS_MID_ARRAY,
      context: { headText: headTextOf(HOOK_DEPS_MID_ARRAY) },
      fires: 'new-dependency',
    },
    {
      lang: 'cargo',
      name: 'a workspace crate taken with { workspace = true } is not a new dependency',
      files: CARGO_WORKSPACE_MEMBER,
      context: { headText: headTextOf(CARGO_WORKSPACE_MEMBER) },
      silent: 'new-dependency',
    },
    {
      lang: 'cargo',
      name: 'a registry crate added below the [dependencies] header the hunk does not show',
      files: CARGO_REGISTRY_MID_TABLE,
      context: { headText: headTextOf(CARGO_REGISTRY_MID_TABLE) },
      fires: 'new-dependency',
    },
    {
      lang: 'npm',
      name: 'scripts are not dependencies',
      files: { path: 'package.json', before: ['  "scripts": {'], add: ['    "lint": "eslint ."'], after: ['  }'] },
      context: locks,
      silent: 'new-dependency',
    },
    {
      lang: 'npm',
      name: 'version bump of a top-level field',
      files: { path: 'package.json', add: ['  "version": "1.2.3",'] },
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'requirements line absent from poetry.lock',
      files: added('requirements.txt', 'fastapi-auth-helper==0.3.1'),
      context: locks,
      fires: 'new-dependency',
      severity: 'medium',
    },
    {
      lang: 'pypi',
      name: 'requirements line present (case and separator folded)',
      files: added('requirements.txt', 'django>=5.0'),
      context: locks,
      fires: 'new-dependency',
      severity: 'low',
    },
    {
      lang: 'pypi',
      name: 'comments and options are not packages',
      files: added('requirements.txt', '# pinned', '-r base.txt'),
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'pyproject dependency list',
      files: {
        path: 'pyproject.toml',
        before: ['[project]', 'dependencies = ['],
        add: ['  "httpx>=0.27",'],
        after: [']'],
      },
      fires: 'new-dependency',
    },
    {
      lang: 'go',
      name: 'go.mod require absent from go.sum',
      files: { path: 'go.mod', before: ['require ('], add: ['\tgithub.com/acme/unknown-mod v0.1.0'], after: [')'] },
      context: locks,
      fires: 'new-dependency',
      severity: 'medium',
    },
    {
      lang: 'go',
      name: 'go.mod require present in go.sum',
      files: { path: 'go.mod', before: ['require ('], add: ['\tgithub.com/gin-gonic/gin v1.9.1'], after: [')'] },
      context: locks,
      fires: 'new-dependency',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'an indirect require pulled in by another module upgrade',
      files: {
        path: 'go.mod',
        before: ['require ('],
        add: ['\tgithub.com/gin-gonic/gin v1.9.1 // indirect'],
        after: [')'],
      },
      context: locks,
      silent: 'new-dependency',
    },
    {
      lang: 'go',
      name: 'module line is not a dependency',
      files: added('go.mod', 'module github.com/acme/app'),
      silent: 'new-dependency',
    },
    {
      lang: 'cargo',
      name: 'Cargo dependency',
      files: { path: 'Cargo.toml', before: ['[dependencies]'], add: ['serde_yaml = "0.9"'], after: [] },
      context: locks,
      fires: 'new-dependency',
      severity: 'medium',
    },
    {
      lang: 'cargo',
      name: 'package metadata is not a dependency',
      files: { path: 'Cargo.toml', before: ['[package]'], add: ['version = "0.2.0"'] },
      silent: 'new-dependency',
    },
    {
      lang: 'java',
      name: 'Maven dependency',
      files: added(
        'pom.xml',
        '    <dependency>',
        '      <groupId>com.acme</groupId>',
        '      <artifactId>acme-json</artifactId>',
        '      <version>1.0</version>',
        '    </dependency>',
      ),
      fires: 'new-dependency',
      severity: 'low',
    },
    {
      lang: 'java',
      name: 'Maven plugin is not a dependency',
      files: added(
        'pom.xml',
        '    <plugin>',
        '      <groupId>org.apache.maven.plugins</groupId>',
        '      <artifactId>maven-surefire-plugin</artifactId>',
      ),
      silent: 'new-dependency',
    },
    {
      lang: 'java',
      name: 'Gradle implementation line',
      files: added('build.gradle', "    implementation 'com.squareup.okhttp3:okhttp:4.12.0'"),
      fires: 'new-dependency',
    },
    {
      lang: 'cs',
      name: 'PackageReference',
      files: added('Api/Api.csproj', '    <PackageReference Include="Serilog.Sinks.Seq" Version="8.0.0" />'),
      fires: 'new-dependency',
    },
    {
      lang: 'cs',
      name: 'ProjectReference is not a package',
      files: added('Api/Api.csproj', '    <ProjectReference Include="..\\Core\\Core.csproj" />'),
      silent: 'new-dependency',
    },
  ];
  check(cases);

  it('says which lockfile the name is missing from', () => {
    const hit = findingsOf(
      review(diffOf(npmDeps('    "react-query-helpers": "^1.0.0",')), undefined, locks),
      'new-dependency',
    )[0];
    assert.match(hit.why, /absent from package-lock\.json/);
  });

  it('counts names the same change adds to the lockfile as resolved', () => {
    const r = review(
      diffOf(
        npmDeps('    "zod": "^3.22.0",'),
        added('package-lock.json', '    "node_modules/zod": {', '      "version": "3.22.4"'),
      ),
      undefined,
      locks,
    );
    assert.equal(findingsOf(r, 'new-dependency')[0].severity, 'low');
  });
});

describe('review/rules typosquats', () => {
  check([
    {
      lang: 'npm',
      name: 'one edit from express',
      files: npmDeps('    "expresss": "^4.0.0",'),
      fires: 'dependency-typosquat',
      severity: 'high',
    },
    {
      lang: 'npm',
      name: 'transposition of lodash',
      files: npmDeps('    "lodahs": "^4.0.0",'),
      fires: 'dependency-typosquat',
    },
    {
      lang: 'pypi',
      name: 'requets',
      files: added('requirements.txt', 'requets==2.31.0'),
      fires: 'dependency-typosquat',
    },
    {
      lang: 'go',
      name: 'gin-gonlc',
      files: { path: 'go.mod', before: ['require ('], add: ['\tgithub.com/gin-gonlc/gin v1.9.1'], after: [')'] },
      fires: 'dependency-typosquat',
    },
    {
      lang: 'cargo',
      name: 'serde_jsno',
      files: { path: 'Cargo.toml', before: ['[dependencies]'], add: ['serde_jsno = "1"'] },
      fires: 'dependency-typosquat',
    },
    {
      lang: 'cs',
      name: 'Newtonsoft.Jsno',
      files: added('Api/Api.csproj', '<PackageReference Include="Newtonsoft.Jsno" Version="13.0.3" />'),
      fires: 'dependency-typosquat',
    },
    {
      lang: 'npm',
      name: 'the well-known name itself',
      files: npmDeps('    "express": "^4.0.0",'),
      silent: 'dependency-typosquat',
    },
    {
      lang: 'npm',
      name: 'short names are too close to judge',
      files: npmDeps('    "qs": "^6.0.0",'),
      silent: 'dependency-typosquat',
    },
    {
      lang: 'pypi',
      name: 'requests itself',
      files: added('requirements.txt', 'requests==2.31.0'),
      silent: 'dependency-typosquat',
    },
    {
      lang: 'go',
      name: 'unrelated module',
      files: { path: 'go.mod', before: ['require ('], add: ['\tgithub.com/acme/billing v1.0.0'], after: [')'] },
      silent: 'dependency-typosquat',
    },
    {
      lang: 'npm',
      name: 'a name the project declared well-known',
      files: npmDeps('    "expresss": "^4.0.0",'),
      context: { options: { wellKnownPackages: { npm: ['expresss'] } } },
      silent: 'dependency-typosquat',
    },
  ]);
});

describe('review/rules dependency sources and lockfile-only changes', () => {
  check([
    {
      lang: 'npm',
      name: 'git dependency',
      files: npmDeps('    "utils": "git+https://github.com/someone/utils.git#main",'),
      fires: 'dependency-source',
      severity: 'medium',
    },
    {
      lang: 'npm',
      name: 'postinstall script',
      files: {
        path: 'package.json',
        before: ['  "scripts": {'],
        add: ['    "postinstall": "node setup.js"'],
        after: ['  }'],
      },
      fires: 'dependency-source',
    },
    {
      lang: 'npm',
      name: 'resolved from another registry',
      files: added(
        'package-lock.json',
        '      "resolved": "https://npm.evil.example.net/left-pad/-/left-pad-1.3.0.tgz",',
      ),
      fires: 'dependency-source',
    },
    {
      lang: 'npm',
      name: '.npmrc registry',
      files: added('.npmrc', 'registry=https://npm.internal.acme.io/'),
      fires: 'dependency-source',
    },
    {
      lang: 'pypi',
      name: 'extra index url',
      files: added('requirements.txt', '--extra-index-url https://pypi.acme.io/simple'),
      fires: 'dependency-source',
    },
    {
      lang: 'pypi',
      name: 'direct git reference',
      files: added('requirements.txt', 'mylib @ git+https://github.com/someone/mylib.git'),
      fires: 'dependency-source',
    },
    {
      lang: 'go',
      name: 'replace directive',
      files: added('go.mod', 'replace github.com/acme/lib => ../lib'),
      fires: 'dependency-source',
    },
    {
      lang: 'cargo',
      name: 'git dependency',
      files: {
        path: 'Cargo.toml',
        before: ['[dependencies]'],
        add: ['mylib = { git = "https://github.com/someone/mylib" }'],
      },
      fires: 'dependency-source',
    },
    { lang: 'npm', name: 'registry version', files: npmDeps('    "left-pad": "^1.3.0",'), silent: 'dependency-source' },
    {
      lang: 'pypi',
      name: 'pinned registry package',
      files: added('requirements.txt', 'httpx==0.27.0'),
      silent: 'dependency-source',
    },
    {
      lang: 'go',
      name: 'ordinary require',
      files: { path: 'go.mod', before: ['require ('], add: ['\tgithub.com/acme/lib v1.2.0'], after: [')'] },
      silent: 'dependency-source',
    },
    {
      lang: 'cargo',
      name: 'registry version',
      files: {
        path: 'Cargo.toml',
        before: ['[dependencies]'],
        add: ['serde = { version = "1", features = ["derive"] }'],
      },
      silent: 'dependency-source',
    },
    {
      lang: 'npm',
      name: 'default registry in the lockfile',
      files: added(
        'package-lock.json',
        '      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",',
      ),
      silent: 'dependency-source',
    },

    {
      lang: 'npm',
      name: 'lockfile changed alone',
      files: added('package-lock.json', '      "integrity": "sha512-xyz"'),
      fires: 'lockfile-only-change',
    },
    {
      lang: 'go',
      name: 'go.sum changed alone',
      files: added('go.sum', 'golang.org/x/net v0.21.0 h1:abc='),
      fires: 'lockfile-only-change',
    },
    {
      lang: 'pypi',
      name: 'poetry.lock changed alone',
      files: added('poetry.lock', 'version = "2.32.0"'),
      fires: 'lockfile-only-change',
    },
    {
      lang: 'go',
      name: 'go.sum changed with go.mod',
      files: [
        { path: 'go.mod', before: ['require ('], add: ['\tgolang.org/x/net v0.21.0'], after: [')'] },
        added('go.sum', 'golang.org/x/net v0.21.0 h1:abc='),
      ],
      silent: 'lockfile-only-change',
    },
    {
      lang: 'npm',
      name: 'lockfile changed with its manifest',
      files: [npmDeps('    "left-pad": "^1.3.0",'), added('package-lock.json', '      "integrity": "sha512-xyz"')],
      silent: 'lockfile-only-change',
    },
  ]);
});

/**
 * Python development dependencies wherever a project keeps them: PEP 735 groups, extras named for development,
 * requirement files named or placed for development; a deployable service's own requirements.txt is runtime.
 * Shapes modelled on pydantic-ai #7407 (a test-suite detector added to the `dev` group, read as runtime).
 */
describe('review/rules Python development dependencies', () => {
  const pyproject = (table: string[], line: string): FileSpec => ({
    path: 'pyproject.toml',
    before: table,
    add: [line],
    after: [']'],
    start: 220,
  });
  const reqs = (path: string, line: string): FileSpec => ({ path, before: ['httpx>=0.27'], add: [line] });
  check([
    {
      lang: 'pypi',
      name: 'a [dependency-groups] dev entry is a development dependency',
      files: pyproject(['[dependency-groups]', 'dev = ['], '    "blockbuster>=1.5.26,<1.6",'),
      fires: 'new-dev-dependency',
    },
    {
      lang: 'pypi',
      name: 'the same [dependency-groups] lint entry is no runtime dependency',
      files: pyproject(['[dependency-groups]', 'lint = ['], '    "ruff>=0.9",'),
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'an optional-dependencies test extra is development',
      files: pyproject(['[project.optional-dependencies]', 'test = ['], '    "pytest-xdist>=3.6",'),
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'an optional-dependencies docs extra is development',
      files: pyproject(['[project.optional-dependencies]', 'docs = ['], '    "mkdocs-material>=9.5",'),
      fires: 'new-dev-dependency',
    },
    {
      lang: 'pypi',
      name: 'an extra users install (postgres) is runtime',
      files: pyproject(['[project.optional-dependencies]', 'postgres = ['], '    "asyncpg>=0.30",'),
      fires: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'requirements-dev.txt is development',
      files: reqs('requirements-dev.txt', 'pytest-randomly>=3.15'),
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'requirements/test-py312.txt is development',
      files: reqs('requirements/test-py312.txt', 'pytest-randomly>=3.15'),
      fires: 'new-dev-dependency',
    },
    {
      lang: 'pypi',
      name: "a deployable service's own requirements.txt is runtime",
      files: reqs('services/ingest/requirements.txt', 'google-cloud-pubsub>=2.23'),
      fires: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: "a Cloud Run job's requirements.txt under tools/ is runtime (tools/ holds deployed services too)",
      files: reqs('tools/triage-agent/cloudrun/worker/requirements.txt', 'google-cloud-pubsub'),
      fires: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: "an evaluation harness's requirements.txt under tools/ is development",
      files: reqs('tools/triage-agent/evals/triage/requirements.txt', 'pandas>=2.2'),
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'requirements-tools.txt is development',
      files: reqs('tools/requirements-tools.txt', 'ruff>=0.6'),
      silent: 'new-dependency',
    },
  ]);

  it('a development dependency raises no tier; the same package in a service requirements.txt does', () => {
    const dev = review(diffOf(pyproject(['[dependency-groups]', 'dev = ['], '    "blockbuster>=1.5.26,<1.6",')));
    assert.equal(dev.blastRadius.tier, 'T0', dev.blastRadius.reasons.join('\n'));
    const svc = review(diffOf(reqs('services/ingest/requirements.txt', 'blockbuster>=1.5.26')));
    assert.notEqual(svc.blastRadius.tier, 'T0', svc.blastRadius.reasons.join('\n'));
  });
});

/**
 * Dependency kinds (runtime vs development/build-only) and moved minimum versions with or without a CI job testing
 * them, per ecosystem: hits and the near-misses that must stay silent.
 */
import * as assert from 'node:assert/strict';
import { readCiCoverage, runsToolchain } from '../../../src/core/review/rules/ci-coverage';
import { lockedVersions } from '../../../src/core/review/rules/lockfiles';
import { compareVersions, lowerBound } from '../../../src/core/review/rules/version-bounds';
import { Case, FileSpec, check, diffOf, findingsOf, review } from './helpers';

const wf = (name: string, ...lines: string[]): { path: string; text: string } => ({
  path: `.github/workflows/${name}`,
  text: ['name: CI', 'on: [push, pull_request]', 'jobs:', ...lines].join('\n') + '\n',
});
const PY_MATRIX = wf(
  'test.yml',
  '  tests:',
  '    strategy:',
  '      matrix:',
  '        python-version: ["3.10", "3.11", "3.12"]',
  '    steps:',
  '      - uses: actions/setup-python@v5',
  '        with:',
  '          python-version: ${{ matrix.python-version }}',
  '      - run: pip install -e . && pytest',
);
const PY_LOWEST = wf(
  'main.yml',
  '  test:',
  '    strategy:',
  '      matrix:',
  '        dep-resolution:',
  '          - name: lowest-direct',
  '            install-flags: "--resolution lowest-direct"',
  '    steps:',
  '      - run: uv sync ${{ matrix.dep-resolution.install-flags }}',
);
const RUST_CI = wf(
  'ci.yml',
  '  msrv:',
  '    strategy:',
  '      matrix:',
  '        rust:',
  '          - 1.61.0',
  '          - stable',
  '    steps:',
  '      - uses: dtolnay/rust-toolchain@master',
  '        with:',
  '          toolchain: ${{ matrix.rust }}',
  '      - run: cargo test',
  '  clippy:',
  '    steps:',
  '      - uses: dtolnay/rust-toolchain@clippy',
);
const RUST_MINIMAL = wf(
  'minimal.yml',
  '  minimal:',
  '    steps:',
  '      - run: cargo generate-lockfile -Z minimal-versions',
);
const NODE_CI = wf(
  'node.yml',
  '  test:',
  '    strategy:',
  '      matrix:',
  "        node-version: ['20', '22']",
  '    steps:',
  '      - uses: actions/setup-node@v4',
  '      - run: npm ci && npm test',
);
const GO_CI = wf(
  'go.yml',
  '  test:',
  '    steps:',
  '      - uses: actions/setup-go@v5',
  '        with:',
  "          go-version: '1.22'",
  '      - run: go test ./...',
);

const pyproject = (del: string[], add: string[], before = ['[project]', 'dependencies = [']): FileSpec => ({
  path: 'pyproject.toml',
  before,
  del,
  add,
  after: [']'],
});
const cargo = (section: string, del: string[], add: string[]): FileSpec => ({
  path: 'Cargo.toml',
  before: [section],
  del,
  add,
  after: [''],
});
const pkg = (section: string, del: string[], add: string[]): FileSpec => ({
  path: 'package.json',
  before: [`  "${section}": {`],
  del,
  add,
  after: ['  }'],
});
const BOUND = 'dependency-bound-untested';

describe('review/rules version bounds', () => {
  it('reads the lowest version each ecosystem admits', () => {
    assert.equal(lowerBound('npm', '^1.2.3'), '1.2.3');
    assert.equal(lowerBound('npm', '>= 1.2 < 3'), '1.2');
    assert.equal(lowerBound('npm', '^17 || ^18'), '17');
    assert.equal(lowerBound('npm', '1.x'), '1');
    assert.equal(lowerBound('npm', '*'), null);
    assert.equal(lowerBound('npm', 'workspace:*'), undefined);
    assert.equal(lowerBound('pypi', '>=0.27.1,<1.0.0'), '0.27.1');
    assert.equal(lowerBound('pypi', '==1.*'), '1');
    assert.equal(lowerBound('pypi', '~=2.4'), '2.4');
    assert.equal(lowerBound('pypi', '<2'), null);
    assert.equal(lowerBound('pypi', ''), null);
    assert.equal(lowerBound('cargo', '"1.0.100"'), '1.0.100');
    assert.equal(lowerBound('cargo', '{ version = "0.9", features = ["derive"] }'), '0.9');
    assert.equal(lowerBound('cargo', '{ path = "../core" }'), undefined);
    assert.equal(lowerBound('go', 'v1.9.1'), '1.9.1');
    assert.ok(compareVersions('1.10', '1.9') > 0 && compareVersions('1.0', '1') === 0);
  });

  it('reads toolchain versions and lowest-resolution jobs from workflows', () => {
    const ci = readCiCoverage([RUST_CI, PY_LOWEST, NODE_CI]);
    assert.equal(runsToolchain(ci, 'rust', '1.61'), '1.61.0');
    assert.equal(runsToolchain(ci, 'rust', '1.60'), undefined);
    assert.equal(runsToolchain(ci, 'node', '20.11.0'), '20', 'Node by major');
    assert.ok(ci.lowest.has('pypi') && !ci.lowest.has('cargo'));
    assert.deepEqual(ci.read, ['ci.yml (msrv, clippy)', 'main.yml (test)', 'node.yml (test)']);
  });

  it('reads locked versions next to the name', () => {
    assert.deepEqual(lockedVersions('Cargo.lock', '[[package]]\nname = "serde"\nversion = "1.0.190"\n', 'serde'), [
      '1.0.190',
    ]);
    assert.deepEqual(
      lockedVersions('package-lock.json', '    "node_modules/undici": {\n      "version": "6.1.0",', 'undici'),
      ['6.1.0'],
    );
    assert.deepEqual(lockedVersions('uv.lock', 'name = "httpx"\nversion = "0.28.1"\n', 'httpx'), ['0.28.1']);
  });
});

describe('review/rules dependency bound with no CI job testing it', () => {
  const cases: Case[] = [
    {
      lang: 'py',
      name: 'requires-python lowered below the matrix',
      files: {
        path: 'pyproject.toml',
        before: ['[project]'],
        del: ['requires-python = ">=3.10"'],
        add: ['requires-python = ">=3.9"'],
      },
      context: { workflows: [PY_MATRIX] },
      fires: BOUND,
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'requires-python raised and the matrix runs the new minimum',
      files: {
        path: 'pyproject.toml',
        before: ['[project]'],
        del: ['requires-python = ">=3.9"'],
        add: ['requires-python = ">=3.10"'],
      },
      context: { workflows: [PY_MATRIX] },
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'runtime dependency minimum lowered, no lowest job',
      files: pyproject(['    "httpx>=0.27.1,<1.0.0",'], ['    "httpx>=0.25,<1.0.0",']),
      context: { workflows: [PY_MATRIX] },
      fires: BOUND,
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'runtime dependency minimum raised, no lowest job: low',
      files: pyproject(['    "anyio>=4.5",'], ['    "anyio>=4.9",']),
      context: { workflows: [PY_MATRIX] },
      fires: BOUND,
      severity: 'low',
    },
    {
      lang: 'py',
      name: 'a lowest-direct resolution job covers dependency bounds',
      files: pyproject(['    "httpx>=0.27.1,<1.0.0",'], ['    "httpx>=0.25,<1.0.0",']),
      context: { workflows: [PY_MATRIX, PY_LOWEST] },
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'only the upper bound moved',
      files: pyproject(['    "mkdocs>=1.6.1",'], ['    "mkdocs>=1.6.1,<2",']),
      context: { workflows: [PY_MATRIX] },
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'a docs group is development only',
      files: pyproject(
        ['    "mkdocs-material>=9.5",'],
        ['    "mkdocs-material>=9.7",'],
        ['[project.optional-dependencies]', 'docs = ['],
      ),
      context: { workflows: [PY_MATRIX] },
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'dependency-groups are development only',
      files: pyproject(['    "pytest>=7",'], ['    "pytest>=8",'], ['[dependency-groups]', 'dev = [']),
      context: { workflows: [PY_MATRIX] },
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'a pinned requirements file is an install list, not a range',
      files: { path: 'requirements.txt', del: ['trio==0.30.0'], add: ['trio==0.31.0'] },
      context: { workflows: [PY_MATRIX] },
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'an exact pin in pyproject is what every job installs',
      files: pyproject(['    "zensical==0.0.40",'], ['    "zensical==0.0.50",']),
      context: { workflows: [PY_MATRIX] },
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'workflows not read: silent',
      files: pyproject(['    "httpx>=0.27.1",'], ['    "httpx>=0.25",']),
      silent: BOUND,
    },
    {
      lang: 'py',
      name: 'no CI at all: said once, as info',
      files: pyproject(['    "httpx>=0.27.1",'], ['    "httpx>=0.25",']),
      context: { workflows: [] },
      fires: BOUND,
      severity: 'info',
    },
    {
      lang: 'rust',
      name: 'rust-version raised past the MSRV job',
      files: cargo('[package]', ['rust-version = "1.61"'], ['rust-version = "1.70"']),
      context: { workflows: [RUST_CI] },
      fires: BOUND,
      severity: 'low',
    },
    {
      lang: 'rust',
      name: 'rust-version the MSRV job runs',
      files: cargo('[package]', ['rust-version = "1.56"'], ['rust-version = "1.61"']),
      context: { workflows: [RUST_CI] },
      silent: BOUND,
    },
    {
      lang: 'rust',
      name: 'dependency minimum lowered, no minimal-versions job',
      files: cargo(
        '[dependencies]',
        ['serde = { version = "1.0.190", features = ["derive"] }'],
        ['serde = { version = "1.0.100", features = ["derive"] }'],
      ),
      context: { workflows: [RUST_CI] },
      fires: BOUND,
      severity: 'medium',
    },
    {
      lang: 'rust',
      name: 'a minimal-versions job covers dependency bounds',
      files: cargo('[dependencies]', ['serde = "1.0.190"'], ['serde = "1.0.100"']),
      context: { workflows: [RUST_CI, RUST_MINIMAL] },
      silent: BOUND,
    },
    {
      lang: 'rust',
      name: 'dev-dependencies are not checked',
      files: cargo('[dev-dependencies]', ['trybuild = "1.0.80"'], ['trybuild = "1.0.90"']),
      context: { workflows: [RUST_CI] },
      silent: BOUND,
    },
    {
      lang: 'rust',
      name: 'the lockfile resolves the new minimum exactly',
      files: [
        cargo('[dependencies]', ['serde = "1.0.180"'], ['serde = "1.0.190"']),
        {
          path: 'Cargo.lock',
          before: ['[[package]]', 'name = "serde"'],
          del: ['version = "1.0.180"'],
          add: ['version = "1.0.190"'],
        },
      ],
      context: { workflows: [RUST_CI] },
      silent: BOUND,
    },
    {
      lang: 'ts',
      name: 'engines.node lowered below the matrix',
      files: pkg('engines', ['    "node": ">=20"'], ['    "node": ">=18"']),
      context: { workflows: [NODE_CI] },
      fires: BOUND,
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'engines.node raised to a major the matrix runs',
      files: pkg('engines', ['    "node": ">=18"'], ['    "node": ">=20.11.0"']),
      context: { workflows: [NODE_CI] },
      silent: BOUND,
    },
    {
      lang: 'ts',
      name: 'peer dependency range widened down',
      files: pkg('peerDependencies', ['    "react": "^18.0.0"'], ['    "react": "^17.0.0 || ^18.0.0"']),
      context: { workflows: [NODE_CI] },
      fires: BOUND,
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'a bump whose package-lock resolves the new minimum',
      files: [
        pkg('dependencies', ['    "undici": "^6.0.0",'], ['    "undici": "^6.1.0",']),
        {
          path: 'package-lock.json',
          before: ['    "node_modules/undici": {'],
          del: ['      "version": "6.0.0",'],
          add: ['      "version": "6.1.0",'],
        },
      ],
      context: { workflows: [NODE_CI] },
      silent: BOUND,
    },
    {
      lang: 'ts',
      name: 'only the lockfile changed',
      files: {
        path: 'package-lock.json',
        before: ['    "node_modules/undici": {'],
        del: ['      "version": "6.0.0",'],
        add: ['      "version": "6.1.0",'],
      },
      context: { workflows: [NODE_CI] },
      silent: BOUND,
    },
    {
      lang: 'ts',
      name: 'devDependencies are not checked',
      files: pkg('devDependencies', ['    "typescript": "^5.3.0",'], ['    "typescript": "^5.6.0",']),
      context: { workflows: [NODE_CI] },
      silent: BOUND,
    },
    {
      lang: 'go',
      name: 'go directive raised past the CI Go version',
      files: { path: 'go.mod', before: ['module example.com/app', ''], del: ['go 1.21'], add: ['go 1.23'] },
      context: { workflows: [GO_CI] },
      fires: BOUND,
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'go directive CI runs',
      files: { path: 'go.mod', before: ['module example.com/app', ''], del: ['go 1.21'], add: ['go 1.22'] },
      context: { workflows: [GO_CI] },
      silent: BOUND,
    },
    {
      lang: 'go',
      name: 'a require raised: Go builds with the minimum (MVS)',
      files: {
        path: 'go.mod',
        before: ['require ('],
        del: ['\tgolang.org/x/net v0.20.0'],
        add: ['\tgolang.org/x/net v0.23.0'],
        after: [')'],
      },
      context: { workflows: [GO_CI] },
      silent: BOUND,
    },
    {
      lang: 'java',
      name: 'Maven release lowered with no Java 11 job',
      files: {
        path: 'pom.xml',
        before: ['  <properties>'],
        del: ['    <maven.compiler.release>17</maven.compiler.release>'],
        add: ['    <maven.compiler.release>11</maven.compiler.release>'],
      },
      context: {
        workflows: [
          wf(
            'java.yml',
            '  build:',
            '    strategy:',
            '      matrix:',
            '        java: [17, 21]',
            '    steps:',
            '      - run: mvn -B verify',
          ),
        ],
      },
      fires: BOUND,
      severity: 'medium',
    },
  ];
  check(cases);

  it('names the old and new range and the workflows read', () => {
    const r = review(diffOf(pyproject(['    "httpx>=0.27.1,<1.0.0",'], ['    "httpx>=0.25,<1.0.0",'])), undefined, {
      workflows: [PY_MATRIX],
    });
    const [hit] = findingsOf(r, BOUND);
    assert.match(hit.why, /">=0\.27\.1,<1\.0\.0" -> ">=0\.25,<1\.0\.0"/);
    assert.match(hit.why, /read test\.yml \(tests\)/);
    assert.ok(
      r.blastRadius.reasons.some((x) => /^T1: .*\[dependency-bound-untested\]$/.test(x)),
      r.blastRadius.reasons.join('; '),
    );
  });
});

describe('review/rules development and build-only dependencies', () => {
  const cases: Case[] = [
    {
      lang: 'npm',
      name: 'a new devDependency is its own rule, not new-dependency',
      files: pkg('devDependencies', [], ['    "vitest": "^2.1.0",']),
      fires: 'new-dev-dependency',
      severity: 'info',
    },
    {
      lang: 'npm',
      name: 'a new devDependency is not a new runtime dependency',
      files: pkg('devDependencies', [], ['    "vitest": "^2.1.0",']),
      silent: 'new-dependency',
    },
    {
      lang: 'npm',
      name: 'a runtime dependency still is',
      files: pkg('dependencies', [], ['    "undici": "^6.1.0",']),
      fires: 'new-dependency',
    },
    {
      lang: 'cargo',
      name: '[dev-dependencies]',
      files: cargo('[dev-dependencies]', [], ['insta = "1.39"']),
      silent: 'new-dependency',
    },
    {
      lang: 'cargo',
      name: '[build-dependencies]',
      files: cargo('[build-dependencies]', [], ['cc = "1.0"']),
      fires: 'new-dev-dependency',
    },
    {
      lang: 'pypi',
      name: 'optional group named test',
      files: pyproject([], ['    "pytest-asyncio>=0.23",'], ['[project.optional-dependencies]', 'test = [']),
      fires: 'new-dev-dependency',
    },
    {
      lang: 'pypi',
      name: 'a user-facing extra is runtime',
      files: pyproject([], ['    "h2>=3,<5",'], ['[project.optional-dependencies]', 'http2 = [']),
      fires: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'requirements-dev.txt',
      files: { path: 'requirements-dev.txt', add: ['ruff==0.6.9'] },
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'classifiers are not dependencies',
      files: pyproject([], ['    "Programming Language :: Python :: 3.13",'], ['[project]', 'classifiers = [']),
      silent: 'new-dependency',
    },
    {
      lang: 'java',
      name: 'Gradle testImplementation',
      files: { path: 'build.gradle', add: ["    testImplementation 'org.junit.jupiter:junit-jupiter:5.10.2'"] },
      silent: 'new-dependency',
    },
    {
      lang: 'npm',
      name: 'a changed version line is never new',
      files: pkg('dependencies', ['    "undici": "^6.0.0",'], ['    "undici": "^6.1.0",']),
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'a dependency moved from requirements.txt to pyproject is not new',
      files: [{ path: 'requirements.txt', del: ['httpx>=0.27'] }, pyproject([], ['    "httpx>=0.27",'])],
      silent: 'new-dependency',
    },
    {
      lang: 'npm',
      name: 'a git devDependency is low',
      files: pkg('devDependencies', [], ['    "eslint-config-acme": "github:acme/eslint-config#v3",']),
      fires: 'dependency-source',
      severity: 'low',
    },
  ];
  check(cases);

  it('a development dependency raises no tier; a typosquat there still blocks', () => {
    const dev = review(diffOf(pkg('devDependencies', [], ['    "vitest": "^2.1.0",'])));
    assert.equal(dev.blastRadius.tier, 'T0', dev.blastRadius.reasons.join('; '));
    const squat = review(diffOf(pkg('devDependencies', [], ['    "expresss": "^4.19.0",'])));
    assert.equal(findingsOf(squat, 'dependency-typosquat')[0]?.severity, 'high');
  });
});

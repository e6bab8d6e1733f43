import * as assert from 'node:assert/strict';
import { isGoPseudoVersion, moveLevel } from '../../../src/core/review/rules/dependency-moves';
import { isSecuritySensitive } from '../../../src/core/review/rules/sensitive-packages';
import { type FileSpec, check, diffOf, findingsOf, review } from './helpers';

const goMod = (del: string[], add: string[]): FileSpec => ({
  path: 'go.mod',
  before: ['require ('],
  del,
  add,
  after: [')'],
  start: 5,
});
const cargoLock = (name: string, from: string, to: string): FileSpec => ({
  path: 'Cargo.lock',
  before: ['[[package]]', `name = "${name}"`],
  del: [`version = "${from}"`, 'checksum = "aaaa"'],
  add: [`version = "${to}"`, 'checksum = "bbbb"'],
  after: ['dependencies = ['],
  start: 40,
});
const workflow = (from: string, to: string): FileSpec => ({
  path: '.github/workflows/build.yml',
  before: ['    steps:'],
  del: [`      - uses: actions/setup-go@924ae3a1cded613372ab5595356fb5720e22ba16 # ${from}`],
  add: [`      - uses: actions/setup-go@b7ad1dad31e06c5925ef5d2fc7ad053ef454303e # ${to}`],
  after: ['        with:'],
});

describe('review/rules dependency moves: versions', () => {
  it('tells Go pseudo-versions from releases', () => {
    assert.ok(isGoPseudoVersion('v0.0.0-20240728195301-b7ad996ecf3d'));
    assert.ok(isGoPseudoVersion('v1.7.0-pre.3.0.20260724080706-e761950d9795'));
    assert.ok(isGoPseudoVersion('v1.2.4-0.20260101000000-0123456789ab'));
    assert.ok(!isGoPseudoVersion('v1.7.0-pre.3'));
    assert.ok(!isGoPseudoVersion('v1.19.0'));
  });
  it('grades a move: 0.x minor steps are breaking in Cargo, npm and Go, where semver promises nothing before 1.0', () => {
    assert.equal(moveLevel('go', 'v1.17.5', 'v1.19.0'), 'minor');
    assert.equal(moveLevel('go', 'v0.38.0', 'v0.39.0'), 'breaking');
    assert.equal(moveLevel('go', 'v0.0.22', 'v0.0.23'), 'patch');
    assert.equal(moveLevel('cargo', '0.39.0', '0.44.0'), 'breaking');
    assert.equal(moveLevel('npm', '0.27.2', '0.28.0'), 'breaking');
    assert.equal(moveLevel('pypi', '0.27.2', '0.28.0'), 'minor');
    assert.equal(moveLevel('go', 'v0.9.0', 'v1.0.0'), 'major');
    assert.equal(moveLevel('npm', '18.2.0', '19.0.0'), 'major');
    assert.equal(moveLevel('pypi', '2.31.0', '2.31.1'), 'patch');
  });
  it('knows TLS, crypto and token libraries per ecosystem, prefixes and Go major suffixes included', () => {
    assert.ok(isSecuritySensitive('cargo', 'aws-lc-rs'));
    assert.ok(isSecuritySensitive('cargo', 'rustls-pemfile'));
    assert.ok(isSecuritySensitive('go', 'github.com/golang-jwt/jwt/v5'));
    assert.ok(isSecuritySensitive('pypi', 'PyJWT'));
    assert.ok(isSecuritySensitive('maven', 'org.bouncycastle:bcprov-jdk18on'));
    assert.ok(!isSecuritySensitive('cargo', 'serde'));
    assert.ok(!isSecuritySensitive('go', 'golang.org/x/net'));
  });
});

describe('review/rules dependency moves', () => {
  check([
    {
      lang: 'go',
      name: 'direct modules moved minor steps (a dependabot group): listed, low',
      files: goMod(
        [
          '\tgithub.com/posthog/posthog-go v1.17.5',
          '\tgithub.com/openai/openai-go/v3 v3.43.0',
          '\tgithub.com/mattn/go-isatty v0.0.22',
        ],
        [
          '\tgithub.com/posthog/posthog-go v1.19.0',
          '\tgithub.com/openai/openai-go/v3 v3.44.0',
          '\tgithub.com/mattn/go-isatty v0.0.23',
        ],
      ),
      fires: 'dependency-moved',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'golang.org/x/crypto moved: medium whatever the step',
      files: goMod(['\tgolang.org/x/crypto v0.41.0'], ['\tgolang.org/x/crypto v0.41.1']),
      fires: 'dependency-moved',
      severity: 'medium',
    },
    {
      lang: 'go',
      name: 'a runtime module takes a 0.x minor step (breaking by semver): low, named with its versions',
      files: goMod(['\tcharm.land/fantasy v0.35.2'], ['\tcharm.land/fantasy v0.36.0']),
      fires: 'dependency-moved',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'the same 0.x minor step with code adapted beside it (a provider the new catalogue adds): silent',
      files: [
        goMod(['\tcharm.land/catwalk v0.48.4'], ['\tcharm.land/catwalk v0.49.0']),
        {
          path: 'internal/agent/coordinator.go',
          before: ['\tswitch provider {'],
          del: ['\tcase catwalk.InferenceProviderAlibaba:'],
          add: ['\tcase catwalk.InferenceProviderAlibaba, catwalk.InferenceProviderAlibabaUS:'],
          after: ['\t\topts["enable_thinking"] = true'],
        },
      ],
      silent: 'dependency-moved',
    },
    {
      lang: 'go',
      name: 'one runtime 1.x minor bump says no more than its pull request: silent',
      files: goMod(['\tgithub.com/posthog/posthog-go v1.17.5'], ['\tgithub.com/posthog/posthog-go v1.19.0']),
      silent: 'dependency-moved',
    },
    {
      lang: 'go',
      name: 'an indirect require takes a 0.x minor step: silent',
      files: goMod(
        ['\tgithub.com/kaptinlin/jsonschema v0.9.3 // indirect'],
        ['\tgithub.com/kaptinlin/jsonschema v0.10.0 // indirect'],
      ),
      silent: 'dependency-moved',
    },
    {
      lang: 'go',
      name: 'a tool require takes a 0.x minor step: silent (development only)',
      files: {
        path: 'go.mod',
        before: ['tool golang.org/x/tools/cmd/stringer', '', 'require ('],
        del: ['\tgolang.org/x/tools v0.30.0'],
        add: ['\tgolang.org/x/tools v0.31.0'],
        after: [')'],
      },
      silent: 'dependency-moved',
    },
    {
      lang: 'cargo',
      name: 'a runtime crate takes a 0.x minor step: low',
      files: {
        path: 'Cargo.toml',
        before: ['[dependencies]'],
        del: ['reqwest = "0.11"'],
        add: ['reqwest = "0.12"'],
        after: ['serde = "1"'],
      },
      fires: 'dependency-moved',
      severity: 'low',
    },
    {
      lang: 'npm',
      name: 'a runtime package takes a 0.x minor step: low',
      files: {
        path: 'package.json',
        before: ['  "dependencies": {'],
        del: ['    "undici": "^0.27.2",'],
        add: ['    "undici": "^0.28.0",'],
        after: ['  }'],
      },
      fires: 'dependency-moved',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'patch-only direct moves stay silent',
      files: goMod(['\tgithub.com/mattn/go-isatty v0.0.22'], ['\tgithub.com/mattn/go-isatty v0.0.23']),
      silent: 'dependency-moved',
    },
    {
      lang: 'go',
      name: 'indirect requires moved a minor step stay silent',
      files: goMod(['\tgolang.org/x/net v0.40.0 // indirect'], ['\tgolang.org/x/net v0.42.0 // indirect']),
      silent: 'dependency-moved',
    },
    {
      lang: 'npm',
      name: 'a runtime dependency takes a major step: medium',
      files: {
        path: 'package.json',
        before: ['  "dependencies": {'],
        del: ['    "react": "^18.2.0",'],
        add: ['    "react": "^19.0.0",'],
        after: ['  }'],
      },
      fires: 'dependency-moved',
      severity: 'medium',
    },
    {
      lang: 'npm',
      name: 'a dev tool takes a major step (renovate): silent',
      files: {
        path: 'package.json',
        before: ['  "devDependencies": {'],
        del: ['    "eslint": "^8.57.0",'],
        add: ['    "eslint": "^9.0.0",'],
        after: ['  }'],
      },
      silent: 'dependency-moved',
    },
    {
      lang: 'npm',
      name: 'a runtime major in an example app does not ship: silent',
      files: {
        path: 'examples/chat/package.json',
        before: ['  "dependencies": {'],
        del: ['    "react": "^18.2.0",'],
        add: ['    "react": "^19.0.0",'],
        after: ['  }'],
      },
      silent: 'dependency-moved',
    },
    {
      lang: 'pypi',
      name: 'two runtime floors raised a minor step: low',
      files: {
        path: 'pyproject.toml',
        before: ['[project]', 'dependencies = ['],
        del: ['    "httpx>=0.27",', '    "anyio>=4.5.0",'],
        add: ['    "httpx>=0.28",', '    "anyio>=4.6.0",'],
        after: [']'],
      },
      fires: 'dependency-moved',
      severity: 'low',
    },
    {
      lang: 'pypi',
      name: 'one runtime minor bump says no more than its pull request: silent',
      files: {
        path: 'pyproject.toml',
        before: ['[project]', 'dependencies = ['],
        del: ['    "httpx>=0.27",'],
        add: ['    "httpx>=0.28",'],
        after: [']'],
      },
      silent: 'dependency-moved',
    },
    {
      lang: 'pypi',
      name: "a lowered floor is dependency-bound-untested's",
      files: {
        path: 'pyproject.toml',
        before: ['[project]', 'dependencies = ['],
        del: ['    "anyio>=4.5",', '    "httpx>=0.28",'],
        add: ['    "anyio>=4.0",', '    "httpx>=0.27",'],
        after: [']'],
      },
      silent: 'dependency-moved',
    },
    {
      lang: 'pypi',
      name: 'a dependency-group (check/dev) tool moved a major step: silent',
      files: {
        path: 'pyproject.toml',
        before: ['[dependency-groups]', 'check = ['],
        del: ['    "ruff>=0.9",'],
        add: ['    "ruff>=1.0",'],
        after: [']'],
      },
      silent: 'dependency-moved',
    },
    {
      lang: 'cargo',
      name: 'lockfile-only move of the TLS crate of shipped binaries: medium, said once',
      files: cargoLock('aws-lc-rs', '1.16.2', '1.18.0'),
      fires: 'dependency-moved',
      severity: 'medium',
    },
    {
      lang: 'cargo',
      name: 'the same TLS move is not also a lockfile-only-change',
      files: cargoLock('aws-lc-rs', '1.16.2', '1.18.0'),
      silent: 'lockfile-only-change',
    },
    {
      lang: 'cargo',
      name: 'a routine lockfile-only bump is no dependency move',
      files: cargoLock('serde', '1.0.210', '1.0.215'),
      silent: 'dependency-moved',
    },
    {
      lang: 'npm',
      name: 'package-lock move of a token library: low (npm lockfiles pin the development environment)',
      files: {
        path: 'package-lock.json',
        before: ['    "node_modules/jsonwebtoken": {'],
        del: ['      "version": "9.0.1",'],
        add: ['      "version": "9.0.2",'],
        after: ['      "license": "MIT",'],
      },
      fires: 'dependency-moved',
      severity: 'low',
    },
    {
      lang: 'actions',
      name: 'a major action version (SHA-pinned, tag in the comment): low',
      files: workflow('v6.5.0', 'v7.0.0'),
      fires: 'dependency-moved',
      severity: 'low',
    },
    {
      lang: 'actions',
      name: 'a minor action version: silent',
      files: workflow('v6.4.0', 'v6.5.0'),
      silent: 'dependency-moved',
    },
  ]);

  it('names each move from → to, majors first, and counts lockfile moves beside a manifest', () => {
    const files: FileSpec[] = [
      {
        path: 'Cargo.toml',
        before: ['[dependencies]'],
        del: ['tokio = "1.40"', 'reqwest = "0.11"'],
        add: ['tokio = "1.41"', 'reqwest = "0.12"'],
      },
      cargoLock('hyper', '0.14.30', '1.4.1'),
    ];
    const [f] = findingsOf(review(diffOf(...files)), 'dependency-moved');
    assert.ok(f, 'dependency-moved fires');
    assert.equal(f.severity, 'low');
    assert.match(f.why, /reqwest 0\.11 → 0\.12 \(0\.x minor: breaking\), tokio 1\.40 → 1\.41/);
    assert.match(f.why, /1 indirect or locked package \(Cargo\.lock\), notably hyper 0\.14\.30 → 1\.4\.1 \(major\)/);
  });

  it('one finding per ecosystem: the same action bumped in three workflows is one move', () => {
    const files = ['build.yml', 'release.yml', 'lint.yml'].map((n) => ({
      ...workflow('v6.5.0', 'v7.0.0'),
      path: `.github/workflows/${n}`,
    }));
    const hits = findingsOf(review(diffOf(...files)), 'dependency-moved');
    assert.equal(hits.length, 1);
    assert.match(hits[0].why, /1 action: actions\/setup-go v6\.5\.0 → v7\.0\.0 \(major\)$/);
  });

  it('a routine lockfile-only change says what moved', () => {
    const [f] = findingsOf(review(diffOf(cargoLock('serde', '1.0.210', '1.0.215'))), 'lockfile-only-change');
    assert.match(f.why, /1 package moved$/);
  });
});

describe('review/rules dependency moved to an untagged commit', () => {
  check([
    {
      lang: 'go',
      name: 'a direct module moved from a tag to a pseudo-version',
      files: goMod(
        ['\tgithub.com/modelcontextprotocol/go-sdk v1.7.0-pre.3'],
        ['\tgithub.com/modelcontextprotocol/go-sdk v1.7.0-pre.3.0.20260724080706-e761950d9795'],
      ),
      fires: 'dependency-source',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'the pseudo-version move is not also listed as a dependency move',
      files: goMod(
        ['\tgithub.com/modelcontextprotocol/go-sdk v1.7.0-pre.3'],
        ['\tgithub.com/modelcontextprotocol/go-sdk v1.7.0-pre.3.0.20260724080706-e761950d9795'],
      ),
      silent: 'dependency-moved',
    },
    {
      lang: 'go',
      name: 'a new direct require on a pseudo-version',
      files: {
        path: 'go.mod',
        before: ['require ('],
        add: ['\tgithub.com/acme/lib v0.0.0-20250101120000-abcdef123456'],
        after: [')'],
      },
      fires: 'dependency-source',
    },
    {
      lang: 'go',
      name: 'a direct pseudo-version moved to a newer commit: untagged upstream code, named with both commits',
      files: goMod(
        ['\tgithub.com/charmbracelet/ultraviolet v0.0.0-20260525132238-948f4557a654'],
        ['\tgithub.com/charmbracelet/ultraviolet v0.0.0-20260703014108-f5a850f9c2b7'],
      ),
      fires: 'dependency-source',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'a direct pre-release pseudo-version (vX.Y.Z-0.timestamp-hash) moved to a newer commit',
      files: goMod(
        ['\tgithub.com/acme/sdk v1.2.4-0.20260101000000-0123456789ab'],
        ['\tgithub.com/acme/sdk v1.2.4-0.20260301000000-ba9876543210'],
      ),
      fires: 'dependency-source',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'a direct module moved from a pseudo-version to a release: silent',
      files: goMod(['\tgithub.com/acme/sdk v1.2.4-0.20260101000000-0123456789ab'], ['\tgithub.com/acme/sdk v1.2.4']),
      silent: 'dependency-source',
    },
    {
      lang: 'go',
      name: 'an indirect pseudo-version moving to a newer commit',
      files: goMod(
        ['\tgolang.org/x/exp v0.0.0-20240719175910-8a7402abbf56 // indirect'],
        ['\tgolang.org/x/exp v0.0.0-20250106191152-7588d65b2ba8 // indirect'],
      ),
      silent: 'dependency-source',
    },
    {
      lang: 'cargo',
      name: 'a crate moved from a release to a git rev',
      files: {
        path: 'Cargo.toml',
        before: ['[dependencies]'],
        del: ['reqwest = "0.12"'],
        add: ['reqwest = { git = "https://github.com/seanmonstar/reqwest", rev = "0123abc" }'],
      },
      fires: 'dependency-source',
    },
    {
      lang: 'cargo',
      name: 'a crate moved between releases',
      files: {
        path: 'Cargo.toml',
        before: ['[dependencies]'],
        del: ['reqwest = "0.12.1"'],
        add: ['reqwest = "0.12.4"'],
      },
      silent: 'dependency-source',
    },
  ]);
});

describe('review/rules downloads without a checksum', () => {
  check([
    {
      lang: 'shell',
      name: 'an archive fetched and unpacked with no hash check',
      files: {
        path: 'scripts/install-protoc.sh',
        before: ['set -eu'],
        add: [
          'curl -fsSL -o protoc.zip "https://github.com/protocolbuffers/protobuf/releases/download/v28.0/protoc-28.0-linux-x86_64.zip"',
          'unzip protoc.zip -d "$HOME/.local"',
        ],
      },
      fires: 'download-unverified',
      severity: 'medium',
    },
    {
      lang: 'shell',
      name: 'the same fetch verified with sha256sum -c',
      files: {
        path: 'scripts/install-protoc.sh',
        before: ['set -eu'],
        add: [
          'curl -fsSL -o protoc.zip "https://github.com/protocolbuffers/protobuf/releases/download/v28.0/protoc-28.0-linux-x86_64.zip"',
          'echo "${PROTOC_SHA256}  protoc.zip" | sha256sum -c -',
          'unzip protoc.zip -d "$HOME/.local"',
        ],
      },
      silent: 'download-unverified',
    },
    {
      lang: 'shell',
      name: 'a vendor installer piped into sh (ci-risky-step in CI) and an API call',
      files: {
        path: 'scripts/setup.sh',
        add: [
          'curl --proto "=https" -sSf https://sh.rustup.rs | sh -s -- -y',
          'curl -s -H "Authorization: Bearer $TOKEN" https://api.github.com/repos/acme/app/releases/latest',
        ],
        status: 'added',
      },
      silent: 'download-unverified',
    },
    {
      lang: 'dockerfile',
      name: 'ADD of a release tarball',
      files: {
        path: 'Dockerfile',
        before: ['FROM debian:bookworm-slim'],
        add: ['ADD https://example.com/tool-1.2.3.tar.gz /opt/'],
      },
      fires: 'download-unverified',
    },
    {
      lang: 'dockerfile',
      name: 'ADD --checksum pins the tarball',
      files: {
        path: 'Dockerfile',
        before: ['FROM debian:bookworm-slim'],
        add: [
          'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.3.tar.gz /opt/',
        ],
      },
      silent: 'download-unverified',
    },
    {
      lang: 'yaml',
      name: 'a workflow step wgets a binary and runs it',
      files: {
        path: '.github/workflows/release.yml',
        before: ['      - name: Install tool', '        run: |'],
        add: [
          '          wget -q https://example.com/releases/tool-linux-amd64.tar.gz',
          '          tar xzf tool-linux-amd64.tar.gz && ./tool --version',
        ],
      },
      fires: 'download-unverified',
    },
    {
      lang: 'yaml',
      name: 'a workflow step posting to an API',
      files: {
        path: '.github/workflows/notify.yml',
        before: ['        run: |'],
        add: ['          curl -X POST -d @payload.json https://hooks.example.com/notify'],
      },
      silent: 'download-unverified',
    },
    {
      lang: 'json',
      name: 'download metadata: a new URL beside a null sha256',
      files: {
        path: 'crates/py/download-metadata.json',
        before: ['    "prerelease": "",'],
        del: ['    "url": "https://github.com/acme/builds/releases/download/1.0.4/env-1.0.4.tar.gz",'],
        add: ['    "url": "https://github.com/acme/builds/releases/download/1.0.5/env-1.0.5.tar.gz",'],
        after: ['    "sha256": null,', '    "variant": null'],
      },
      fires: 'download-unverified',
    },
    {
      lang: 'json',
      name: 'download metadata with its checksum',
      files: {
        path: 'crates/py/download-metadata.json',
        before: ['    "prerelease": "",'],
        del: ['    "url": "https://github.com/acme/builds/releases/download/1.0.4/env-1.0.4.tar.gz",'],
        add: ['    "url": "https://github.com/acme/builds/releases/download/1.0.5/env-1.0.5.tar.gz",'],
        after: [
          '    "sha256": "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d",',
          '    "variant": null',
        ],
      },
      silent: 'download-unverified',
    },
  ]);
});

describe('review/tier: dependency moves and supply chain', () => {
  const tierOf = (...files: FileSpec[]): string => review(diffOf(...files)).blastRadius.tier;
  it('a group of direct runtime minor moves is T1; one patch bump T0', () => {
    const group = goMod(
      ['\tgithub.com/posthog/posthog-go v1.17.5', '\tgithub.com/openai/openai-go/v3 v3.43.0'],
      ['\tgithub.com/posthog/posthog-go v1.19.0', '\tgithub.com/openai/openai-go/v3 v3.44.0'],
    );
    assert.equal(tierOf(group), 'T1');
    assert.equal(
      tierOf(goMod(['\tgithub.com/mattn/go-isatty v0.0.22'], ['\tgithub.com/mattn/go-isatty v0.0.23'])),
      'T0',
    );
  });
  it('the TLS crate moved in a lockfile-only bump is T2; a routine one T0', () => {
    assert.equal(tierOf(cargoLock('aws-lc-rs', '1.16.2', '1.18.0')), 'T2');
    assert.equal(tierOf(cargoLock('serde', '1.0.210', '1.0.215')), 'T0');
  });
  it('a runtime major is T2; the same major of a dev tool raises nothing', () => {
    const npm = (section: string): FileSpec => ({
      path: 'package.json',
      before: [`  "${section}": {`],
      del: ['    "react": "^18.2.0",'],
      add: ['    "react": "^19.0.0",'],
      after: ['  }'],
    });
    assert.equal(tierOf(npm('dependencies')), 'T2');
    assert.equal(tierOf(npm('devDependencies')), 'T0');
  });
  it('a runtime 0.x minor step is T1 in Go, Cargo and npm; indirect, T0', () => {
    assert.equal(tierOf(goMod(['\tcharm.land/fantasy v0.35.2'], ['\tcharm.land/fantasy v0.36.0'])), 'T1');
    assert.equal(tierOf(goMod(['\tacme.dev/x v0.35.2 // indirect'], ['\tacme.dev/x v0.36.0 // indirect'])), 'T0');
    const cargo: FileSpec = {
      path: 'Cargo.toml',
      before: ['[dependencies]'],
      del: ['reqwest = "0.11"'],
      add: ['reqwest = "0.12"'],
    };
    assert.equal(tierOf(cargo), 'T1');
  });
  it('a pseudo-version refreshed to a newer commit is T1 when direct, T0 when indirect', () => {
    const [hit] = findingsOf(
      review(
        diffOf(
          goMod(
            ['\tgithub.com/acme/ui v0.0.0-20260525132238-948f4557a654'],
            ['\tgithub.com/acme/ui v0.0.0-20260703014108-f5a850f9c2b7'],
          ),
        ),
      ),
      'dependency-source',
    );
    assert.match(
      hit.why,
      /github\.com\/acme\/ui moved from untagged commit .*948f4557a654.* to untagged commit .*f5a850f9c2b7/,
    );
    assert.equal(
      tierOf(
        goMod(
          ['\tgithub.com/acme/ui v0.0.0-20260525132238-948f4557a654'],
          ['\tgithub.com/acme/ui v0.0.0-20260703014108-f5a850f9c2b7'],
        ),
      ),
      'T1',
    );
    assert.equal(
      tierOf(
        goMod(
          ['\tgolang.org/x/exp v0.0.0-20240719175910-8a7402abbf56 // indirect'],
          ['\tgolang.org/x/exp v0.0.0-20250106191152-7588d65b2ba8 // indirect'],
        ),
      ),
      'T0',
    );
  });
  it('a module pinned to an untagged commit is T1', () => {
    const pin = goMod(
      ['\tgithub.com/modelcontextprotocol/go-sdk v1.7.0-pre.3'],
      ['\tgithub.com/modelcontextprotocol/go-sdk v1.7.0-pre.3.0.20260724080706-e761950d9795'],
    );
    assert.equal(tierOf(pin), 'T1');
  });
});

describe('review/rules dependency kind when the hunk hides the table', () => {
  check([
    {
      lang: 'pypi',
      name: 'a tool added to a `check = [` array whose [dependency-groups] header is out of the hunk is development',
      files: {
        path: 'pyproject.toml',
        start: 117,
        before: ['check = [', '    "ruff>=0.16.2",'],
        add: ['    "typos>=1.49.0",'],
        after: ['    "validate-pyproject[all,store]>=0.25",', ']'],
      },
      silent: 'new-dependency',
    },
    {
      lang: 'pypi',
      name: 'the same line in a `dependencies = [` array is runtime',
      files: {
        path: 'pyproject.toml',
        start: 17,
        before: ['dependencies = [', '    "anyio>=4.5",'],
        add: ['    "typos>=1.49.0",'],
        after: [']'],
      },
      fires: 'new-dependency',
    },
  ]);
});

describe('review/rules dependency moves read from each lockfile format', () => {
  const movesIn = (spec: FileSpec): string =>
    findingsOf(review(diffOf(spec)), 'dependency-moved')
      .map((f) => f.why)
      .join('\n');
  it('yarn.lock: the version under an unchanged header', () => {
    const why = movesIn({
      path: 'yarn.lock',
      before: ['jsonwebtoken@^9.0.0:'],
      del: ['  version "9.0.1"', '  resolved "https://registry.yarnpkg.com/jsonwebtoken/-/jsonwebtoken-9.0.1.tgz"'],
      add: ['  version "9.0.2"', '  resolved "https://registry.yarnpkg.com/jsonwebtoken/-/jsonwebtoken-9.0.2.tgz"'],
    });
    assert.match(why, /jsonwebtoken 9\.0\.1 → 9\.0\.2 \(TLS\/crypto\/auth\)/);
  });
  it('pnpm-lock.yaml: the version in the package key', () => {
    const why = movesIn({
      path: 'pnpm-lock.yaml',
      before: ['packages:', ''],
      del: ['  jose@5.9.6:'],
      add: ['  jose@5.10.0:'],
      after: ['    resolution: {integrity: sha512-AAAA}'],
    });
    assert.match(why, /jose 5\.9\.6 → 5\.10\.0/);
  });
  it('uv.lock: a package block with its name above the hunk is not guessed', () => {
    const why = movesIn({
      path: 'uv.lock',
      before: ['source = { registry = "https://pypi.org/simple" }'],
      del: ['version = "44.0.0"'],
      add: ['version = "44.0.1"'],
    });
    assert.equal(why, '');
  });
});

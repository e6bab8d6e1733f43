/**
 * Dependencies that moved and supply-chain sources, in pull-request shapes modelled on merged changes of public
 * repositories (a dependabot group of Go modules; a module pinned to a main-branch commit; the TLS crate of shipped
 * binaries moved in a lockfile-only bump; a download entry with no checksum; a dev-group tool bump; an action's
 * major version). Written by this team; no third-party code.
 */
import { CorpusCase, edit, newFile } from './types';

const goRequire = (del: string[], add: string[]) => edit('go.mod', ['require ('], del, add, [')'], 5);

export const DEPENDENCY_CASES: readonly CorpusCase[] = [
  {
    id: 'go-dependabot-group',
    lang: 'go',
    title: 'chore(deps): bump the all group with 4 updates',
    files: [
      goRequire(
        [
          '\tgithub.com/acme/telemetry-go v1.17.5',
          '\tgithub.com/acme/llm-go/v3 v3.43.0',
          '\tgithub.com/acme/tty v0.0.22',
        ],
        [
          '\tgithub.com/acme/telemetry-go v1.19.0',
          '\tgithub.com/acme/llm-go/v3 v3.44.0',
          '\tgithub.com/acme/tty v0.0.23',
        ],
      ),
      edit(
        'go.sum',
        [],
        ['github.com/acme/telemetry-go v1.17.5 h1:AAAA=', 'github.com/acme/telemetry-go v1.17.5/go.mod h1:BBBB='],
        ['github.com/acme/telemetry-go v1.19.0 h1:CCCC=', 'github.com/acme/telemetry-go v1.19.0/go.mod h1:DDDD='],
      ),
    ],
    expect: ['dependency-moved'],
    forbid: ['new-dependency', 'lockfile-only-change', 'dependency-source'],
  },
  {
    id: 'go-sdk-pinned-to-main',
    lang: 'go',
    title: 'Pin the MCP SDK to main for a protocol header fix',
    files: [
      goRequire(
        ['\tgithub.com/acme/mcp-sdk v1.7.0-pre.3'],
        ['\tgithub.com/acme/mcp-sdk v1.7.0-pre.3.0.20260724080706-e761950d9795'],
      ),
    ],
    expect: ['dependency-source'],
    forbid: ['dependency-moved', 'new-dependency'],
  },
  {
    id: 'go-one-module-bump',
    lang: 'go',
    title: 'chore: bump the telemetry client to v1.39.0',
    files: [goRequire(['\tgithub.com/acme/telemetry-go v1.38.1'], ['\tgithub.com/acme/telemetry-go v1.39.0'])],
    expect: [],
    forbid: ['dependency-moved', 'new-dependency'],
  },
  {
    // A 0.x minor step is breaking by semver: the library that builds every provider request moved with no code change.
    id: 'go-zero-minor-step',
    lang: 'go',
    title: 'chore(deps): bump agentkit (0.35.2 -> 0.36.0)',
    files: [
      goRequire(['\tgithub.com/acme/agentkit v0.35.2'], ['\tgithub.com/acme/agentkit v0.36.0']),
      edit('go.sum', [], ['github.com/acme/agentkit v0.35.2 h1:AAAA='], ['github.com/acme/agentkit v0.36.0 h1:BBBB=']),
    ],
    expect: ['dependency-moved'],
    forbid: ['new-dependency', 'lockfile-only-change', 'dependency-source'],
  },
  {
    // A dependabot group: patch moves plus a direct module refreshed from one untagged commit to a newer one.
    id: 'go-pseudo-version-refresh',
    lang: 'go',
    title: 'chore(deps): bump the all group with 3 updates',
    files: [
      goRequire(
        [
          '\tgithub.com/acme/termui v2.1.0',
          '\tgithub.com/acme/renderer v0.0.0-20260525132238-948f4557a654',
          '\tgithub.com/acme/width v0.0.23 // indirect',
        ],
        [
          '\tgithub.com/acme/termui v2.1.1',
          '\tgithub.com/acme/renderer v0.0.0-20260703014108-f5a850f9c2b7',
          '\tgithub.com/acme/width v0.0.24 // indirect',
        ],
      ),
    ],
    expect: ['dependency-source'],
    forbid: ['dependency-moved', 'new-dependency'],
  },
  {
    id: 'go-action-major',
    lang: 'go',
    title: 'chore(deps): bump the actions group with 2 updates',
    files: [
      edit(
        '.github/workflows/build.yml',
        ['    steps:'],
        [
          '      - uses: actions/setup-go@924ae3a1cded613372ab5595356fb5720e22ba16 # v6.5.0',
          '      - uses: github/codeql-action/init@99df26d4f13ea111d4ec1a7dddef6063f76b97e9 # v4.37.0',
        ],
        [
          '      - uses: actions/setup-go@b7ad1dad31e06c5925ef5d2fc7ad053ef454303e # v7.0.0',
          '      - uses: github/codeql-action/init@7188fc363630916deb702c7fdcf4e481b751f97a # v4.37.1',
        ],
        ['        with:'],
      ),
    ],
    expect: ['dependency-moved'],
    forbid: ['ci-risky-step'],
  },
  {
    id: 'go-dockerfile-unchecked-download',
    lang: 'go',
    title: 'Build image: install the linter from its release',
    files: [
      edit(
        'Dockerfile',
        ['FROM golang:1.26 AS build'],
        [],
        [
          'RUN curl -fsSL -o /tmp/lint.tar.gz https://example.com/lint/releases/download/v2.1.0/lint-linux-amd64.tar.gz \\',
          '    && tar -xzf /tmp/lint.tar.gz -C /usr/local/bin',
        ],
        ['WORKDIR /src'],
      ),
    ],
    expect: ['download-unverified'],
    forbid: ['ci-risky-step'],
  },
  {
    id: 'rust-tls-crate-lockfile-only',
    lang: 'rust',
    title: 'Fix TLS segfaults on one target by updating the crypto backend',
    files: [
      edit(
        'Cargo.lock',
        ['[[package]]', 'name = "aws-lc-rs"'],
        ['version = "1.16.2"', 'checksum = "aaaa"'],
        ['version = "1.18.0"', 'checksum = "bbbb"'],
        ['dependencies = ['],
        120,
      ),
    ],
    expect: ['dependency-moved'],
    forbid: ['lockfile-only-change'],
  },
  {
    id: 'rust-lockfile-refresh',
    lang: 'rust',
    title: 'cargo update',
    files: [
      edit(
        'Cargo.lock',
        ['[[package]]', 'name = "serde_json"'],
        ['version = "1.0.128"', 'checksum = "aaaa"'],
        ['version = "1.0.132"', 'checksum = "bbbb"'],
        ['dependencies = ['],
        300,
      ),
    ],
    expect: ['lockfile-only-change'],
    forbid: ['dependency-moved'],
  },
  {
    id: 'rust-download-metadata-no-checksum',
    lang: 'rust',
    title: 'Sync the latest interpreter builds',
    files: [
      edit(
        'crates/interp/download-metadata.json',
        ['    "prerelease": "",'],
        ['    "url": "https://github.com/acme/interp/releases/download/314.0.4/buildenv-314.0.4.tar.gz",'],
        ['    "url": "https://github.com/acme/interp/releases/download/314.0.5/buildenv-314.0.5.tar.gz",'],
        ['    "sha256": null,', '    "variant": null'],
        2400,
      ),
    ],
    expect: ['download-unverified'],
    forbid: [],
  },
  {
    id: 'rust-runtime-major-with-lock',
    lang: 'rust',
    title: 'Move to reqwest 0.12',
    files: [
      edit('Cargo.toml', ['[dependencies]'], ['reqwest = "0.11"'], ['reqwest = "0.12"'], ['serde = "1"']),
      edit(
        'Cargo.lock',
        ['[[package]]', 'name = "reqwest"'],
        ['version = "0.11.27"', 'checksum = "aaaa"'],
        ['version = "0.12.9"', 'checksum = "bbbb"'],
        ['dependencies = ['],
        800,
      ),
    ],
    expect: ['dependency-moved'],
    forbid: ['new-dependency', 'lockfile-only-change'],
  },
  {
    id: 'py-check-group-bump',
    lang: 'py',
    title: 'Remove more uvx usages, add typos to the check group',
    files: [
      edit(
        'pyproject.toml',
        ['[dependency-groups]', 'check = ['],
        ['    "ruff>=0.9",'],
        ['    "ruff>=1.0",', '    "typos>=1.28",'],
        [']'],
      ),
    ],
    expect: ['new-dev-dependency'],
    forbid: ['dependency-moved', 'new-dependency'],
  },
  {
    id: 'py-runtime-major',
    lang: 'py',
    title: 'Support pydantic 2',
    files: [
      edit(
        'pyproject.toml',
        ['[project]', 'dependencies = ['],
        ['    "pydantic>=1.10,<2",'],
        ['    "pydantic>=2.4,<3",'],
        ['    "anyio>=4.5",', ']'],
      ),
    ],
    expect: ['dependency-moved'],
    forbid: ['new-dependency'],
  },
  {
    id: 'ts-dev-tool-major',
    lang: 'ts',
    title: 'chore(deps): update dependency eslint to v9',
    files: [
      edit(
        'package.json',
        ['  "devDependencies": {'],
        ['    "eslint": "^8.57.0",'],
        ['    "eslint": "^9.14.0",'],
        ['  }'],
      ),
      edit(
        'package-lock.json',
        ['    "node_modules/eslint": {'],
        ['      "version": "8.57.0",'],
        ['      "version": "9.14.0",'],
        ['      "dev": true,'],
      ),
    ],
    expect: [],
    forbid: ['dependency-moved', 'new-dependency', 'new-dev-dependency', 'lockfile-only-change'],
  },
  {
    id: 'ts-token-library-lock',
    lang: 'ts',
    title: 'chore(deps): bump jsonwebtoken from 9.0.1 to 9.0.2',
    files: [
      edit(
        'package-lock.json',
        ['    "node_modules/jsonwebtoken": {'],
        ['      "version": "9.0.1",'],
        ['      "version": "9.0.2",'],
        ['      "license": "MIT",'],
      ),
    ],
    expect: ['dependency-moved'],
    forbid: ['lockfile-only-change'],
  },
  {
    id: 'ts-script-checked-download',
    lang: 'ts',
    title: 'Fetch the pinned protoc in the setup script',
    files: [
      newFile('scripts/setup-protoc.sh', [
        '#!/bin/sh',
        'set -eu',
        'curl -fsSL -o protoc.zip "https://example.com/protobuf/releases/download/v28.0/protoc-28.0-linux-x86_64.zip"',
        'echo "${PROTOC_SHA256}  protoc.zip" | sha256sum -c -',
        'unzip -o protoc.zip -d "$HOME/.local"',
      ]),
    ],
    expect: [],
    forbid: ['download-unverified'],
  },
  // A manifest the change creates: its development tooling is the new package's set-up, not a choice to review line
  // by line (gemini-cli #28167's egress service, #28530's eval requirements). A name no lockfile knows still counts.
  {
    id: 'ts-new-service-manifest',
    lang: 'ts',
    title: 'feat(relay): skeleton of the webhook relay service',
    files: [
      newFile('services/relay/package.json', [
        '{',
        '  "name": "relay",',
        '  "private": true,',
        '  "dependencies": {',
        '    "fastify": "^4.28.1"',
        '  },',
        '  "devDependencies": {',
        '    "@types/node": "^20.14.0",',
        '    "typescript": "^5.6.2",',
        '    "vitest": "^2.1.4"',
        '  }',
        '}',
      ]),
    ],
    context: {
      lockfiles: [
        {
          path: 'package-lock.json',
          text: JSON.stringify({
            lockfileVersion: 3,
            packages: {
              'node_modules/fastify': { version: '4.28.1' },
              'node_modules/@types/node': { version: '20.14.0', dev: true },
              'node_modules/typescript': { version: '5.6.2', dev: true },
              'node_modules/vitest': { version: '2.1.4', dev: true },
            },
          }),
        },
      ],
    },
    expect: ['new-dependency'],
    forbid: ['new-dev-dependency'],
  },
  {
    id: 'ts-new-service-manifest-unlocked-dev-tool',
    lang: 'ts',
    title: 'feat(relay): skeleton of the webhook relay service, with a test helper',
    files: [
      newFile('services/relay/package.json', [
        '{',
        '  "name": "relay",',
        '  "private": true,',
        '  "devDependencies": {',
        '    "typescript": "^5.6.2",',
        '    "relay-test-kit": "^0.3.0"',
        '  }',
        '}',
      ]),
    ],
    context: {
      lockfiles: [
        {
          path: 'package-lock.json',
          text: JSON.stringify({
            lockfileVersion: 3,
            packages: { 'node_modules/typescript': { version: '5.6.2', dev: true } },
          }),
        },
      ],
    },
    expect: ['new-dev-dependency'],
    forbid: ['new-dependency'],
  },
  {
    id: 'py-new-eval-requirements',
    lang: 'py',
    title: 'feat(evals): judge runner for the triage agent',
    files: [newFile('tools/triage/evals/requirements.txt', ['pytest>=8.0', 'pyyaml>=6.0', 'rich>=13.7'])],
    expect: [],
    forbid: ['new-dev-dependency', 'new-dependency'],
  },
  {
    id: 'py-eval-requirements-grow',
    lang: 'py',
    title: 'feat(evals): plot the judge scores',
    files: [
      edit('tools/triage/evals/requirements.txt', ['pytest>=8.0', 'pyyaml>=6.0'], [], ['matplotlib>=3.9'], [], 1),
    ],
    expect: ['new-dev-dependency'],
    forbid: ['new-dependency'],
  },
];

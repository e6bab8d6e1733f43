import * as assert from 'node:assert/strict';
import { type FileSpec, check, diffOf, findingsOf, review } from './helpers';

/**
 * The same version with another artifact: lockfile entries whose checksum changed while name and version stayed, and
 * download metadata re-pointed to new archives under unchanged version fields. Fixtures written here, modelled on
 * the lockfile formats as their tools write them and on interpreter download metadata (uv #21138's shape: a release
 * re-pointed to a newer build of the same version).
 */
const hex = (c: string): string => c.repeat(64);

const cargo = (from: string, to: string, version = ['version = "1.2.3"', 'version = "1.2.3"']): FileSpec => ({
  path: 'Cargo.lock',
  start: 40,
  before: ['[[package]]', 'name = "tokio-rustls"'],
  del: [version[0], 'source = "registry+https://github.com/rust-lang/crates.io-index"', `checksum = "${from}"`],
  add: [version[1], 'source = "registry+https://github.com/rust-lang/crates.io-index"', `checksum = "${to}"`],
  after: ['dependencies = ['],
});

const metadata = (del: string[], add: string[]): FileSpec => ({
  path: 'crates/py-install/download-metadata.json',
  start: 12,
  before: ['    "major": 3,', '    "minor": 14,', '    "patch": 7,', '    "prerelease": "",'],
  del,
  add,
  after: ['    "variant": null', '  },'],
});

describe('review/rules checksum changed under the same version', () => {
  check([
    {
      lang: 'lockfile',
      name: 'Cargo.lock: a crate keeps its version and gets another checksum',
      files: cargo(hex('a'), hex('b')),
      fires: 'checksum-changed',
      severity: 'medium',
    },
    {
      lang: 'lockfile',
      name: 'Cargo.lock: a version move changes the checksum with it (dependency-moved, not this)',
      files: cargo(hex('a'), hex('b'), ['version = "1.2.3"', 'version = "1.2.4"']),
      silent: 'checksum-changed',
    },
    {
      lang: 'lockfile',
      name: 'go.sum: the same module version with another h1 hash',
      files: {
        path: 'go.sum',
        start: 3,
        before: ['github.com/acme/log v1.4.0/go.mod h1:Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0MTIzNA='],
        del: ['github.com/acme/log v1.4.0 h1:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY='],
        add: ['github.com/acme/log v1.4.0 h1:enl4d3Z1dHNycXBvbm1sa2ppaGdmZWRjYmE5ODc2NTQ='],
      },
      fires: 'checksum-changed',
    },
    {
      lang: 'lockfile',
      name: 'go.sum: an upgrade removes the old version and adds the new one',
      files: {
        path: 'go.sum',
        start: 3,
        del: ['github.com/acme/log v1.4.0 h1:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY='],
        add: ['github.com/acme/log v1.5.0 h1:enl4d3Z1dHNycXBvbm1sa2ppaGdmZWRjYmE5ODc2NTQ='],
      },
      silent: 'checksum-changed',
    },
    {
      lang: 'lockfile',
      name: 'uv.lock: the same wheel URL with another hash',
      files: {
        path: 'uv.lock',
        start: 200,
        before: ['[[package]]', 'name = "httpx"', 'version = "0.28.1"'],
        del: [
          `wheels = [{ url = "https://files.example.org/httpx-0.28.1-py3-none-any.whl", hash = "sha256:${hex('c')}", size = 73517 }]`,
        ],
        add: [
          `wheels = [{ url = "https://files.example.org/httpx-0.28.1-py3-none-any.whl", hash = "sha256:${hex('d')}", size = 73517 }]`,
        ],
      },
      fires: 'checksum-changed',
    },
    {
      lang: 'lockfile',
      name: 'uv.lock: a new platform wheel listed beside the old one changes no checksum',
      files: {
        path: 'uv.lock',
        start: 200,
        before: [
          '[[package]]',
          'name = "orjson"',
          'version = "3.11.0"',
          'wheels = [',
          `    { url = "https://files.example.org/orjson-3.11.0-cp312-manylinux.whl", hash = "sha256:${hex('c')}" },`,
        ],
        add: [
          `    { url = "https://files.example.org/orjson-3.11.0-cp313-manylinux.whl", hash = "sha256:${hex('e')}" },`,
        ],
        after: [']'],
      },
      silent: 'checksum-changed',
    },
    {
      lang: 'lockfile',
      name: 'package-lock.json: same version, new integrity',
      files: {
        path: 'package-lock.json',
        start: 90,
        before: ['    "node_modules/left-pad": {', '      "version": "1.3.0",'],
        del: ['      "integrity": "sha512-' + 'A'.repeat(86) + '==",'],
        add: ['      "integrity": "sha512-' + 'B'.repeat(86) + '==",'],
        after: ['      "license": "WTFPL"'],
      },
      fires: 'checksum-changed',
    },
    {
      lang: 'lockfile',
      name: 'package-lock.json: a resolved URL moved to a mirror with the same integrity',
      files: {
        path: 'package-lock.json',
        start: 90,
        before: ['    "node_modules/left-pad": {', '      "version": "1.3.0",'],
        del: ['      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",'],
        add: ['      "resolved": "https://npm.example.internal/left-pad/-/left-pad-1.3.0.tgz",'],
        after: ['      "integrity": "sha512-' + 'A'.repeat(86) + '==",'],
      },
      silent: 'checksum-changed',
    },
  ]);

  const workflow = (del: string, add: string): FileSpec => ({
    path: '.github/workflows/schema.yml',
    start: 20,
    before: ['      - uses: actions/checkout@v4', '        with:', '          token: ${{ secrets.BOT_TOKEN }}'],
    del: [del],
    add: [add],
    after: ['        with:', '          commit_message: "chore: update schema"'],
  });
  check([
    {
      lang: 'yaml',
      name: 'a third-party action re-pinned to another commit under the same "# v5" comment: low',
      files: workflow(
        `      - uses: acme-tools/auto-commit@${'1'.repeat(40)} # v5`,
        `      - uses: acme-tools/auto-commit@${'2'.repeat(40)} # v5`,
      ),
      fires: 'checksum-changed',
      severity: 'low',
    },
    {
      lang: 'yaml',
      name: "GitHub's own action re-pinned under the same comment (the pipeline rules read it)",
      files: workflow(
        `      - uses: actions/setup-go@${'1'.repeat(40)} # v6`,
        `      - uses: actions/setup-go@${'2'.repeat(40)} # v6`,
      ),
      silent: 'checksum-changed',
    },
    {
      lang: 'yaml',
      name: 'a third-party action moved to a new release, its comment with it (dependency-moved)',
      files: workflow(
        `      - uses: acme-tools/auto-commit@${'1'.repeat(40)} # v5.0.1`,
        `      - uses: acme-tools/auto-commit@${'2'.repeat(40)} # v5.0.2`,
      ),
      silent: 'checksum-changed',
    },
  ]);

  it('download metadata re-pointed to new archives under the same version: one finding naming how many', () => {
    const entry = (build: string, c: string): string[] => [
      `    "url": "https://example.org/releases/download/${build}/cpython-3.14.7-x86_64-linux.tar.gz",`,
      `    "sha256": "${hex(c)}",`,
    ];
    const one = metadata(entry('20260807', 'a'), entry('20260814', 'b'));
    const two: FileSpec = { ...metadata(entry('20260807', 'c'), entry('20260814', 'd')), start: 40 };
    const r = review(diffOf(one, two));
    const hits = findingsOf(r, 'checksum-changed');
    assert.equal(hits.length, 1, JSON.stringify(hits));
    assert.match(hits[0].why, /download entry .*points at a new archive and checksum while no version field changed/);
    assert.equal(hits[0].count, 2, 'one finding for the file, counting each re-pointed entry');
  });

  it('download metadata for a new version (a version field changed) or a new entry stays silent', () => {
    const moved = metadata(
      ['    "patch": 6,', `    "sha256": "${hex('a')}",`],
      ['    "patch": 7,', `    "sha256": "${hex('b')}",`],
    );
    assert.deepEqual(findingsOf(review(diffOf(moved)), 'checksum-changed'), []);
    const added = metadata([], [`    "url": "https://example.org/new.tar.gz",`, `    "sha256": "${hex('b')}",`]);
    assert.deepEqual(findingsOf(review(diffOf(added)), 'checksum-changed'), []);
  });
});

/**
 * What the manifests above a changed file say about its package (model/packages.ts): unpublished and binary-only
 * crates, Python code outside any declared package, private npm packages; unknown stays a library.
 */
import * as assert from 'node:assert/strict';
import {
  jsEntryCandidates,
  jsReExports,
  outsidePublishedPackage,
  privateCrate,
  privatePythonPackage,
} from '../../../src/core/review/model/packages';

const cargo = (...lines: string[]): string =>
  ['[package]', 'name = "kit"', 'version = "0.3.1"', ...lines, '', '[dependencies]', 'serde = "1"'].join('\n');

describe('review packages: what a manifest says about its library', () => {
  it('Rust: publish = false or [] is unpublished; a published crate with a library target is a library', () => {
    assert.equal(privateCrate(cargo('publish = false'), true), true);
    assert.equal(privateCrate(cargo('publish = []  # never'), true), true);
    assert.equal(privateCrate(cargo('publish = ["internal-registry"]'), true), false);
    assert.equal(privateCrate(cargo(), true), false);
    // A key of another table named publish is not the package's.
    assert.equal(privateCrate(cargo() + '\n[package.metadata.release]\npublish = false\n', true), false);
  });

  it('Rust: publish inherited from the workspace, and a binary-only crate', () => {
    const workspace = ['[workspace]', 'members = ["crates/*"]', '', '[workspace.package]', 'publish = false'].join(
      '\n',
    );
    assert.equal(privateCrate(cargo('publish.workspace = true'), true, workspace), true);
    assert.equal(privateCrate(cargo('publish = { workspace = true }'), true, workspace), true);
    assert.equal(privateCrate(cargo('publish.workspace = true'), true, '[workspace]\nmembers = []\n'), false);
    // No src/lib.rs and no [lib]: a binary only. A [lib] table with its own path is a library.
    assert.equal(privateCrate(cargo(), false), true);
    assert.equal(privateCrate(cargo() + '\n[lib]\npath = "lib.rs"\n', false), false);
    // A workspace root without [package] says nothing about a crate.
    assert.equal(privateCrate(workspace, false), undefined);
  });

  it('Python: a pyproject declares a package with [project] or [tool.poetry]; tool settings alone declare none', () => {
    assert.equal(privatePythonPackage('pyproject.toml', '[project]\nname = "chatkit"\nversion = "1.0"\n'), false);
    assert.equal(privatePythonPackage('pyproject.toml', '[tool.poetry]\nname = "chatkit"\n'), false);
    assert.equal(privatePythonPackage('pyproject.toml', '[tool.ruff]\nline-length = 100\n'), undefined);
    assert.equal(
      privatePythonPackage('pyproject.toml', '[project]\nname = "app"\n\n[tool.uv]\npackage = false\n'),
      true,
    );
    assert.equal(
      privatePythonPackage('pyproject.toml', '[project]\nclassifiers = ["Private :: Do Not Upload"]\n'),
      true,
    );
    assert.equal(privatePythonPackage('setup.py', 'from setuptools import setup\nsetup(name="chatkit")\n'), false);
    assert.equal(privatePythonPackage('setup.cfg', '[flake8]\nmax-line-length = 100\n'), undefined);
    assert.equal(privatePythonPackage('setup.cfg', '[metadata]\nname = chatkit\n'), false);
  });

  it('the nearest manifest decides; Python under none is no library only when manifests were looked for', () => {
    const crates = new Map([
      ['crates/dev', true],
      ['crates/cache', false],
    ]);
    assert.equal(outsidePublishedPackage('crates/dev/src/lib.rs', 'rust', { crates }), true);
    assert.equal(outsidePublishedPackage('crates/cache/src/lib.rs', 'rust', { crates }), false);
    assert.equal(outsidePublishedPackage('src/lib.rs', 'rust', { crates }), false);
    const pythonPackages = new Map([
      ['sdk', false],
      ['sdk/examples/app', true],
    ]);
    assert.equal(outsidePublishedPackage('sdk/src/sdk/client.py', 'py', { pythonPackages }), false);
    assert.equal(outsidePublishedPackage('sdk/examples/app/main.py', 'py', { pythonPackages }), true);
    assert.equal(outsidePublishedPackage('bot/handlers.py', 'py', { pythonPackages }), true);
    assert.equal(outsidePublishedPackage('bot/handlers.py', 'py', {}), false);
    assert.equal(outsidePublishedPackage('src/app.ts', 'js', { jsPackages: new Map([['', true]]) }), true);
    assert.equal(outsidePublishedPackage('pkg/store.go', 'go', { pythonPackages }), false);
  });

  it('JS/TS: entry points come from main/exports, built paths map to sources; a module no entry reaches is internal', () => {
    const entries = jsEntryCandidates('packages/server', JSON.stringify({ main: 'dist/index.js' }))!;
    assert.ok(entries.includes('packages/server/index.ts'), entries.join(' '));
    assert.ok(entries.includes('packages/server/src/index.ts'), entries.join(' '));
    assert.equal(jsEntryCandidates('pkg', JSON.stringify({ exports: { './*': './dist/*.js' } })), null);
    assert.equal(jsEntryCandidates('pkg', '{ not json'), null);
    assert.deepEqual(jsEntryCandidates('', '{}')!.slice(0, 1), ['index.ts']);
    assert.deepEqual(
      jsReExports(
        "export * from './agent/executor.js';\nexport { a, b } from '../x';\nexport type { T } from './t';\nimport y from './y';\nexport * from 'zod';",
      ),
      ['./agent/executor.js', '../x', './t'],
    );
    const jsPackages = new Map([['packages/server', false]]);
    const jsExports = new Map([
      ['packages/server', new Set(['packages/server/index.ts', 'packages/server/src/app.ts'])],
    ]);
    assert.equal(outsidePublishedPackage('packages/server/src/app.ts', 'js', { jsPackages, jsExports }), false);
    assert.equal(
      outsidePublishedPackage('packages/server/src/config/config.ts', 'js', { jsPackages, jsExports }),
      true,
    );
    // Unknown exports: every module of a published package counts.
    assert.equal(outsidePublishedPackage('packages/server/src/config/config.ts', 'js', { jsPackages }), false);
  });
});

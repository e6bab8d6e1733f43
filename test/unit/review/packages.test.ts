/**
 * What the manifests above a changed file say about its package (model/packages.ts): unpublished, binary-only and
 * workspace-internal crates, Python code outside any declared package, private npm packages; unknown stays a library.
 * Which folders hold no library code at all (model/library.ts), and which names of a private Rust module leave its
 * crate (model/rustModules.ts).
 */
import * as assert from 'node:assert/strict';
import {
  jsEntryCandidates,
  jsReExports,
  outsidePublishedPackage,
  privateCrate,
  privatePythonPackage,
} from '../../../src/core/review/model/packages';
import { libraryModule } from '../../../src/core/review/model/library';
import { classifyPath } from '../../../src/core/review/model/paths';
import { rustModuleDeclarers, rustReexportsOf } from '../../../src/core/review/model/rustModules';

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

  it('Rust: a workspace member versioned 0.0.x is internal; 0.x/1.x members, the root package and lone crates are not', () => {
    const workspace = (version: string) =>
      ['[workspace]', 'members = ["crates/*"]', '', '[workspace.package]', `version = "${version}"`].join('\n');
    const member = (version: string) => cargo().replace('version = "0.3.1"', version);
    // uv's crates: "an internal component crate of uv", 0.0.72, every caller in the same workspace.
    assert.equal(privateCrate(member('version = "0.0.72"'), true, workspace('0.0.72'), true), true);
    assert.equal(privateCrate(member('version.workspace = true'), true, workspace('0.0.9'), true), true);
    assert.equal(privateCrate(member('version = { workspace = true }'), true, workspace('0.0.9'), true), true);
    // Near misses: a member with a 0.y or 1.x version, the workspace's own package, a crate of no workspace.
    assert.equal(privateCrate(member('version = "0.3.1"'), true, workspace('0.0.72'), true), false);
    assert.equal(privateCrate(member('version = "1.4.0"'), true, workspace('0.0.72'), true), false);
    assert.equal(privateCrate(member('version.workspace = true'), true, workspace('1.0.0'), true), false);
    assert.equal(privateCrate(member('version = "0.0.72"'), true, workspace('0.0.72'), false), false);
    assert.equal(privateCrate(member('version = "0.0.3"'), true), false);
  });

  it('no library code in documentation, its build hooks and hidden folders; a package module beside them is', () => {
    const lib = (path: string): boolean => libraryModule(path, classifyPath(path));
    assert.equal(lib('docs/.hooks/algolia.py'), false);
    assert.equal(lib('docs/plugins/snippets.py'), false);
    assert.equal(lib('doc/sphinxext/autosummary.py'), false);
    // Go's `doc` may be a library's package (a command library's man-page generator).
    assert.equal(lib('doc/man_docs.go'), true);
    assert.equal(lib('.github/scripts/labels.py'), false);
    assert.equal(lib('packages/site/docs/theme.ts'), false);
    assert.equal(lib('pydantic_ai_slim/pydantic_ai/agent.py'), true);
    assert.equal(lib('src/docstrings.py'), true);
    assert.equal(lib('kit/documents.py'), true);
  });

  it('Rust: the pub items of a private module leave the crate only through a pub use above it', () => {
    const texts = (files: Record<string, string>) => (p: string) => files[p];
    assert.deepEqual(rustModuleDeclarers('crates/req/src/a/b.rs'), [
      'crates/req/src/lib.rs',
      'crates/req/src/a.rs',
      'crates/req/src/a/mod.rs',
    ]);
    assert.deepEqual(rustModuleDeclarers('crates/req/src/lib.rs'), []);
    assert.deepEqual(rustModuleDeclarers('kit/store.py'), []);
    // A private module: the crate root's pub use items are what decides.
    const lib = 'mod requirement;\npub use crate::requirement::{Requirement, Hint};\n';
    assert.match(rustReexportsOf('src/requirement.rs', texts({ 'src/lib.rs': lib }))!, /Requirement, Hint/);
    assert.match(
      rustReexportsOf('src/requirement/mod.rs', texts({ 'src/lib.rs': `pub(crate) ${lib}` }))!,
      /Requirement/,
    );
    // Public all the way, re-exported whole, a glob of it, or a declaration not found: every pub item counts.
    assert.equal(rustReexportsOf('src/requirement.rs', texts({ 'src/lib.rs': 'pub mod requirement;\n' })), undefined);
    assert.equal(
      rustReexportsOf('src/requirement.rs', texts({ 'src/lib.rs': 'mod requirement;\npub use requirement::*;\n' })),
      undefined,
    );
    const nested = {
      'src/lib.rs': 'mod lock;\npub use lock::{Lock, cyclonedx};\n',
      'src/lock/mod.rs': 'pub(crate) mod export;\npub use crate::lock::export::cyclonedx;\n',
      'src/lock/export/mod.rs': 'pub mod cyclonedx;\nmod metadata;\n',
    };
    assert.equal(rustReexportsOf('src/lock/export/cyclonedx.rs', texts(nested)), undefined);
    assert.match(rustReexportsOf('src/lock/export/metadata.rs', texts(nested))!, /cyclonedx/);
    assert.equal(
      rustReexportsOf('src/requirement.rs', texts({ 'src/lib.rs': '#[path = "r.rs"]\nmod req;\n' })),
      undefined,
    );
    assert.equal(rustReexportsOf('src/requirement.rs', texts({})), undefined);
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

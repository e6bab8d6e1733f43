// The VSIX ships only what runs (.vscodeignore is an allow-list): never the demo, its Demo AI extension or tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('what the VSIX ships', () => {
  const lines = fs
    .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('ignores everything first, then allows only bundles, media and the manifest files', () => {
    assert.equal(lines[0], '**');
    for (const allowed of lines.slice(1)) {
      assert.ok(allowed.startsWith('!'), `${allowed}: only allow-list entries follow "**"`);
      assert.match(
        allowed,
        /^!(?:dist\/[\w.]+|dist\/tree-sitter\/\*\*|media\/\*\*|package\.json|LICENSE(?:\.md)?|CHANGELOG\.md)$/,
        `${allowed} is not a bundle, media or a manifest file`,
      );
    }
  });

  it('so the demo and its Demo AI extension stay out', () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'scripts', 'demo', 'demo-ai', 'package.json')));
    assert.ok(!lines.some((l) => /scripts|demo/.test(l)));
  });
});

describe('where the VSIX installs', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('accepts the VS Code bases of the forks people use (Cursor and Windsurf shipped on 1.99.3 through 2025)', () => {
    const min = /^\^(\d+)\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
    assert.ok(min, `engines.vscode ${manifest.engines.vscode} is not a caret range`);
    assert.ok(Number(min[1]) === 1 && Number(min[2]) <= 99, `engines.vscode ${manifest.engines.vscode} excludes 1.99`);
  });

  it('compiles against the API of that oldest version, so no newer API slips in', () => {
    assert.equal(manifest.devDependencies['@types/vscode'], manifest.engines.vscode.slice(1));
  });

  it('has what Open VSX and the Marketplace require of a manifest, and publish scripts for both', () => {
    for (const field of ['publisher', 'name', 'displayName', 'description', 'version', 'license'])
      assert.ok(typeof manifest[field] === 'string' && manifest[field], `package.json lacks ${field}`);
    assert.match(manifest.scripts['publish:openvsx'], /publish\.mjs openvsx/);
    assert.match(manifest.scripts['publish:marketplace'], /publish\.mjs marketplace/);
  });
});

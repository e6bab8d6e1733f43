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

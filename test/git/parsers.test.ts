import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CatFileBatchParser } from '../../src/git/catFileBatchParser';
import {
  isMissingObject,
  isNotInWorkTree,
  outputLines,
  parseGitPath,
  parseRepoDiscovery,
} from '../../src/git/parseRevParse';

describe('rev-parse output parsers', () => {
  const cwd = path.resolve('/work/repo/sub');

  it('resolves relative git dirs against the cwd and keeps absolute ones', () => {
    const info = parseRepoDiscovery('/work/repo\n../.git\n/elsewhere/common\n', cwd);
    assert.deepEqual(info, {
      root: path.resolve('/work/repo'),
      gitDir: path.resolve('/work/repo/.git'),
      commonDir: path.resolve('/elsewhere/common'),
    });
  });

  it('tolerates CRLF output', () => {
    assert.deepEqual(outputLines('a\r\nb\r\n'), ['a', 'b']);
    assert.equal(parseGitPath('.git/ai-provenance\r\n', cwd), path.resolve(cwd, '.git/ai-provenance'));
  });

  it('rejects output that is not exactly the expected lines', () => {
    assert.throws(() => parseRepoDiscovery('/work/repo\n.git\n', cwd), /expected 3 lines/);
    assert.throws(() => parseRepoDiscovery('/a\n\n/c\n', cwd), /expected 3 lines/);
    assert.throws(() => parseGitPath('', cwd), /unexpected output/);
    assert.throws(() => parseGitPath('a\nb\n', cwd), /unexpected output/);
  });

  it('recognises the not-in-a-work-tree and missing-object messages', () => {
    assert.ok(isNotInWorkTree('fatal: not a git repository (or any of the parent directories): .git'));
    assert.ok(isNotInWorkTree('fatal: this operation must be run in a work tree'));
    assert.ok(!isNotInWorkTree('fatal: detected dubious ownership in repository'));
    assert.ok(isMissingObject("fatal: path 'x' does not exist in 'HEAD'"));
    assert.ok(isMissingObject("fatal: path 'b' exists on disk, but not in the index"));
    assert.ok(isMissingObject("fatal: invalid object name 'HEAD'."));
    assert.ok(!isMissingObject('fatal: unable to read 0123: corrupt loose object'));
  });
});

describe('cat-file --batch output parser', () => {
  const oid = 'a'.repeat(40);
  const body = Buffer.from('héllo\nworld\n', 'utf8');
  const output = Buffer.concat([
    Buffer.from(`${oid} blob ${body.length}\n`),
    body,
    Buffer.from('\nHEAD:some path missing\n'),
    Buffer.from(`${'b'.repeat(64)} tree 0\n\n`),
    Buffer.from('abc ambiguous\n'),
  ]);

  function expectEntries(entries: ReturnType<CatFileBatchParser['push']>): void {
    assert.equal(entries.length, 4);
    assert.ok(entries[0].found);
    assert.deepEqual(
      { ...entries[0].object, content: entries[0].object.content.toString('utf8') },
      { oid, type: 'blob', size: body.length, content: 'héllo\nworld\n' },
    );
    assert.deepEqual(entries[1], { found: false, name: 'HEAD:some path', reason: 'missing' });
    assert.ok(entries[2].found);
    assert.equal(entries[2].object.size, 0);
    assert.equal(entries[2].object.type, 'tree');
    assert.deepEqual(entries[3], { found: false, name: 'abc', reason: 'ambiguous' });
  }

  it('parses a whole output at once', () => {
    const parser = new CatFileBatchParser();
    expectEntries(parser.push(output));
    assert.equal(parser.bufferedBytes, 0);
  });

  it('gives the same entries whatever the chunk boundaries', () => {
    for (let cut1 = 0; cut1 <= output.length; cut1 += 3) {
      for (const cut2 of [cut1, Math.min(output.length, cut1 + 1), Math.min(output.length, cut1 + 17)]) {
        const parser = new CatFileBatchParser();
        const entries = [
          ...parser.push(output.subarray(0, cut1)),
          ...parser.push(output.subarray(cut1, cut2)),
          ...parser.push(output.subarray(cut2)),
        ];
        expectEntries(entries);
      }
    }
  });

  it('parses byte by byte', () => {
    const parser = new CatFileBatchParser();
    const entries = [];
    for (let i = 0; i < output.length; i++) entries.push(...parser.push(output.subarray(i, i + 1)));
    expectEntries(entries);
  });

  it('throws on a malformed header or a body without its newline', () => {
    assert.throws(
      () => new CatFileBatchParser().push(Buffer.from('garbage line\n')),
      /unexpected cat-file --batch header/,
    );
    assert.throws(() => new CatFileBatchParser().push(Buffer.from(`${oid} blob 2\nabX`)), /not followed by a newline/);
  });
});

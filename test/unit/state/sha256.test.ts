/**
 * The core SHA-256 names the hooks' files, so it must agree with node's crypto byte for byte (the extension and older
 * versions name the same files with node's crypto): known vectors, block-boundary lengths, and random strings of any
 * code units, lone surrogates included.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { sha256Hex } from '../../../src/core/sha256';

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('gives the standard digests', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(
      sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node at every length around the block boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'a'.repeat(n);
      assert.equal(sha256Hex(text), nodeSha256(text), `length ${n}`);
    }
    const long = 'src/very/deep/path/'.repeat(5000);
    assert.equal(sha256Hex(long), nodeSha256(long));
  });

  it('agrees with node on any string (multi-byte UTF-8, astral characters, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Hex(text) === nodeSha256(text)),
      { numRuns: 2000 },
    );
    for (const text of ['\ud800', 'a\udfffb', '\ud83d\ude00', 'é/日本/\u0000/x'])
      assert.equal(sha256Hex(text), nodeSha256(text));
  });
});

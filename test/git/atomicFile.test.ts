import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAtomicTempName, writeFileAtomic } from '../../src/git/atomicFile';
import { makeTempDir } from './helpers/tempRepo';

describe('atomic file write', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('aiprov-atomic-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates and then replaces a file, leaving only the target', async () => {
    const target = path.join(dir, 'r.json');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'twö');
    assert.equal(fs.readFileSync(target, 'utf8'), 'twö');
    assert.deepEqual(fs.readdirSync(dir), ['r.json']);
  });

  it('keeps the old content and cleans up its temp file when the replace fails', async () => {
    const target = path.join(dir, 'occupied');
    fs.mkdirSync(path.join(target, 'child'), { recursive: true }); // a non-empty directory cannot be renamed over
    await assert.rejects(writeFileAtomic(target, 'new'));
    assert.deepEqual(fs.readdirSync(dir), ['occupied']);
    await assert.rejects(writeFileAtomic(path.join(dir, 'missing', 'x.json'), 'new'), /ENOENT/);
  });

  it('names temp files recognisably', () => {
    assert.ok(isAtomicTempName(`.${'a'.repeat(64)}.json.tmp-4242-0123abcd`));
    assert.ok(!isAtomicTempName(`${'a'.repeat(64)}.json`));
    assert.ok(!isAtomicTempName('.hidden'));
  });
});

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkingStateStore } from '../../src/git/stateStore';
import { writerSpan } from './helpers/concurrentWriter';
import { TempRepo, createTempRepo } from './helpers/tempRepo';

const WRITERS = 4;
const WRITES_EACH = 12;
const TEXT = 'x'.repeat(WRITERS * WRITES_EACH * 3);

function runWriter(repoRoot: string, index: number): Promise<void> {
  // The compiled helper sits next to this compiled test.
  const script = path.join(__dirname, 'helpers', 'concurrentWriter.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [script, repoRoot, 'src/shared.ts', String(index), String(WRITES_EACH), TEXT],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer ${index} exited with ${code}: ${stderr}`)),
    );
  });
}

describe('working-state store: concurrent writers', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo({ commit: true });
  });
  after(() => repo.cleanup());

  it(`loses no span when ${WRITERS} processes each write ${WRITES_EACH} spans of one file at once`, async () => {
    await Promise.all(Array.from({ length: WRITERS }, (_, i) => runWriter(repo.root, i)));

    const store = await WorkingStateStore.open(repo.root);
    const record = await store.read('src/shared.ts');
    assert.ok(record, 'the record exists');
    const expected: Array<[number, number, string]> = [];
    for (let i = 0; i < WRITERS; i++) {
      for (let j = 0; j < WRITES_EACH; j++) {
        expected.push([...writerSpan(i, j, WRITES_EACH), `writer-${i}`]);
      }
    }
    const actual = record.spans.map(([s, e, o]) => [s, e, record.origins[o].session]);
    assert.deepEqual(
      actual,
      expected.sort((a, b) => a[0] - b[0]),
    );
    assert.deepEqual(
      fs.readdirSync(store.filesDir),
      [path.basename(store.recordFile('src/shared.ts'))],
      'no lock or temp files left behind',
    );
  });
});

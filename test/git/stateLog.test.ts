import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendStateLog, formatLogLine, log } from '../../src/git/stateLog';
import { makeTempDir } from './helpers/tempRepo';

describe('state log', () => {
  let gitDir: string;
  beforeEach(() => {
    gitDir = makeTempDir('aiprov-gitdir-');
  });
  afterEach(() => fs.rmSync(gitDir, { recursive: true, force: true }));

  it('appends one line per message under <gitdir>/ai-provenance/log.txt', async () => {
    await log(gitDir, 'first');
    await log(gitDir, 'second\nwith a break');
    const lines = fs.readFileSync(path.join(gitDir, 'ai-provenance', 'log.txt'), 'utf8').split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\[${process.pid}\\] first$`));
    assert.match(lines[1], /second\\nwith a break$/);
    assert.equal(lines[2], '');
  });

  it('rotates to log.1.txt instead of growing past the bound', async () => {
    const stateDir = path.join(gitDir, 'ai-provenance');
    for (let i = 0; i < 30; i++) {
      await appendStateLog(stateDir, `message ${i} ${'x'.repeat(50)}`, 1000);
    }
    const current = fs.readFileSync(path.join(stateDir, 'log.txt'), 'utf8');
    const previous = fs.readFileSync(path.join(stateDir, 'log.1.txt'), 'utf8');
    assert.ok(Buffer.byteLength(current) <= 1000);
    assert.ok(Buffer.byteLength(previous) <= 1000);
    assert.match(current, /message 29 /);
    assert.equal(fs.readdirSync(stateDir).sort().join(','), 'log.1.txt,log.txt');
  });

  it('bounds message length and never throws', async () => {
    assert.ok(formatLogLine('y'.repeat(10_000)).length < 4100);
    const file = path.join(gitDir, 'a-file');
    fs.writeFileSync(file, '');
    await log(file, 'cannot be written: the git dir is a file'); // must resolve
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeNote } from '../../../src/git';
import { aiBlame } from '../../../src/git/blame';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { runCli } from '../review/helpers';
import { commitFiles, evilRecord, info } from './helpers';

describe('ai-provenance blame and stats', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  before(async () => {
    repo = createTempRepo();
    await commitFiles(repo, { 'src/a.ts': ['human', { ai: 'ai line' }, { mixed: 'mixed line' }] }, 'first');
    const evil = await commitFiles(
      repo,
      { 'src/a.ts': ['human', { ai: 'ai line' }, { mixed: 'mixed line' }, 'evil \u001b[2J line'] },
      'evil',
      { note: false },
    );
    await writeNote(
      await info(repo),
      evil,
      evilRecord(evil, { 'src/a.ts': ['human', 'ai line', 'mixed line', { ai: 'evil \u001b[2J line' }] }),
    );
  });
  after(() => repo.cleanup());

  it('blame prints one marked line per source line, with inert labels and text', async () => {
    const { code, out } = await runCli(`${repo.root}/src`, ['blame', 'a.ts']);
    assert.equal(code, 0);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^ {2} \^?[0-9a-f]{7,8} \d{4}-\d{2}-\d{2} Test User +1\| human$/);
    assert.match(lines[1], /^AI \^?[0-9a-f]{7,8} .* claude-code anthropic\/claude-… 2\| ai line$/);
    assert.match(lines[2], /^Mx /);
    assert.match(lines[3], /^AI /);
    assert.match(
      lines[4],
      /^# 4 lines: 2 AI, 1 mixed, 0 in AI-assisted commits without line records, 1 human \(75\.0% AI\)$/,
    );
    assert.doesNotMatch(out, /[\u001b\u202e]/); // eslint-disable-line no-control-regex
  });

  it('blame --json carries every line with its evidence', async () => {
    const { code, out } = await runCli(repo.root, ['blame', 'src/a.ts', '--rev', 'HEAD~1', '--json']);
    assert.equal(code, 0);
    const result = JSON.parse(out);
    assert.deepEqual(
      result.lines.map((l: { authorship: string }) => l.authorship),
      ['human', 'ai', 'mixed'],
    );
    assert.equal(result.lines[1].evidence, 'record');
    // Written a line at a time, it is byte for byte what stringifying the whole result gives.
    const whole = await aiBlame(await info(repo), 'src/a.ts', { rev: 'HEAD~1' });
    assert.equal(out, JSON.stringify(whole, null, 1) + '\n');
    const other = createTempRepo();
    try {
      await commitFiles(other, { 'empty.ts': [] }, 'empty file');
      const empty = await runCli(other.root, ['blame', 'empty.ts', '--json']);
      assert.equal(empty.code, 0, empty.err);
      assert.equal(empty.out, JSON.stringify(await aiBlame(await info(other), 'empty.ts'), null, 1) + '\n');
    } finally {
      other.cleanup();
    }
  });

  it('stats prints totals by tool and model', async () => {
    const { code, out } = await runCli(repo.root, ['stats', '--commits']);
    assert.equal(code, 0);
    assert.match(out, /^HEAD: 2 commit\(s\), 4 added line\(s\)$/m);
    assert.match(out, /AI 2 \(50\.0%\) {2}mixed 1 \(25\.0%\)/);
    assert.match(out, /by tool:\n +2 {2}claude-code\n/);
    assert.doesNotMatch(out, /[\u001b\u202e]/); // eslint-disable-line no-control-regex
  });

  it('rejects bad usage', async () => {
    assert.equal((await runCli(repo.root, ['blame'])).code, 2);
    assert.equal((await runCli(repo.root, ['blame', '../x.ts'])).code, 2);
    assert.equal((await runCli(repo.root, ['stats', '--upload-pack=evil'])).code, 2);
    assert.equal((await runCli(repo.root, ['stats', '-x'])).code, 2);
  });
});

describe('ai-provenance blame into a pipe that closes early', function () {
  this.timeout(60_000);

  it('stops quietly with status 141, as git does (`ai-provenance blame FILE | head`)', async () => {
    const repo = createTempRepo();
    try {
      await commitFiles(
        repo,
        {
          'src/big.ts': Array.from({ length: 6000 }, (_, i) =>
            i % 3 === 0 ? { ai: `export const a${i} = ${i};` } : `const h${i} = ${i};`,
          ),
        },
        'big',
      );
      const cli = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
      const status = path.join(repo.root, '.git', 'blame-status');
      // The reader takes two lines and goes away while blame still has most of its 6,000 lines to write.
      const script = '{ "$0" "$1" blame src/big.ts; echo $? > "$2"; } | head -n 2';
      const result = spawnSync('sh', ['-c', script, process.execPath, cli, status], {
        cwd: repo.root,
        encoding: 'utf8',
      });
      assert.equal(result.stdout.trimEnd().split('\n').length, 2, result.stdout);
      assert.equal(result.stderr, '', 'nothing on stderr: no EPIPE stack trace');
      assert.equal(fs.readFileSync(status, 'utf8').trim(), '141');
    } finally {
      repo.cleanup();
    }
  });
});

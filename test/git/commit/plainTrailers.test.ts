/**
 * appendPlainTrailers (src/core/commit/plainTrailers) against the real `git interpret-trailers` it stands in for:
 * wherever it answers, its message is byte for byte git's; the messages git would read a trailer block or a comment
 * in are left to git.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendPlainTrailers } from '../../../src/core/commit/plainTrailers';
import { makeTempDir } from '../helpers/tempRepo';

const TRAILERS = [
  { key: 'Assisted-by', value: 'Claude:claude-opus-4-5' },
  { key: 'AI-Assisted', value: '25% of added lines (1/4; agent 1)' },
];

function gitAppends(message: string, commentChar: string): string {
  const file = path.join(makeTempDir('aiprov-trailers-'), 'msg');
  fs.writeFileSync(file, message);
  const r = spawnSync(
    'git',
    [
      '-c',
      'trailer.separators=:',
      '-c',
      `core.commentChar=${commentChar}`,
      'interpret-trailers',
      '--in-place',
      '--no-divider',
      '--where',
      'end',
      '--if-exists',
      'addIfDifferent',
      '--if-missing',
      'add',
      ...TRAILERS.flatMap((t) => ['--trailer', `${t.key}: ${t.value}`]),
      file,
    ],
    { encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } },
  );
  assert.equal(r.status, 0, r.stderr);
  return fs.readFileSync(file, 'utf8');
}

describe('plain trailers: what git interpret-trailers writes, without git', () => {
  const plain = [
    'Subject\n',
    'Subject\n\nA body line\nand another\n',
    'Subject   \n\nbody with trailing spaces   \n',
    'Subject\n\n\n\nafter blank lines\n',
    'Signed off by nobody\n',
    'Ünïcödé subject – with dashes\n',
  ];
  const toGit = [
    'fix: a subject with a colon\n',
    'Subject\n\nReviewed-by: A Person <a@example.invalid>\n',
    'Subject\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n',
    'No newline at the end',
    'Trailing blank lines\n\n\n',
    'Trailing spaces line\n   \n',
    'A tab\there\n',
    'CRLF\r\n',
    'Subject\n\n# a comment\n',
    'Subject\n\n; a comment with another character\n',
  ];
  for (const message of plain)
    it(`appends as git does to ${JSON.stringify(message)}`, () => {
      const ours = appendPlainTrailers(message, TRAILERS, '#');
      assert.ok(ours !== undefined);
      assert.equal(ours, gitAppends(message, '#'));
    });
  for (const message of toGit)
    it(`leaves ${JSON.stringify(message)} to git`, () => {
      assert.equal(appendPlainTrailers(message, TRAILERS, ';'), undefined);
    });
  it('leaves trailers git would not write back verbatim to git, and has nothing to add without trailers', () => {
    assert.equal(appendPlainTrailers('Subject\n', [{ key: 'A', value: ' padded' }], '#'), undefined);
    assert.equal(appendPlainTrailers('Subject\n', [], '#'), undefined);
  });
});

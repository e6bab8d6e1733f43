import * as assert from 'node:assert/strict';
import { parseDiffRawNumstat, isRegularFileMode, DiffParseError } from '../../../src/core/rewrite/diffRaw';
import {
  amendFromCommandLine,
  amendedCommit,
  cleanupFromCommandLine,
  parseRefUpdates,
  parseReflog,
  parseRewriteList,
  parseSquashMessage,
  resetAwayTips,
} from '../../../src/core/rewrite/gitText';

const id = (c: string) => c.repeat(40);
const ZERO = '0'.repeat(40);

describe('rewrite: git texts', () => {
  it('post-rewrite list: grouped by new commit, old commits in order, junk skipped', () => {
    const text = `${id('a')} ${id('d')}\n${id('b')} ${id('d')}\nnot a line\n${id('c')} ${id('e')} extra\n`;
    assert.deepEqual(parseRewriteList(text), [
      { target: id('d'), olds: [id('a'), id('b')] },
      { target: id('e'), olds: [id('c')] },
    ]);
  });

  it('SQUASH_MSG commit lines', () => {
    const text = `Squashed commit of the following:\n\ncommit ${id('b')}\nAuthor: x\n\n    commit ${id('e')} (indented: not ours)\n\ncommit ${id('a')}\n`;
    assert.deepEqual(parseSquashMessage(text), [id('b'), id('a')]);
  });

  it('reflog: resets at the top give the tips moved away from; amend gives the old commit', () => {
    const log = [
      `${ZERO} ${id('1')} T <t> 1 +0000\tcommit (initial): one`,
      `${id('1')} ${id('2')} T <t> 2 +0000\tcommit: two`,
      `${id('2')} ${id('3')} T <t> 3 +0000\tcommit: three`,
      `${id('3')} ${id('1')} T <t> 4 +0000\treset: moving to HEAD~2`,
      '',
    ].join('\n');
    const entries = parseReflog(log);
    assert.equal(entries[0].message, 'reset: moving to HEAD~2');
    assert.deepEqual(resetAwayTips(entries, id('1')), [id('3')]);
    assert.deepEqual(resetAwayTips(parseReflog(log.split('\n').slice(0, 3).join('\n')), id('3')), []);
    const amend = parseReflog(`${id('3')} ${id('4')} T <t> 5 +0000\tcommit (amend): three`);
    assert.equal(amendedCommit(amend, id('4')), id('3'));
    assert.equal(amendedCommit(amend, id('5')), undefined);
  });

  it('reflog: plain commits on top of a reset (a split commit) still lead to the reset-away tip; anything else stops', () => {
    const log = [
      `${id('2')} ${id('3')} T <t> 3 +0000\tcommit: both`,
      `${id('3')} ${id('2')} T <t> 4 +0000\treset: moving to HEAD~1`,
      `${id('2')} ${id('5')} T <t> 5 +0000\tcommit: part a`,
      `${id('5')} ${id('6')} T <t> 6 +0000\tcommit: part b`,
      '',
    ].join('\n');
    assert.deepEqual(resetAwayTips(parseReflog(log), id('6')), [id('3')], 'second part');
    assert.deepEqual(resetAwayTips(parseReflog(log).slice(1), id('5')), [id('3')], 'first part');
    assert.deepEqual(resetAwayTips(parseReflog(log), id('9')), [], 'HEAD is not where the commits lead: no chain');
    const checkout = log.replace('commit: part a', 'checkout: moving from main to x');
    assert.deepEqual(resetAwayTips(parseReflog(checkout), id('6')), []);
  });

  it('reflog: the walk goes on through amends and plain commits to earlier resets (reset, killed commit, amend, reset, amend)', () => {
    const log = [
      `${ZERO} ${id('1')} T <t> 1 +0000\tcommit (initial): base`,
      `${id('1')} ${id('2')} T <t> 2 +0000\tcommit: editor line`,
      `${id('2')} ${id('1')} T <t> 3 +0000\treset: moving to HEAD~1`,
      `${id('1')} ${id('3')} T <t> 4 +0000\tcommit: killed`,
      `${id('3')} ${id('4')} T <t> 5 +0000\tcommit: agent line`,
      `${id('4')} ${id('5')} T <t> 6 +0000\tcommit (amend): agent line`,
      `${id('5')} ${id('3')} T <t> 7 +0000\treset: moving to HEAD~1`,
      '',
    ].join('\n');
    // The second amend (HEAD is 3 while prepare-commit-msg runs) reaches the first reset's tip too: only its note
    // names the editor's line.
    assert.deepEqual(resetAwayTips(parseReflog(log), id('3')), [id('5'), id('2')]);
    const merged = log.replace('commit: agent line', 'merge topic: Fast-forward');
    assert.deepEqual(resetAwayTips(parseReflog(merged), id('3')), [id('5')], 'a merge ends the walk');
  });

  it('reference-transaction updates', () => {
    assert.deepEqual(parseRefUpdates(`${ZERO} ${id('5')} refs/stash\nbad\n`), [
      { old: ZERO, new: id('5'), ref: 'refs/stash' },
    ]);
  });

  it('--amend and --cleanup on the git command line', () => {
    assert.equal(amendFromCommandLine(['git', 'commit', '--amend', '-m', 'x']), true);
    assert.equal(amendFromCommandLine(['/usr/bin/git', '-C', 'dir', '-c', 'a=b', 'commit', '-q']), false);
    assert.equal(amendFromCommandLine(['git', 'commit', '-m', '--amend']), false, 'a message that says --amend');
    assert.equal(amendFromCommandLine(['git', 'commit', '--', '--amend']), false);
    assert.equal(amendFromCommandLine(['git', 'ci', '--amend']), undefined, 'an alias: unknown');
    assert.equal(amendFromCommandLine(['node', 'x']), undefined);
    assert.equal(cleanupFromCommandLine(['git', 'commit', '--cleanup=verbatim']), 'verbatim');
    assert.equal(cleanupFromCommandLine(['git', 'commit', '--cleanup', 'strip', '-m', '--cleanup=x']), 'strip');
  });

  it('diff --raw --numstat -z: renames, symlinks, binary files, odd names', () => {
    const raw = [
      `:100644 100644 ${id('1')} ${id('2')} R085`,
      'a.txt',
      'b c.txt',
      `:000000 120000 ${ZERO} ${id('3')} A`,
      'link',
      `:000000 100644 ${ZERO} ${id('4')} A`,
      'n"q\ttab.txt',
      `:100644 100644 ${id('5')} ${id('6')} M`,
      'bin.dat',
      '1\t0\t',
      'a.txt',
      'b c.txt',
      '1\t0\tlink',
      '1\t0\tn"q\ttab.txt',
      '-\t-\tbin.dat',
      '',
    ].join('\0');
    const files = parseDiffRawNumstat(raw);
    assert.deepEqual(
      files.map((f) => [f.status, f.path, f.fromPath, f.added]),
      [
        ['R', 'b c.txt', 'a.txt', 1],
        ['A', 'link', undefined, 1],
        ['A', 'n"q\ttab.txt', undefined, 1],
        ['M', 'bin.dat', undefined, undefined],
      ],
    );
    assert.equal(isRegularFileMode(files[1].newMode), false);
    assert.throws(() => parseDiffRawNumstat('garbage\0'), DiffParseError);
    assert.deepEqual(parseDiffRawNumstat(''), []);
  });
});

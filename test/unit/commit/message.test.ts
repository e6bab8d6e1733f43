import * as assert from 'node:assert/strict';
import { isMessageEmpty, parseTrailers, removeTrailers, resolveCommentChar } from '../../../src/core/commit';

/** What git hands prepare-commit-msg in editor mode (captured from git 2.x), with comment prefix `c`. */
function template(message: string, c = '#'): string {
  return (
    `${message}\n${c} Please enter the commit message for your changes. Lines starting\n` +
    `${c} with '${c}' will be ignored, and an empty message aborts the commit.\n${c}\n${c} On branch main\n` +
    `${c} Changes to be committed:\n${c}\tmodified:   a.txt\n${c}\n`
  );
}

const SCISSORS = '# ------------------------ >8 ------------------------';

describe('commit message: comment character', () => {
  it('defaults to # and honours an explicit setting, including multi-character strings', () => {
    assert.equal(resolveCommentChar(undefined, 'x'), '#');
    assert.equal(resolveCommentChar('', 'x'), '#');
    assert.equal(resolveCommentChar(';', 'x'), ';');
    assert.equal(resolveCommentChar('//', 'x'), '//');
    assert.equal(resolveCommentChar('a\nb', 'x'), '#', 'a value with a newline is not a usable prefix');
  });

  it('auto: recognises the comment template git appended with the character it chose', () => {
    assert.equal(resolveCommentChar('auto', template('#123 fix\n', ';')), ';');
    assert.equal(resolveCommentChar('auto', template('', '#')), '#');
    assert.equal(resolveCommentChar('AUTO', template('hello\n', '@')), '@');
  });

  it('auto: a scissors line decides, whatever follows it', () => {
    const msg = `hello\n; not a comment block\n; really\n${SCISSORS.replace('#', '%')}\ndiff --git a/a b/a\n`;
    assert.equal(resolveCommentChar('auto', msg), '%');
  });

  it('auto without a template (git commit -m) repeats git: # unless used, else the first unused candidate', () => {
    assert.equal(resolveCommentChar('auto', 'plain message\n'), '#');
    assert.equal(resolveCommentChar('auto', 'fix issue #12\n'), '#', '# appears, but never at a line start');
    assert.equal(resolveCommentChar('auto', 'fix\n#12 closed\n'), ';', '# starts a line, so git skips to ;');
    assert.equal(resolveCommentChar('auto', '#1\n;2\n@3 and #\n'), '!');
  });
});

describe('commit message: emptiness', () => {
  it('is empty with only whitespace or comment lines', () => {
    assert.equal(isMessageEmpty('', '#'), true);
    assert.equal(isMessageEmpty('\n  \n\t\n', '#'), true);
    assert.equal(isMessageEmpty(template(''), '#'), true);
    assert.equal(isMessageEmpty(template('', ';'), ';'), true);
    assert.equal(isMessageEmpty('// a\n// b\n', '//'), true);
  });

  it('is not empty with any text, including text that starts with another comment character', () => {
    assert.equal(isMessageEmpty(template('fix the bug'), '#'), false);
    assert.equal(isMessageEmpty(template('#123 fix\n', ';'), ';'), false);
    assert.equal(isMessageEmpty('  indented # text', '#'), false);
  });

  it('ignores everything below the scissors line', () => {
    assert.equal(isMessageEmpty(`\n${SCISSORS}\ndiff --git a/x b/x\n+code\n`, '#'), true);
    assert.equal(isMessageEmpty(`subject\n${SCISSORS}\n+code\n`, '#'), false);
  });

  it('with no comment prefix (stored messages), # lines are content', () => {
    assert.equal(isMessageEmpty('#123\n', ''), false);
    assert.equal(isMessageEmpty(' \n', ''), true);
    assert.deepEqual(parseTrailers('S\n\n#1 is fixed\nKey: v\n', ''), []);
    assert.deepEqual(parseTrailers('S\n\n#1 is fixed\nKey: v\n', '#'), [{ key: 'Key', value: 'v' }]);
  });

  it('handles CRLF messages', () => {
    assert.equal(isMessageEmpty('# a\r\n\r\n# b\r\n', '#'), true);
  });
});

describe('commit message: trailers', () => {
  it('reads the last paragraph when every line is a trailer', () => {
    const msg = 'Subject\n\nBody text.\n\nAssisted-by: Claude:claude-3-opus\nCo-authored-by: Copilot <x@y>\n';
    assert.deepEqual(parseTrailers(msg), [
      { key: 'Assisted-by', value: 'Claude:claude-3-opus' },
      { key: 'Co-authored-by', value: 'Copilot <x@y>' },
    ]);
  });

  it('never treats the title as trailers', () => {
    assert.deepEqual(parseTrailers('Fix: the parser\n'), []);
    assert.deepEqual(parseTrailers('Fix: the parser\nKey: value\n'), []);
  });

  it('rejects a mixed paragraph unless git-generated prefixes make it >= 25% trailers', () => {
    assert.deepEqual(parseTrailers('S\n\nsome text\nKey: v\n'), []);
    const withSob = 'S\n\nsome text\nSigned-off-by: A <a@b>\nKey: v\n';
    assert.deepEqual(
      parseTrailers(withSob).map((t) => t.key),
      ['Signed-off-by', 'Key'],
    );
    const tooMuchText = 'S\n\nt1\nt2\nt3\nt4\nSigned-off-by: A <a@b>\n';
    assert.deepEqual(parseTrailers(tooMuchText), []);
  });

  it('unfolds continuation lines, skips comment lines and stops at the scissors line', () => {
    const msg = `S\n\nAssisted-by: Claude:opus\n  coccinelle sparse\n# comment inside\nAI-Assisted: 5% of added lines (1/20; inline 1)\n\n# Please enter\n${SCISSORS}\nKey: not a trailer\n`;
    assert.deepEqual(parseTrailers(msg, '#'), [
      { key: 'Assisted-by', value: 'Claude:opus coccinelle sparse' },
      { key: 'AI-Assisted', value: '5% of added lines (1/20; inline 1)' },
    ]);
  });

  it('accepts whitespace before the colon and CRLF endings', () => {
    assert.deepEqual(parseTrailers('S\r\n\r\nKey : value\r\n'), [{ key: 'Key', value: 'value' }]);
  });

  it('removes given trailers (case-insensitively) and leaves everything else byte for byte', () => {
    const msg =
      'S\n\nbody\n\nAssisted-by: Claude\nai-assisted: 5% of added lines (1/20; inline 1)\n  folded\nOther: x\n';
    const out = removeTrailers(msg, [{ key: 'AI-Assisted', value: '5% of added lines (1/20; inline 1) folded' }]);
    assert.equal(out, 'S\n\nbody\n\nAssisted-by: Claude\nOther: x\n');
    assert.equal(removeTrailers(msg, []), msg);
    assert.equal(removeTrailers(msg, [{ key: 'Nope', value: 'x' }]), msg);
  });
});

import * as assert from 'node:assert/strict';
import { parseSquashGroup } from '../../../src/core/rewrite/gitText';
import { planSquashUpdate } from '../../../src/core/rewrite/messagePlan';
import { cleanSquashedMessage } from '../../../src/core/rewrite/squashMessage';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const SUMMARY_1 = 'AI-Assisted: 100% of added lines (2/2; agent 2)';
const SUMMARY_2 = 'AI-Assisted: 50% of added lines (1/2; agent 1)';

describe('squash messages (rebase squash/fixup)', () => {
  it('parseSquashGroup: the last pick of done plus current-fixups; nothing outside a squash', () => {
    const done = `pick ${C} older\npick ${A} one\nsquash ${B} two\n`;
    assert.deepEqual(parseSquashGroup(done, `squash ${B}\n`), [A, B]);
    assert.deepEqual(parseSquashGroup(`reword ${A} x\nfixup -C ${B} y\n`, `fixup -C ${B}`), [A, B]);
    assert.deepEqual(parseSquashGroup(done, ''), []);
    assert.deepEqual(parseSquashGroup('', `fixup ${B}\n`), [B]);
    assert.deepEqual(parseSquashGroup(done, 'squash not-a-sha\n'), []);
  });

  it("summaries out of every block, our other trailers moved once, the user's stay; empty blocks leave no blank run", () => {
    const message = [
      '# This is a combination of 2 commits.',
      'one',
      '',
      'Signed-off-by: Dev <dev@example.com>',
      'Assisted-by: Claude:opus',
      SUMMARY_1,
      '',
      '# This is the commit message #2:',
      '',
      'two',
      '',
      'Assisted-by: Claude:opus',
      SUMMARY_2,
      '',
      '# Please enter the commit message',
    ].join('\n');
    const cleaned = cleanSquashedMessage(message, '#');
    assert.deepEqual(cleaned.moved, [{ key: 'Assisted-by', value: 'Claude:opus' }]);
    assert.equal(
      cleaned.message,
      [
        '# This is a combination of 2 commits.',
        'one',
        '',
        'Signed-off-by: Dev <dev@example.com>',
        '',
        '# This is the commit message #2:',
        '',
        'two',
        '',
        'Assisted-by: Claude:opus',
        '',
        '# Please enter the commit message',
      ].join('\n'),
    );
  });

  it('a block of only our trailers goes whole, with the blank line before it', () => {
    const cleaned = cleanSquashedMessage(`one\n\n${SUMMARY_1}\n\ntwo\n\nReviewed-by: Ann\n`, '');
    assert.equal(cleaned.message, 'one\n\ntwo\n\nReviewed-by: Ann\n');
  });

  it('prose paragraphs that look a little like trailers are left alone; the title never counts', () => {
    const text = `${SUMMARY_1}\n\nNote: this is prose\nand more prose\n`;
    assert.equal(cleanSquashedMessage(text, '').message, text);
  });

  it('planSquashUpdate: adds the recomputed trailers plus moved ones once; nothing for an empty message', () => {
    const update = planSquashUpdate(`one\n\nAssisted-by: Codex\n${SUMMARY_1}\n\ntwo\n`, '#', [
      { key: 'AI-Assisted', value: '75% of added lines (3/4; agent 3)' },
    ]);
    assert.deepEqual(update, {
      remove: [],
      add: [
        { key: 'AI-Assisted', value: '75% of added lines (3/4; agent 3)' },
        { key: 'Assisted-by', value: 'Codex' },
      ],
      squash: true,
    });
    assert.equal(planSquashUpdate('# only comments\n', '#', [{ key: 'AI-Assisted', value: 'x' }]), undefined);
    assert.equal(planSquashUpdate('plain\n\nReviewed-by: Ann\n', '#', []), undefined);
  });
});

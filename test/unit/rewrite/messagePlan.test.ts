import * as assert from 'node:assert/strict';
import {
  commentCharFor,
  messageBody,
  messageDigest,
  onlyAddedTrailers,
  parseCommitSource,
  planMessageUpdate,
  trailerStage,
} from '../../../src/core/rewrite/messagePlan';

const KERNEL = { key: 'Assisted-by', value: 'Claude:claude-opus-4-5' };
const SUMMARY = { key: 'AI-Assisted', value: '50% of added lines (1/2; agent 1)' };

describe('rewrite: when and how the message changes', () => {
  it('stage: prepare without an editor, commit-msg with one, never for sequencer picks', () => {
    assert.equal(trailerStage({ editorUsed: false, sequencer: false }), 'prepare');
    assert.equal(trailerStage({ editorUsed: true, sequencer: false }), 'commit-msg');
    assert.equal(trailerStage({ editorUsed: false, sequencer: true }), 'never');
    assert.equal(parseCommitSource('squash'), 'squash');
    assert.equal(parseCommitSource('bogus'), '');
    assert.equal(parseCommitSource(undefined), '');
  });

  it('leaves empty messages and untouched templates alone', () => {
    assert.equal(
      planMessageUpdate({
        message: '\n# Please enter a message\n',
        commentChar: '#',
        generated: [KERNEL],
        amend: false,
      }),
      undefined,
    );
    const template = 'Ticket:\n\n# fill in\n';
    assert.equal(
      planMessageUpdate({
        message: template,
        commentChar: '#',
        generated: [KERNEL],
        amend: false,
        templateDigest: messageDigest(template, '#'),
      }),
      undefined,
    );
    assert.deepEqual(
      planMessageUpdate({
        message: 'Edited\n' + template,
        commentChar: '#',
        generated: [KERNEL],
        amend: false,
        templateDigest: messageDigest(template, '#'),
      })?.add,
      [KERNEL],
    );
  });

  it('adds only what is missing and replaces a stale summary', () => {
    const message = `Subject\n\nAssisted-by: Claude:claude-opus-4-5\nAI-Assisted: 100% of added lines (1/1; agent 1)\n`;
    assert.deepEqual(planMessageUpdate({ message, commentChar: '#', generated: [KERNEL, SUMMARY], amend: true }), {
      remove: [{ key: 'AI-Assisted', value: '100% of added lines (1/1; agent 1)' }],
      add: [SUMMARY],
    });
    assert.equal(
      planMessageUpdate({
        message: `Subject\n\n${KERNEL.key}: ${KERNEL.value}\n`,
        commentChar: '#',
        generated: [KERNEL],
        amend: false,
      }),
      undefined,
    );
  });

  it('an amend that leaves no AI line removes our summary only; a new commit without AI is untouched', () => {
    const message = 'Subject\n\nAssisted-by: GPT\nAI-Assisted: 100% of added lines (1/1; agent 1)\n';
    assert.deepEqual(planMessageUpdate({ message, commentChar: '#', generated: [], amend: true }), {
      remove: [{ key: 'AI-Assisted', value: '100% of added lines (1/1; agent 1)' }],
      add: [],
    });
    assert.equal(planMessageUpdate({ message, commentChar: '#', generated: [], amend: false }), undefined);
  });

  it('the comment character follows the cleanup mode', () => {
    assert.equal(commentCharFor(undefined, 'x', { editorUsed: true }), '#');
    assert.equal(commentCharFor(undefined, 'x', { editorUsed: false }), '');
    assert.equal(commentCharFor(';', 'x', { editorUsed: false, cleanup: 'strip' }), ';');
    assert.equal(commentCharFor(undefined, 'x', { editorUsed: true, cleanup: 'verbatim' }), '');
  });

  it('message body ignores comments and everything below the scissors line', () => {
    const text = 'Subject \n# comment\n\nBody\n# ------------------------ >8 ------------------------\ndiff --git\n';
    assert.equal(messageBody(text, '#'), 'Subject\n\nBody');
    assert.equal(messageBody(text, ''), text.replace(/ \n/, '\n').trim());
  });

  it('detects when interpret-trailers added more than our trailers', () => {
    const before = 'Subject\n\nBody';
    assert.equal(onlyAddedTrailers(before, 'Subject\n\nBody\n\nAssisted-by: Claude:claude-opus-4-5\n', [KERNEL]), true);
    assert.equal(
      onlyAddedTrailers(before, 'Subject\n\nBody\n\nSigned-off-by: AI\nAssisted-by: Claude:claude-opus-4-5\n', [
        KERNEL,
      ]),
      false,
    );
    assert.equal(
      onlyAddedTrailers(before, 'Subject\n\nAssisted-by: Claude:claude-opus-4-5\n', [KERNEL]),
      false,
      'a line of the body went missing',
    );
  });
});

import * as assert from 'node:assert/strict';
import { originFromEditSource, readEditSource } from '../../../src/core/attribution';

describe('edit sources (detailedReason)', () => {
  it('reads a well-formed detailedReason and ignores anything else', () => {
    assert.deepEqual(
      readEditSource({ detailedReason: { source: 'Chat.applyEdits', metadata: { $modelId: 'gpt-5' } } }),
      { source: 'Chat.applyEdits', metadata: { $modelId: 'gpt-5' } },
    );
    for (const bad of [
      undefined,
      null,
      3,
      {},
      { detailedReason: 'x' },
      { detailedReason: { source: 7 } },
      { detailedReason: { source: '' } },
    ]) {
      assert.equal(readEditSource(bad), undefined);
    }
  });

  it('maps completion, next-edit, partial and chat sources to origins', () => {
    assert.deepEqual(
      originFromEditSource({ source: 'inlineCompletionAccept', metadata: { $extensionId: 'GitHub.copilot' } }, 5),
      { kind: 'inline', tool: 'GitHub.copilot', time: 5 },
    );
    assert.equal(
      originFromEditSource({ source: 'inlineCompletionAccept', metadata: { $nes: true } }, 5)?.kind,
      'next-edit',
    );
    assert.equal(originFromEditSource({ source: 'inlineCompletionPartialAccept' }, 5)?.kind, 'inline-partial');
    assert.deepEqual(
      originFromEditSource(
        { source: 'Chat.applyEdits', metadata: { $modelId: 'claude-sonnet-4', $$sessionId: 's1' } },
        9,
      ),
      { kind: 'chat', tool: 'VS Code chat', model: 'claude-sonnet-4', session: 's1', time: 9 },
    );
  });

  it('leaves typing, pastes, reloads and unknown sources human', () => {
    for (const source of ['cursor', 'reloadFromDisk', 'formatOnSave', 'rename', 'somethingNew']) {
      assert.equal(originFromEditSource({ source, metadata: { kind: 'type' } }, 1), undefined);
    }
  });

  it('bounds strings taken from metadata', () => {
    const o = originFromEditSource({ source: 'Chat.applyEdits', metadata: { $modelId: 'm'.repeat(10_000) } }, 1);
    assert.equal(o?.model?.length, 256);
  });
});

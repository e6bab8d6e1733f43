import * as assert from 'node:assert/strict';
import { modelFromClaudeTranscript, TRANSCRIPT_SCAN_LINES } from '../../../src/core/agents';
import { fixtureText } from './fixtures';

describe('modelFromClaudeTranscript', () => {
  it('returns the last assistant model, skipping <synthetic> and non-assistant lines', () => {
    assert.equal(modelFromClaudeTranscript(fixtureText('claude/transcript.jsonl')), 'claude-sonnet-4-5-20250929');
  });

  it('tolerates CRLF, a partial last line and garbage lines', () => {
    const line = (model: string): string =>
      JSON.stringify({ type: 'assistant', message: { role: 'assistant', model } });
    const text = [
      line('claude-opus-4-1-20250805'),
      'not json "assistant" "model"',
      '{"type":"assistant","message":{"model":"claude-x',
    ].join('\r\n');
    assert.equal(modelFromClaudeTranscript(text), 'claude-opus-4-1-20250805');
  });

  it('returns undefined when there is no usable entry', () => {
    assert.equal(modelFromClaudeTranscript(''), undefined);
    assert.equal(modelFromClaudeTranscript('{"type":"user","message":{"role":"user","content":"hi"}}\n'), undefined);
    assert.equal(modelFromClaudeTranscript(JSON.stringify({ type: 'assistant', message: { model: 42 } })), undefined);
    assert.equal(
      modelFromClaudeTranscript(JSON.stringify({ type: 'assistant', message: { model: 'a\nb' } })),
      undefined,
    );
    assert.equal(modelFromClaudeTranscript(undefined as unknown as string), undefined);
  });

  it('stops after TRANSCRIPT_SCAN_LINES lines from the end', () => {
    const hit = JSON.stringify({ type: 'assistant', message: { model: 'claude-haiku-4-5' } });
    const filler = '{"type":"user"}\n'.repeat(TRANSCRIPT_SCAN_LINES);
    assert.equal(modelFromClaudeTranscript(hit + '\n' + filler), undefined);
    assert.equal(modelFromClaudeTranscript(hit + '\n' + filler.slice('{"type":"user"}\n'.length)), 'claude-haiku-4-5');
  });
});

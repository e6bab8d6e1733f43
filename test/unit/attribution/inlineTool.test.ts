import * as assert from 'node:assert/strict';
import {
  chooseInlineTool,
  inlineProviderName,
  inlineProviders,
  TOOL_EVIDENCE,
} from '../../../src/core/attribution/inlineTool';

const ext = (id: string, packageJSON: unknown = {}) => ({ id, packageJSON });

describe('inline completion tool', () => {
  it('counts known inline providers and manifests of the category "AI", not chat-only or other extensions', () => {
    assert.equal(inlineProviderName(ext('GitHub.copilot')), 'GitHub Copilot');
    assert.equal(
      inlineProviderName(ext('ai-provenance-demo.demo-ai', { displayName: 'Demo AI', categories: ['AI'] })),
      'Demo AI',
    );
    assert.equal(
      inlineProviderName(ext('x.y', { displayName: 'Y', categories: ['Chat'] })),
      undefined,
      '"Chat" alone writes no ghost text',
    );
    assert.equal(
      inlineProviderName(ext('x.y', { displayName: 'Y', categories: ['Programming Languages'] })),
      undefined,
    );
    assert.equal(
      inlineProviderName(ext('anthropic.claude-code', { displayName: 'Claude Code', categories: ['AI', 'Chat'] })),
      undefined,
      'agent-only, whatever its manifest says',
    );
    assert.equal(
      inlineProviderName(ext('x.y', { displayName: '%displayName%', categories: ['ai'] })),
      'x.y',
      'an unresolved localized name falls back to the id',
    );
    assert.equal(
      inlineProviderName(ext('x.y', { displayName: 'A\u0000B', categories: ['AI'] })),
      'A B',
      'control characters never reach a trailer',
    );
    assert.equal(inlineProviderName(ext('x.y', null)), undefined);
    assert.equal(
      inlineProviderName(ext('x.y', { categories: 'AI' })),
      undefined,
      'a malformed manifest counts as no category',
    );
  });

  it('lists providers once each, sorted, without this extension', () => {
    const all = [
      ext('github.copilot'),
      ext('github.copilot-chat'),
      ext('b.b', { displayName: 'Beta', categories: ['AI'] }),
      ext('me.me', { displayName: 'Me', categories: ['AI'] }),
    ];
    assert.deepEqual(inlineProviders(all, 'ME.me'), ['Beta', 'GitHub Copilot']);
  });

  it('names exactly one provider with its evidence, takes the setting over a guess, else unknown with candidates', () => {
    assert.deepEqual(chooseInlineTool(['Demo AI'], ''), { tool: 'Demo AI', evidence: TOOL_EVIDENCE.onlyProvider });
    assert.deepEqual(chooseInlineTool(['A', 'B'], undefined), { tool: 'unknown', candidates: ['A', 'B'] });
    assert.deepEqual(chooseInlineTool(['A', 'B'], ' B '), { tool: 'B', evidence: TOOL_EVIDENCE.userSetting });
    assert.deepEqual(chooseInlineTool(['A', 'B'], 'unknown'), { tool: 'unknown', candidates: ['A', 'B'] });
    assert.deepEqual(chooseInlineTool([], ''), { tool: 'unknown' });
  });
});

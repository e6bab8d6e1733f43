import * as assert from 'node:assert/strict';
import { AGENT_IDS, hookResponse, type AgentId } from '../../../src/core/agents';

describe('hookResponse', () => {
  it('prints nothing for agents that accept empty stdout', () => {
    for (const agent of ['claude', 'vscode', 'codex'] as const) {
      assert.equal(hookResponse(agent, 'pre'), '');
      assert.equal(hookResponse(agent, 'post'), '');
    }
  });

  it('prints an empty JSON object for agents that parse stdout as JSON', () => {
    for (const agent of ['cursor', 'gemini'] as const) {
      for (const phase of ['pre', 'post'] as const) {
        const out = hookResponse(agent, phase);
        assert.equal(out, '{}\n');
        assert.deepEqual(JSON.parse(out), {});
      }
    }
  });

  it('never grants a permission or stops the agent', () => {
    for (const agent of AGENT_IDS) {
      for (const phase of ['pre', 'post'] as const) {
        assert.doesNotMatch(hookResponse(agent, phase), /allow|deny|continue|decision|permission/);
      }
    }
  });

  it('rejects unknown agents and phases', () => {
    assert.throws(() => hookResponse('aider' as AgentId, 'pre'), /unknown agent/);
    assert.throws(() => hookResponse('toString' as AgentId, 'pre'), /unknown agent/);
    assert.throws(() => hookResponse('claude', 'mid' as 'pre'), /unknown hook phase/);
  });
});

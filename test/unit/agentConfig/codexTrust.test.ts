import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { installAgentHooks } from '../../../src/core/agentConfig/agentHooks';
import {
  codexHookEntries,
  codexHookIdentity,
  codexHookStates,
  codexProjectTrusted,
  codexTrust,
} from '../../../src/core/agentConfig/codexTrust';
import { projectHookCommandsFor } from '../../../src/core/agentConfig/types';

const sha = (identity: string): string => 'sha256:' + createHash('sha256').update(identity, 'utf8').digest('hex');
const SOURCE = '/repo/.codex/config.toml';

describe('Codex hook trust (read from $CODEX_HOME/config.toml, never written)', () => {
  const theirs =
    '[[hooks.PreToolUse]]\nmatcher = "Bash"\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "guard"\n';
  const config = installAgentHooks('codex', theirs, projectHookCommandsFor('codex', { pre: '', post: '' }), 'c').text;

  it('keys our entries by file, event label and position, and hashes what Codex hashes', () => {
    const entries = codexHookEntries(config, SOURCE);
    assert.deepEqual(
      entries.map((e) => e.key),
      [`${SOURCE}:pre_tool_use:1:0`, `${SOURCE}:post_tool_use:0:0`],
      'theirs is group 0 of PreToolUse',
    );
    const identity = JSON.parse(entries[0].identity) as Record<string, unknown>;
    assert.deepEqual(Object.keys(identity), ['event_name', 'hooks', 'matcher'], 'keys sorted');
    assert.deepEqual(identity.hooks, [
      {
        async: false,
        command: projectHookCommandsFor('codex', { pre: '', post: '' }).pre,
        timeout: 30,
        type: 'command',
      },
    ]);
    assert.equal(
      codexHookIdentity('pre_tool_use', 'Bash', 'echo hello', 600),
      '{"event_name":"pre_tool_use","hooks":[{"async":false,"command":"echo hello","timeout":600,"type":"command"}],"matcher":"Bash"}',
    );
  });

  it('untrusted until /hooks stored the hash, trusted with it, modified after a change, disabled when switched off', () => {
    const entries = codexHookEntries(config, SOURCE);
    assert.equal(codexTrust(entries, sha, codexHookStates(undefined)), 'untrusted');
    const store = entries.map((e) => `[hooks.state."${e.key}"]\ntrusted_hash = "${sha(e.identity)}"\n`).join('\n');
    assert.equal(codexTrust(entries, sha, codexHookStates(store)), 'trusted');
    assert.equal(
      codexTrust(entries, sha, codexHookStates(store.replace(/sha256:[0-9a-f]{4}/, 'sha256:0000'))),
      'modified',
    );
    assert.equal(codexTrust(entries, sha, codexHookStates(store + 'enabled = false\n')), 'disabled');
    assert.equal(
      codexTrust(entries.slice(0, 1), sha, codexHookStates(store.split('\n\n')[1])),
      'untrusted',
      'one entry of two trusted is not enough',
    );
  });

  it('reads project trust', () => {
    assert.equal(codexProjectTrusted('[projects."/repo"]\ntrust_level = "trusted"\n', '/repo'), true);
    assert.equal(codexProjectTrusted('[projects."/repo"]\ntrust_level = "untrusted"\n', '/repo'), false);
    assert.equal(codexProjectTrusted(undefined, '/repo'), false);
  });
});

import * as assert from 'node:assert/strict';
import { inspectAgentHooks, installAgentHooks, uninstallAgentHooks } from '../../../src/core/agentConfig/agentHooks';
import { AgentConfigError, hookCommandsFor, isOurHookCommand, ourHookAgent, shellQuote } from '../../../src/core/agentConfig/types';

const launcher = "/home/o'brien/my repo/.git/ai-provenance/bin/ai-provenance";

describe('JSON hook configs (Claude, VS Code, Cursor, Gemini)', () => {
  it('shell-quotes the launcher so any path survives, and recognises our commands only', () => {
    const { pre, post } = hookCommandsFor(launcher, 'claude');
    assert.equal(pre, `'/home/o'\\''brien/my repo/.git/ai-provenance/bin/ai-provenance' hook claude pre`);
    assert.equal(ourHookAgent(post), 'claude');
    assert.equal(ourHookAgent('npx ai-provenance hook gemini pre'), 'gemini');
    for (const other of ['npx prettier --write .', 'ai-provenance-helper hook claude pre', 'echo ai-provenance hook', 'ai-provenance hook aider pre', 42]) {
      assert.equal(isOurHookCommand(other), false, String(other));
    }
    assert.throws(() => shellQuote('a\0b'), AgentConfigError);
  });

  it('Claude: adds a matcher group per event next to the user\'s, keeps key order and indentation, idempotent', () => {
    const original = '{\n    "model": "opus",\n    "hooks": {\n        "PreToolUse": [\n            { "matcher": "Bash", "hooks": [ { "type": "command", "command": "guard" } ] }\n        ]\n    }\n}\n';
    const edit = installAgentHooks('claude', original, hookCommandsFor(launcher, 'claude'), 's');
    const parsed = JSON.parse(edit.text) as { model: string; hooks: Record<string, Array<{ matcher: string; hooks: Array<{ command: string; timeout?: number }> }>> };
    assert.deepEqual(Object.keys(parsed), ['model', 'hooks']);
    assert.equal(parsed.hooks.PreToolUse[0].hooks[0].command, 'guard');
    assert.equal(parsed.hooks.PreToolUse[1].matcher, 'Edit|MultiEdit|Write|NotebookEdit|Bash');
    assert.equal(parsed.hooks.PostToolUse[0].hooks[0].timeout, 30);
    assert.match(edit.text, /^ {4}"model"/m);
    assert.equal(installAgentHooks('claude', edit.text, hookCommandsFor(launcher, 'claude'), 's').changed, false);
    const removed = uninstallAgentHooks('claude', edit.text, 's');
    assert.deepEqual(JSON.parse(removed.text), JSON.parse(original));
  });

  it('replaces a stale hook of ours (old launcher) instead of adding a second one', () => {
    const first = installAgentHooks('gemini', undefined, hookCommandsFor('/old/ai-provenance', 'gemini'), 's').text;
    const second = installAgentHooks('gemini', first, hookCommandsFor('/new/ai-provenance', 'gemini'), 's').text;
    const inspection = inspectAgentHooks('gemini', second, 's');
    assert.deepEqual(inspection.commands, ["'/new/ai-provenance' hook gemini pre", "'/new/ai-provenance' hook gemini post"]);
    const parsed = JSON.parse(second) as { hooks: Record<string, unknown[]> };
    assert.equal(parsed.hooks.BeforeTool.length, 1);
  });

  it('VS Code: flat handler lists; a user handler that shares our group is kept when ours is removed', () => {
    const edit = installAgentHooks('vscode', undefined, hookCommandsFor(launcher, 'vscode'), 'h');
    assert.deepEqual(JSON.parse(edit.text), { hooks: {
      PreToolUse: [{ type: 'command', command: hookCommandsFor(launcher, 'vscode').pre, timeout: 30 }],
      PostToolUse: [{ type: 'command', command: hookCommandsFor(launcher, 'vscode').post, timeout: 30 }],
    } });
    const shared = JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: hookCommandsFor(launcher, 'claude').pre }, { type: 'command', command: 'mine' }] }] } });
    assert.deepEqual(JSON.parse(uninstallAgentHooks('claude', shared, 's').text), { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'mine' }] }] } });
  });

  it('Cursor: version 1 first, before/after shell and afterFileEdit; refuses other versions', () => {
    const edit = installAgentHooks('cursor', '{"hooks":{"stop":[{"command":"x"}]}}', hookCommandsFor(launcher, 'cursor'), 'c');
    const parsed = JSON.parse(edit.text) as { version: number; hooks: Record<string, Array<{ command: string }>> };
    assert.deepEqual(Object.keys(parsed), ['version', 'hooks']);
    assert.deepEqual(Object.keys(parsed.hooks), ['stop', 'beforeShellExecution', 'afterFileEdit', 'afterShellExecution']);
    assert.equal(edit.text.includes('\n'), false, 'a one-line file stays one line');
    assert.throws(() => installAgentHooks('cursor', '{"version":2}', hookCommandsFor(launcher, 'cursor'), '.cursor/hooks.json'), /\.cursor\/hooks\.json has version 2; only 1 is supported/);
  });

  it('reports settings that turn hooks off, and rejects configs of the wrong shape without touching them', () => {
    assert.match(inspectAgentHooks('claude', '{"disableAllHooks": true}', 's').warnings.join(), /disableAllHooks/);
    assert.match(inspectAgentHooks('gemini', '{"hooksConfig": {"enabled": false}}', 's').warnings.join(), /hooksConfig\.enabled is false/);
    for (const bad of ['[]', '{"hooks": 3}', '{"hooks": {"PreToolUse": {}}}', '{ // comment\n}', '{"a":']) {
      assert.throws(() => installAgentHooks('claude', bad, hookCommandsFor(launcher, 'claude'), '.claude/settings.json'), (err: unknown) =>
        err instanceof AgentConfigError && err.message.startsWith('.claude/settings.json') && /left unchanged/.test(err.message), bad);
    }
    assert.match((() => { try { installAgentHooks('claude', '{ // c\n}', hookCommandsFor(launcher, 'claude'), 's'); } catch (e) { return (e as Error).message; } return ''; })(), /comments are not valid JSON/);
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = installAgentHooks('vscode', '{\r\n  "hooks": {}\r\n}', hookCommandsFor(launcher, 'vscode'), 'h').text;
    assert.ok(crlf.includes('\r\n') && !/[^\r]\n/.test(crlf) && !crlf.endsWith('\n'));
  });
});

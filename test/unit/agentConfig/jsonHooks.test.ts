import * as assert from 'node:assert/strict';
import { inspectAgentHooks, installAgentHooks, uninstallAgentHooks } from '../../../src/core/agentConfig/agentHooks';
import {
  AgentConfigError,
  isOurHookCommand,
  ourHookAgent,
  projectHookCommandsFor,
  shellQuote,
  userHookCommandsFor,
} from '../../../src/core/agentConfig/types';
import { hookCommandsFor } from './plainCommands';

const launcher = "/home/o'brien/my repo/.git/ai-provenance/bin/ai-provenance";

describe('JSON hook configs (Claude, VS Code, Cursor, Gemini)', () => {
  it('shell-quotes the launcher so any path survives, and recognises our commands only', () => {
    const { pre, post } = hookCommandsFor(launcher, 'claude');
    assert.equal(pre, `'/home/o'\\''brien/my repo/.git/ai-provenance/bin/ai-provenance' hook claude pre`);
    assert.equal(ourHookAgent(post), 'claude');
    assert.equal(ourHookAgent('npx ai-provenance hook gemini pre'), 'gemini');
    for (const other of [
      'npx prettier --write .',
      'ai-provenance-helper hook claude pre',
      'echo ai-provenance hook',
      'ai-provenance hook aider pre',
      42,
    ]) {
      assert.equal(isOurHookCommand(other), false, String(other));
    }
    assert.throws(() => shellQuote('a\0b'), AgentConfigError);
  });

  it('project commands name no path of this machine: the launcher is found with git at run time, else the no-op answer', () => {
    const claude = projectHookCommandsFor('claude', { pre: '', post: '' });
    assert.equal(
      claude.pre,
      'l="$(git rev-parse --git-path ai-provenance/bin/ai-provenance 2>/dev/null)" && [ -x "$l" ] && exec "$l" hook claude pre; cat >/dev/null 2>&1; exit 0',
    );
    const cursor = projectHookCommandsFor('cursor', { pre: '{}\n', post: '{}\n' });
    assert.ok(cursor.post.endsWith('exec "$l" hook cursor post; cat >/dev/null 2>&1; echo \'{}\''));
    assert.equal(
      cursor.powershell?.pre,
      "$l = git rev-parse --git-path ai-provenance/bin/ai-provenance.ps1 2>$null; if ($l -and (Test-Path -LiteralPath $l)) { $input | & $l hook cursor pre; exit 0 }; $null = @($input); '{}'; exit 0",
    );
    for (const command of [claude.pre, claude.post, cursor.pre, cursor.powershell?.post])
      assert.equal(ourHookAgent(command), command === claude.pre || command === claude.post ? 'claude' : 'cursor');
    assert.equal(
      isOurHookCommand('l="$(git rev-parse --git-path other/bin/tool)" && exec "$l" hook claude pre'),
      false,
    );
    const user = userHookCommandsFor(launcher, 'gemini', { pre: '{}\n', post: '{}\n' });
    assert.equal(
      user.pre,
      `[ -x '/home/o'\\''brien/my repo/.git/ai-provenance/bin/ai-provenance' ] && exec '/home/o'\\''brien/my repo/.git/ai-provenance/bin/ai-provenance' hook gemini pre; cat >/dev/null 2>&1; echo '{}'`,
    );
    assert.equal(
      user.powershell?.post,
      "$l = '/home/o''brien/my repo/.git/ai-provenance/bin/ai-provenance.ps1'; if (Test-Path -LiteralPath $l) { $input | & $l hook gemini post; exit 0 }; $null = @($input); '{}'; exit 0",
    );
    assert.deepEqual([ourHookAgent(user.pre), ourHookAgent(user.powershell?.post)], ['gemini', 'gemini']);
  });

  it("Claude: adds a matcher group per event next to the user's, keeps key order and indentation, idempotent", () => {
    const original =
      '{\n    "model": "opus",\n    "hooks": {\n        "PreToolUse": [\n            { "matcher": "Bash", "hooks": [ { "type": "command", "command": "guard" } ] }\n        ]\n    }\n}\n';
    const edit = installAgentHooks('claude', original, hookCommandsFor(launcher, 'claude'), 's');
    const parsed = JSON.parse(edit.text) as {
      model: string;
      hooks: Record<string, Array<{ matcher: string; hooks: Array<{ command: string; timeout?: number }> }>>;
    };
    assert.deepEqual(Object.keys(parsed), ['model', 'hooks']);
    assert.equal(parsed.hooks.PreToolUse[0].hooks[0].command, 'guard');
    assert.equal(parsed.hooks.PreToolUse[1].matcher, 'Edit|Write|NotebookEdit|Bash', 'MultiEdit is retired');
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
    assert.deepEqual(inspection.commands, [
      "'/new/ai-provenance' hook gemini pre",
      "'/new/ai-provenance' hook gemini post",
    ]);
    const parsed = JSON.parse(second) as { hooks: Record<string, unknown[]> };
    assert.equal(parsed.hooks.BeforeTool.length, 1);
  });

  it('Copilot: version 1, camelCase events, bash/powershell/command entries; the PascalCase entries of earlier versions are replaced', () => {
    const commands = projectHookCommandsFor('vscode', { pre: '', post: '' });
    const legacy = JSON.stringify({
      hooks: {
        PreToolUse: [{ type: 'command', command: hookCommandsFor(launcher, 'vscode').pre, timeout: 30 }],
        Stop: [{ type: 'command', command: 'mine' }],
      },
    });
    const edit = installAgentHooks('vscode', legacy, commands, 'h');
    assert.deepEqual(JSON.parse(edit.text), {
      version: 1,
      hooks: {
        Stop: [{ type: 'command', command: 'mine' }],
        preToolUse: [
          {
            type: 'command',
            bash: commands.pre,
            powershell: commands.powershell?.pre,
            command: commands.pre,
            timeoutSec: 30,
          },
        ],
        postToolUse: [
          {
            type: 'command',
            bash: commands.post,
            powershell: commands.powershell?.post,
            command: commands.post,
            timeoutSec: 30,
          },
        ],
      },
    });
    assert.deepEqual(inspectAgentHooks('vscode', edit.text, 'h').commands, [commands.pre, commands.post]);
    assert.deepEqual(JSON.parse(uninstallAgentHooks('vscode', edit.text, 'h').text), {
      version: 1,
      hooks: { Stop: [{ type: 'command', command: 'mine' }] },
    });
    const shared = JSON.stringify({
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash',
            hooks: [
              { type: 'command', command: hookCommandsFor(launcher, 'claude').pre },
              { type: 'command', command: 'mine' },
            ],
          },
        ],
      },
    });
    assert.deepEqual(JSON.parse(uninstallAgentHooks('claude', shared, 's').text), {
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'mine' }] }] },
    });
  });

  it('Cursor: version 1 first, preToolUse/postToolUse and afterFileEdit (older Cursor); refuses other versions', () => {
    const edit = installAgentHooks(
      'cursor',
      '{"hooks":{"stop":[{"command":"x"}]}}',
      hookCommandsFor(launcher, 'cursor'),
      'c',
    );
    const parsed = JSON.parse(edit.text) as { version: number; hooks: Record<string, Array<{ command: string }>> };
    assert.deepEqual(Object.keys(parsed), ['version', 'hooks']);
    assert.deepEqual(Object.keys(parsed.hooks), ['stop', 'preToolUse', 'postToolUse', 'afterFileEdit']);
    const older = JSON.stringify({
      version: 1,
      hooks: { beforeShellExecution: [{ command: hookCommandsFor(launcher, 'cursor').pre }] },
    });
    assert.deepEqual(
      Object.keys(
        (JSON.parse(installAgentHooks('cursor', older, hookCommandsFor(launcher, 'cursor'), 'c').text) as typeof parsed)
          .hooks,
      ),
      ['preToolUse', 'postToolUse', 'afterFileEdit'],
      'shell events of earlier versions go',
    );
    assert.equal(edit.text.includes('\n'), false, 'a one-line file stays one line');
    assert.throws(
      () => installAgentHooks('cursor', '{"version":2}', hookCommandsFor(launcher, 'cursor'), '.cursor/hooks.json'),
      /\.cursor\/hooks\.json has version 2; only 1 is supported/,
    );
  });

  it('reports settings that turn hooks off, and rejects configs of the wrong shape without touching them', () => {
    assert.match(inspectAgentHooks('claude', '{"disableAllHooks": true}', 's').warnings.join(), /disableAllHooks/);
    assert.match(
      inspectAgentHooks('gemini', '{"hooksConfig": {"enabled": false}}', 's').warnings.join(),
      /hooksConfig\.enabled is false/,
    );
    assert.equal(inspectAgentHooks('gemini', '{"hooksConfig": {"enabled": false}}', 's').disabled, true);
    assert.equal(inspectAgentHooks('gemini', '{"hooksConfig": {"disabled": ["ai-provenance"]}}', 's').disabled, true);
    assert.equal(inspectAgentHooks('gemini', '{"hooksConfig": {"disabled": ["other"]}}', 's').disabled, undefined);
    assert.equal(inspectAgentHooks('claude', '{"disableAllHooks": true}', 's').disabled, true);
    for (const bad of ['[]', '{"hooks": 3}', '{"hooks": {"PreToolUse": {}}}', '{ // comment\n}', '{"a":']) {
      assert.throws(
        () => installAgentHooks('claude', bad, hookCommandsFor(launcher, 'claude'), '.claude/settings.json'),
        (err: unknown) =>
          err instanceof AgentConfigError &&
          err.message.startsWith('.claude/settings.json') &&
          /left unchanged/.test(err.message),
        bad,
      );
    }
    assert.match(
      (() => {
        try {
          installAgentHooks('claude', '{ // c\n}', hookCommandsFor(launcher, 'claude'), 's');
        } catch (e) {
          return (e as Error).message;
        }
        return '';
      })(),
      /comments are not valid JSON/,
    );
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = installAgentHooks('vscode', '{\r\n  "hooks": {}\r\n}', hookCommandsFor(launcher, 'vscode'), 'h').text;
    assert.ok(crlf.includes('\r\n') && !/[^\r]\n/.test(crlf) && !crlf.endsWith('\n'));
  });
});

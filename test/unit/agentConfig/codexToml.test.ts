import * as assert from 'node:assert/strict';
import { inspectAgentHooks, installAgentHooks, uninstallAgentHooks } from '../../../src/core/agentConfig/agentHooks';
import { outlineToml } from '../../../src/core/agentConfig/tomlOutline';
import { AgentConfigError } from '../../../src/core/agentConfig/types';
import { hookCommandsFor } from './plainCommands';

const COMMANDS = hookCommandsFor('/repo/.git/ai-provenance/bin/ai-provenance', 'codex');
const install = (text: string | undefined) => installAgentHooks('codex', text, COMMANDS, 'config.toml');

describe('Codex config.toml hooks', () => {
  it('into no file: both hook tables and no feature flag (hooks are on by default since Codex 0.124), in a marked block that parses', () => {
    const edit = install(undefined);
    assert.ok(edit.changed);
    assert.match(edit.text, /^# >>> ai-provenance hooks .*\n\[\[hooks\.PreToolUse\]\]\n/);
    assert.doesNotMatch(edit.text, /features/);
    const outline = outlineToml(edit.text);
    assert.deepEqual(
      outline.headers.map((h) => h.path.join('.')),
      ['hooks.PreToolUse', 'hooks.PreToolUse.hooks', 'hooks.PostToolUse', 'hooks.PostToolUse.hooks'],
    );
    assert.deepEqual(inspectAgentHooks('codex', edit.text, 'c').commands, [COMMANDS.pre, COMMANDS.post]);
    assert.equal(uninstallAgentHooks('codex', edit.text, 'c').text, '');
  });

  it('keeps everything else byte for byte, takes out the feature line earlier versions added, and is idempotent', () => {
    const original =
      '# mine\nmodel = "o3"\r\n\n[features]\nweb_search = true\n\n[[hooks.PreToolUse]]\nmatcher = "Bash"\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "guard"';
    const edit = install(original.replace('[features]\n', '[features]\nhooks = true # added by ai-provenance\n'));
    assert.ok(edit.text.startsWith('# mine\nmodel = "o3"\r\n\n[features]\nweb_search = true\n'));
    assert.ok(
      edit.text.includes('command = "guard"\r\n\r\n# >>> ai-provenance'),
      'separated by a blank line after the missing final newline',
    );
    assert.deepEqual(install(edit.text), { text: edit.text, changed: false, warnings: [] });
    const removed = uninstallAgentHooks('codex', edit.text, 'c');
    assert.equal(
      removed.text,
      original + '\r\n',
      'only the line ending we had to add remains (the backup restores exact bytes)',
    );
  });

  it('updates our block in place when the launcher moved', () => {
    const first = install('model = "o3"\n').text;
    const moved = installAgentHooks('codex', first, hookCommandsFor('/elsewhere/ai-provenance', 'codex'), 'c');
    assert.ok(moved.changed);
    assert.equal(moved.text.split('# >>> ai-provenance').length, 2, 'one block');
    assert.match(moved.text, /command = "'\/elsewhere\/ai-provenance' hook codex pre"/);
  });

  it('leaves an explicit features.hooks = false alone, with a warning', () => {
    const edit = install('[features]\nhooks = false\n');
    assert.match(edit.warnings.join(), /features\.hooks = false/);
    assert.ok(edit.text.startsWith('[features]\nhooks = false\n\n# >>>'));
    assert.deepEqual(install('[features]\ncodex_hooks = true\n').warnings, []);
    assert.deepEqual(install('features.web_search = true\n').warnings, []);
  });

  it('refuses files where appended [[hooks.*]] tables would clash', () => {
    for (const text of [
      'hooks = {}\n',
      '[hooks]\nPreToolUse = []\n',
      '[hooks.PostToolUse]\nmatcher = "x"\n',
      '[[hooks]]\nx = 1\n',
    ]) {
      assert.throws(() => install(text), AgentConfigError, text);
    }
    const damaged = install(undefined).text.replace(/# <<< ai-provenance hooks <<<\n/, '');
    assert.throws(() => install(damaged), /damaged ai-provenance block/);
    assert.throws(() => uninstallAgentHooks('codex', damaged, 'c'), /damaged/);
  });
});

import * as assert from 'node:assert/strict';
import { launcherCmd, launcherPowerShell } from '../../../src/git/agents/launcher';
import { projectHookCommandsFor } from '../../../src/core/agentConfig/types';

/** Windows entries are generated and checked here; CI runs Linux, so nothing executes them. */
describe('Windows hook entries and launcher twins (generation)', () => {
  const cli = "C:\\Users\\O'Brien\\.vscode\\extensions\\ai-provenance\\dist\\cli.js";
  const node = 'C:\\Program Files\\Microsoft VS Code\\Code.exe';

  it('the PowerShell twin quotes paths, forwards the piped hook JSON to node and never fails the agent', () => {
    const ps = launcherPowerShell(cli, node);
    assert.ok(
      ps.includes("$cli = 'C:\\Users\\O''Brien\\.vscode\\extensions\\ai-provenance\\dist\\cli.js'"),
      'single quotes doubled',
    );
    assert.ok(ps.includes("$node = 'C:\\Program Files\\Microsoft VS Code\\Code.exe'"));
    assert.match(ps, /\$data \| & \$node \$cli @args/);
    assert.match(ps, /ELECTRON_RUN_AS_NODE = '1'/);
    assert.match(
      ps,
      /if \(-not \(Test-Path -LiteralPath \$cli\)\) \{ if \(\$noop\) \{ '\{\}' \}; exit 0 \}/,
      'CLI gone: the no-op answer, exit 0',
    );
    assert.ok(ps.trimEnd().endsWith('exit 0'));
    assert.ok(!/[^\r]\n/.test(ps), 'CRLF line endings');
  });

  it('the cmd twin doubles % and refuses a path with a double quote', () => {
    const cmd = launcherCmd('C:\\100%\\cli.js', node);
    assert.ok(cmd.includes('set "cli=C:\\100%%\\cli.js"'));
    assert.match(cmd, /"%node_bin%" "%cli%" %\*/);
    assert.throws(() => launcherCmd('C:\\a"b\\cli.js', node), /cannot contain/);
  });

  it("Copilot's powershell entries run the twin found with git, else drain stdin and answer like the sh entry", () => {
    const { powershell } = projectHookCommandsFor('vscode', { pre: '', post: '' });
    assert.equal(
      powershell?.pre,
      '$l = git rev-parse --git-path ai-provenance/bin/ai-provenance.ps1 2>$null; if ($l -and (Test-Path -LiteralPath $l)) { $input | & $l hook vscode pre; exit 0 }; $null = @($input); exit 0',
    );
  });
});

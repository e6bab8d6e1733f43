import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectAgentHooks } from '../../../src/core/agentConfig/agentHooks';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { compiledCli, runCli } from './helpers/hookHarness';

/** Install / uninstall of the agents whose hooks are files of their own: Kiro, Amazon Q, Cline, OpenCode. */
describe('agents install / uninstall: kiro, amazonq, cline, opencode', () => {
  let repo: TempRepo;
  const cli = compiledCli();
  beforeEach(() => {
    repo = createTempRepo({ commit: true });
  });
  afterEach(() => repo.cleanup());

  const agentsCli = (...args: string[]) => runCli(['agents', ...args], { cwd: repo.root });
  const read = (rel: string): string => fs.readFileSync(path.join(repo.root, rel), 'utf8');
  const exists = (rel: string): boolean => fs.existsSync(path.join(repo.root, rel));

  it('kiro: the CLI hook file merges with the user entries there and is restored byte for byte; the IDE hook files come and go', async () => {
    const theirs =
      '{\n    "version": "v1",\n    "hooks": [\n        { "name": "lint-on-save", "trigger": "PostFileSave", "matcher": "\\\\.ts$", "action": { "type": "command", "command": "npm run lint" } }\n    ]\n}\n';
    repo.write('.kiro/hooks/ai-provenance.json', theirs);
    const install = await agentsCli('install', '--agent', 'kiro', '--cli', cli);
    assert.equal(install.code, 0, install.err);
    const merged = JSON.parse(read('.kiro/hooks/ai-provenance.json')) as { hooks: Array<Record<string, unknown>> };
    assert.deepEqual(
      merged.hooks.map((h) => [h.name, h.trigger, h.matcher]),
      [
        ['lint-on-save', 'PostFileSave', '\\.ts$'],
        ['ai-provenance-pre', 'PreToolUse', '^(write|shell|fs_write|execute_bash|execute_cmd|str_replace)$'],
        ['ai-provenance-post', 'PostToolUse', '^(write|shell|fs_write|execute_bash|execute_cmd|str_replace)$'],
      ],
    );
    const ide = JSON.parse(read('.kiro/hooks/ai-provenance-pre.kiro.hook')) as Record<string, unknown>;
    assert.deepEqual([ide.enabled, ide.when], [true, { type: 'preToolUse', toolTypes: ['write', 'shell'] }]);
    const again = await agentsCli('install', '--agent', 'kiro', '--cli', cli);
    assert.equal((again.out.match(/kiro\s+unchanged/g) ?? []).length, 3, again.out);

    const uninstall = await agentsCli('uninstall', '--agent', 'kiro');
    assert.equal(uninstall.code, 0, uninstall.err);
    assert.equal(read('.kiro/hooks/ai-provenance.json'), theirs, 'byte-identical');
    assert.equal(exists('.kiro/hooks/ai-provenance-pre.kiro.hook'), false);
    assert.equal(exists('.kiro/hooks/ai-provenance-post.kiro.hook'), false);
  });

  it('amazonq: its own agent (the built-in default plus our hooks, one entry per tool glob), removed on uninstall; other agents untouched', async () => {
    const other = '{ "name": "reviewer", "tools": ["fs_read"] }\n';
    repo.write('.amazonq/cli-agents/reviewer.json', other);
    const install = await agentsCli('install', '--agent', 'amazonq', '--cli', cli);
    assert.equal(install.code, 0, install.err);
    assert.match(install.out, /warning: Amazon Q runs these hooks only in its agent "ai-provenance"/);
    const agent = JSON.parse(read('.amazonq/cli-agents/ai-provenance.json')) as Record<string, unknown> & {
      hooks: Record<string, Array<Record<string, unknown>>>;
    };
    assert.deepEqual(
      [agent.name, agent.tools, agent.allowedTools, agent.useLegacyMcpJson],
      ['ai-provenance', ['*'], ['fs_read'], true],
    );
    assert.deepEqual(
      Object.entries(agent.hooks).map(([event, list]) => [event, list.map((h) => [h.matcher, h.timeout_ms])]),
      [
        [
          'preToolUse',
          [
            ['fs_write', 30000],
            ['execute_bash', 30000],
          ],
        ],
        [
          'postToolUse',
          [
            ['fs_write', 30000],
            ['execute_bash', 30000],
          ],
        ],
      ],
    );
    assert.match(String(agent.hooks.preToolUse[0].command), /hook amazonq pre; cat >\/dev\/null 2>&1; exit 0$/);

    // Edited by the user since: uninstall takes out exactly our hooks and keeps the agent.
    repo.write(
      '.amazonq/cli-agents/ai-provenance.json',
      JSON.stringify({ ...agent, model: 'claude-sonnet-4' }, null, 2) + '\n',
    );
    assert.match((await agentsCli('uninstall', '--agent', 'amazonq')).out, /amazonq\s+removed/);
    const kept = JSON.parse(read('.amazonq/cli-agents/ai-provenance.json')) as Record<string, unknown>;
    assert.deepEqual([kept.model, kept.hooks], ['claude-sonnet-4', undefined]);
    assert.equal(read('.amazonq/cli-agents/reviewer.json'), other);
  });

  it("cline: executable scripts; a user's own PreToolUse is never replaced (clear message, exit 1, byte-identical)", async () => {
    const theirs = '#!/usr/bin/env bash\necho \'{"cancel": false}\'\n';
    repo.write('.clinerules/hooks/PreToolUse', theirs);
    const install = await agentsCli('install', '--agent', 'cline', '--cli', cli);
    assert.equal(install.code, 1);
    assert.match(
      install.err,
      /\.clinerules\/hooks\/PreToolUse exists: Cline runs one PreToolUse script per folder and this one is not ours; it was left unchanged \(run this line from it yourself: l="\$\(git rev-parse/,
    );
    assert.equal(read('.clinerules/hooks/PreToolUse'), theirs);
    const post = read('.clinerules/hooks/PostToolUse');
    assert.match(
      post,
      /^#!\/bin\/sh\n# AI Provenance: .*\nl="\$\(git rev-parse --git-path ai-provenance\/bin\/ai-provenance 2>\/dev\/null\)" && \[ -x "\$l" \] && exec "\$l" hook cline post; cat >\/dev\/null 2>&1; echo '\{"cancel":false\}'\n$/,
    );
    assert.ok(
      (fs.statSync(path.join(repo.root, '.clinerules/hooks/PostToolUse')).mode & 0o111) === 0o111,
      'executable',
    );
    assert.deepEqual(inspectAgentHooks('cline-post', post, 'PostToolUse').post, true);

    const uninstall = await agentsCli('uninstall', '--agent', 'cline');
    assert.equal(uninstall.code, 0, uninstall.err);
    assert.equal(read('.clinerules/hooks/PreToolUse'), theirs, 'theirs untouched');
    assert.equal(exists('.clinerules/hooks/PostToolUse'), false);
  });

  it('opencode: our plugin beside the user plugins, removed on uninstall with the folders it made', async () => {
    const install = await agentsCli('install', '--agent', 'opencode', '--cli', cli);
    assert.equal(install.code, 0, install.err);
    const plugin = read('.opencode/plugins/ai-provenance.js');
    assert.match(plugin, /^export const AiProvenance = async \(\{ directory, worktree \}\) => \{$/m);
    assert.deepEqual(inspectAgentHooks('opencode', plugin, 'p').commands.length, 2);
    repo.write('.opencode/plugins/notify.js', 'export const Notify = async () => ({});\n');
    await agentsCli('uninstall', '--agent', 'opencode');
    assert.equal(exists('.opencode/plugins/ai-provenance.js'), false);
    assert.equal(exists('.opencode/plugins/notify.js'), true, 'their plugin stays (and so does the folder)');
    fs.rmSync(path.join(repo.root, '.opencode'), { recursive: true });

    await agentsCli('install', '--agent', 'opencode', '--cli', cli);
    await agentsCli('uninstall', '--agent', 'opencode');
    assert.equal(exists('.opencode'), false);
    assert.equal(repo.git(['status', '--porcelain']), '');
  });

  it('user scope: ~/Documents/Cline/Hooks, ~/.kiro/hooks, ~/.aws/amazonq/cli-agents, ~/.config/opencode/plugins', async () => {
    const home = makeTempDir('aiprov-userhome-');
    try {
      const env = { ...process.env, HOME: home };
      const install = await runCli(
        ['agents', 'install', '--scope', 'user', '--agent', 'cline,kiro,amazonq,opencode', '--cli', cli],
        { cwd: home, env },
      );
      assert.equal(install.code, 0, install.err);
      for (const rel of [
        'Documents/Cline/Hooks/PreToolUse',
        'Documents/Cline/Hooks/PostToolUse',
        '.kiro/hooks/ai-provenance.json',
        '.kiro/hooks/ai-provenance-pre.kiro.hook',
        '.aws/amazonq/cli-agents/ai-provenance.json',
        '.config/opencode/plugins/ai-provenance.js',
      ])
        assert.ok(fs.existsSync(path.join(home, rel)), rel);
      assert.match(
        fs.readFileSync(path.join(home, 'Documents/Cline/Hooks/PreToolUse'), 'utf8'),
        /\[ -x '.*\/\.ai-provenance\/bin\/ai-provenance' \] && exec '.*' hook cline pre; /,
      );
      const status = await runCli(['agents', 'status', '--scope', 'user', '--agent', 'cline,kiro'], { cwd: home, env });
      assert.match(
        status.out,
        /^cline\s+installed\s+~\/Documents\/Cline\/Hooks\/PreToolUse \+ PostToolUse \+ PreToolUse\.ps1 \+ PostToolUse\.ps1$/m,
      );
      assert.match(status.out, /^kiro\s+installed\s+~\/\.kiro\/hooks\/ai-provenance\.json$/m);
      await runCli(['agents', 'uninstall', '--scope', 'user'], { cwd: home, env });
      assert.deepEqual(fs.readdirSync(home), []);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

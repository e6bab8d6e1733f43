import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { agentConfigFiles } from '../../../src/core/agentConfig/configFiles';
import { AGENT_IDS, type AgentId } from '../../../src/core/agents/types';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { compiledCli, runCli } from './helpers/hookHarness';

/** `agents install` without a name installs the agents in use (the ones Connect Coding Agents ticks), saying why. */
describe('agents install: the agents in use', () => {
  let repo: TempRepo;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const cli = compiledCli();
  beforeEach(() => {
    repo = createTempRepo({ commit: true });
    home = makeTempDir('aiprov-home-');
    env = { ...process.env, HOME: home, USERPROFILE: home };
    delete env.CODEX_HOME;
    delete env.COPILOT_HOME;
  });
  afterEach(() => {
    repo.cleanup();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const agentsCli = (...args: string[]) => runCli(['agents', ...args], { cwd: repo.root, env });
  const hookFile = (agent: AgentId) => path.join(repo.root, agentConfigFiles(agent, 'project')[0].rel);
  const installed = () => AGENT_IDS.filter((a) => fs.existsSync(hookFile(a)));
  const launcher = () => path.join(repo.root, '.git', 'ai-provenance', 'bin', 'ai-provenance');

  it('installs only the agents with a folder in the home directory or the repository, and prints why', async () => {
    fs.mkdirSync(path.join(home, '.claude'));
    fs.mkdirSync(path.join(home, '.codeium', 'windsurf'), { recursive: true });
    fs.mkdirSync(path.join(home, '.aws')); // not Amazon Q's own folder
    repo.write('.cursor/rules/style.mdc', 'tabs\n');
    const install = await agentsCli('install', '--cli', cli);
    assert.equal(install.code, 0, install.err);
    assert.deepEqual(installed(), ['claude', 'cursor', 'windsurf']);
    assert.match(install.out, /^installing the agents in use \(--all installs every agent\):$/m);
    assert.match(install.out, /^ {2}claude +~\/\.claude exists$/m);
    assert.match(install.out, /^ {2}cursor +\.cursor\/ in the repository$/m);
    assert.match(install.out, /^ {2}windsurf +~\/\.codeium\/windsurf exists$/m);
    assert.doesNotMatch(install.out, /amazonq|codex|gemini/);
    for (const agent of ['claude', 'cursor', 'windsurf'])
      assert.match(install.out, new RegExp(`^${agent} +installed`, 'm'));
  });

  it('counts an agent whose hook file is already here, and $CODEX_HOME for Codex', async () => {
    assert.equal((await agentsCli('install', '--agent', 'gemini', '--cli', cli)).code, 0);
    const codexHome = makeTempDir('aiprov-codex-home-');
    try {
      const install = await runCli(['agents', 'install', '--cli', cli], {
        cwd: repo.root,
        env: { ...env, CODEX_HOME: codexHome },
      });
      assert.equal(install.code, 0, install.err);
      assert.deepEqual(installed(), ['codex', 'gemini']);
      assert.match(install.out, /^ {2}gemini +\.gemini\/settings\.json exists; \.gemini\/ in the repository$/m);
      assert.match(
        install.out,
        new RegExp(`^ {2}codex +\\$CODEX_HOME \\(${codexHome.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) exists$`, 'm'),
      );
      assert.match(install.out, /^gemini +unchanged/m);
    } finally {
      fs.rmSync(codexHome, { recursive: true, force: true });
    }
  });

  it('with no agent in use installs nothing and says how to choose; --all installs every agent', async () => {
    const none = await agentsCli('install', '--cli', cli);
    assert.equal(none.code, 1);
    assert.match(none.err, /no agent in use found .*--agent NAME.*--all/s);
    assert.deepEqual(installed(), []);
    assert.equal(fs.existsSync(launcher()), false, 'no launcher written either');

    const all = await agentsCli('install', '--all', '--cli', cli);
    assert.equal(all.code, 0, all.err);
    assert.deepEqual(installed(), [...AGENT_IDS]);
    assert.doesNotMatch(all.out, /agents in use/);
    assert.equal((await agentsCli('uninstall')).code, 0);
    assert.deepEqual(installed(), [], 'uninstall without a name still removes every agent');
  });

  it('--all and --agent together are a usage error', async () => {
    assert.equal((await agentsCli('install', '--all', '--agent', 'claude', '--cli', cli)).code, 2);
    assert.deepEqual(installed(), []);
  });
});

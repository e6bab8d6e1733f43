import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectAgentHooks } from '../../../src/core/agentConfig/agentHooks';
import { codexHookEntries } from '../../../src/core/agentConfig/codexTrust';
import { hookResponse } from '../../../src/core/agents/hookResponse';
import { AGENT_IDS, type AgentId } from '../../../src/core/agents/types';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { compiledCli, payload, readRecord, runCli } from './helpers/hookHarness';

const FILES: Record<AgentId, string> = {
  claude: '.claude/settings.json',
  vscode: '.github/hooks/ai-provenance.json',
  cursor: '.cursor/hooks.json',
  codex: '.codex/config.toml',
  gemini: '.gemini/settings.json',
  windsurf: '.windsurf/hooks.json',
  droid: '.factory/settings.json',
};

/** A PRE and a POST payload of each agent, from the recorded fixtures. */
const FIXTURES: Record<AgentId, { pre: string; post: string }> = {
  claude: { pre: 'claude/pre-tool-use-edit.json', post: 'claude/post-tool-use-edit.json' },
  vscode: { pre: 'copilot/pre-tool-use-camel-bash.json', post: 'copilot/post-tool-use-camel-edit.json' },
  cursor: { pre: 'cursor/pre-tool-use-write.json', post: 'cursor/after-file-edit.json' },
  codex: { pre: 'codex/pre-tool-use-bash.json', post: 'codex/post-tool-use-apply-patch.json' },
  gemini: { pre: 'gemini/before-tool-write-file.json', post: 'gemini/after-tool-replace.json' },
  windsurf: { pre: 'windsurf/pre-run-command.json', post: 'windsurf/post-write-code.json' },
  droid: { pre: 'droid/pre-tool-use-execute.json', post: 'droid/post-tool-use-edit.json' },
};

const sh = (command: string, stdin: string, cwd: string) =>
  spawnSync('/bin/sh', ['-c', command], { cwd, input: stdin, encoding: 'utf8', timeout: 60_000 });
const commandsIn = (root: string, agent: AgentId): readonly string[] =>
  inspectAgentHooks(agent, fs.readFileSync(path.join(root, FILES[agent]), 'utf8'), FILES[agent]).commands;

describe('committed hook files: never break a clone', () => {
  let repo: TempRepo;
  let elsewhere: string;
  beforeEach(() => {
    repo = createTempRepo();
    repo.write('src/cart.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    repo.commitAll('initial');
    elsewhere = makeTempDir('aiprov-clone-');
  });
  afterEach(() => {
    repo.cleanup();
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('install project scope for every agent, commit, clone without installing: every command exits 0 with the no-op answer', async () => {
    const install = await runCli(['agents', 'install', '--cli', compiledCli()], { cwd: repo.root });
    assert.equal(install.code, 0, install.err);
    repo.git(['add', ...Object.values(FILES)]);
    repo.git(['commit', '--quiet', '-m', 'agent hooks']);
    for (const file of Object.values(FILES)) {
      const text = fs.readFileSync(path.join(repo.root, file), 'utf8');
      assert.ok(
        !text.includes(repo.root) && !text.includes(path.dirname(compiledCli())) && !text.includes(process.execPath),
        `${file} names no path of this machine`,
      );
    }
    const clone = path.join(elsewhere, 'clone');
    assert.equal(spawnSync('git', ['clone', '--quiet', repo.root, clone]).status, 0);
    let ran = 0;
    for (const agent of AGENT_IDS) {
      const commands = commandsIn(clone, agent);
      assert.equal(commands.length, 2, `${agent}: a pre and a post command`);
      for (const [phase, command] of [
        ['pre', commands[0]],
        ['post', commands[1]],
      ] as const) {
        const res = sh(command, payload(FIXTURES[agent][phase], clone), clone);
        assert.deepEqual(
          [res.status, res.stdout, res.stderr],
          [0, hookResponse(agent, phase), ''],
          `${agent} ${phase} in the clone`,
        );
        ran++;
      }
      // Outside any repository (an agent started elsewhere), too.
      const outside = sh(commands[0], payload(FIXTURES[agent].pre, elsewhere), elsewhere);
      assert.deepEqual([outside.status, outside.stdout], [0, hookResponse(agent, 'pre')], `${agent} outside git`);
    }
    assert.equal(ran, 2 * AGENT_IDS.length);
    assert.equal(fs.existsSync(path.join(clone, '.git', 'ai-provenance')), false, 'the clone got no state');

    // The same committed commands record in a clone where AI Provenance is installed (here: the original).
    const [pre, post] = commandsIn(repo.root, 'claude');
    assert.equal(sh(pre, payload('claude/pre-tool-use-edit.json', repo.root), repo.root).status, 0);
    const edited = 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';
    repo.write('src/cart.ts', edited);
    const res = sh(post, payload('claude/post-tool-use-edit.json', repo.root), repo.root);
    assert.deepEqual([res.status, res.stdout], [0, '']);
    assert.equal((await readRecord(repo.root, 'src/cart.ts'))?.origins[0].tool, 'Claude Code');
  });

  it('agents status for each state: not installed, installed, Codex untrusted / trusted / changed, Gemini disabled', async () => {
    const codexHome = path.join(elsewhere, 'codex-home');
    fs.mkdirSync(codexHome);
    const env = { ...process.env, CODEX_HOME: codexHome };
    const status = async (agent: AgentId) =>
      (await runCli(['agents', 'status', '--agent', agent], { cwd: repo.root, env })).out.split('\n')[0];
    for (const agent of AGENT_IDS)
      assert.match(
        await status(agent),
        new RegExp(`^${agent}\\s+not installed\\s+${FILES[agent].replace(/\./g, '\\.')} \\(no file\\)$`),
      );

    assert.equal((await runCli(['agents', 'install', '--cli', compiledCli()], { cwd: repo.root, env })).code, 0);
    for (const agent of ['claude', 'vscode', 'cursor', 'gemini', 'windsurf', 'droid'] as const)
      assert.match(await status(agent), new RegExp(`^${agent}\\s+installed\\s+${FILES[agent].replace(/\./g, '\\.')}$`));
    assert.match(
      await status('codex'),
      /^codex\s+installed, project not trusted in Codex — trust it, then open \/hooks in Codex/,
    );

    const store = path.join(codexHome, 'config.toml');
    const projectTrust = `[projects."${repo.root}"]\ntrust_level = "trusted"\n`;
    fs.writeFileSync(store, projectTrust);
    assert.match(
      await status('codex'),
      /^codex\s+installed, not trusted yet — open \/hooks in Codex\s+\.codex\/config\.toml$/,
    );

    // What Codex's /hooks writes when the user trusts both entries.
    const configFile = path.join(repo.root, '.codex', 'config.toml');
    const entries = codexHookEntries(fs.readFileSync(configFile, 'utf8'), configFile);
    const hash = (identity: string) => 'sha256:' + createHash('sha256').update(identity, 'utf8').digest('hex');
    const trusted = entries
      .map((e) => `[hooks.state.${JSON.stringify(e.key)}]\ntrusted_hash = "${hash(e.identity)}"\n`)
      .join('\n');
    fs.writeFileSync(store, `${projectTrust}\n${trusted}`);
    assert.match(await status('codex'), /^codex\s+installed\s+\.codex\/config\.toml$/);
    fs.writeFileSync(store, `${projectTrust}\n${trusted.replace(/sha256:[0-9a-f]{8}/, 'sha256:00000000')}`);
    assert.match(
      await status('codex'),
      /^codex\s+installed, changed since Codex trusted it — review it in \/hooks in Codex/,
    );
    assert.equal(fs.readFileSync(store, 'utf8').includes('00000000'), true, 'the trust store is read, never written');

    fs.writeFileSync(
      path.join(repo.root, '.codex', 'hooks.json'),
      '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "notify"}]}]}}',
    );
    assert.match(
      (await runCli(['agents', 'status', '--agent', 'codex'], { cwd: repo.root, env })).out,
      /warning: .*hooks\.json also defines hooks: Codex warns when one folder mixes/,
    );

    const gemini = path.join(repo.root, FILES.gemini);
    const settings = JSON.parse(fs.readFileSync(gemini, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(gemini, JSON.stringify({ ...settings, hooksConfig: { disabled: ['ai-provenance'] } }));
    assert.match(await status('gemini'), /^gemini\s+installed, disabled in its settings\s+\.gemini\/settings\.json$/);
    fs.writeFileSync(gemini, JSON.stringify({ ...settings, hooksConfig: { enabled: false } }));
    assert.match(await status('gemini'), /^gemini\s+installed, disabled in its settings/);
  });

  it('user scope honours $COPILOT_HOME for Copilot CLI hooks', async () => {
    const home = path.join(elsewhere, 'home');
    fs.mkdirSync(home);
    const env = { ...process.env, HOME: home, COPILOT_HOME: path.join(home, 'copilot-home') };
    assert.equal(
      (
        await runCli(['agents', 'install', '--scope', 'user', '--agent', 'copilot', '--cli', compiledCli()], {
          cwd: home,
          env,
        })
      ).code,
      0,
    );
    const file = path.join(home, 'copilot-home', 'hooks', 'ai-provenance.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      version: number;
      hooks: Record<string, Array<{ bash: string }>>;
    };
    assert.equal(config.version, 1);
    assert.match(
      config.hooks.preToolUse[0].bash,
      /^\[ -x '.*\/\.ai-provenance\/bin\/ai-provenance' \] && exec '.*' hook vscode pre; cat >\/dev\/null 2>&1; exit 0$/,
    );
    const status = await runCli(['agents', 'status', '--scope', 'user', '--agent', 'copilot'], { cwd: home, env });
    assert.match(
      status.out,
      /^vscode\s+installed\s+.*copilot-home\/hooks\/ai-provenance\.json\n\s+launcher .*\.ai-provenance\/bin\/ai-provenance: ok/,
    );
    // The launcher removed by hand: the entry still exits 0 without output (Copilot would deny the call otherwise).
    fs.rmSync(path.join(home, '.ai-provenance', 'bin'), { recursive: true });
    const res = sh(config.hooks.preToolUse[0].bash, payload('copilot/pre-tool-use-camel-bash.json', home), home);
    assert.deepEqual([res.status, res.stdout], [0, '']);
    await runCli(['agents', 'uninstall', '--scope', 'user', '--agent', 'copilot'], { cwd: home, env });
    assert.equal(fs.existsSync(path.join(home, 'copilot-home')), false);
  });
});

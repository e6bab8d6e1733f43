import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspectAgentHooks, type ConfigFormat } from '../../../src/core/agentConfig/agentHooks';
import { agentConfigFiles } from '../../../src/core/agentConfig/configFiles';
import { codexHookEntries } from '../../../src/core/agentConfig/codexTrust';
import { shellQuote } from '../../../src/core/agentConfig/types';
import { hookResponse } from '../../../src/core/agents/hookResponse';
import { AGENT_IDS, type AgentId, type HookPhase } from '../../../src/core/agents/types';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { compiledCli, EDITED, payload, piecesOfKind, readRecord, REWRITTEN, runCli } from './helpers/hookHarness';

/** The first project-scope file of each agent (its status line names it). */
const FILES = Object.fromEntries(AGENT_IDS.map((a) => [a, agentConfigFiles(a, 'project')[0].rel])) as Record<
  AgentId,
  string
>;
const ALL_FILES = AGENT_IDS.flatMap((a) => agentConfigFiles(a, 'project').map((f) => f.rel));

/** A PRE and a POST payload of each agent, from the recorded fixtures. */
const FIXTURES: Record<AgentId, { pre: string; post: string }> = {
  claude: { pre: 'claude/pre-tool-use-edit.json', post: 'claude/post-tool-use-edit.json' },
  vscode: { pre: 'copilot/pre-tool-use-camel-bash.json', post: 'copilot/post-tool-use-camel-edit.json' },
  cursor: { pre: 'cursor/pre-tool-use-write.json', post: 'cursor/after-file-edit.json' },
  codex: { pre: 'codex/pre-tool-use-bash.json', post: 'codex/post-tool-use-apply-patch.json' },
  gemini: { pre: 'gemini/before-tool-write-file.json', post: 'gemini/after-tool-replace.json' },
  windsurf: { pre: 'windsurf/pre-run-command.json', post: 'windsurf/post-write-code.json' },
  droid: { pre: 'droid/pre-tool-use-execute.json', post: 'droid/post-tool-use-edit.json' },
  cline: { pre: 'cline/pre-tool-use-replace-in-file.json', post: 'cline/post-tool-use-replace-in-file.json' },
  kiro: { pre: 'kiro/pre-tool-use-shell.json', post: 'kiro/post-tool-use-write-create.json' },
  amazonq: { pre: 'amazonq/pre-tool-use-execute-bash.json', post: 'amazonq/post-tool-use-fs-write.json' },
  opencode: { pre: 'opencode/tool-execute-before-edit.json', post: 'opencode/tool-execute-after-edit.json' },
};

type Run = { status: number | null; stdout: string; stderr: string };

/**
 * Every command a config file makes its agent run, with its phase, run the way that agent runs it: Cline executes
 * the script through a shell (`spawn(path, {shell: true})`), Amazon Q through `bash -c`, the others through `sh -c`.
 * OpenCode's plugin is run by `runPlugin`.
 */
function commandsOf(
  agent: AgentId,
  format: ConfigFormat,
  file: string,
): Array<[HookPhase, (stdin: string, cwd: string) => Run]> {
  if (format === 'cline-pre' || format === 'cline-post')
    return [[format === 'cline-pre' ? 'pre' : 'post', (stdin, cwd) => sh(shellQuote(file), stdin, cwd)]];
  const shell = agent === 'amazonq' ? 'bash' : '/bin/sh';
  return inspectAgentHooks(format, fs.readFileSync(file, 'utf8'), file).commands.map((command) => [
    / hook \S+ pre(?:;|$)/.test(command) ? 'pre' : 'post',
    (stdin, cwd) => spawnSync(shell, ['-c', command], { cwd, input: stdin, encoding: 'utf8', timeout: 60_000 }),
  ]);
}

/** OpenCode's side of a plugin call: load the module, start it for `directory`, call one tool hook. */
async function runPlugin(file: string, directory: string, phase: HookPhase, fixture: Record<string, unknown>) {
  const mod = (await import(pathToFileURL(file).href)) as {
    AiProvenance: (ctx: {
      directory: string;
    }) => Promise<Record<string, (input: unknown, output: unknown) => Promise<void>>>;
  };
  const hooks = await mod.AiProvenance({ directory });
  const input = { tool: fixture.tool_name, sessionID: fixture.session_id, callID: fixture.tool_use_id };
  if (phase === 'pre') return hooks['tool.execute.before'](input, { args: fixture.tool_input });
  return hooks['tool.execute.after']({ ...input, args: fixture.tool_input }, { title: '', output: '', metadata: {} });
}

const sh = (command: string, stdin: string, cwd: string) =>
  spawnSync('/bin/sh', ['-c', command], { cwd, input: stdin, encoding: 'utf8', timeout: 60_000 });
const commandsIn = (root: string, agent: AgentId): readonly string[] =>
  inspectAgentHooks(agent as ConfigFormat, fs.readFileSync(path.join(root, FILES[agent]), 'utf8'), FILES[agent])
    .commands;

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
    const install = await runCli(['agents', 'install', '--all', '--cli', compiledCli()], { cwd: repo.root });
    assert.equal(install.code, 0, install.err);
    repo.git(['add', ...ALL_FILES]);
    repo.git(['commit', '--quiet', '-m', 'agent hooks']);
    for (const file of ALL_FILES) {
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
      const phases = new Set<HookPhase>();
      for (const { rel, format } of agentConfigFiles(agent, 'project')) {
        const file = path.join(clone, rel);
        if (format === 'cline-pre-ps1' || format === 'cline-post-ps1') {
          // Cline's Windows scripts (PowerShell; not runnable here): the same no-op when the launcher is missing.
          assert.match(
            fs.readFileSync(file, 'utf8'),
            /^# AI Provenance: .*\r\n\$l = git rev-parse --git-path ai-provenance\/bin\/ai-provenance\.ps1 2>\$null; if \(\$l -and \(Test-Path -LiteralPath \$l\)\) \{ \$input \| & \$l hook cline (pre|post); exit 0 \}; \$null = @\(\$input\); '\{"cancel":false\}'; exit 0\r\n$/,
          );
          continue;
        }
        if (format === 'opencode') {
          for (const phase of ['pre', 'post'] as const) {
            const fixture = JSON.parse(payload(FIXTURES[agent][phase], clone)) as Record<string, unknown>;
            await runPlugin(file, clone, phase, fixture); // resolves: the tool runs
            phases.add(phase);
            ran++;
          }
          continue;
        }
        const commands = commandsOf(agent, format, file);
        assert.ok(commands.length > 0, `${rel}: commands`);
        for (const [phase, run] of commands) {
          const res = run(payload(FIXTURES[agent][phase], clone), clone);
          assert.deepEqual(
            [res.status, res.stdout, res.stderr],
            [0, hookResponse(agent, phase), ''],
            `${agent} ${phase} (${rel}) in the clone`,
          );
          phases.add(phase);
          ran++;
          // Outside any repository (an agent started elsewhere), too.
          const outside = run(payload(FIXTURES[agent][phase], elsewhere), elsewhere);
          assert.deepEqual([outside.status, outside.stdout], [0, hookResponse(agent, phase)], `${rel} outside git`);
        }
      }
      assert.deepEqual([...phases].sort(), ['post', 'pre'], `${agent}: before and after the tool`);
    }
    assert.ok(ran >= 2 * AGENT_IDS.length, `${ran} commands run`);
    assert.equal(fs.existsSync(path.join(clone, '.git', 'ai-provenance')), false, 'the clone got no state');

    // The same committed commands record in a clone where AI Provenance is installed (here: the original).
    const [pre, post] = commandsIn(repo.root, 'claude');
    assert.equal(sh(pre, payload('claude/pre-tool-use-edit.json', repo.root), repo.root).status, 0);
    const edited = 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';
    repo.write('src/cart.ts', edited);
    const res = sh(post, payload('claude/post-tool-use-edit.json', repo.root), repo.root);
    assert.deepEqual([res.status, res.stdout], [0, '']);
    assert.equal((await readRecord(repo.root, 'src/cart.ts'))?.origins[0].tool, 'Claude Code');

    // Cline's committed scripts and OpenCode's committed plugin, run as the agents run them, record there too.
    repo.git(['checkout', '--quiet', 'src/cart.ts']);
    const script = (name: string) => shellQuote(path.join(repo.root, '.clinerules', 'hooks', name));
    assert.equal(
      sh(script('PreToolUse'), payload(FIXTURES.cline.pre, repo.root), repo.root).stdout,
      '{"cancel":false}\n',
    );
    repo.write('src/cart.ts', EDITED);
    assert.equal(sh(script('PostToolUse'), payload(FIXTURES.cline.post, repo.root), repo.root).status, 0);
    const cline = await readRecord(repo.root, 'src/cart.ts');
    assert.deepEqual([piecesOfKind(cline, EDITED, 'agent'), cline?.origins.at(-1)?.tool], [REWRITTEN, 'Cline']);

    repo.git(['checkout', '--quiet', 'src/cart.ts']);
    const plugin = path.join(repo.root, '.opencode', 'plugins', 'ai-provenance.js');
    const call = (phase: HookPhase) =>
      JSON.parse(payload(FIXTURES.opencode[phase], repo.root)) as Record<string, unknown>;
    await runPlugin(plugin, repo.root, 'pre', call('pre'));
    repo.write('src/cart.ts', EDITED);
    await runPlugin(plugin, repo.root, 'post', call('post'));
    const opencode = await readRecord(repo.root, 'src/cart.ts');
    assert.deepEqual(
      [piecesOfKind(opencode, EDITED, 'agent'), opencode?.origins.at(-1)?.tool],
      [REWRITTEN, 'OpenCode'],
    );
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
        new RegExp(`^${agent}\\s+not installed\\s+${FILES[agent].replace(/\./g, '\\.')}(?: \\+ \\S+)* \\(no file\\)$`),
      );

    assert.equal(
      (await runCli(['agents', 'install', '--all', '--cli', compiledCli()], { cwd: repo.root, env })).code,
      0,
    );
    for (const agent of AGENT_IDS.filter((a) => a !== 'codex'))
      assert.match(
        await status(agent),
        new RegExp(`^${agent}\\s+installed\\s+${FILES[agent].replace(/\./g, '\\.')}(?: \\+ \\S+)*$`),
      );
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

    // Cline switches a hook off by taking its executable bit; Kiro by "enabled": false (IDE hook files, CLI entries).
    const lines = async (agent: AgentId) =>
      (await runCli(['agents', 'status', '--agent', agent], { cwd: repo.root, env })).out;
    fs.chmodSync(path.join(repo.root, '.clinerules/hooks/PostToolUse'), 0o644);
    assert.match(
      await lines('cline'),
      /^cline\s+installed, disabled in its settings\s+\.clinerules\/hooks\/PreToolUse \+ PostToolUse \+ PreToolUse\.ps1 \+ PostToolUse\.ps1\n(?:.*\n)*?\s+warning: \.clinerules\/hooks\/PostToolUse is not executable/m,
    );
    const ide = path.join(repo.root, '.kiro/hooks/ai-provenance-post.kiro.hook');
    fs.writeFileSync(ide, fs.readFileSync(ide, 'utf8').replace('"enabled": true', '"enabled": false'));
    assert.match(
      await lines('kiro'),
      /^kiro\s+installed\s+\.kiro\/hooks\/ai-provenance\.json\n(?:\s+.*\n)*kiro\s+installed, disabled in its settings\s+\.kiro\/hooks\/ai-provenance-pre\.kiro\.hook \+ ai-provenance-post\.kiro\.hook/,
    );
    const cliHooks = path.join(repo.root, '.kiro/hooks/ai-provenance.json');
    fs.writeFileSync(cliHooks, fs.readFileSync(cliHooks, 'utf8').replace(/"enabled": true/g, '"enabled": false'));
    assert.match(
      await status('kiro'),
      /^kiro\s+installed, disabled in its settings\s+\.kiro\/hooks\/ai-provenance\.json$/,
    );
    assert.match(await lines('amazonq'), /warning: Amazon Q runs these hooks only in its agent "ai-provenance"/);
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

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectAgentHooks, type ConfigFormat } from '../../../src/core/agentConfig/agentHooks';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { compiledCli, payload, piecesOfKind, readRecord, runCli } from './helpers/hookHarness';

/**
 * A config each agent's user already has, formatted their way, with hooks of their own (one file per agent; the agents
 * with several files or files of their own are in agentsInstallMore.test.ts).
 */
const EXISTING: Record<
  'claude' | 'vscode' | 'cursor' | 'codex' | 'gemini' | 'windsurf' | 'droid',
  { file: string; text: string; theirs: string }
> = {
  claude: {
    file: '.claude/settings.json',
    text: '{\n    "permissions": { "allow": ["Bash(npm test)"] },\n    "hooks": {\n        "PostToolUse": [\n            { "matcher": "Edit|Write", "hooks": [ { "type": "command", "command": "npx prettier --write ." } ] }\n        ]\n    }\n}\n',
    theirs: 'npx prettier --write .',
  },
  vscode: {
    file: '.github/hooks/ai-provenance.json',
    text: '{\r\n  "hooks": {\r\n    "PostToolUse": [ { "type": "command", "command": "./scripts/lint.sh" } ]\r\n  }\r\n}\r\n',
    theirs: './scripts/lint.sh',
  },
  cursor: {
    file: '.cursor/hooks.json',
    text: '{\n\t"version": 1,\n\t"hooks": {\n\t\t"afterFileEdit": [{ "command": "./hooks/format.sh" }]\n\t}\n}\n',
    theirs: './hooks/format.sh',
  },
  codex: {
    file: '.codex/config.toml',
    text:
      [
        '# my codex config',
        'model = "gpt-5-codex"   # the default',
        'notes = """',
        '[hooks]',
        'not a table: inside a string',
        '"""',
        '',
        '[features]',
        'web_search = true',
        '',
        '[[hooks.PreToolUse]]',
        'matcher = "Bash"',
        '[[hooks.PreToolUse.hooks]]',
        'type = "command"',
        'command = "/usr/local/bin/guard"',
        '',
        '[mcp_servers.docs]',
        'command = "npx"',
        'args = [',
        '  "-y", # comment inside an array',
        '  "docs-server",',
        ']',
      ].join('\n') + '\n',
    theirs: '/usr/local/bin/guard',
  },
  gemini: {
    file: '.gemini/settings.json',
    text: '{"theme":"GitHub","hooks":{"BeforeTool":[{"matcher":"run_shell_command","hooks":[{"type":"command","command":"./guard.sh"}]}]}}',
    theirs: './guard.sh',
  },
  windsurf: {
    file: '.windsurf/hooks.json',
    text: '{\n  "hooks": {\n    "post_write_code": [\n      { "command": "npx prettier --write .", "show_output": true }\n    ]\n  }\n}\n',
    theirs: 'npx prettier --write .',
  },
  droid: {
    file: '.factory/settings.json',
    text: '{\n  "model": "claude-opus-4-5",\n  "hooks": {\n    "PreToolUse": [{ "matcher": "Execute", "hooks": [{ "type": "command", "command": "/usr/local/bin/guard" }] }]\n  }\n}\n',
    theirs: '/usr/local/bin/guard',
  },
};

const AGENTS = Object.keys(EXISTING) as Array<keyof typeof EXISTING>;

describe('agents install / uninstall / status', () => {
  let repo: TempRepo;
  const cli = compiledCli();
  beforeEach(() => {
    repo = createTempRepo({ commit: true });
  });
  afterEach(() => repo.cleanup());

  const agentsCli = (...args: string[]) => runCli(['agents', ...args], { cwd: repo.root });
  const read = (rel: string): Buffer => fs.readFileSync(path.join(repo.root, rel));

  for (const agent of AGENTS) {
    it(`${agent}: merges with the user's hooks, is idempotent, and uninstall restores the file byte for byte`, async () => {
      const { file, text, theirs } = EXISTING[agent];
      repo.write(file, text);
      const install = await agentsCli('install', '--agent', agent, '--cli', cli);
      assert.equal(install.code, 0, install.err);
      assert.match(install.out, new RegExp(`${agent}\\s+installed\\s+${file.replace(/\./g, '\\.')}`));
      const installed = read(file).toString('utf8');
      assert.ok(installed.includes(theirs), 'their hook is still there');
      const inspection = inspectAgentHooks(agent, installed, file);
      assert.ok(inspection.pre && inspection.post, 'ours runs before and after');
      const launcher = path.join(repo.root, '.git', 'ai-provenance', 'bin', 'ai-provenance');
      // Project files may be committed: the commands find the launcher at run time and name no path of this machine.
      assert.ok(
        inspection.commands.every(
          (c) =>
            c.startsWith('l="$(git rev-parse --git-path ai-provenance/bin/ai-provenance ') &&
            c.includes(`hook ${agent} `),
        ),
        inspection.commands.join('\n'),
      );
      assert.ok(
        !installed.includes(repo.root) && !installed.includes(path.dirname(cli)),
        'no machine path in the file',
      );
      assert.ok((fs.statSync(launcher).mode & 0o111) !== 0, 'launcher is executable');

      const again = await agentsCli('install', '--agent', agent, '--cli', cli);
      assert.equal(again.code, 0);
      assert.match(again.out, new RegExp(`${agent}\\s+unchanged`));
      assert.equal(read(file).toString('utf8'), installed);

      const status = await agentsCli('status', '--agent', agent);
      assert.match(status.out, new RegExp(`${agent}\\s+installed`));
      assert.match(status.out, /launcher .*: ok/);

      const uninstall = await agentsCli('uninstall', '--agent', agent);
      assert.equal(uninstall.code, 0, uninstall.err);
      assert.match(uninstall.out, new RegExp(`${agent}\\s+restored`));
      assert.ok(read(file).equals(Buffer.from(text, 'utf8')), 'byte-identical');
      assert.equal(fs.existsSync(launcher), false, 'launcher removed with the last install');
    });
  }

  it('without existing configs: install creates every file, uninstall removes them and the directories it made', async () => {
    const install = await agentsCli('install', '--all', '--cli', cli);
    assert.equal(install.code, 0, install.err);
    for (const agent of AGENTS) assert.ok(fs.existsSync(path.join(repo.root, EXISTING[agent].file)), agent);
    const cursor = JSON.parse(read('.cursor/hooks.json').toString('utf8')) as {
      version: number;
      hooks: Record<string, unknown[]>;
    };
    assert.equal(cursor.version, 1);
    assert.deepEqual(Object.keys(cursor.hooks), ['preToolUse', 'postToolUse', 'afterFileEdit']);
    assert.doesNotMatch(read('.codex/config.toml').toString('utf8'), /features/, 'no feature flag on current Codex');
    const bin = path.join(repo.root, '.git', 'ai-provenance', 'bin');
    assert.deepEqual(
      fs.readdirSync(bin).sort(),
      ['ai-provenance', 'ai-provenance.cmd', 'ai-provenance.ps1'],
      'the launcher and its Windows twins',
    );
    const uninstall = await agentsCli('uninstall');
    assert.equal(uninstall.code, 0, uninstall.err);
    for (const dir of [
      '.claude',
      '.github',
      '.cursor',
      '.codex',
      '.gemini',
      '.windsurf',
      '.factory',
      '.clinerules',
      '.kiro',
      '.amazonq',
      '.opencode',
    ])
      assert.equal(fs.existsSync(path.join(repo.root, dir)), false, dir);
    assert.equal(repo.git(['status', '--porcelain']), '');
    assert.equal(
      fs.existsSync(path.join(repo.root, '.git', 'ai-provenance', 'agents')),
      false,
      'manifest and backups gone',
    );
  });

  it('a file changed after install: uninstall removes exactly our hooks and keeps the change', async () => {
    repo.write('.claude/settings.json', EXISTING.claude.text);
    await agentsCli('install', '--agent', 'claude', '--cli', cli);
    const settings = JSON.parse(read('.claude/settings.json').toString('utf8')) as Record<string, unknown>;
    repo.write('.claude/settings.json', JSON.stringify({ ...settings, model: 'opus' }, null, 2) + '\n');
    const uninstall = await agentsCli('uninstall', '--agent', 'claude');
    assert.match(uninstall.out, /claude\s+removed/);
    const after = JSON.parse(read('.claude/settings.json').toString('utf8')) as Record<string, unknown>;
    assert.equal(after.model, 'opus');
    assert.deepEqual(after.hooks, JSON.parse(EXISTING.claude.text).hooks);
  });

  it('a corrupt or unmergeable config: clear message, exit 1, file untouched, the other agents still installed', async () => {
    const corrupt: Array<[string, string, RegExp]> = [
      ['.claude/settings.json', '{ "hooks": ', /\.claude\/settings\.json is not valid JSON.*left unchanged/],
      [
        '.codex/config.toml',
        '[features\nhooks = true\n',
        /\.codex\/config\.toml could not be read \(line 1: .*left unchanged/,
      ],
      ['.cursor/hooks.json', '{"version": 2, "hooks": {}}', /version 2; only 1 is supported/],
      ['.gemini/settings.json', '{"hooks": []}', /"hooks" is not an object/],
    ];
    for (const [file, text] of corrupt) repo.write(file, text);
    const install = await agentsCli('install', '--all', '--cli', cli);
    assert.equal(install.code, 1);
    for (const [file, text, message] of corrupt) {
      assert.match(install.err, message);
      assert.equal(read(file).toString('utf8'), text, `${file} untouched`);
    }
    assert.match(install.out, /vscode\s+installed/);
    repo.write('.codex/config.toml', 'hooks = { PreToolUse = [] }\n');
    const inline = await agentsCli('install', '--agent', 'codex', '--cli', cli);
    assert.equal(inline.code, 1);
    assert.match(inline.err, /defines hooks with inline keys/);
  });

  it('user scope writes under HOME and CODEX_HOME, with the launcher in ~/.ai-provenance', async () => {
    const home = makeTempDir('aiprov-userhome-');
    try {
      const env = { ...process.env, HOME: home, CODEX_HOME: path.join(home, 'codex-home') };
      const install = await runCli(
        ['agents', 'install', '--scope', 'user', '--agent', 'claude,codex,vscode', '--cli', cli],
        { cwd: home, env },
      );
      assert.equal(install.code, 0, install.err);
      for (const rel of [
        '.claude/settings.json',
        'codex-home/config.toml',
        '.copilot/hooks/ai-provenance.json',
        '.ai-provenance/bin/ai-provenance',
      ]) {
        assert.ok(fs.existsSync(path.join(home, rel)), rel);
      }
      assert.match(
        fs.readFileSync(path.join(home, '.claude/settings.json'), 'utf8'),
        /\.ai-provenance\/bin\/ai-provenance' hook claude pre/,
      );
      await runCli(['agents', 'uninstall', '--scope', 'user'], { cwd: home, env });
      assert.deepEqual(fs.readdirSync(home), []);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('rejects bad arguments with usage errors', async () => {
    assert.equal((await agentsCli('install', '--agent', 'aider', '--cli', cli)).code, 2);
    assert.equal((await agentsCli('install', '--scope', 'team', '--cli', cli)).code, 2);
    assert.equal((await agentsCli('frobnicate')).code, 2);
    const missing = await agentsCli('install', '--cli', path.join(repo.root, 'nope.js'));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /is not a file/);
  });
});

describe('the installed hook command, run by a shell like the agent runs it', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo();
    repo.write('src/cart.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    repo.commitAll('initial');
  });
  afterEach(() => repo.cleanup());

  const commandsOf = (agent: ConfigFormat, file: string) =>
    inspectAgentHooks(agent, fs.readFileSync(path.join(repo.root, file), 'utf8'), file).commands;
  const sh = (command: string, stdin: string) =>
    spawnSync('/bin/sh', ['-c', command], { cwd: repo.root, input: stdin, encoding: 'utf8', timeout: 60_000 });

  it("records the agent's edit through the launcher", async () => {
    await runCli(['agents', 'install', '--agent', 'claude', '--cli', compiledCli()], { cwd: repo.root });
    const [pre, post] = commandsOf('claude', '.claude/settings.json');
    assert.equal(sh(pre, payload('claude/pre-tool-use-edit.json', repo.root)).status, 0);
    const edited = 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';
    repo.write('src/cart.ts', edited);
    const res = sh(post, payload('claude/post-tool-use-edit.json', repo.root));
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout, '');
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), edited, 'agent'), [
      '  const s = a + b;\n  return s;\n',
    ]);
  });

  it('when the CLI has moved away: exits 0, prints the no-op response, logs why', async () => {
    const dir = makeTempDir('aiprov-cli-');
    try {
      fs.writeFileSync(path.join(dir, 'cli.js'), '');
      await runCli(['agents', 'install', '--agent', 'cursor', '--cli', path.join(dir, 'cli.js')], { cwd: repo.root });
      fs.rmSync(dir, { recursive: true, force: true });
      const [, post] = commandsOf('cursor', '.cursor/hooks.json');
      const res = sh(post, payload('cursor/after-file-edit.json', repo.root));
      assert.deepEqual([res.status, res.stdout], [0, '{}\n']);
      assert.match(
        fs.readFileSync(path.join(repo.root, '.git', 'ai-provenance', 'log.txt'), 'utf8'),
        /launcher: CLI not found at .*cli\.js/,
      );
      const status = await runCli(['agents', 'status', '--agent', 'cursor'], { cwd: repo.root });
      assert.match(status.out, /CLI missing/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

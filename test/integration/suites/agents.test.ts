/**
 * An external agent edits a file that is open in VS Code: the hook runs as a separate process (as Claude Code runs
 * it), the editor reloads the file, and within a second the decorations show exactly the agent's characters, while
 * the user's own typing before and after stays human. Through the launcher, Claude's PRE and POST run in plain sh and
 * the POST only queues the call: the editor notices the queue and attributes it, with no commit or CLI run.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, attributedTexts, closeAll, openFile, waitUntil, workspaceRoot } from '../helpers';
import { NO_DRIVER, driver, driverAvailable } from '../driver';
import { skipBecause } from '../../skip';
import { writeLauncherFile } from '../../../src/git/launcher';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');
const FILE = 'src/cart.ts';
const OLD = '  return a + b;';
const NEW = '  const s = a + b;\n  return s;';

/** An environment where node cannot start (its path is wrong and PATH holds only the tools the sh steps use). */
function envWithoutNode(): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-nonode-'));
  for (const tool of ['sh', 'mkdir', 'rm', 'cat', 'grep', 'cp', 'mv', 'date', 'dirname']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    fs.symlinkSync(found, path.join(dir, tool));
  }
  return { ...process.env, PATH: dir, AI_PROVENANCE_NODE: '/nonexistent/node', AI_PROVENANCE_CLI: undefined };
}

function runHook(
  phase: 'pre' | 'post',
  filePath: string,
  launcher?: string,
  id = 'toolu_it_1',
  env: NodeJS.ProcessEnv = process.env,
): void {
  const payload = {
    session_id: 'it-session-1',
    transcript_path: '/nonexistent/transcript.jsonl',
    cwd: workspaceRoot(),
    hook_event_name: phase === 'pre' ? 'PreToolUse' : 'PostToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: filePath, old_string: OLD, new_string: NEW, replace_all: false },
    ...(phase === 'post'
      ? { tool_response: { filePath, oldString: OLD, newString: NEW, userModified: false, replaceAll: false } }
      : {}),
    tool_use_id: id,
  };
  // As Claude Code runs the command agents install: `sh` on the launcher in the git dir (else node on the CLI).
  const [command, args] =
    launcher === undefined
      ? [process.execPath, [CLI, 'hook', 'claude', phase]]
      : ['/bin/sh', [launcher, 'hook', 'claude', phase]];
  const res = spawnSync(command, args, {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    cwd: workspaceRoot(),
    timeout: 20_000,
    env,
  });
  assert.equal(res.status, 0, `hook ${phase} exit code (stderr: ${res.stderr})`);
  assert.equal(res.stdout, '', 'the hook prints nothing Claude Code would read');
}

async function typeAt(editor: vscode.TextEditor, offset: number, text: string): Promise<void> {
  const pos = editor.document.positionAt(offset);
  await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(pos, pos), preview: false });
  if (driverAvailable) await driver.type(text);
  else await editor.edit((b) => b.insert(pos, text));
  await waitUntil('typing', () => (editor.document.getText().includes(text) ? true : undefined));
}

describe('external agents', function () {
  // Waiting for the editor to reload a file the agent wrote can take longer than the default test timeout.
  this.timeout(90_000);
  afterEach(closeAll);

  it("shows an agent edit made through its hook live, and keeps the user's typing human", async () => {
    const file = path.join(workspaceRoot(), FILE);
    fs.writeFileSync(file, 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    const editor = await openFile(FILE);
    const doc = editor.document;
    const a = await api();
    await typeAt(editor, 0, '// reviewed by me\n');
    // The user marks nothing and types: human. Saving lets the agent's write reload the editor.
    await doc.save();

    runHook('pre', file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(OLD, NEW)); // the agent's Edit tool
    runHook('post', file);
    // Nothing but the state-folder watcher brings the hook's record in (how fast is not a test's business: the
    // editor first reloads the file from disk, 5-15 s on a loaded machine, which once passed a 20 s wait).
    await waitUntil(
      'the agent lines in the editor',
      async () => (JSON.stringify(await attributedTexts(editor)).includes('const s') ? true : undefined),
      60_000,
    );

    // Character by character: the agent rewrote the line, so both new lines are its (line breaks included).
    const texts = await attributedTexts(editor);
    assert.deepEqual(texts, ['  const s = a + b;\n  return s;\n']);
    const span = a.spans(doc.uri)[0];
    assert.equal(span.origin.kind, 'agent');
    assert.equal(span.origin.tool, 'Claude Code');
    assert.equal(span.origin.session, 'it-session-1');
    const painted = a.paintedRanges(doc.uri);
    assert.deepEqual(
      painted?.['chat-agent'].map(([s, e]) => doc.getText().slice(s, e)),
      texts,
    );

    await typeAt(editor, doc.getText().length, '// my own line\n');
    assert.ok(!(await attributedTexts(editor)).some((t) => t.includes('reviewed by me') || t.includes('my own line')));
  });

  it('attributes a POST the launcher only queued (sh, no node) in the open editor, without a commit', async () => {
    const stateDir = path.join(workspaceRoot(), '.git', 'ai-provenance');
    const launcherFile = path.join(stateDir, 'bin', 'ai-provenance');
    const previous = fs.existsSync(launcherFile) ? fs.readFileSync(launcherFile) : undefined;
    await writeLauncherFile(launcherFile, CLI, process.execPath);
    try {
      const file = path.join(workspaceRoot(), 'src', 'queued.ts');
      fs.writeFileSync(file, 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
      const editor = await openFile('src/queued.ts');
      const a = await api();
      // No node can start for either step: only the sh PRE and the sh POST's queue can bring the edit in.
      const noNode = envWithoutNode();
      runHook('pre', file, launcherFile, 'toolu_it_queued', noNode);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(OLD, NEW)); // the agent's Edit tool
      runHook('post', file, launcherFile, 'toolu_it_queued', noNode);
      await waitUntil(
        'the queued agent lines in the editor',
        async () => (JSON.stringify(await attributedTexts(editor)).includes('const s') ? true : undefined),
        20_000,
      );
      assert.deepEqual(await attributedTexts(editor), ['  const s = a + b;\n  return s;\n']);
      const span = a.spans(editor.document.uri)[0];
      assert.equal(span.origin.kind, 'agent');
      assert.equal(span.origin.tool, 'Claude Code');
      const queue = path.join(stateDir, 'agent-post');
      assert.deepEqual(
        fs.readdirSync(queue).filter((n) => !n.startsWith('.')),
        [],
        'the queued call was taken',
      );
    } finally {
      if (previous === undefined) fs.rmSync(launcherFile, { force: true });
      else fs.writeFileSync(launcherFile, previous);
    }
  });
});

describe('Copilot agent mode through VS Code agent hooks', () => {
  afterEach(closeAll);

  it('attributes an agent-mode edit of an open file to GitHub Copilot', async () => {
    const file = path.join(workspaceRoot(), 'src', 'agentmode.ts');
    fs.writeFileSync(file, 'export const rate = 1;\n');
    const editor = await openFile('src/agentmode.ts');
    const payload = (phase: 'pre' | 'post') => ({
      timestamp: new Date().toISOString(),
      cwd: workspaceRoot(),
      sessionId: 'copilot-session-7',
      hookEventName: phase === 'pre' ? 'PreToolUse' : 'PostToolUse',
      transcript_path: '/nonexistent.jsonl',
      tool_name: 'replace_string_in_file',
      tool_input: {
        filePath: file,
        oldString: 'export const rate = 1;',
        newString: 'export const rate = 1;\nexport const vat = 0.2;',
      },
      tool_use_id: 'call_it_vscode_1',
      ...(phase === 'post' ? { tool_response: 'ok' } : {}),
    });
    const run = (phase: 'pre' | 'post') => {
      const res = spawnSync(process.execPath, [CLI, 'hook', 'vscode', phase], {
        input: JSON.stringify(payload(phase)),
        encoding: 'utf8',
        cwd: workspaceRoot(),
        timeout: 20_000,
      });
      assert.equal(res.status, 0, res.stderr);
    };
    run('pre');
    fs.writeFileSync(file, 'export const rate = 1;\nexport const vat = 0.2;\n');
    run('post');
    await waitUntil(
      'agent-mode lines in the editor',
      async () => ((await attributedTexts(editor)).join('') === 'export const vat = 0.2;\n' ? true : undefined),
      20_000,
    );
    const span = (await api()).spans(editor.document.uri)[0];
    assert.equal(span.origin.kind, 'agent');
    assert.equal(span.origin.tool, 'GitHub Copilot');
    assert.equal(span.origin.session, 'copilot-session-7');
  });
});

describe('agent commands', () => {
  afterEach(closeAll);

  it('connects and disconnects agents, leaving the settings file as it was', async function () {
    if (!driverAvailable) skipBecause(this, NO_DRIVER);
    const settings = path.join(workspaceRoot(), '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    const original = '{\n  "permissions": { "allow": ["Bash(npm test)"] }\n}\n';
    fs.writeFileSync(settings, original);
    try {
      await openFile('README.md');
      const running = vscode.commands.executeCommand('aiProvenance.connectAgents');
      await waitUntil('the agent picker', async () =>
        (await driver.domText('.quick-input-widget .monaco-list-row')).length > 0 ? true : undefined,
      );
      await driver.press('Enter');
      await running;
      const installed = fs.readFileSync(settings, 'utf8');
      assert.match(installed, /PreToolUse/);
      assert.match(installed, /ai-provenance/);
      assert.match(installed, /Bash\(npm test\)/, 'existing settings are kept');
      // Only agents with a trace here or in the home folder are ticked: no stranger's hook files in the repository.
      for (const [project, home] of [
        ['.kiro', '.kiro'],
        ['.opencode', '.config/opencode'],
      ])
        if (!fs.existsSync(path.join(os.homedir(), home)))
          assert.ok(!fs.existsSync(path.join(workspaceRoot(), project)), `${project} was written unasked`);
      await vscode.commands.executeCommand('aiProvenance.disconnectAgents');
      assert.equal(fs.readFileSync(settings, 'utf8'), original, 'byte-identical after disconnect');
    } finally {
      fs.rmSync(path.join(workspaceRoot(), '.claude'), { recursive: true, force: true });
      for (const dir of [
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
        fs.rmSync(path.join(workspaceRoot(), dir), { recursive: true, force: true });
    }
  });

  it('attributes files changed during an agent session to that agent', async function () {
    if (!driverAvailable) skipBecause(this, NO_DRIVER);
    await openFile('README.md');
    await vscode.commands.executeCommand('aiProvenance.startAgentSession', { agent: 'aider' });
    await waitUntil('the session indicator', async () =>
      (await driver.domText('.statusbar-item')).some((t) => t.includes('aider session')) ? true : undefined,
    );
    const file = path.join(workspaceRoot(), 'src', 'session.ts');
    fs.writeFileSync(file, 'export const fromAider = 1;\n');
    await vscode.commands.executeCommand('aiProvenance.stopAgentSession');
    const editor = await openFile('src/session.ts');
    await waitUntil(
      'session attribution',
      async () => ((await attributedTexts(editor)).join('') === 'export const fromAider = 1;\n' ? true : undefined),
      8000,
    );
    assert.equal((await api()).spans(editor.document.uri)[0].origin.tool, 'aider');
  });
});

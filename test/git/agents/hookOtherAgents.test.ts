import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TempRepo } from '../helpers/tempRepo';
import {
  cartRepo,
  EDITED,
  ORIGINAL,
  payload,
  piecesOfKind,
  readRecord,
  REWRITTEN,
  runHook,
} from './helpers/hookHarness';

describe('hook vscode / cursor / codex / gemini (real git, fixture payloads)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = cartRepo();
  });
  afterEach(() => repo.cleanup());

  describe('vscode (GitHub Copilot agent mode)', () => {
    it('replace_string_in_file: exact characters, tool GitHub Copilot, empty stdout', async () => {
      assert.deepEqual(
        await runHook('vscode', 'pre', payload('vscode/pre-tool-use-replace-string.json', repo.root), repo.root),
        { code: 0, out: '', err: '' },
      );
      repo.write('src/cart.ts', EDITED);
      const post = payload('vscode/pre-tool-use-replace-string.json', repo.root, {
        hook_event_name: 'PostToolUse',
        tool_response: 'ok',
      });
      assert.deepEqual(await runHook('vscode', 'post', post, repo.root), { code: 0, out: '', err: '' });
      const record = await readRecord(repo.root, 'src/cart.ts');
      assert.deepEqual(piecesOfKind(record, EDITED, 'agent'), REWRITTEN);
      assert.equal(record?.origins[0].tool, 'GitHub Copilot');
      assert.equal(record?.origins[0].session, 'a1b2c3d4-5e6f-4711-8899-aabbccddeeff');
      assert.equal(record?.origins[0].model, undefined);
    });

    it('multi_replace_string_in_file across two files', async () => {
      repo.write('src/cart.ts', 'let total = 0;\n');
      repo.write('src/report.ts', 'print(total)\n');
      await runHook(
        'vscode',
        'pre',
        payload('vscode/post-tool-use-multi-replace.json', repo.root, { hookEventName: 'PreToolUse' }, [
          'tool_response',
        ]),
        repo.root,
      );
      repo.write('src/cart.ts', 'let grandTotal = 0;\n');
      repo.write('src/report.ts', 'print(grandTotal)\n');
      await runHook('vscode', 'post', payload('vscode/post-tool-use-multi-replace.json', repo.root), repo.root);
      // A renamed identifier is most of these short lines: the in-place rule judges them rewritten, whole.
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), 'let grandTotal = 0;\n', 'agent'), [
        'let grandTotal = 0;\n',
      ]);
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/report.ts'), 'print(grandTotal)\n', 'agent'), [
        'print(grandTotal)\n',
      ]);
    });

    it("a VS Code payload run through the Claude settings hook is recorded as Copilot's", async () => {
      await runHook(
        'claude',
        'pre',
        payload('vscode/post-tool-use-create-file.json', repo.root, { hookEventName: 'PreToolUse' }, ['tool_response']),
        repo.root,
      );
      repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
      assert.deepEqual(
        await runHook('claude', 'post', payload('vscode/post-tool-use-create-file.json', repo.root), repo.root),
        { code: 0, out: '', err: '' },
      );
      const record = await readRecord(repo.root, 'src/tax.ts');
      assert.deepEqual(record?.spans, [[0, 24, 0]]);
      assert.equal(record?.origins[0].tool, 'GitHub Copilot');
    });
  });

  describe('cursor', () => {
    it('afterFileEdit without a PRE event: rebuilds the old text from the edits; prints {}', async () => {
      repo.write('src/cart.ts', EDITED);
      assert.deepEqual(await runHook('cursor', 'post', payload('cursor/after-file-edit.json', repo.root), repo.root), {
        code: 0,
        out: '{}\n',
        err: '',
      });
      const record = await readRecord(repo.root, 'src/cart.ts');
      assert.deepEqual(piecesOfKind(record, EDITED, 'agent'), REWRITTEN);
      assert.equal(record?.origins[0].tool, 'Cursor');
      assert.equal(record?.origins[0].model, 'claude-4.5-sonnet');
      assert.equal(record?.origins[0].session, '2f0c7a4e-9b1d-4e3a-8c55-0d6b1e2f3a4b');
    });

    it('before/afterShellExecution pair by command and attribute what the command wrote', async () => {
      assert.deepEqual(
        await runHook('cursor', 'pre', payload('cursor/before-shell-execution.json', repo.root), repo.root),
        { code: 0, out: '{}\n', err: '' },
      );
      repo.write('src/cart.ts', ORIGINAL.replace('return a + b;', 'return (a + b);'));
      await runHook('cursor', 'post', payload('cursor/after-shell-execution.json', repo.root), repo.root);
      const text = ORIGINAL.replace('return a + b;', 'return (a + b);');
      const record = await readRecord(repo.root, 'src/cart.ts');
      assert.deepEqual(piecesOfKind(record, text, 'agent'), ['(', ')']);
      assert.equal(record?.origins[0].model, 'gpt-5');
    });
  });

  describe('codex', () => {
    it('apply_patch: updated and added files, model as openai/…', async () => {
      const patch =
        '*** Begin Patch\n*** Update File: src/cart.ts\n@@\n-  return a + b;\n+  const s = a + b;\n+  return s;\n*** Add File: src/tax.ts\n+export const VAT = 0.2;\n*** End Patch\n';
      const overrides = { tool_input: { command: patch } };
      assert.deepEqual(
        await runHook('codex', 'pre', payload('codex/pre-tool-use-apply-patch.json', repo.root, overrides), repo.root),
        { code: 0, out: '', err: '' },
      );
      repo.write('src/cart.ts', EDITED);
      repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
      await runHook('codex', 'post', payload('codex/post-tool-use-apply-patch.json', repo.root, overrides), repo.root);
      const cart = await readRecord(repo.root, 'src/cart.ts');
      assert.deepEqual(piecesOfKind(cart, EDITED, 'agent'), REWRITTEN);
      assert.equal(cart?.origins[0].tool, 'Codex');
      assert.equal(cart?.origins[0].model, 'openai/gpt-5-codex');
      assert.deepEqual((await readRecord(repo.root, 'src/tax.ts'))?.spans, [[0, 24, 0]]);
    });

    it('a Bash command that pipes a patch into apply_patch', async () => {
      repo.write('src/cart.ts', 'foo(a)\n');
      const pre = payload('codex/post-tool-use-bash-heredoc-patch.json', repo.root, { hook_event_name: 'PreToolUse' }, [
        'tool_response',
      ]);
      await runHook('codex', 'pre', pre, repo.root);
      repo.write('src/cart.ts', 'foo(a, b)\n');
      await runHook('codex', 'post', payload('codex/post-tool-use-bash-heredoc-patch.json', repo.root), repo.root);
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), 'foo(a, b)\n', 'agent'), [', b']);
    });
  });

  describe('gemini', () => {
    it('write_file: BeforeTool and AfterTool pair without a tool use id; prints {}', async () => {
      assert.deepEqual(
        await runHook('gemini', 'pre', payload('gemini/before-tool-write-file.json', repo.root), repo.root),
        { code: 0, out: '{}\n', err: '' },
      );
      repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
      const after = payload('gemini/before-tool-write-file.json', repo.root, {
        hook_event_name: 'AfterTool',
        tool_response: { llmContent: 'ok' },
      });
      assert.deepEqual(await runHook('gemini', 'post', after, repo.root), { code: 0, out: '{}\n', err: '' });
      const record = await readRecord(repo.root, 'src/tax.ts');
      assert.deepEqual(record?.spans, [[0, 24, 0]]);
      assert.equal(record?.origins[0].tool, 'Gemini CLI');
      // The snapshot is gone; an empty marker stays so a second hook file's POST for this call is not recorded twice.
      const sessions = path.join(repo.root, '.git', 'ai-provenance', 'snapshots');
      const left = fs
        .readdirSync(sessions)
        .filter((n) => !n.startsWith('.'))
        .flatMap((d) => fs.readdirSync(path.join(sessions, d)));
      assert.deepEqual(
        left.filter((n) => !n.endsWith('.done')),
        [],
      );
    });

    it('replace, and run_shell_command creating a file', async () => {
      await runHook(
        'gemini',
        'pre',
        payload('gemini/after-tool-replace.json', repo.root, { hook_event_name: 'BeforeTool' }, ['tool_response']),
        repo.root,
      );
      repo.write('src/cart.ts', EDITED);
      await runHook('gemini', 'post', payload('gemini/after-tool-replace.json', repo.root), repo.root);
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);

      await runHook('gemini', 'pre', payload('gemini/before-tool-run-shell-command.json', repo.root), repo.root);
      repo.write('lint-report.txt', 'clean\n');
      await runHook(
        'gemini',
        'post',
        payload('gemini/before-tool-run-shell-command.json', repo.root, { hook_event_name: 'AfterTool' }),
        repo.root,
      );
      assert.deepEqual((await readRecord(repo.root, 'lint-report.txt'))?.spans, [[0, 6, 0]]);
      // The earlier attribution of cart.ts is untouched by the shell command.
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);
    });
  });
});

import * as assert from 'node:assert/strict';
import { isCopilotPayload, parseHookPayload, toolCallMaterial } from '../../../src/core/agents';
import { fixture } from './fixtures';

describe('GitHub Copilot payloads (Copilot CLI, cloud agent, VS Code Copilot harness)', () => {
  it('camelCase shape: no event name (the command line says the phase), runtime tool names, toolArgs object or JSON string', () => {
    const create = parseHookPayload('vscode', 'pre', fixture('copilot/pre-tool-use-camel-create.json'));
    assert.deepEqual(
      [create.phase, create.kind, create.files, create.sessionId],
      ['pre', 'file-edit', ['/home/dev/shop/src/tax.ts'], '6c1f0e2a-7d3b-4c55-9a10-3e4f5a6b7c8d'],
    );
    const edit = parseHookPayload('vscode', 'post', fixture('copilot/post-tool-use-camel-edit.json'));
    assert.deepEqual(edit.edits, [
      {
        filePath: '/home/dev/shop/src/cart.ts',
        oldString: '  return a + b;\n',
        newString: '  const s = a + b;\n  return s;\n',
      },
    ]);
    const bash = parseHookPayload('vscode', 'pre', fixture('copilot/pre-tool-use-camel-bash.json'));
    assert.deepEqual([bash.kind, bash.files], ['shell', []]);
    const patch = parseHookPayload('vscode', 'pre', fixture('copilot/pre-tool-use-camel-apply-patch.json'));
    assert.deepEqual(
      [patch.kind, patch.files],
      ['file-edit', ['src/cart.ts']],
      'a patch given as the bare toolArgs string',
    );
  });

  it('PascalCase "VS Code compatible" shape: Claude tool names, snake_case fields, ISO timestamp', () => {
    const bash = parseHookPayload('vscode', undefined, fixture('copilot/pre-tool-use-pascal-bash.json'));
    assert.deepEqual([bash.phase, bash.kind, bash.toolName], ['pre', 'shell', 'Bash']);
    const edit = parseHookPayload('vscode', undefined, fixture('copilot/post-tool-use-pascal-edit.json'));
    assert.deepEqual([edit.phase, edit.kind, edit.files], ['post', 'file-edit', ['/home/dev/shop/src/cart.ts']]);
  });

  it("recognises Copilot by shape when Claude's settings hook receives it, and never takes Claude Code's own payloads for it", () => {
    for (const name of [
      'pre-tool-use-pascal-bash',
      'post-tool-use-pascal-edit',
      'pre-tool-use-camel-bash',
      'pre-tool-use-camel-create',
    ]) {
      assert.equal(isCopilotPayload(fixture(`copilot/${name}.json`)), true, name);
    }
    for (const name of ['pre-tool-use-edit', 'post-tool-use-bash', 'pre-tool-use-write', 'post-tool-use-multiedit']) {
      assert.equal(isCopilotPayload(fixture(`claude/${name}.json`)), false, name);
    }
    assert.equal(
      isCopilotPayload(fixture('vscode/pre-tool-use-replace-string.json')),
      true,
      'VS Code chat ids end in __vscode',
    );
  });

  it('one call reads the same in both shapes: the pairing key ignores the tool name and key order', () => {
    assert.equal(
      toolCallMaterial(fixture('copilot/pre-tool-use-pascal-bash.json')),
      toolCallMaterial(fixture('copilot/pre-tool-use-camel-bash.json')),
    );
    assert.notEqual(
      toolCallMaterial(fixture('copilot/pre-tool-use-camel-bash.json')),
      toolCallMaterial(fixture('copilot/pre-tool-use-camel-create.json')),
    );
  });

  it('shell tools under any name and case are snapshotted broadly', () => {
    for (const [agent, name] of [
      ['vscode', 'PowerShell'],
      ['vscode', 'pwsh'],
      ['claude', 'bash'],
      ['cursor', 'shell'],
      ['gemini', 'Shell'],
      ['codex', 'shell_command'],
    ] as const) {
      assert.equal(
        parseHookPayload(agent, 'pre', { tool_name: name, tool_input: { command: 'make' } }).kind,
        'shell',
        `${agent} ${name}`,
      );
    }
  });
});

describe('Cursor tool events and Gemini names', () => {
  it('Cursor StrReplace, Delete and ApplyPatch (a bare patch string) name their files', () => {
    const replace = parseHookPayload('cursor', undefined, fixture('cursor/pre-tool-use-str-replace.json'));
    assert.deepEqual(
      [replace.kind, replace.files, replace.toolUseId],
      ['file-edit', ['/home/dev/shop/src/cart.ts'], 'toolu_cursor_7a8b9c'],
    );
    assert.deepEqual(parseHookPayload('cursor', undefined, fixture('cursor/pre-tool-use-delete.json')).files, [
      '/home/dev/shop/src/cart.ts',
    ]);
    assert.deepEqual(
      parseHookPayload('cursor', undefined, fixture('cursor/pre-tool-use-apply-patch-string.json')).files,
      ['/home/dev/shop/src/cart.ts', '/home/dev/shop/src/tax.ts'],
    );
  });

  it('Gemini MCP tools (mcp_<server>_<tool>) count as edits when they name a path', () => {
    const p = parseHookPayload('gemini', undefined, fixture('gemini/before-tool-mcp-write.json'));
    assert.deepEqual([p.kind, p.files], ['file-edit', ['/home/dev/shop/src/tax.ts']]);
  });
});

import * as assert from 'node:assert/strict';
import { hookResponse, parseHookPayload, toolCallMaterial, type AgentId } from '../../../src/core/agents';
import { fixture } from './fixtures';

const CART = '/home/dev/shop/src/cart.ts';
const REPLACE = { filePath: CART, oldString: '  return a + b;\n', newString: '  const s = a + b;\n  return s;\n' };
const parse = (agent: AgentId, name: string, hint?: 'pre' | 'post') =>
  parseHookPayload(agent, hint, fixture(`${agent}/${name}.json`));

describe('parseHookPayload: Kiro and Amazon Q Developer CLI', () => {
  it('Kiro fs_write str_replace with a camelCase event (agent-config hooks)', () => {
    assert.deepEqual(parse('kiro', 'pre-tool-use-fs-write-str-replace'), {
      agent: 'kiro',
      phase: 'pre',
      event: 'preToolUse',
      cwd: '/home/dev/shop',
      toolName: 'fs_write',
      files: [CART],
      kind: 'file-edit',
      edits: [REPLACE],
    });
  });

  it('Kiro v3 / IDE PascalCase events with a session; shell and execute_bash name no files', () => {
    const create = parse('kiro', 'post-tool-use-write-create');
    assert.deepEqual(
      [create.phase, create.sessionId, create.toolName, create.files, create.kind],
      ['post', '8c1e4b2a-5f7d-4e9a-b3c6-2d8f0a1e7b54', 'write', ['/home/dev/shop/src/tax.ts'], 'file-edit'],
    );
    assert.deepEqual(
      [parse('kiro', 'pre-tool-use-shell').kind, parse('kiro', 'post-tool-use-execute-bash-ide').kind],
      ['shell', 'shell'],
    );
  });

  it('Amazon Q: fs_write with a relative path, execute_bash; no model, no session', () => {
    const create = parse('amazonq', 'pre-tool-use-fs-write-create');
    assert.deepEqual(
      [create.agent, create.files, create.sessionId, create.model],
      ['amazonq', ['src/tax.ts'], undefined, undefined],
    );
    assert.equal(parse('amazonq', 'pre-tool-use-execute-bash').kind, 'shell');
    assert.equal(parse('amazonq', 'post-tool-use-fs-write').phase, 'post');
  });

  it('a non-tool event is refused', () => {
    assert.throws(
      () => parseHookPayload('kiro', undefined, { hook_event_name: 'agentSpawn', cwd: '/x' }),
      /not a tool event/,
    );
  });
});

describe('parseHookPayload: Cline', () => {
  it('replace_in_file: task as session, provider/slug as model, the first workspace root as cwd', () => {
    assert.deepEqual(parse('cline', 'pre-tool-use-replace-in-file'), {
      agent: 'cline',
      phase: 'pre',
      event: 'PreToolUse',
      sessionId: '1765094391442',
      model: 'anthropic/claude-sonnet-4-5',
      cwd: '/home/dev/shop',
      toolName: 'replace_in_file',
      files: ['src/cart.ts'],
      kind: 'file-edit',
    });
    assert.equal(parse('cline', 'post-tool-use-replace-in-file').phase, 'post');
  });

  it('apply_patch names every file of the patch; editor reports its edit; execute_command is a shell', () => {
    assert.deepEqual(parse('cline', 'pre-tool-use-apply-patch').files, ['src/cart.ts', 'src/tax.ts']);
    assert.deepEqual(parse('cline', 'pre-tool-use-editor').edits, [REPLACE]);
    assert.equal(parse('cline', 'pre-tool-use-execute-command').kind, 'shell');
  });

  it('PRE and POST of one call share their material (the parameters), whatever the result', () => {
    assert.equal(
      toolCallMaterial(fixture('cline/pre-tool-use-replace-in-file.json')),
      toolCallMaterial(fixture('cline/post-tool-use-replace-in-file.json')),
    );
    assert.notEqual(toolCallMaterial(fixture('cline/pre-tool-use-replace-in-file.json')), 'null');
  });

  it('answers {"cancel":false}; Kiro, Amazon Q and OpenCode print nothing', () => {
    assert.equal(hookResponse('cline', 'pre'), '{"cancel":false}\n');
    for (const agent of ['kiro', 'amazonq', 'opencode'] as const) assert.equal(hookResponse(agent, 'post'), '');
  });
});

describe('parseHookPayload: OpenCode (our plugin)', () => {
  it('edit with the call id as tool use id; apply_patch patchText; bash', () => {
    assert.deepEqual(parse('opencode', 'tool-execute-before-edit'), {
      agent: 'opencode',
      phase: 'pre',
      event: 'tool.execute.before',
      sessionId: 'ses_4f1c2b7e9ffe3A1b2C3d4E5f6G',
      cwd: '/home/dev/shop',
      toolName: 'edit',
      toolUseId: 'call_01JF3R5W7Y9A1C3E5G7J9L1N3Q',
      files: [CART],
      kind: 'file-edit',
      edits: [REPLACE],
    });
    assert.deepEqual(parse('opencode', 'tool-execute-before-apply-patch').files, ['src/cart.ts']);
    assert.equal(parse('opencode', 'tool-execute-before-bash').kind, 'shell');
    assert.equal(parse('opencode', 'tool-execute-after-edit').phase, 'post');
  });
});

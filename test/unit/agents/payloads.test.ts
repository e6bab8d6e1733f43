import * as assert from 'node:assert/strict';
import {
  HookPayloadError,
  parseHookJson,
  parseHookPayload,
  type AgentId,
  type HookPayload,
} from '../../../src/core/agents';
import { fixture, fixtureText } from './fixtures';

const TRANSCRIPT = '/home/dev/.claude/projects/-home-dev-shop/8c35adc1-5f0e-4a43-9d0b-2f4e7a1c9b21.jsonl';
const parse = (agent: AgentId, name: string, hint?: 'pre' | 'post'): HookPayload =>
  parseHookPayload(agent, hint, fixture(`${agent}/${name}.json`));

describe('parseHookPayload: Claude Code', () => {
  it('normalises a PreToolUse Edit with every common field', () => {
    assert.deepEqual(parse('claude', 'pre-tool-use-edit'), {
      agent: 'claude',
      phase: 'pre',
      event: 'PreToolUse',
      sessionId: '8c35adc1-5f0e-4a43-9d0b-2f4e7a1c9b21',
      cwd: '/home/dev/shop',
      toolName: 'Edit',
      toolUseId: 'toolu_01DUq4bXo1mQx8w3hGv7kS2e',
      files: ['/home/dev/shop/src/cart.ts'],
      kind: 'file-edit',
      transcriptPath: TRANSCRIPT,
      edits: [
        {
          filePath: '/home/dev/shop/src/cart.ts',
          oldString: '  return a + b;',
          newString: '  const s = a + b;\n  return s;',
        },
      ],
    });
  });

  it('reads PostToolUse as post and ignores tool_response', () => {
    const p = parse('claude', 'post-tool-use-edit');
    assert.equal(p.phase, 'post');
    assert.deepEqual(p.files, ['/home/dev/shop/src/cart.ts']);
    assert.equal(p.model, undefined, 'tool events carry no model: the transcript has it');
  });

  it('takes Write file_path, NotebookEdit notebook_path and MultiEdit edits[]', () => {
    assert.deepEqual(parse('claude', 'pre-tool-use-write').files, ['/home/dev/shop/src/tax.ts']);
    assert.equal(parse('claude', 'pre-tool-use-write').edits, undefined, 'a Write has no old text');
    assert.deepEqual(parse('claude', 'pre-tool-use-notebook-edit').files, ['/home/dev/shop/analysis/sales.ipynb']);
    const multi = parse('claude', 'post-tool-use-multiedit');
    assert.deepEqual(multi.files, ['src/cart.ts']);
    assert.deepEqual(multi.edits, [
      { filePath: 'src/cart.ts', oldString: 'let total = 0;', newString: 'let total = 0n;' },
      { filePath: 'src/cart.ts', oldString: 'total += price;', newString: 'total += BigInt(price);' },
    ]);
  });

  it('classifies Bash as shell with no files and Read as other', () => {
    for (const name of ['pre-tool-use-bash', 'post-tool-use-bash']) {
      const p = parse('claude', name);
      assert.equal(p.kind, 'shell');
      assert.deepEqual(p.files, []);
    }
    const read = parse('claude', 'pre-tool-use-read');
    assert.equal(read.kind, 'other');
    assert.deepEqual(read.files, [], 'a read touches nothing');
  });
});

describe('parseHookPayload: VS Code agent hooks', () => {
  it('reads the documented camelCase common fields and editFiles files[]', () => {
    const p = parse('vscode', 'pre-tool-use-edit-files');
    assert.equal(p.sessionId, 'a1b2c3d4-5e6f-4711-8899-aabbccddeeff');
    assert.equal(p.event, 'PreToolUse');
    assert.equal(p.phase, 'pre');
    assert.equal(p.toolUseId, 'tool-123');
    assert.deepEqual(p.files, ['src/main.ts', 'src/util.ts']);
    assert.equal(p.kind, 'file-edit');
  });

  it('reads the snake_case spelling and Copilot camelCase tool arguments', () => {
    const p = parse('vscode', 'pre-tool-use-replace-string');
    assert.equal(p.sessionId, 'a1b2c3d4-5e6f-4711-8899-aabbccddeeff');
    assert.equal(p.phase, 'pre');
    assert.deepEqual(p.files, ['/home/dev/shop/src/cart.ts']);
    assert.equal(p.edits?.length, 1);
    assert.equal(p.edits?.[0].newString.includes('const s = a + b;'), true);
  });

  it('handles create_file, multi_replace_string_in_file, apply_patch and run_in_terminal', () => {
    const created = parse('vscode', 'post-tool-use-create-file');
    assert.deepEqual(
      [created.phase, created.kind, created.files],
      ['post', 'file-edit', ['/home/dev/shop/src/tax.ts']],
    );
    const multi = parse('vscode', 'post-tool-use-multi-replace');
    assert.deepEqual(multi.files, ['/home/dev/shop/src/cart.ts', '/home/dev/shop/src/report.ts']);
    assert.deepEqual(
      multi.edits?.map((e) => e.filePath),
      ['/home/dev/shop/src/cart.ts', '/home/dev/shop/src/report.ts'],
    );
    assert.deepEqual(parse('vscode', 'pre-tool-use-apply-patch').files, [
      '/home/dev/shop/src/cart.ts',
      '/home/dev/shop/src/tax.ts',
    ]);
    const term = parse('vscode', 'pre-tool-use-run-in-terminal');
    assert.deepEqual([term.kind, term.files], ['shell', []]);
  });
});

describe('parseHookPayload: Cursor', () => {
  it('reads afterFileEdit: post, file edit, model, conversation id, workspace root as cwd, edits', () => {
    assert.deepEqual(parse('cursor', 'after-file-edit'), {
      agent: 'cursor',
      phase: 'post',
      event: 'afterFileEdit',
      sessionId: '2f0c7a4e-9b1d-4e3a-8c55-0d6b1e2f3a4b',
      model: 'claude-4.5-sonnet',
      cwd: '/home/dev/shop',
      files: ['/home/dev/shop/src/cart.ts'],
      kind: 'file-edit',
      transcriptPath: '/home/dev/.cursor/projects/home-dev-shop/agent-transcripts/2f0c7a4e.txt',
      edits: [
        {
          filePath: '/home/dev/shop/src/cart.ts',
          oldString: '  return a + b;',
          newString: '  const s = a + b;\n  return s;',
        },
      ],
    });
  });

  it('reads afterTabFileEdit and tolerates null user_email/transcript_path', () => {
    const p = parse('cursor', 'after-tab-file-edit');
    assert.deepEqual(
      [p.phase, p.kind, p.files, p.transcriptPath],
      ['post', 'file-edit', ['/home/dev/shop/src/cart.ts'], undefined],
    );
    assert.deepEqual(p.edits, [{ filePath: '/home/dev/shop/src/cart.ts', oldString: '', newString: ', b' }]);
  });

  it('reads shell events and preToolUse/postToolUse tool calls', () => {
    const before = parse('cursor', 'before-shell-execution');
    assert.deepEqual(
      [before.phase, before.kind, before.files, before.cwd, before.model],
      ['pre', 'shell', [], '/home/dev/shop', 'gpt-5'],
    );
    assert.deepEqual(
      [parse('cursor', 'after-shell-execution').phase, parse('cursor', 'after-shell-execution').kind],
      ['post', 'shell'],
    );
    const write = parse('cursor', 'pre-tool-use-write');
    assert.deepEqual(
      [write.phase, write.kind, write.files, write.toolUseId],
      ['pre', 'file-edit', ['/home/dev/shop/src/tax.ts'], 'toolu_cursor_0a1b2c'],
    );
    const shell = parse('cursor', 'post-tool-use-shell');
    assert.deepEqual([shell.phase, shell.kind, shell.toolName], ['post', 'shell', 'Shell']);
  });

  it('reads an MCP call with a JSON-string tool_input as other, and rejects non-tool events', () => {
    const mcp = parse('cursor', 'before-mcp-execution');
    assert.deepEqual([mcp.phase, mcp.kind, mcp.files], ['pre', 'other', []]);
    assert.throws(() => parse('cursor', 'stop', 'post'), /cursor hook event "stop" is not a tool event/);
  });
});

describe('parseHookPayload: Codex CLI', () => {
  it('reads apply_patch paths from the patch envelope, including deletes and moves', () => {
    const p = parse('codex', 'pre-tool-use-apply-patch');
    assert.deepEqual(p.files, ['src/cart.ts', 'src/tax.ts', 'src/legacy.ts', 'src/old_name.ts', 'src/new_name.ts']);
    assert.deepEqual(
      [p.phase, p.kind, p.model, p.toolUseId],
      ['pre', 'file-edit', 'gpt-5-codex', 'call_7hQ2xR9mK4pL1vN6sT3wY8zB'],
    );
    assert.equal(p.sessionId, '0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
  });

  it('handles CRLF patch text and a null transcript_path', () => {
    assert.deepEqual(parse('codex', 'post-tool-use-apply-patch').files, ['src/cart.ts']);
    const bash = parse('codex', 'pre-tool-use-bash');
    assert.deepEqual(
      [bash.kind, bash.files, bash.transcriptPath, bash.model],
      ['shell', [], undefined, 'gpt-5.1-codex-max'],
    );
  });

  it('treats a Bash heredoc apply_patch as a file edit of the patched files', () => {
    const p = parse('codex', 'post-tool-use-bash-heredoc-patch');
    assert.deepEqual([p.kind, p.files], ['file-edit', ['src/cart.ts']]);
  });
});

describe('parseHookPayload: Gemini CLI', () => {
  it('reads BeforeTool write_file and AfterTool replace', () => {
    const write = parse('gemini', 'before-tool-write-file');
    assert.deepEqual(
      [write.phase, write.kind, write.files, write.toolUseId, write.model],
      ['pre', 'file-edit', ['/home/dev/shop/src/tax.ts'], undefined, undefined],
    );
    const replace = parse('gemini', 'after-tool-replace');
    assert.deepEqual(
      [replace.phase, replace.kind, replace.files],
      ['post', 'file-edit', ['/home/dev/shop/src/cart.ts']],
    );
    assert.equal(replace.edits?.length, 1);
  });

  it('classifies run_shell_command as shell, read_file as other, and an MCP writer by its path', () => {
    assert.deepEqual(
      [parse('gemini', 'before-tool-run-shell-command').kind, parse('gemini', 'before-tool-run-shell-command').files],
      ['shell', []],
    );
    assert.deepEqual(
      [parse('gemini', 'after-tool-read-file').kind, parse('gemini', 'after-tool-read-file').files],
      ['other', []],
    );
    const mcp = parse('gemini', 'after-tool-mcp');
    assert.deepEqual(
      [mcp.kind, mcp.files, mcp.toolName],
      ['file-edit', ['/home/dev/shop/docs/notes.md'], 'mcp__filesystem__write_file'],
    );
  });
});

describe('parseHookPayload: phase resolution', () => {
  it('lets the payload event win over a wrong hint, and uses the hint when no event is named', () => {
    assert.equal(parseHookPayload('claude', 'pre', fixture('claude/post-tool-use-edit.json')).phase, 'post');
    const bare = { tool_name: 'Write', tool_input: { file_path: 'a.txt', content: 'x' } };
    assert.equal(parseHookPayload('claude', 'post', bare).phase, 'post');
    assert.throws(() => parseHookPayload('claude', undefined, bare), /names no event; pass the phase/);
  });
});

describe('parseHookPayload: hostile input', () => {
  it('rejects non-objects, unknown agents and unknown phases with HookPayloadError', () => {
    for (const bad of [null, 42, 'text', [], [{ hook_event_name: 'PreToolUse' }]]) {
      assert.throws(
        () => parseHookPayload('claude', 'pre', bad),
        (e: unknown) => e instanceof HookPayloadError && /must be a JSON object/.test(e.message),
      );
    }
    assert.throws(() => parseHookPayload('copilot' as AgentId, 'pre', {}), /unknown agent "copilot"/);
    assert.throws(() => parseHookPayload('claude', 'during' as 'pre', {}), /unknown hook phase "during"/);
  });

  it('drops wrongly typed, oversized and control-character fields instead of failing', () => {
    const p = parseHookPayload('claude', 'pre', {
      hook_event_name: 'PreToolUse',
      session_id: 12345,
      cwd: ['not', 'a', 'string'],
      tool_name: 'x'.repeat(10_000),
      tool_use_id: 'id\nwith newline',
      transcript_path: null,
      tool_input: {
        file_path: '/etc/passwd\u0000.ts',
        // A line break is legal in a git file name: kept, so the hook can say it cannot be recorded (NUL is not).
        files: ['ok.ts', 7, '', 'odd\rpath', 'nul\u0000path', { file_path: 'nested.ts' }],
      },
      unknown_field: { deeply: { nested: true } },
    });
    assert.deepEqual(p, {
      agent: 'claude',
      phase: 'pre',
      event: 'PreToolUse',
      files: ['ok.ts', 'odd\rpath', 'nested.ts'],
      kind: 'file-edit',
    });
  });

  it('bounds the number of paths and never reads inherited properties', () => {
    const files = Array.from({ length: 5000 }, (_, i) => `f${i}.ts`);
    const p = parseHookPayload('vscode', 'pre', {
      hookEventName: 'PreToolUse',
      tool_name: 'editFiles',
      tool_input: { files },
    });
    assert.equal(p.files.length, 256);
    const proto = JSON.parse('{"hook_event_name":"PreToolUse","tool_input":{"__proto__":{"file_path":"evil.ts"}}}');
    assert.deepEqual(parseHookPayload('claude', undefined, proto).files, []);
  });

  it('omits edits that are malformed or too large rather than returning a partial list', () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const tooLarge = parseHookPayload('cursor', undefined, {
      hook_event_name: 'afterFileEdit',
      file_path: 'a.ts',
      edits: [{ old_string: big, new_string: big }],
    });
    assert.deepEqual([tooLarge.files, tooLarge.edits], [['a.ts'], undefined]);
    const malformed = parseHookPayload('cursor', undefined, {
      hook_event_name: 'afterFileEdit',
      file_path: 'a.ts',
      edits: [{ old_string: 'a', new_string: 'b' }, { old_string: 1 }],
    });
    assert.equal(malformed.edits, undefined);
  });

  it('turns a throwing getter or Proxy into a content-free HookPayloadError', () => {
    const getter = {
      get hook_event_name(): string {
        throw new Error('secret sk-ant-xyz');
      },
    };
    assert.throws(
      () => parseHookPayload('claude', 'pre', getter),
      (e: unknown) => e instanceof HookPayloadError && e.message === 'claude hook payload could not be read',
    );
    const proxy = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw 'not even an Error';
        },
      },
    );
    assert.throws(() => parseHookPayload('codex', 'pre', proxy), HookPayloadError);
  });

  it('never puts payload content in error messages', () => {
    assert.throws(
      () => parseHookPayload('gemini', undefined, { hook_event_name: 'SessionStart', prompt: 'my password=hunter2' }),
      (e: unknown) => e instanceof Error && !e.message.includes('hunter2'),
    );
  });
});

describe('parseHookJson', () => {
  it('parses stdin text, tolerating a BOM and surrounding whitespace', () => {
    assert.deepEqual(parseHookJson('\ufeff  {"a": 1}\n'), { a: 1 });
    const p = parseHookPayload('claude', undefined, parseHookJson(fixtureText('claude/pre-tool-use-edit.json')));
    assert.equal(p.toolName, 'Edit');
  });

  it('rejects empty, invalid and oversized input without echoing it', () => {
    assert.throws(() => parseHookJson('   '), /empty/);
    assert.throws(
      () => parseHookJson('{"token": "sk-ant-abc'),
      (e: unknown) => e instanceof HookPayloadError && e.message === 'hook input is not valid JSON',
    );
    assert.throws(() => parseHookJson(' '.repeat(32 * 1024 * 1024 + 1)), /the limit is/);
    assert.throws(() => parseHookJson(undefined as unknown as string), /must be text/);
  });
});

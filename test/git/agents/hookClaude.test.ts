import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../../src/core/hash';
import { WorkingStateStore } from '../../../src/git/stateStore';
import type { TempRepo } from '../helpers/tempRepo';
import {
  cartRepo,
  EDITED,
  logText,
  ORIGINAL,
  payload,
  piecesOfKind,
  readRecord,
  runHook,
  sourceRoot,
} from './helpers/hookHarness';

describe('hook claude (real git, fixture payloads)', () => {
  let repo: TempRepo;
  let transcript: string;

  beforeEach(() => {
    repo = cartRepo();
    transcript = path.join(repo.root, '..', `${path.basename(repo.root)}-transcript.jsonl`);
    fs.copyFileSync(
      path.join(sourceRoot(), 'test', 'unit', 'agents', 'fixtures', 'claude', 'transcript.jsonl'),
      transcript,
    );
  });

  afterEach(() => {
    repo.cleanup();
    fs.rmSync(transcript, { force: true });
  });

  const withTranscript = (name: string): string =>
    payload(`claude/${name}.json`, repo.root, { transcript_path: transcript });

  it('Edit: records exactly the inserted characters, with the model from the transcript, and prints nothing', async () => {
    const pre = await runHook('claude', 'pre', withTranscript('pre-tool-use-edit'), repo.root);
    assert.deepEqual(pre, { code: 0, out: '', err: '' });
    repo.write('src/cart.ts', EDITED);
    const post = await runHook('claude', 'post', withTranscript('post-tool-use-edit'), repo.root);
    assert.deepEqual(post, { code: 0, out: '', err: '' });
    const record = await readRecord(repo.root, 'src/cart.ts');
    assert.ok(record);
    assert.equal(record.contentHash, contentHash(EDITED));
    assert.equal(record.length, EDITED.length);
    assert.deepEqual(record.spans, [[EDITED.indexOf('  const'), EDITED.indexOf('}\n', 60), 0]]);
    assert.deepEqual(piecesOfKind(record, EDITED, 'agent'), ['  const s = a + b;\n  return s;\n']);
    const origin = record.origins[0];
    assert.equal(origin.tool, 'Claude Code');
    assert.equal(origin.model, 'anthropic/claude-sonnet-4-5-20250929');
    assert.equal(origin.session, '8c35adc1-5f0e-4a43-9d0b-2f4e7a1c9b21');
    assert.deepEqual(
      fs.readdirSync(path.join(repo.root, '.git', 'ai-provenance', 'snapshots')).filter((n) => !n.startsWith('.')),
      [],
      'snapshot cleaned up',
    );
  });

  it('keeps earlier AI spans and text the human typed before the tool call, remapped onto the new text', async () => {
    // The editor recorded an inline completion over `add(a: number, b: number)`, then the human typed a comment.
    const store = await WorkingStateStore.open(repo.root);
    const typed = '// cart maths\n' + ORIGINAL;
    repo.write('src/cart.ts', typed);
    const inline = { kind: 'inline' as const, tool: 'GitHub Copilot', time: 1 };
    const start = typed.indexOf('add(');
    await store.write({
      version: 1,
      path: 'src/cart.ts',
      contentHash: contentHash(typed),
      length: typed.length,
      origins: [inline],
      spans: [[start, start + 'add(a: number, b: number)'.length, 0]],
      updated: 1,
    });

    await runHook('claude', 'pre', withTranscript('pre-tool-use-edit'), repo.root);
    const after = '// cart maths\n' + EDITED;
    repo.write('src/cart.ts', after);
    await runHook('claude', 'post', withTranscript('post-tool-use-edit'), repo.root);

    const record = await readRecord(repo.root, 'src/cart.ts');
    assert.ok(record);
    assert.deepEqual(piecesOfKind(record, after, 'inline'), ['add(a: number, b: number)']);
    assert.deepEqual(piecesOfKind(record, after, 'agent'), ['  const s = a + b;\n  return s;\n']);
    assert.ok(!piecesOfKind(record, after, 'agent').join('').includes('cart maths'), 'the typed comment stays human');
  });

  it("Write of a new file: every character is the agent's", async () => {
    await runHook('claude', 'pre', withTranscript('pre-tool-use-write'), repo.root);
    repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
    await runHook(
      'claude',
      'post',
      payload('claude/pre-tool-use-write.json', repo.root, {
        hook_event_name: 'PostToolUse',
        transcript_path: transcript,
      }),
      repo.root,
    );
    const record = await readRecord(repo.root, 'src/tax.ts');
    assert.ok(record);
    assert.deepEqual(record.spans, [[0, 24, 0]]);
  });

  it("MultiEdit with repo-relative paths: each replacement's inserted characters only", async () => {
    const before = 'let total = 0;\nfor (const price of prices) {\n  total += price;\n}\n';
    repo.write('src/cart.ts', before);
    const pre = payload('claude/post-tool-use-multiedit.json', repo.root, { hook_event_name: 'PreToolUse' }, [
      'tool_response',
      'transcript_path',
    ]);
    await runHook('claude', 'pre', pre, repo.root);
    const after = 'let total = 0n;\nfor (const price of prices) {\n  total += BigInt(price);\n}\n';
    repo.write('src/cart.ts', after);
    await runHook(
      'claude',
      'post',
      payload('claude/post-tool-use-multiedit.json', repo.root, {}, ['transcript_path']),
      repo.root,
    );
    const record = await readRecord(repo.root, 'src/cart.ts');
    // Word-level: `0;` became `0n;`, so the changed word is the agent's; `price` inside BigInt(...) is not.
    assert.deepEqual(piecesOfKind(record, after, 'agent'), ['0n', 'BigInt(', ')']);
  });

  it('Bash: new, changed and deleted files anywhere in the repository are attributed; binary files are skipped and logged', async () => {
    repo.write('src/dirty.ts', 'const a = 1;\n');
    repo.write('src/gone.ts', 'old\n');
    repo.commitAll('more');
    repo.write('src/dirty.ts', 'const a = 1;\nconst b = 2;\n'); // human, uncommitted, before the command
    const store = await WorkingStateStore.open(repo.root);
    await store.write({
      version: 1,
      path: 'src/gone.ts',
      contentHash: contentHash('old\n'),
      length: 4,
      origins: [{ kind: 'agent', tool: 'x', time: 1 }],
      spans: [[0, 3, 0]],
      updated: 1,
    });

    await runHook('claude', 'pre', withTranscript('pre-tool-use-bash'), repo.root);
    // What the command did:
    repo.write('src/dirty.ts', 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    repo.write('src/cart.ts', ORIGINAL.replace('a + b', 'a + b + 0'));
    repo.write('gen/out.ts', 'export {};\n');
    repo.write('gen/blob.bin', Buffer.from([0, 1, 2, 3, 0, 5]));
    fs.rmSync(path.join(repo.root, 'src', 'gone.ts'));
    const post = await runHook('claude', 'post', withTranscript('post-tool-use-bash'), repo.root);
    assert.equal(post.code, 0);

    const dirty = 'const a = 1;\nconst b = 2;\nconst c = 3;\n';
    assert.deepEqual(
      piecesOfKind(await readRecord(repo.root, 'src/dirty.ts'), dirty, 'agent'),
      ['const c = 3;\n'],
      'the human line stays human',
    );
    assert.deepEqual(
      piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), ORIGINAL.replace('a + b', 'a + b + 0'), 'agent'),
      ['+ 0'],
    );
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'gen/out.ts'), 'export {};\n', 'agent'), [
      'export {};\n',
    ]);
    assert.equal(await readRecord(repo.root, 'src/gone.ts'), undefined, 'deleted file lost its record');
    assert.equal(await readRecord(repo.root, 'gen/blob.bin'), undefined);
    assert.match(logText(repo.root), /skipped gen\/blob\.bin \[binary\]/);
  });

  it('POST without a PRE: rebuilds the old text from the tool response', async () => {
    repo.write('src/cart.ts', EDITED);
    await runHook('claude', 'post', withTranscript('post-tool-use-edit'), repo.root);
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), [
      '  const s = a + b;\n  return s;\n',
    ]);
  });

  it('skips a huge file with the reason logged', async () => {
    const big = 'x'.repeat(80) + '\n';
    repo.write('src/big.ts', big.repeat(60_000));
    const call = {
      tool_use_id: 'toolu_big',
      tool_input: { file_path: path.join(repo.root, 'src/big.ts'), old_string: 'x', new_string: 'y' },
    };
    await runHook('claude', 'pre', payload('claude/pre-tool-use-edit.json', repo.root, call), repo.root);
    repo.write('src/big.ts', 'y' + big.repeat(60_000).slice(1));
    assert.deepEqual(
      await runHook(
        'claude',
        'post',
        payload('claude/post-tool-use-edit.json', repo.root, call, ['tool_response']),
        repo.root,
      ),
      { code: 0, out: '', err: '' },
    );
    assert.equal(await readRecord(repo.root, 'src/big.ts'), undefined);
    assert.match(logText(repo.root), /skipped src\/big\.ts \[before: 4860000 bytes, over the 4194304-byte limit\]/);
  });

  it('ignores files outside the repository and read-only tools', async () => {
    const outside = payload('claude/pre-tool-use-write.json', repo.root, {
      tool_input: { file_path: '/etc/hostname', content: 'x' },
    });
    assert.deepEqual(await runHook('claude', 'pre', outside, repo.root), { code: 0, out: '', err: '' });
    const sneaky = payload('claude/pre-tool-use-write.json', repo.root, {
      tool_input: { file_path: '../../escape.ts', content: 'x' },
    });
    assert.deepEqual(await runHook('claude', 'pre', sneaky, path.join(repo.root, 'src')), {
      code: 0,
      out: '',
      err: '',
    });
    await runHook('claude', 'pre', withTranscript('pre-tool-use-read'), repo.root);
    assert.equal(
      fs.existsSync(path.join(repo.root, '.git', 'ai-provenance', 'snapshots')),
      false,
      'nothing snapshotted',
    );
  });
});

describe('hook claude: edits made outside the editor between two tool calls', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = cartRepo();
  });
  afterEach(() => repo.cleanup());

  it("keep the first call's agent text and stay human themselves", async () => {
    await runHook(
      'claude',
      'pre',
      payload('claude/pre-tool-use-edit.json', repo.root, {}, ['transcript_path']),
      repo.root,
    );
    repo.write('src/cart.ts', EDITED);
    await runHook(
      'claude',
      'post',
      payload('claude/post-tool-use-edit.json', repo.root, {}, ['transcript_path']),
      repo.root,
    );
    // A human edits the file in another editor (no record is written for it), then the agent edits again.
    const human = EDITED.replace('export function', '/** Sum. */\nexport function');
    repo.write('src/cart.ts', human);
    const second = {
      tool_use_id: 'toolu_second',
      tool_input: {
        file_path: path.join(repo.root, 'src/cart.ts'),
        old_string: '  return s;',
        new_string: '  return s | 0;',
      },
    };
    await runHook(
      'claude',
      'pre',
      payload('claude/pre-tool-use-edit.json', repo.root, second, ['transcript_path']),
      repo.root,
    );
    const final = human.replace('  return s;', '  return s | 0;');
    repo.write('src/cart.ts', final);
    await runHook(
      'claude',
      'post',
      payload('claude/post-tool-use-edit.json', repo.root, second, ['transcript_path', 'tool_response']),
      repo.root,
    );
    const record = await readRecord(repo.root, 'src/cart.ts');
    // The first call's lines survive the human edit; the second call inserted only `| 0` into one of them.
    assert.deepEqual(piecesOfKind(record, final, 'agent'), ['  const s = a + b;\n  return s ', '| 0', ';\n']);
    assert.ok(record);
    assert.notEqual(record.spans[0][2], record.spans[1][2], 'two tool calls, two origins');
    assert.ok(!piecesOfKind(record, final, 'agent').join('').includes('Sum'));
  });
});

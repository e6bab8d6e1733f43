import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TempRepo } from '../helpers/tempRepo';
import {
  cartRepo,
  EDITED,
  logText,
  payload,
  piecesOfKind,
  readRecord,
  REWRITTEN,
  runHook,
} from './helpers/hookHarness';

describe('hook cursor: preToolUse/postToolUse tools (real git, fixtures)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = cartRepo();
  });
  afterEach(() => repo.cleanup());

  const post = (name: string, extra: Record<string, unknown> = {}) =>
    payload(name, repo.root, { hook_event_name: 'postToolUse', tool_output: '{"ok":true}', ...extra });

  it('Write and StrReplace: exact characters, Cursor with its model, prints {}', async () => {
    assert.deepEqual(await runHook('cursor', 'pre', payload('cursor/pre-tool-use-write.json', repo.root), repo.root), {
      code: 0,
      out: '{}\n',
      err: '',
    });
    repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
    assert.deepEqual(await runHook('cursor', 'post', post('cursor/pre-tool-use-write.json'), repo.root), {
      code: 0,
      out: '{}\n',
      err: '',
    });
    assert.deepEqual((await readRecord(repo.root, 'src/tax.ts'))?.spans, [[0, 24, 0]]);

    await runHook('cursor', 'pre', payload('cursor/pre-tool-use-str-replace.json', repo.root), repo.root);
    repo.write('src/cart.ts', EDITED);
    await runHook('cursor', 'post', post('cursor/pre-tool-use-str-replace.json'), repo.root);
    const record = await readRecord(repo.root, 'src/cart.ts');
    assert.deepEqual(piecesOfKind(record, EDITED, 'agent'), REWRITTEN);
    assert.deepEqual([record?.origins[0].tool, record?.origins[0].model], ['Cursor', 'gpt-5']);
  });

  it('ApplyPatch with the patch as a plain string: updated and added files', async () => {
    await runHook('cursor', 'pre', payload('cursor/pre-tool-use-apply-patch-string.json', repo.root), repo.root);
    repo.write('src/cart.ts', EDITED);
    repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
    await runHook('cursor', 'post', post('cursor/pre-tool-use-apply-patch-string.json'), repo.root);
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);
    assert.deepEqual((await readRecord(repo.root, 'src/tax.ts'))?.spans, [[0, 24, 0]]);
  });

  it('Delete drops the record; Shell (pre/post by tool_use_id) attributes what the command wrote', async () => {
    await runHook('cursor', 'pre', payload('cursor/pre-tool-use-write.json', repo.root), repo.root);
    repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
    await runHook('cursor', 'post', post('cursor/pre-tool-use-write.json'), repo.root);
    await runHook(
      'cursor',
      'pre',
      payload('cursor/pre-tool-use-delete.json', repo.root, {
        tool_input: { path: path.join(repo.root, 'src/tax.ts') },
      }),
      repo.root,
    );
    fs.unlinkSync(path.join(repo.root, 'src/tax.ts'));
    await runHook(
      'cursor',
      'post',
      post('cursor/pre-tool-use-delete.json', { tool_input: { path: path.join(repo.root, 'src/tax.ts') } }),
      repo.root,
    );
    assert.equal(await readRecord(repo.root, 'src/tax.ts'), undefined);

    await runHook(
      'cursor',
      'pre',
      payload('cursor/post-tool-use-shell.json', repo.root, { hook_event_name: 'preToolUse' }, [
        'tool_output',
        'duration',
      ]),
      repo.root,
    );
    repo.write('coverage.txt', '100%\n');
    await runHook('cursor', 'post', payload('cursor/post-tool-use-shell.json', repo.root), repo.root);
    assert.deepEqual((await readRecord(repo.root, 'coverage.txt'))?.spans, [[0, 5, 0]]);
  });

  for (const order of ['postToolUse first', 'afterFileEdit first'] as const) {
    it(`one edit reported by postToolUse and afterFileEdit (${order}) is recorded once`, async () => {
      await runHook('cursor', 'pre', payload('cursor/pre-tool-use-str-replace.json', repo.root), repo.root);
      repo.write('src/cart.ts', EDITED);
      const tool = () => runHook('cursor', 'post', post('cursor/pre-tool-use-str-replace.json'), repo.root);
      const legacy = () => runHook('cursor', 'post', payload('cursor/after-file-edit.json', repo.root), repo.root);
      for (const run of order === 'postToolUse first' ? [tool, legacy] : [legacy, tool])
        assert.deepEqual(await run(), { code: 0, out: '{}\n', err: '' });
      const record = await readRecord(repo.root, 'src/cart.ts');
      assert.deepEqual(piecesOfKind(record, EDITED, 'agent'), REWRITTEN);
      assert.equal(record?.origins.length, 1, 'one origin: the call is recorded once');
      assert.match(logText(repo.root), /already recorded by the other hook event of this tool call/);
    });
  }
});

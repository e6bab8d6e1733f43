import * as assert from 'node:assert/strict';
import type { TempRepo } from '../helpers/tempRepo';
import { cartRepo, EDITED, payload, piecesOfKind, readRecord, REWRITTEN, runHook } from './helpers/hookHarness';

describe('hook windsurf / droid (real git, fixtures from their hook docs)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = cartRepo();
  });
  afterEach(() => repo.cleanup());

  describe('windsurf (Cascade)', () => {
    it('pre_write_code / post_write_code: exact characters, Windsurf, empty stdout', async () => {
      assert.deepEqual(
        await runHook('windsurf', 'pre', payload('windsurf/pre-write-code.json', repo.root), repo.root),
        { code: 0, out: '', err: '' },
      );
      repo.write('src/cart.ts', EDITED);
      assert.deepEqual(
        await runHook('windsurf', 'post', payload('windsurf/post-write-code.json', repo.root), repo.root),
        { code: 0, out: '', err: '' },
      );
      const record = await readRecord(repo.root, 'src/cart.ts');
      assert.deepEqual(piecesOfKind(record, EDITED, 'agent'), REWRITTEN);
      assert.deepEqual([record?.origins[0].tool, record?.origins[0].session], ['Windsurf', 'traj_5e8a1c2d9b']);
    });

    it('post_write_code alone: the old text is rebuilt from the reported edits', async () => {
      repo.write('src/cart.ts', EDITED);
      await runHook('windsurf', 'post', payload('windsurf/post-write-code.json', repo.root), repo.root);
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);
    });

    it('pre_run_command / post_run_command: what the command wrote', async () => {
      await runHook('windsurf', 'pre', payload('windsurf/pre-run-command.json', repo.root), repo.root);
      repo.write('lint-report.txt', 'clean\n');
      await runHook(
        'windsurf',
        'post',
        payload('windsurf/post-run-command.json', repo.root, { exit_code: 0 }),
        repo.root,
      );
      assert.deepEqual((await readRecord(repo.root, 'lint-report.txt'))?.spans, [[0, 6, 0]]);
    });
  });

  describe('droid (Factory)', () => {
    it('Create and Edit (old_str/new_str): exact characters, Factory Droid', async () => {
      await runHook('droid', 'pre', payload('droid/pre-tool-use-create.json', repo.root), repo.root);
      repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
      await runHook(
        'droid',
        'post',
        payload('droid/pre-tool-use-create.json', repo.root, { hook_event_name: 'PostToolUse' }),
        repo.root,
      );
      const tax = await readRecord(repo.root, 'src/tax.ts');
      assert.deepEqual(tax?.spans, [[0, 24, 0]]);
      assert.equal(tax?.origins[0].tool, 'Factory Droid');

      await runHook(
        'droid',
        'pre',
        payload('droid/post-tool-use-edit.json', repo.root, { hook_event_name: 'PreToolUse' }, ['tool_response']),
        repo.root,
      );
      repo.write('src/cart.ts', EDITED);
      assert.deepEqual(await runHook('droid', 'post', payload('droid/post-tool-use-edit.json', repo.root), repo.root), {
        code: 0,
        out: '',
        err: '',
      });
      assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);
    });

    it('Execute is a shell tool: what the command wrote', async () => {
      await runHook('droid', 'pre', payload('droid/pre-tool-use-execute.json', repo.root), repo.root);
      repo.write('lint-report.txt', 'clean\n');
      await runHook(
        'droid',
        'post',
        payload('droid/pre-tool-use-execute.json', repo.root, {
          hook_event_name: 'PostToolUse',
          tool_response: { exit_code: 0 },
        }),
        repo.root,
      );
      assert.deepEqual((await readRecord(repo.root, 'lint-report.txt'))?.spans, [[0, 6, 0]]);
    });
  });
});

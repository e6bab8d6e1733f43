import * as assert from 'node:assert/strict';
import type { TempRepo } from '../helpers/tempRepo';
import {
  attributedPieces,
  cartRepo,
  EDITED,
  logText,
  ORIGINAL,
  payload,
  piecesOfKind,
  readRecord,
  REWRITTEN,
  runHook,
} from './helpers/hookHarness';

const SESSION = '6c1f0e2a-7d3b-4c55-9a10-3e4f5a6b7c8d';

/**
 * GitHub Copilot (Copilot CLI, cloud agent, VS Code's Copilot harness) through both hook files AI Provenance installs
 * for it: `.github/hooks/ai-provenance.json` (`hook vscode`, camelCase payloads) and, because Copilot also runs the
 * repository's Claude settings, `.claude/settings.json` (`hook claude`, PascalCase payloads).
 */
describe('hook: GitHub Copilot payloads (real git, fixtures from the Copilot hooks reference)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = cartRepo();
  });
  afterEach(() => repo.cleanup());

  it('camelCase create and edit through .github/hooks: exact characters, GitHub Copilot, empty stdout', async () => {
    assert.deepEqual(
      await runHook('vscode', 'pre', payload('copilot/pre-tool-use-camel-create.json', repo.root), repo.root),
      { code: 0, out: '', err: '' },
    );
    repo.write('src/tax.ts', 'export const VAT = 0.2;\n');
    const postCreate = payload('copilot/pre-tool-use-camel-create.json', repo.root, {
      toolResult: { resultType: 'success', textResultForLlm: 'Created' },
    });
    assert.deepEqual(await runHook('vscode', 'post', postCreate, repo.root), { code: 0, out: '', err: '' });
    const tax = await readRecord(repo.root, 'src/tax.ts');
    assert.deepEqual(tax?.spans, [[0, 24, 0]]);
    assert.equal(tax?.origins[0].tool, 'GitHub Copilot');
    assert.equal(tax?.origins[0].session, SESSION);

    await runHook(
      'vscode',
      'pre',
      payload('copilot/post-tool-use-camel-edit.json', repo.root, {}, ['toolResult']),
      repo.root,
    );
    repo.write('src/cart.ts', EDITED);
    await runHook('vscode', 'post', payload('copilot/post-tool-use-camel-edit.json', repo.root), repo.root);
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);
  });

  it("PascalCase payloads run through Claude's settings hook are Copilot's, never Claude Code's", async () => {
    await runHook(
      'claude',
      'pre',
      payload('copilot/post-tool-use-pascal-edit.json', repo.root, { hook_event_name: 'PreToolUse' }, ['tool_result']),
      repo.root,
    );
    repo.write('src/cart.ts', EDITED);
    assert.deepEqual(
      await runHook('claude', 'post', payload('copilot/post-tool-use-pascal-edit.json', repo.root), repo.root),
      { code: 0, out: '', err: '' },
    );
    const pieces = attributedPieces((await readRecord(repo.root, 'src/cart.ts'))!, EDITED);
    assert.deepEqual(
      pieces.map(([t, o]) => [t, o.kind, o.tool, o.session]),
      [[REWRITTEN[0], 'agent', 'GitHub Copilot', SESSION]],
    );
  });

  it('an edit with no PRE (a hook file with only postToolUse) is rebuilt from old_str/new_str', async () => {
    repo.write('src/cart.ts', EDITED);
    await runHook('vscode', 'post', payload('copilot/post-tool-use-camel-edit.json', repo.root), repo.root);
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);
  });

  it('one shell call through both hook files (Bash in one, bash in the other) is snapshotted, paired and recorded once', async () => {
    const pascalPre = payload('copilot/pre-tool-use-pascal-bash.json', repo.root);
    const camelPre = payload('copilot/pre-tool-use-camel-bash.json', repo.root);
    assert.deepEqual(await runHook('claude', 'pre', pascalPre, repo.root), { code: 0, out: '', err: '' });
    assert.deepEqual(await runHook('vscode', 'pre', camelPre, repo.root), { code: 0, out: '', err: '' });
    repo.write('lint-report.txt', 'clean\n');
    repo.write('src/cart.ts', ORIGINAL.replace('return a + b;', 'return (a + b);'));
    const pascalPost = payload('copilot/pre-tool-use-pascal-bash.json', repo.root, {
      hook_event_name: 'PostToolUse',
      tool_result: { result_type: 'success', text_result_for_llm: '' },
    });
    const camelPost = payload('copilot/pre-tool-use-camel-bash.json', repo.root, {
      toolResult: { resultType: 'success', textResultForLlm: '' },
    });
    const first = await readRecord(repo.root, 'lint-report.txt');
    assert.equal(first, undefined, 'nothing before the POST');
    await runHook('claude', 'post', pascalPost, repo.root);
    const afterFirst = await readRecord(repo.root, 'lint-report.txt');
    assert.deepEqual(afterFirst?.spans, [[0, 6, 0]]);
    assert.equal(afterFirst?.origins[0].tool, 'GitHub Copilot');
    assert.deepEqual(
      piecesOfKind(
        await readRecord(repo.root, 'src/cart.ts'),
        ORIGINAL.replace('return a + b;', 'return (a + b);'),
        'agent',
      ),
      ['(', ')'],
    );
    await runHook('vscode', 'post', camelPost, repo.root);
    assert.deepEqual(
      await readRecord(repo.root, 'lint-report.txt'),
      afterFirst,
      'the second hook file changes nothing',
    );
    assert.match(logText(repo.root), /already recorded by another of our hook files for this call/);
    assert.doesNotMatch(logText(repo.root), /no PRE snapshot/);
  });

  it('pairs a PascalCase PRE with a camelCase POST of the same call', async () => {
    await runHook('claude', 'pre', payload('copilot/pre-tool-use-pascal-bash.json', repo.root), repo.root);
    repo.write('lint-report.txt', 'clean\n');
    await runHook(
      'vscode',
      'post',
      payload('copilot/pre-tool-use-camel-bash.json', repo.root, {
        toolResult: { resultType: 'success', textResultForLlm: '' },
      }),
      repo.root,
    );
    assert.deepEqual((await readRecord(repo.root, 'lint-report.txt'))?.spans, [[0, 6, 0]]);
  });

  it('the same command run twice in a session is two calls, each recorded', async () => {
    for (const text of ['one\n', 'one\ntwo\n']) {
      await runHook('vscode', 'pre', payload('copilot/pre-tool-use-camel-bash.json', repo.root), repo.root);
      repo.write('lint-report.txt', text);
      await runHook(
        'vscode',
        'post',
        payload('copilot/pre-tool-use-camel-bash.json', repo.root, { toolResult: {} }),
        repo.root,
      );
    }
    assert.deepEqual(
      piecesOfKind(await readRecord(repo.root, 'lint-report.txt'), 'one\ntwo\n', 'agent'),
      ['one\n', 'two\n'],
      'one origin per call',
    );
  });

  it('apply_patch given as a bare string', async () => {
    await runHook('vscode', 'pre', payload('copilot/pre-tool-use-camel-apply-patch.json', repo.root), repo.root);
    repo.write('src/cart.ts', EDITED);
    await runHook(
      'vscode',
      'post',
      payload('copilot/pre-tool-use-camel-apply-patch.json', repo.root, { toolResult: {} }),
      repo.root,
    );
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), REWRITTEN);
  });
});

/**
 * Issue 13, case 7: every path git accepts is recorded (a backslash, a tab, a control character in a file name), from
 * the agent hook (the real `ai-provenance hook` command) and the editor's record alike, or logged once when it cannot
 * be (a line break); blame works on an untracked AI-written file and after `git mv` of uncommitted AI work. Exact
 * line numbers before and after the commit.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aiBlame } from '../../../src/git/blame/blame';
import { findRepo } from '../../../src/git/repo';
import { contentHash } from '../../../src/core/hash';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { createHookedRepo, numbered, type HookRepo } from '../commit/helpers/hookRepo';
import { payload, runHook } from '../agents/helpers/hookHarness';

const WRITTEN = 'export const VAT = 0.2;\nexport const RATE = 3;\n';

async function workingAiLines(repo: HookRepo, rel: string): Promise<number[]> {
  const result = await aiBlame((await findRepo(repo.root))!, rel);
  return result.lines.flatMap((l, i) => (l.authorship !== 'human' ? [i + 1] : []));
}

/** Claude Code's Write of `rel` through the real hook command (PRE, the write, POST). */
async function agentWrite(repo: HookRepo, rel: string, content = WRITTEN): Promise<void> {
  const input = { file_path: path.join(repo.root, rel), content };
  const pre = payload('claude/pre-tool-use-write.json', repo.root, { tool_input: input }, ['transcript_path']);
  assert.equal((await runHook('claude', 'pre', pre, repo.root)).code, 0);
  fs.mkdirSync(path.dirname(path.join(repo.root, rel)), { recursive: true });
  fs.writeFileSync(path.join(repo.root, rel), content);
  const post = payload(
    'claude/pre-tool-use-write.json',
    repo.root,
    { tool_input: input, hook_event_name: 'PostToolUse', tool_response: { filePath: input.file_path, success: true } },
    ['transcript_path'],
  );
  assert.equal((await runHook('claude', 'post', post, repo.root)).code, 0);
}

describe('no loss: unusual paths, untracked and renamed files (issue 13 case 7)', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  beforeEach(async () => {
    repo = await createHookedRepo();
  });
  afterEach(() => repo.cleanup());

  for (const name of ['we\\ird.ts', 'tab\there.ts', 'bell\u0007.ts', 'dir with space/ü\\x.ts']) {
    it(`agent Write of ${JSON.stringify(name)}: untracked blame says 1-2, the commit's note says 1-2`, async () => {
      await agentWrite(repo, name);
      // Untracked (nobody ran git add): git blame refuses the path; ours shows the agent's lines.
      assert.deepEqual(await workingAiLines(repo, name), [1, 2]);
      repo.commitHooked('vat');
      assert.deepEqual(repo.noteLines().get(name), [1, 2]);
      assert.deepEqual(
        repo.aiLinesByBlame().map((l) => `${l.path}:${l.line}`),
        [`${name}:1`, `${name}:2`],
      );
    });
  }

  it('an editor record of a file named with a backslash and a tab is stored and committed (line 2)', async () => {
    const name = 'a\\b\tc.ts';
    const text = 'human();\nai();\n';
    repo.write(name, text);
    const store = await WorkingStateStore.open(repo.root);
    await store.write({
      version: 1,
      path: name,
      contentHash: contentHash(text),
      length: text.length,
      origins: [{ kind: 'inline', tool: 'GitHub Copilot', time: 1 }],
      spans: [[9, 13, 0]],
      updated: Date.now(),
    });
    assert.deepEqual(await workingAiLines(repo, name), [2]);
    repo.commitHooked('editor');
    assert.deepEqual(repo.noteLines().get(name), [2]);
  });

  it('a file name with a line break cannot be recorded: the hook says so once, and nothing else is lost', async () => {
    await agentWrite(repo, 'new\nline.ts');
    await agentWrite(repo, 'fine.ts');
    const said = repo
      .logText()
      .match(
        /dropped attribution: agent hook: edits of ".*new\\nline\.ts" \(cannot be recorded: path contains NUL or a line break\)/g,
      );
    assert.equal(said?.length, 1, repo.logText());
    repo.commitHooked('both');
    assert.deepEqual([...repo.noteLines()], [['fine.ts', [1, 2]]]);
  });

  it('git mv of uncommitted AI work: the working blame of the new path shows lines 3-4, and so does the note', async () => {
    const base = numbered('human', 4);
    repo.write('old.ts', base);
    repo.commitHooked('base');
    const edited = 'human 1\nhuman 2\nai(1);\nai(2);\nhuman 3\nhuman 4\n';
    repo.writeAi('old.ts', edited, [3, 4]);
    assert.deepEqual(await workingAiLines(repo, 'old.ts'), [3, 4]);
    repo.run(['mv', 'old.ts', 'new.ts']);
    assert.deepEqual(await workingAiLines(repo, 'new.ts'), [3, 4]);
    repo.commitHooked('renamed');
    assert.deepEqual(repo.noteLines().get('new.ts'), [3, 4]);
    assert.deepEqual(await workingAiLines(repo, 'new.ts'), [3, 4]);
  });
});

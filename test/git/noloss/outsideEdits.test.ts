/**
 * Issue 13, case 1: an agent edit (through the real `ai-provenance hook` command), then a change made outside the
 * editor (`echo >>`, a formatter-like rewrite from the terminal), then a commit. The AI lines must move with the text:
 * the note and the working blame name exactly the lines the agent wrote.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aiBlame } from '../../../src/git/blame/blame';
import { findRepo } from '../../../src/git/repo';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { contentHash } from '../../../src/core/hash';
import { createHookedRepo, type HookRepo } from '../commit/helpers/hookRepo';
import { payload, runHook } from '../agents/helpers/hookHarness';

const ORIGINAL = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const EDITED = 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';

/** The Claude Code Edit fixture (pre, the edit, post) through the real hook command; `prefix` stays in front. */
async function agentEdit(repo: HookRepo, prefix = ''): Promise<void> {
  const pre = await runHook(
    'claude',
    'pre',
    payload('claude/pre-tool-use-edit.json', repo.root, {}, ['transcript_path']),
    repo.root,
  );
  assert.equal(pre.code, 0);
  repo.write('src/cart.ts', prefix + EDITED);
  const post = await runHook(
    'claude',
    'post',
    payload('claude/post-tool-use-edit.json', repo.root, {}, ['transcript_path']),
    repo.root,
  );
  assert.equal(post.code, 0);
}

async function workingAiLines(repo: HookRepo, rel: string): Promise<number[]> {
  const info = await findRepo(repo.root);
  const result = await aiBlame(info!, rel);
  return result.lines.flatMap((l, i) => (l.authorship !== 'human' ? [i + 1] : []));
}

/** An editor-written record (inline completion over line 1) with its text snapshot, as the extension saves them. */
async function editorRecord(repo: HookRepo, text: string): Promise<WorkingStateStore> {
  const store = await WorkingStateStore.open(repo.root);
  repo.write('src/cart.ts', text);
  const firstLine = text.indexOf('\n');
  await store.write({
    version: 1,
    path: 'src/cart.ts',
    contentHash: contentHash(text),
    length: text.length,
    origins: [{ kind: 'inline', tool: 'GitHub Copilot', time: 1 }],
    spans: [[0, firstLine, 0]],
    updated: Date.now(),
  });
  fs.mkdirSync(path.join(store.stateDir, 'texts'), { recursive: true });
  fs.writeFileSync(path.join(store.stateDir, 'texts', contentHash(text).replace(':', '-') + '.txt'), text);
  return store;
}

describe('no loss: edits made outside the editor after an agent edit (issue 13 case 1)', () => {
  let repo: HookRepo;

  beforeEach(async () => {
    repo = await createHookedRepo();
    repo.write('src/cart.ts', ORIGINAL);
    repo.commitHooked('cart');
    await agentEdit(repo);
  });

  afterEach(() => repo.cleanup());

  it('agent lines before the outside edit: 2-3', async () => {
    assert.deepEqual(await workingAiLines(repo, 'src/cart.ts'), [2, 3]);
  });

  it('`echo >>` after the agent edit: working blame and the note still say lines 2-3', async () => {
    fs.appendFileSync(path.join(repo.root, 'src', 'cart.ts'), '\n');
    fs.appendFileSync(path.join(repo.root, 'src', 'cart.ts'), 'export const VERSION = 1;\n');
    assert.deepEqual(await workingAiLines(repo, 'src/cart.ts'), [2, 3]);
    repo.commitHooked('agent + echo');
    assert.deepEqual(repo.noteLines().get('src/cart.ts'), [2, 3]);
  });

  it('a formatter-like rewrite from outside (header added, reindented): lines move to 4-5', async () => {
    const formatted = '// formatted\n\n' + EDITED.replace(/^ {2}/gm, '    ').replace('number {', 'number  {');
    repo.write('src/cart.ts', formatted);
    assert.deepEqual(await workingAiLines(repo, 'src/cart.ts'), [4, 5]);
    repo.commitHooked('agent + format');
    assert.deepEqual(repo.noteLines().get('src/cart.ts'), [4, 5]);
    assert.deepEqual(await workingAiLines(repo, 'src/cart.ts'), [4, 5], 'now from the note');
    const left = await (await WorkingStateStore.open(repo.root)).read('src/cart.ts');
    assert.equal(left?.spans.length ?? 0, 0, 'committed: nothing left in the working state');
  });

  it('two outside edits in a row (append, then prepend): lines 3-4', async () => {
    fs.appendFileSync(path.join(repo.root, 'src', 'cart.ts'), '// one\n');
    repo.write('src/cart.ts', '// top\n' + fs.readFileSync(path.join(repo.root, 'src', 'cart.ts'), 'utf8'));
    assert.deepEqual(await workingAiLines(repo, 'src/cart.ts'), [3, 4]);
    repo.commitHooked('outside twice');
    assert.deepEqual(repo.noteLines().get('src/cart.ts'), [3, 4]);
  });

  it('a record whose text is known nowhere is given up with a log line, and the commit still goes through', async () => {
    const stateDir = path.join(repo.root, '.git', 'ai-provenance');
    fs.rmSync(path.join(stateDir, 'agent-texts'), { recursive: true, force: true });
    fs.rmSync(path.join(stateDir, 'texts'), { recursive: true, force: true });
    fs.appendFileSync(path.join(repo.root, 'src', 'cart.ts'), '// later\n');
    repo.commitHooked('unknown text');
    assert.equal(repo.noteLines().get('src/cart.ts'), undefined);
    assert.match(
      repo.logText(),
      /dropped attribution: commit: working state of src\/cart\.ts \(it describes a text that no longer exists/,
    );
  });

  it('editor-written record (snapshot by hash) changed outside: blame and commit carry its spans through', async () => {
    repo.commitHooked('agent');
    await editorRecord(repo, '// helper\n' + EDITED);
    repo.write('src/cart.ts', '\n// helper\n' + EDITED);
    // Line 2 from the working state, 4-5 from the agent commit's note.
    assert.deepEqual(await workingAiLines(repo, 'src/cart.ts'), [2, 4, 5]);
    repo.commitHooked('editor + outside');
    assert.deepEqual(repo.noteLines().get('src/cart.ts'), [2]);
  });

  it('editor record changed outside, then the agent edits again: the hook carries the editor spans through both', async () => {
    repo.commitHooked('agent');
    repo.write('src/cart.ts', ORIGINAL);
    repo.commitHooked('back to the original');
    const store = await editorRecord(repo, '// helper\n' + ORIGINAL);
    repo.write('src/cart.ts', '\n// helper\n' + ORIGINAL);
    await agentEdit(repo, '\n// helper\n');
    const record = await store.read('src/cart.ts');
    assert.deepEqual(
      record?.origins.map((o) => o.kind),
      ['inline', 'agent'],
    );
    assert.deepEqual(await workingAiLines(repo, 'src/cart.ts'), [2, 4, 5]);
    repo.commitHooked('editor, outside, agent');
    assert.deepEqual(repo.noteLines().get('src/cart.ts'), [2, 4, 5]);
  });

  it('an agent record whose text is lost, then another agent edit: the dropped characters are logged', async () => {
    fs.rmSync(path.join(repo.root, '.git', 'ai-provenance', 'agent-texts'), { recursive: true, force: true });
    repo.write('src/cart.ts', '// x\n' + ORIGINAL);
    await agentEdit(repo, '// x\n');
    assert.match(repo.logText(), /dropped attribution: agent hook: \d+ AI\/attributed character\(s\) of src\/cart\.ts/);
  });
});

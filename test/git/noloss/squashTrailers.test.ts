/**
 * Issue 13, case 6: `rebase -i` squash and fixup (and --autosquash) combine messages that each carry our trailers.
 * The resulting commit gets trailers recomputed for its own content, once, at the end; the user's own trailers stay.
 */
import * as assert from 'node:assert/strict';
import { parseTrailers } from '../../../src/core/commit/message';
import { createHookedRepo, type HookRepo } from '../commit/helpers/hookRepo';

const KERNEL = 'Assisted-by: Claude:claude-opus-4-5';

describe('no loss: trailers after squash and fixup (issue 13 case 6)', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  beforeEach(async () => {
    repo = await createHookedRepo();
    repo.write('base.js', 'base();\n');
    repo.commitHooked('base');
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(repo.logText());
    repo.cleanup();
  });

  /** Commits `file` with `ai` AI lines then `human` human lines; `message` as given (-m). */
  function commit(file: string, ai: number, human: number, message: string): void {
    const lines = [
      ...Array.from({ length: ai }, (_, i) => `${file}_ai${i}();`),
      ...Array.from({ length: human }, (_, i) => `${file}_h${i}();`),
    ];
    repo.writeAi(
      file,
      lines.join('\n') + '\n',
      Array.from({ length: ai }, (_, i) => i + 1),
    );
    repo.commitHooked(message);
  }

  function rebase(todoSed: string, env: Record<string, string> = {}): void {
    repo.run(['rebase', '-q', '-i', 'HEAD~2'], { GIT_SEQUENCE_EDITOR: `sed -i -e '${todoSed}'`, ...env });
  }

  const summaries = (message: string) => message.split('\n').filter((l) => l.startsWith('AI-Assisted:'));

  it('squash of two AI commits: one summary for both (4/6), at the end; Signed-off-by kept where it was', () => {
    commit('a.js', 2, 0, 'one\n\nSigned-off-by: Dev <dev@example.com>');
    assert.deepEqual(summaries(repo.message()), ['AI-Assisted: 100% of added lines (2/2; agent 2)']);
    commit('b.js', 2, 2, 'two');
    assert.deepEqual(summaries(repo.message()), ['AI-Assisted: 50% of added lines (2/4; agent 2)']);
    rebase('2s/^pick/squash/', { GIT_EDITOR: 'true' });
    const message = repo.message();
    assert.deepEqual(summaries(message), ['AI-Assisted: 67% of added lines (4/6; agent 4)'], message);
    assert.ok(message.includes('Signed-off-by: Dev <dev@example.com>'), message);
    assert.ok(!message.includes('\n\n\n'), 'no blank-line runs left where blocks were taken out');
    assert.equal(message.split('\n').filter((l) => l === KERNEL).length, 1, message);
    // Ours are git trailers of the final block (git parses them), not stranded mid-message.
    const trailers = parseTrailers(message, '');
    assert.ok(
      trailers.some((t) => t.key === 'AI-Assisted' && t.value.startsWith('67%')),
      message,
    );
    assert.ok(
      trailers.some((t) => `${t.key}: ${t.value}` === KERNEL),
      message,
    );
    assert.deepEqual(repo.noteLines().get('a.js'), [1, 2]);
    assert.deepEqual(repo.noteLines().get('b.js'), [1, 2]);
  });

  it('fixup (no editor): the first message kept, its summary recomputed for the combined content', () => {
    commit('a.js', 2, 0, 'feature\n\nReviewed-by: Ann <ann@example.com>');
    commit('b.js', 0, 2, 'fixup! feature');
    rebase('2s/^pick/fixup/');
    assert.equal(
      repo.message(),
      `feature\n\nReviewed-by: Ann <ann@example.com>\n${KERNEL}\nAI-Assisted: 50% of added lines (2/4; agent 2)`,
    );
  });

  it('--autosquash of a fixup! commit made with AI: no duplicate trailers', () => {
    commit('a.js', 1, 1, 'feature');
    commit('b.js', 1, 0, 'fixup! feature');
    repo.run(['rebase', '-q', '-i', '--autosquash', 'HEAD~2'], { GIT_SEQUENCE_EDITOR: 'true' });
    assert.equal(repo.message(), `feature\n\n${KERNEL}\nAI-Assisted: 67% of added lines (2/3; agent 2)`);
  });

  it('squash of a human commit into an AI one: the message ends with one fresh summary', () => {
    commit('a.js', 1, 0, 'ai');
    commit('b.js', 0, 3, 'human');
    rebase('2s/^pick/squash/', { GIT_EDITOR: 'true' });
    const message = repo.message();
    assert.deepEqual(summaries(message), ['AI-Assisted: 25% of added lines (1/4; agent 1)'], message);
    assert.match(message, /AI-Assisted: 25%[^\n]*$/, 'at the very end');
  });
});

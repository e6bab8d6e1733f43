import * as assert from 'node:assert/strict';
import { buildTrailers, recognizeCommitAi } from '../../../src/core/commit';
import { ai, AIDER, CLAUDE, file } from './fixtures';

const HUMAN = { name: 'Jane Doe', email: 'jane@example.com' };

describe('commit identities', () => {
  it('a plain human commit is not AI-assisted', () => {
    const r = recognizeCommitAi({ author: HUMAN, committer: HUMAN, message: 'Fix bug\n\nSigned-off-by: Jane Doe <jane@example.com>\n' });
    assert.deepEqual(r, { aiAssisted: false, tools: [], evidence: [] });
  });

  it('recognises known AI author and committer emails', () => {
    const cases: Array<[string, string]> = [
      ['noreply@anthropic.com', 'Claude'],
      ['codex@openai.com', 'Codex'],
      ['cursoragent@cursor.com', 'Cursor'],
      ['198982749+Copilot@users.noreply.github.com', 'Copilot'],
      ['AIDER@aider.chat', 'aider'],
    ];
    for (const [email, tool] of cases) {
      const r = recognizeCommitAi({ author: { name: 'x', email }, committer: HUMAN });
      assert.deepEqual([r.aiAssisted, r.tools], [true, [tool]], email);
      assert.equal(r.evidence[0].source, 'author');
      const c = recognizeCommitAi({ author: HUMAN, committer: { name: 'x', email } });
      assert.equal(c.evidence[0].source, 'committer');
    }
    assert.equal(recognizeCommitAi({ author: { name: 'x', email: 'someone+copilot@users.noreply.github.com.evil' } }).aiAssisted, false);
  });

  it('recognises the " (aider)" name suffix', () => {
    const r = recognizeCommitAi({ author: { name: 'Jane Doe (aider)', email: 'jane@example.com' }, committer: HUMAN });
    assert.deepEqual(r.tools, ['aider']);
    assert.match(r.evidence[0].detail, /author name Jane Doe \(aider\)/);
  });

  it('recognises co-author trailers by email, or by a name that can only be the tool', () => {
    const tools = (trailer: string) => recognizeCommitAi({ author: HUMAN, message: `Subject\n\n${trailer}\n` }).tools;
    assert.deepEqual(tools('Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>'), ['Claude']);
    assert.deepEqual(tools('Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>'), ['Copilot']);
    assert.deepEqual(tools('Co-authored-by: Cursor <cursoragent@cursor.com>'), ['Cursor']);
    assert.deepEqual(tools('Co-authored-by: aider (gpt-4o) <aider@aider.chat>'), ['aider']);
    assert.deepEqual(tools('Co-authored-by: Claude'), ['Claude']);
    assert.deepEqual(tools('Co-authored-by: Claude Monet'), [], 'a person called Claude');
    assert.deepEqual(tools('Co-authored-by: Claude <claude@monet.fr>'), [], 'a person called Claude, with an email');
    assert.deepEqual(tools('Co-authored-by: Jane <jane@example.com>'), []);
  });

  it('recognises Assisted-by, Claude-Session, Entire-Attribution and our summary', () => {
    const r = (trailers: string) => recognizeCommitAi({ message: `Subject\n\n${trailers}\n` });
    assert.deepEqual(r('Assisted-by: Claude:claude-3-opus coccinelle sparse').tools, ['Claude']);
    assert.deepEqual(r('Assisted-by: ChatGPTv5').tools, ['ChatGPTv5']);
    assert.deepEqual(r('Claude-Session: https://claude.ai/code/session_1').tools, ['Claude']);
    const entire = r('Entire-Attribution: 73% agent (146/200 lines)');
    assert.deepEqual([entire.aiAssisted, entire.tools], [true, []]);
    assert.equal(r('Entire-Attribution: 0% agent (0/200 lines)').aiAssisted, false);
    assert.equal(r('AI-Assisted: 5% of added lines (1/20; inline 1)').aiAssisted, true);
    assert.equal(r('AI-Assisted: no').aiAssisted, false);
    assert.equal(r('Assisted-by:').aiAssisted, false);
  });

  it('reads what our own trailer presets write', () => {
    const f = [file('x', [ai('1', [CLAUDE, AIDER])])];
    const trailers = buildTrailers(f, ['kernel', 'co-authored-by', 'summary']);
    const r = recognizeCommitAi({ trailers });
    assert.deepEqual(r.tools, ['aider', 'Claude']);
    assert.equal(r.evidence.length, trailers.length);
  });

  it('recognises Claude Code\'s "Generated with" body line; trailers only count in the trailer block', () => {
    const body = 'Subject\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n';
    assert.deepEqual(recognizeCommitAi({ message: body }).tools, ['Claude']);
    const notTrailer = 'Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n';
    assert.equal(recognizeCommitAi({ message: notTrailer }).aiAssisted, false, 'a title line is not a trailer');
  });

  it('combines evidence from several sources with sorted, distinct tools', () => {
    const r = recognizeCommitAi({
      author: { name: 'Claude', email: 'noreply@anthropic.com' },
      committer: { name: 'Jane (aider)', email: 'jane@example.com' },
      message: 'S\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nAssisted-by: Copilot:gpt-4o\n',
    });
    assert.deepEqual(r.tools, ['aider', 'Claude', 'Copilot']);
    assert.deepEqual(r.evidence.map((e) => e.source), ['author', 'committer', 'trailer', 'trailer']);
  });
});

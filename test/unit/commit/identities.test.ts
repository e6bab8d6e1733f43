import * as assert from 'node:assert/strict';
import { buildTrailers, parseIdentityConfig, recognizeCommitAi, type Identity } from '../../../src/core/commit';
import { ai, AIDER, CLAUDE, file } from './fixtures';

const HUMAN = { name: 'Jane Doe', email: 'jane@example.com' };

describe('commit identities', () => {
  it('a plain human commit is not AI-assisted', () => {
    const r = recognizeCommitAi({
      author: HUMAN,
      committer: HUMAN,
      message: 'Fix bug\n\nSigned-off-by: Jane Doe <jane@example.com>\n',
    });
    assert.deepEqual(r, { aiAssisted: false, tools: [], evidence: [], humanCoAuthors: [], mixed: false });
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
    assert.equal(
      recognizeCommitAi({ author: { name: 'x', email: 'someone+copilot@users.noreply.github.com.evil' } }).aiAssisted,
      false,
    );
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
    assert.deepEqual(
      r.evidence.map((e) => e.source),
      ['author', 'committer', 'trailer', 'trailer'],
    );
  });

  // Identities as they appear in real public histories (author lines of merged PRs, e.g. gitbutlerapp/gitbutler
  // 2025-2026), written here from those shapes.
  it('recognises AI bot accounts as authors and committers, by email or by bot login', () => {
    const cases: [Identity, string][] = [
      [{ name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' }, 'Copilot'],
      [{ name: 'Copilot', email: '198982749+Copilot@users.noreply.github.com' }, 'Copilot'],
      [
        {
          name: 'chatgpt-codex-connector[bot]',
          email: '199175422+chatgpt-codex-connector[bot]@users.noreply.github.com',
        },
        'Codex',
      ],
      [{ name: 'GPT 5.5', email: 'codex@openai.com' }, 'Codex'],
      [{ name: 'Devin AI', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com' }, 'Devin'],
      [{ name: 'claude[bot]', email: '209825114+claude[bot]@users.noreply.github.com' }, 'Claude'],
      [{ name: 'cursor[bot]', email: '206951365+cursor[bot]@users.noreply.github.com' }, 'Cursor'],
      [{ name: 'google-labs-jules[bot]', email: '161369871+google-labs-jules[bot]@users.noreply.github.com' }, 'Jules'],
      [
        { name: 'gemini-code-assist[bot]', email: '176961590+gemini-code-assist[bot]@users.noreply.github.com' },
        'Gemini',
      ],
      // A bot login with some other address (a rewritten history, a mailmap): the login alone is unmistakable.
      [{ name: 'copilot-swe-agent[bot]', email: 'noreply@github.com' }, 'Copilot'],
    ];
    for (const [who, tool] of cases) {
      assert.deepEqual(recognizeCommitAi({ author: who, committer: HUMAN }).tools, [tool], who.email);
      assert.deepEqual(recognizeCommitAi({ author: HUMAN, committer: who }).tools, [tool], who.email);
    }
  });

  it('does not take people, CI bots or look-alikes for AI accounts', () => {
    for (const who of [
      { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
      { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' },
      { name: 'Claude Monet', email: '81847+claude@users.noreply.github.com' },
      { name: 'Devin Smith', email: 'devin@example.com' },
      { name: 'Jules', email: 'jules@example.org' },
      { name: 'x', email: '1+claude[bot]@users.noreply.github.com.evil' },
      { name: 'GitHub', email: 'noreply@github.com' },
    ])
      assert.equal(recognizeCommitAi({ author: who, committer: who }).aiAssisted, false, `${who.name} <${who.email}>`);
  });

  it('recognises agent-written trailers: Codex, Copilot, Devin, Claude-Session', () => {
    const tools = (trailer: string) => recognizeCommitAi({ author: HUMAN, message: `Subject\n\n${trailer}\n` }).tools;
    assert.deepEqual(tools('Co-authored-by: Codex <codex@openai.com>'), ['Codex']);
    assert.deepEqual(
      tools(
        'Co-authored-by: chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>',
      ),
      ['Codex'],
    );
    assert.deepEqual(tools('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'), ['Copilot']);
    assert.deepEqual(tools('Co-authored-by: Copilot <copilot@github.com>'), ['Copilot']);
    assert.deepEqual(tools('Co-authored-by: Copilot'), ['Copilot']);
    assert.deepEqual(tools('Co-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>'), [
      'Devin',
    ]);
    assert.deepEqual(tools('Claude-Session: https://claude.ai/code/session_01ABC'), ['Claude']);
    assert.deepEqual(recognizeCommitAi({ message: 'Fix\n\nGenerated with [Devin](https://devin.ai)\n' }).tools, [
      'Devin',
    ]);
  });

  it('a commit naming an AI and a person as co-authors is mixed at commit level', () => {
    const mixed = recognizeCommitAi({
      author: HUMAN,
      message: 'S\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Sam Roe <sam@example.com>\n',
    });
    assert.equal(mixed.aiAssisted, true);
    assert.equal(mixed.mixed, true);
    assert.deepEqual(mixed.humanCoAuthors, ['Sam Roe <sam@example.com>']);
    const agent = recognizeCommitAi({
      author: { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' },
      message: 'S\n\nCo-authored-by: octo <1+octo@users.noreply.github.com>\n',
    });
    assert.equal(agent.mixed, true, 'a bot commit that names the person who asked for it');
    const plain = recognizeCommitAi({
      author: HUMAN,
      message: 'S\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
    });
    assert.equal(plain.mixed, false, 'the author running an agent is the usual AI-assisted commit, not mixed');
    const self = recognizeCommitAi({
      author: HUMAN,
      message: `S\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Jane Doe <${HUMAN.email}>\n`,
    });
    assert.equal(self.mixed, false, 'the author named again as co-author');
    assert.equal(
      recognizeCommitAi({ author: HUMAN, message: 'S\n\nCo-authored-by: Sam Roe <sam@example.com>\n' }).mixed,
      false,
      'no AI at all',
    );
  });

  it("extends the list with the project's own identities from .ai-provenance.json", () => {
    const extra = parseIdentityConfig(
      JSON.stringify({
        trailers: ['kernel'],
        aiIdentities: [
          { tool: 'Acme Agent', email: '*+acme-agent[bot]@users.noreply.github.com' },
          { tool: 'Acme Agent', name: 'acme-agent[bot]' },
          { tool: 'Acme Agent', trailer: 'Acme-Run' },
        ],
      }),
    )!;
    const bot = { name: 'Acme', email: '4242+acme-agent[bot]@users.noreply.github.com' };
    assert.equal(recognizeCommitAi({ author: bot }).aiAssisted, false, 'unknown without the project list');
    assert.deepEqual(recognizeCommitAi({ author: bot }, extra).tools, ['Acme Agent']);
    assert.deepEqual(recognizeCommitAi({ author: { name: 'acme-agent[bot]', email: 'ci@acme.dev' } }, extra).tools, [
      'Acme Agent',
    ]);
    assert.deepEqual(recognizeCommitAi({ author: HUMAN, message: 'S\n\nAcme-Run: 81\n' }, extra).tools, ['Acme Agent']);
    assert.deepEqual(
      recognizeCommitAi(
        { author: HUMAN, message: 'S\n\nCo-authored-by: Acme <7+acme-agent[bot]@users.noreply.github.com>\n' },
        extra,
      ).tools,
      ['Acme Agent'],
    );
    assert.equal(
      recognizeCommitAi({ author: { name: 'x', email: 'a@b+acme-agent[bot]@users.noreply.github.com' } }, extra)
        .aiAssisted,
      false,
      '* does not cross @',
    );
    assert.equal(parseIdentityConfig('{"trailers": ["kernel"]}'), undefined);
  });

  it('rejects a wrong identity entry with a message naming it', () => {
    const bad = (v: unknown) => () => parseIdentityConfig(JSON.stringify({ aiIdentities: v }));
    assert.throws(bad({ tool: 'x' }), /aiIdentities: expected an array/);
    assert.throws(bad([{ email: 'a@b.c' }]), /aiIdentities\[0\]\.tool: missing/);
    assert.throws(
      bad([{ tool: 'x', email: 'a@b.c', name: 'y' }]),
      /aiIdentities\[0\]: give exactly one of email, name or trailer/,
    );
    assert.throws(bad([{ tool: 'x', emial: 'a@b.c' }]), /aiIdentities\[0\]\.emial: unknown key/);
    assert.throws(bad([{ tool: 'x', email: 'not an email' }]), /not an email address/);
    assert.throws(bad([{ tool: 'x', trailer: 'Bad Key:' }]), /not a trailer key/);
    assert.throws(() => parseIdentityConfig('{'), /not valid JSON/);
  });
});

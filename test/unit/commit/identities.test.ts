import * as assert from 'node:assert/strict';
import {
  AgentMarkerCollector,
  agentMarkerLines,
  buildTrailers,
  parseIdentityConfig,
  recognizeCommitAi,
  type Identity,
} from '../../../src/core/commit';
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

  // Shapes from real histories: charmbracelet/crush (Crush's "💘 Generated with Crush" line, its co-author and
  // Assisted-by trailers in every style it has written, termai and opencode before it), astral-sh/uv (Codex CLI's
  // default co-author line), and the agents' own attribution code and docs (Crush's bash tool template, codex-rs).
  it("recognises agents' marker lines in the message, whole lines only", () => {
    const tools = (message: string) => recognizeCommitAi({ author: HUMAN, message }).tools;
    assert.deepEqual(tools('fix(ui): keep focus\n\nBody.\n\n💘 Generated with Crush\n'), ['Crush']);
    assert.deepEqual(tools('fix\n\n💖 Generated with Crush\n\nCo-Authored-By: Crush <crush@charm.land>\n'), ['Crush']);
    assert.deepEqual(tools('fix\n\n🤖 Generated with termai\nCo-Authored-By: termai <noreply@termai.io>\n'), [
      'termai',
    ]);
    assert.deepEqual(tools('fix\n\n🤖 Generated with [opencode](https://opencode.ai)\n'), ['OpenCode']);
    assert.deepEqual(tools('fix\n\n🤖 Generated with [Amp](https://ampcode.com)\n'), ['Amp']);
    assert.deepEqual(tools('fix\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n'), ['Claude']);
    // A squash merge lists each commit's message as a bullet.
    assert.deepEqual(tools('Squash (#12)\n\n* one\n\n* two\n  💘 Generated with Crush\n'), ['Crush']);
    // aider's --attribute-commit-message-author prefix.
    assert.deepEqual(tools('aider: Added retry to the fetch loop\n'), ['aider']);
    // Near misses: prose that mentions an agent, a look-alike name, a scope named after it.
    for (const human of [
      'feat: configure attribution\n\nOptions for the\nGenerated with Crush line, including validation.\n',
      'docs: note that the tests were generated with Claude Code\n',
      'fix: crush the cache on reload\n\nUsing crush! to debug it.\n',
      'chore: drop Generated with Crushinator banner\n\nGenerated with Crushinator\n',
      'feat(aider): support the aider: prefix in parsing\n',
      'Aider: capitalised subject written by hand\n',
      'fix: mention Claude and claude.ai in prose\n\nClaude said so.\n',
    ])
      assert.deepEqual(tools(human), [], human);
  });

  it('keeps only marker lines for the log readers, and recognition agrees on them', () => {
    assert.equal(agentMarkerLines('Subject\n\nBody line\n\n💘 Generated with Crush\n'), '💘 Generated with Crush');
    assert.equal(agentMarkerLines('aider: fix\n\nbody\n'), 'aider: fix');
    assert.equal(agentMarkerLines('Subject\n\nGenerated with Crush line, in prose\n'), '');
    assert.equal(agentMarkerLines('body mentions\naider: here\n'), '', "aider's prefix counts on the subject only");
    const markers = agentMarkerLines('S\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n');
    assert.deepEqual(recognizeCommitAi({ author: HUMAN, trailers: [], message: markers }).tools, ['Claude']);
    // The log readers get messages a line at a time: the collector keeps the same lines, and starts afresh per message.
    const collector = new AgentMarkerCollector();
    for (const line of 'aider: fix\n\n💘 Generated with Crush'.split('\n')) collector.line(line);
    assert.equal(collector.take(), 'aider: fix\n💘 Generated with Crush');
    for (const line of ['Subject', 'aider: not the subject']) collector.line(line);
    assert.equal(collector.take(), '');
  });

  it("recognises Crush's, Codex's and Amp's trailers, by address or by a name only an agent has", () => {
    const tools = (trailer: string) => recognizeCommitAi({ author: HUMAN, message: `Subject\n\n${trailer}\n` }).tools;
    assert.deepEqual(tools('Co-Authored-By: Charm Crush <crush@charm.land>'), ['Crush']);
    assert.deepEqual(tools('Co-Authored-By: Crush <noreply@crush.charm.land>'), ['Crush']);
    assert.deepEqual(tools('Co-authored-by: Crush'), ['Crush']);
    assert.deepEqual(tools('Assisted-by: Crush:glm-5.2'), ['Crush']);
    assert.deepEqual(tools('Assisted-by: Kimi K2.5 via Crush <crush@charm.land>'), ['Crush']);
    assert.deepEqual(tools('Assisted-by: Claude Sonnet 4.5 via Crush'), ['Crush'], 'the agent, not the model');
    assert.deepEqual(tools('Assisted-by: Z.ai: GLM 5.1 via Crush <crush@charm.land>'), ['Crush']);
    assert.deepEqual(tools('Co-authored-by: Codex <noreply@openai.com>'), ['Codex']);
    assert.deepEqual(tools('Co-authored-by: opencode <noreply@opencode.ai>'), ['OpenCode']);
    assert.deepEqual(tools('Amp-Thread: https://ampcode.com/threads/T-0193'), ['Amp']);
    // Near misses: people at the same companies, a person's name that contains the word.
    assert.deepEqual(tools('Co-authored-by: Charlie Marsh <charliemarsh@openai.com>'), []);
    assert.deepEqual(tools('Co-authored-by: Crush Fan <crush@example.com>'), []);
    assert.deepEqual(tools('Co-authored-by: Christian Rocha <christian@rocha.is>'), []);
    assert.deepEqual(tools('Amp-Thread:'), []);
  });

  it('names automation bots as bot authors, never as AI, and never as human co-authors', () => {
    const renovate = { name: 'renovate[bot]', email: '29139614+renovate[bot]@users.noreply.github.com' };
    const release = {
      name: 'astral-automations-bot[bot]',
      email: '305554984+astral-automations-bot[bot]@users.noreply.github.com',
    };
    for (const who of [renovate, release]) {
      const r = recognizeCommitAi({ author: who, committer: { name: 'GitHub', email: 'noreply@github.com' } });
      assert.deepEqual([r.aiAssisted, r.botAuthor], [false, who.name], who.name);
    }
    assert.equal(recognizeCommitAi({ author: HUMAN }).botAuthor, undefined);
    const ai = recognizeCommitAi({ author: { name: 'google-labs-jules[bot]', email: 'x@example.com' } });
    assert.deepEqual([ai.aiAssisted, ai.botAuthor], [true, undefined], 'an AI bot is AI, not "a bot"');
    const withBot = recognizeCommitAi({
      author: HUMAN,
      message:
        'S\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>\n',
    });
    assert.deepEqual([withBot.mixed, withBot.humanCoAuthors], [false, []], 'a bot co-author is no person');
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

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aiBlame, aiStats, ProvenanceReader } from '../../../src/git/blame';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { runCli } from '../review/helpers';
import { info } from './helpers';

/**
 * Agents that mark the message body rather than (or besides) the trailers: Crush's "💘 Generated with Crush" line
 * with no trailer (its `trailer_style = none`), aider's "aider: " subject prefix; a human commit whose prose mentions
 * the marker; and commits by an automation bot, which are a fact of their own and never AI. Shapes from the real
 * charmbracelet/crush and astral-sh/uv histories, written here.
 */
describe('agent marker lines and bot authors in blame, stats and report', function () {
  this.timeout(60_000);
  let repo: TempRepo;

  function commitAs(name: string, email: string, file: string, text: string, message: string): void {
    repo.write(file, text);
    repo.git(['add', '--', file]);
    repo.git(['-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '-q', '-m', message]);
  }

  before(() => {
    repo = createTempRepo();
    repo.write('base.go', 'package x\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'base']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    commitAs(
      'Christian Rocha',
      'christian@example.com',
      'crush.go',
      'package x\n\nfunc A() {}\n',
      'fix(server): keep sessions apart\n\nSessions no longer share a cancel func.\n\n💘 Generated with Crush\n',
    );
    commitAs('Jane Doe', 'jane@example.com', 'aider.go', 'package x\n\nfunc B() {}\n', 'aider: add B\n');
    commitAs(
      'Jane Doe',
      'jane@example.com',
      'prose.go',
      'package x\n\nfunc C() {}\n',
      'feat: configure attribution\n\nAdds options for the\nGenerated with Crush line, including validation.\n',
    );
    commitAs(
      'astral-automations-bot[bot]',
      '305554984+astral-automations-bot[bot]@users.noreply.github.com',
      'bot.go',
      'package x\n\nfunc D() {}\n',
      'Repair trampoline generation (#21270)\n',
    );
  });
  after(() => repo.cleanup());

  it('blame credits the marked commits to their agent; prose and a bot stay without AI', async () => {
    const r = await info(repo);
    const tool = async (file: string) =>
      (await aiBlame(r, file, { rev: 'feature' })).lines.map((l) => [l.authorship, l.origins[0]?.tool])[2];
    assert.deepEqual(await tool('crush.go'), ['ai-assisted', 'Crush']);
    assert.deepEqual(await tool('aider.go'), ['ai-assisted', 'aider']);
    assert.deepEqual(await tool('prose.go'), ['human', undefined]);
    assert.deepEqual(await tool('bot.go'), ['human', undefined]);
  });

  it('stats count them as commit-level AI', async () => {
    const stats = await aiStats(await info(repo), 'main..feature');
    assert.deepEqual(stats.totals, { total: 12, ai: 0, mixed: 0, aiAssisted: 6, human: 6 });
    assert.deepEqual(stats.byTool.map((t) => t.tool).sort(), ['Crush', 'aider']);
  });

  it('report: marked commits are AI-assisted, the bot commit is named apart, and no evidence is said as such', async () => {
    const json = await runCli(repo.root, ['report', 'main..feature', '--format', 'json']);
    assert.equal(json.code, 0, json.err);
    const report = JSON.parse(json.out);
    assert.equal(report.commits.commitLevelAi, 2);
    assert.deepEqual(report.commits.botAuthored, { commits: 1, accounts: ['astral-automations-bot[bot]'] });
    assert.match(report.review.header.aiClaim, /^50% of added lines are in AI-assisted commits/);
    const md = await runCli(repo.root, ['report', 'main..feature']);
    assert.match(md.out, /1 authored by bot accounts with no AI evidence \(`astral-automations-bot\[bot\]`\)/);

    const botOnly = await runCli(repo.root, ['report', 'feature~1..feature', '--format', 'json']);
    const bot = JSON.parse(botOnly.out);
    assert.equal(bot.aiClaim, 'no AI evidence for the 3 added lines');
    assert.match(bot.review.header.aiClaim, /^no AI evidence in this change/);
    const sarif = JSON.parse((await runCli(repo.root, ['report', 'feature~1..feature', '--format', 'sarif'])).out);
    assert.equal(sarif.runs[0].properties.aiClaim, 'no AI evidence for the 3 added lines');
  });

  it('finds a body marker through every log reader, in a message that mimics diff and header lines', async () => {
    // Messages come inside the logs that carry identities (one git process, not a second one for messages): a
    // message line must never be read as a diff line or a commit header, and the marker on its last line, with no
    // line break after it (commit-tree stores the message as given), must still count.
    const other = createTempRepo();
    try {
      other.write('base.go', 'package x\n');
      other.commitAll('base');
      other.write('marked.go', 'package x\n\nfunc M() {}\n');
      other.git(['add', '--', 'marked.go']);
      const tree = other.git(['write-tree']);
      const fake = 'f'.repeat(40);
      const message =
        'feat: add M\n\ndiff --git a/fake.go b/fake.go\n--- /dev/null\n+++ b/fake.go\n@@ -0,0 +1 @@\n+fake\n' +
        `\u0001${fake} ${fake}\n${fake}\n` +
        '🤖 Generated with [Claude Code](https://claude.com/claude-code)';
      const file = path.join(other.root, '.git', 'marked-message');
      fs.writeFileSync(file, message);
      const marked = other.git(['commit-tree', tree, '-p', 'HEAD', '-F', file]);
      other.git(['reset', '-q', marked]);
      other.write('human.go', 'package x\n');
      const human = other.commitAll('human: add a file\n\n🤖 Generated with Crush, in prose');
      const r = await info(other);

      const line = (await aiBlame(r, 'marked.go', { rev: 'HEAD' })).lines[2];
      assert.deepEqual([line.authorship, line.origins[0]?.tool], ['ai-assisted', 'Claude'], 'blame (history log)');

      const reader = await ProvenanceReader.open(r);
      const read = await reader.provenance([marked, human]);
      assert.deepEqual(read.get(marked)?.recognition?.tools, ['Claude'], 'provenance read by commit (--no-walk log)');
      assert.equal([...read.values()].filter((p) => p.recognition?.tools.length).length, 1, 'prose is no marker');

      const stats = await aiStats(r, 'HEAD~2..HEAD');
      assert.deepEqual(stats.totals, { total: 4, ai: 0, mixed: 0, aiAssisted: 3, human: 1 }, 'stats (patch log)');
      assert.deepEqual(
        stats.commits.map((c) => c.commit),
        [human, marked],
        'no commit read from a message',
      );

      const json = await runCli(other.root, ['report', 'HEAD~2..HEAD', '--format', 'json']);
      assert.equal(json.code, 0, json.err);
      assert.equal(JSON.parse(json.out).commits.commitLevelAi, 1, 'report (range replay)');
    } finally {
      other.cleanup();
    }
  });
});

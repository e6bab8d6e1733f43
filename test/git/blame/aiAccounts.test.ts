import * as assert from 'node:assert/strict';
import { aiBlame, aiStats } from '../../../src/git/blame';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { runCli } from '../review/helpers';
import { info } from './helpers';

/**
 * Commits made where no capture ran, by AI accounts and with agent trailers (shapes from real public histories:
 * the Copilot coding agent and the Codex connector authoring commits, `Co-authored-by: Codex <...>`), and a project
 * that lists its own in-house agent in `.ai-provenance.json`.
 */
describe('AI accounts and agent trailers as commit-level AI', function () {
  this.timeout(60_000);
  let repo: TempRepo;

  function commitAs(name: string, email: string, file: string, text: string, message: string): string {
    repo.write(file, text);
    repo.git(['add', '--', file]);
    repo.git(['-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '-q', '-m', message]);
    return repo.git(['rev-parse', 'HEAD']).trim();
  }

  before(() => {
    repo = createTempRepo();
    repo.write(
      '.ai-provenance.json',
      JSON.stringify({ policy: { maxAiShare: 0.5 }, aiIdentities: [{ tool: 'Acme Agent', name: 'acme-agent[bot]' }] }),
    );
    repo.write('base.ts', 'export const base = 0;\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'base']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    commitAs(
      'copilot-swe-agent[bot]',
      '198982749+Copilot@users.noreply.github.com',
      'bot.ts',
      'export const a = 1;\nexport const b = 2;\n',
      'Add constants\n\nCo-authored-by: octo <1+octo@users.noreply.github.com>\n',
    );
    commitAs(
      'chatgpt-codex-connector[bot]',
      '199175422+chatgpt-codex-connector[bot]@users.noreply.github.com',
      'codex.ts',
      'export const c = 3;\n',
      'Fix range check',
    );
    commitAs(
      'Jane Doe',
      'jane@example.com',
      'paired.ts',
      'export const d = 4;\n',
      'Pair work\n\nCo-authored-by: Codex <codex@openai.com>\n',
    );
    commitAs('acme-agent[bot]', 'ci@acme.invalid', 'acme.ts', 'export const e = 5;\n', 'In-house agent change');
    commitAs('Jane Doe', 'jane@example.com', 'human.ts', 'export const f = 6;\n', 'Human change');
  });
  after(() => repo.cleanup());

  it("blame marks a bot-authored commit's lines ai-assisted with the tool, and a human one human", async () => {
    const r = await info(repo);
    const bot = await aiBlame(r, 'bot.ts', { rev: 'feature' });
    assert.deepEqual(
      bot.lines.map((l) => [l.authorship, l.origins[0]?.tool]),
      [
        ['ai-assisted', 'Copilot'],
        ['ai-assisted', 'Copilot'],
      ],
    );
    assert.deepEqual(
      (await aiBlame(r, 'codex.ts', { rev: 'feature' })).lines.map((l) => l.origins[0]?.tool),
      ['Codex'],
    );
    assert.deepEqual(
      (await aiBlame(r, 'acme.ts', { rev: 'feature' })).lines.map((l) => l.origins[0]?.tool),
      ['Acme Agent'],
      'the project list in .ai-provenance.json',
    );
    assert.deepEqual(
      (await aiBlame(r, 'human.ts', { rev: 'feature' })).lines.map((l) => l.authorship),
      ['human'],
    );
  });

  it('stats count bot, trailer and project-listed commits as commit-level AI', async () => {
    const stats = await aiStats(await info(repo), 'main..feature');
    assert.deepEqual(stats.totals, { total: 6, ai: 0, mixed: 0, aiAssisted: 5, human: 1 });
    assert.deepEqual(
      stats.commits.map((c) => c.evidence),
      ['none', 'commit', 'commit', 'commit', 'commit'],
    );
    assert.deepEqual(stats.byTool.map((t) => t.tool).sort(), ['Acme Agent', 'Codex', 'Copilot']);
  });

  it('report says "in AI-assisted commits", never AI-written, and names the mixed commit', async () => {
    const json = await runCli(repo.root, ['report', 'main..feature', '--format', 'json']);
    assert.equal(json.code, 0, json.err);
    const report = JSON.parse(json.out);
    assert.deepEqual(
      [report.commits.commitLevelAi, report.commits.commitLevelMixed, report.mixedCommitLines],
      [4, 1, 2],
    );
    assert.match(report.aiClaim, /^83% of 6 added lines in AI-assisted commits/);
    assert.doesNotMatch(json.out, /never edited/);
    const md = await runCli(repo.root, ['report', 'main..feature']);
    assert.match(md.out, /\*\*83\.3%\*\* of added lines in AI-assisted commits \(5 of 6\)/);
    assert.match(md.out, /2 of them in 1 commit\(s\) that also name a human co-author/);
  });

  it('check applies the policy to bot-written lines', async () => {
    const check = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(check.code, 1, check.out + check.err);
    assert.match(check.out, /in AI-assisted commits/);
    assert.match(check.out, /✗ .*AI share/i);
  });

  it('a broken project list is reported and the built-in identities still apply', async () => {
    repo.write(
      '.ai-provenance.json',
      JSON.stringify({ aiIdentities: [{ tool: 'Acme Agent', nmae: 'acme-agent[bot]' }] }),
    );
    repo.git(['add', '.ai-provenance.json']);
    repo.git(['commit', '-q', '-m', 'typo in the list']);
    const stats = await aiStats(await info(repo), 'main..feature');
    assert.ok(
      stats.warnings.some((w) => /aiIdentities\[0\]\.nmae: unknown key.*built-in AI identities are used/.test(w)),
      stats.warnings.join('\n'),
    );
    assert.equal(
      stats.totals.aiAssisted,
      4,
      'Copilot, Codex bot and the Codex trailer still count; the in-house agent does not',
    );
  });
});

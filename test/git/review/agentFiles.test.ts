import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * What src/git reads for an agent's own files: the workflows at the head when a text file changed (is it the prompt
 * of an agent step fed issue text?), and a tool-approval policy file on both sides (which allow rules are new).
 */
describe('review reads the workflows and policy files an agent change needs', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const workflow = [
    'name: fix',
    'on:',
    '  issues:',
    '    types: [labeled]',
    'jobs:',
    '  fix:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: write',
    '    steps:',
    '      - run: cp bots/prompts/fix.md "$RUNNER_TEMP/fix.md"',
    '      - uses: openai/codex-action@v1',
    '        with:',
    '          prompt-file: ${{ runner.temp }}/fix.md',
    '',
  ].join('\n');
  const policy = (pattern: string): string =>
    [
      '[[rule]]',
      'toolName = "write_file"',
      `argsPattern = '${pattern}'`,
      'decision = "allow"',
      'priority = 50',
      'modes = ["plan"]',
      '',
      '[[rule]]',
      'toolName = "write_file"',
      'decision = "deny"',
      'priority = 40',
      'modes = ["plan"]',
      '',
    ].join('\n');

  before(() => {
    repo = createTempRepo();
    repo.write('.github/workflows/fix.yml', workflow);
    repo.write('bots/prompts/fix.md', '# Fix\n\nOnly change the regression test named in the issue.\n');
    repo.write('docs/guide.md', '# Guide\n\nPlain words.\n');
    repo.write('core/policies/plan.toml', policy('"file_path":"[^"]+/plans/[\\w-]+\\.md"'));
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'prompt']);
    repo.write('bots/prompts/fix.md', '# Fix\n\nUpdate any existing assertion that encodes the same assumption.\n');
    repo.commitAll('widen the prompt');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'docs']);
    repo.write('docs/guide.md', '# Guide\n\nPlainer words.\n');
    repo.commitAll('reword the guide');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'policy']);
    repo.write('core/policies/plan.toml', policy('"file_path":"[^"]+\\.md"'));
    repo.commitAll('allow any markdown file in plan mode');
  });
  after(() => repo.cleanup());

  it('judges a prompt file with the agent step that reads it after an issue event (T3)', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..prompt');
    const hit = review.findings.find((f) => f.ruleId === 'agent-config-changed');
    assert.ok(hit, JSON.stringify(review.findings.map((f) => f.ruleId)));
    assert.equal(hit.severity, 'high');
    assert.match(hit.why, /job fix in \.github\/workflows\/fix\.yml.*on: issues.*contents: write/);
    assert.equal(review.tier, 'T3');
    const docs = await analyzeBranch(info, 'main..docs');
    assert.deepEqual(
      docs.review.findings.map((f) => f.ruleId),
      [],
    );
    assert.equal(docs.review.tier, 'T0');
  });

  it('compares the policy file on both sides: a widened allow pattern is named (T3)', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..policy');
    const hit = review.findings.find((f) => f.ruleId === 'agent-policy-widened');
    assert.ok(hit, JSON.stringify(review.findings.map((f) => f.ruleId)));
    assert.match(hit.why, /changes an allow rule: toolName "write_file"/);
    assert.equal(review.tier, 'T3');
  });
});

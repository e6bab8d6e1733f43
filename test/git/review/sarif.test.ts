import * as assert from 'node:assert/strict';
import { commitFiles } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { assertInert } from '../../unit/report/inert';
import { sarifValidator } from '../../unit/report/sarifSchema';
import { eslintLog } from '../../unit/review/sarifFixtures';
import { runCli } from './helpers';

/** A Semgrep-shaped log: one warning on the AI line 2 of src/app.ts, one on the unchanged line 1, one hostile. */
function semgrep(): object {
  const loc = (line: number): object[] => [
    {
      physicalLocation: {
        artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
        region: { startLine: line },
      },
    },
  ];
  return {
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Semgrep OSS',
            rules: [
              {
                id: 'js.risky-call',
                shortDescription: { text: 'Risky call' },
                help: { text: 'Validate the input first.' },
                defaultConfiguration: { level: 'warning' },
              },
            ],
          },
        },
        results: [
          { ruleId: 'js.risky-call', message: { text: 'compute() receives unchecked input' }, locations: loc(2) },
          { ruleId: 'js.risky-call', message: { text: 'old code' }, locations: loc(1) },
          {
            ruleId: 'js.evil',
            level: 'note',
            message: { text: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) @everyone \u001b[2J | pipe' },
            locations: loc(3),
          },
          {
            ruleId: 'js.escape',
            message: { text: 'escape' },
            locations: [
              { physicalLocation: { artifactLocation: { uri: '../../etc/passwd' }, region: { startLine: 1 } } },
            ],
          },
        ],
      },
    ],
  };
}

describe('ai-provenance report/check --sarif', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(async () => {
    repo = createTempRepo();
    // Sign-off is required from T2: the branch alone is T0 (a few AI lines, no signal); an analyser warning (T1) inside
    // AI lines takes it one step up, to T2.
    repo.write('.ai-provenance.json', JSON.stringify({ policy: { requireSignoff: { tierAtLeast: 'T2' } } }));
    await commitFiles(
      repo,
      { 'src/app.ts': ['export function main() {', '}'], 'src/util.ts': ['export const x = 0;'] },
      'base',
    );
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commitFiles(
      repo,
      { 'src/app.ts': ['export function main() {', { ai: '  const total = compute(1);' }, '  return total;', '}'] },
      'ai change',
    );
    await commitFiles(repo, { 'src/util.ts': ['export const x = 1;'] }, 'human change');
    repo.write('semgrep.sarif', JSON.stringify(semgrep()));
    repo.write('eslint.sarif', JSON.stringify(eslintLog(repo.root)));
    repo.write('broken.sarif', '{"version": "2.1.0", "runs": [');
    repo.write('old.sarif', JSON.stringify({ version: '2.0.0', runs: [] }));
  });
  after(() => repo.cleanup());

  it('report --format json: analyser findings on changed lines, inside AI lines one tier step up, the rest counted', async () => {
    const { code, out, err } = await runCli(repo.root, [
      'report',
      'main..feature',
      '--format',
      'json',
      '--sarif',
      'semgrep.sarif',
      '--sarif',
      'eslint.sarif',
    ]);
    assert.equal(code, 0, err);
    const review = JSON.parse(out).review;
    const ours = review.findings.filter((f: { category: string }) => f.category === 'analyzer');
    const byRule = (
      id: string,
    ): { severity: string; inAi: boolean; range: unknown; title: string; why: string; analyzer: unknown } =>
      ours.find((f: { ruleId: string }) => f.ruleId === id);
    const risky = byRule('sarif/semgrep-oss/js.risky-call');
    assert.deepEqual(
      [risky.severity, risky.inAi, risky.range, risky.title],
      ['medium', true, { side: 'new', start: 2, end: 2 }, 'Semgrep OSS: Risky call'],
    );
    assert.deepEqual(risky.analyzer, { tool: 'Semgrep OSS', ruleId: 'js.risky-call' });
    assert.equal(byRule('sarif/semgrep-oss/js.evil').severity, 'low');
    const unused = byRule('sarif/eslint/no-unused-vars');
    assert.deepEqual(
      [unused.severity, unused.inAi],
      ['medium', false],
      'ESLint absolute file URIs resolve to src/util.ts',
    );
    // Semgrep line 1 is unchanged; ESLint's src/broken.ts is not in the change.
    assert.deepEqual(review.analyzers, { inChange: 3, outsideChange: 2 });
    assert.equal(review.tier, 'T2');
    assert.ok(
      review.reasons.some((r: string) =>
        /^T2: one step up: medium signal inside AI-written lines: Semgrep OSS: Risky call in src\/app\.ts:2 \[ai-step\/sarif\/semgrep-oss\/js\.risky-call\]$/.test(
          r,
        ),
      ),
      review.reasons.join('\n'),
    );
    assert.match(
      err,
      /^warning: --sarif "semgrep\.sarif": 1 result\(s\) skipped: path outside the repository \(e\.g\. "\.\.\/\.\.\/etc\/passwd"\)$/m,
    );
  });

  it('warns and still reports when a SARIF file is missing, broken or the wrong version', async () => {
    const { code, out, err } = await runCli(repo.root, [
      'report',
      'main..feature',
      '--format',
      'json',
      '--sarif',
      'missing.sarif',
      '--sarif',
      'broken.sarif',
      '--sarif=old.sarif',
      '--sarif',
      'src',
    ]);
    assert.equal(code, 0, err);
    assert.match(err, /^warning: --sarif "missing\.sarif" ignored: ENOENT/m);
    assert.match(err, /^warning: --sarif "broken\.sarif" ignored: not valid JSON: /m);
    assert.match(
      err,
      /^warning: --sarif "old\.sarif" ignored: unsupported SARIF version "2\.0\.0"; expected "2\.1\.0"$/m,
    );
    assert.match(err, /^warning: --sarif "src" ignored: not a regular file$/m);
    const review = JSON.parse(out).review;
    assert.deepEqual(review.analyzers, { inChange: 0, outsideChange: 0 });
    assert.equal(review.tier, 'T0');
  });

  it('markdown and sarif formats carry the analyser findings safely', async () => {
    const md = await runCli(repo.root, ['report', 'main..feature', '--sarif', 'semgrep.sarif']);
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /Semgrep OSS: Risky call/);
    assert.match(
      md.out,
      /^Analysers \(SARIF\): \d+ result\(s\) on lines this change added; \d+ elsewhere, not listed\.$/m,
    );
    assertInert(md.out);
    const sarif = await runCli(repo.root, ['report', 'main..feature', '--format', 'sarif', '--sarif', 'semgrep.sarif']);
    const log = JSON.parse(sarif.out);
    assert.ok((await sarifValidator())(log));
    const risky = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'sarif/semgrep-oss/js.risky-call');
    assert.deepEqual(
      [risky.level, risky.properties.tool, risky.properties.toolRuleId, risky.properties.inAi],
      ['warning', 'Semgrep OSS', 'js.risky-call', true],
    );
    assert.deepEqual(risky.locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, endLine: 2 },
    });
  });

  it('check: analyser findings raise the tier into the policy gate', async () => {
    const clean = await runCli(repo.root, ['check', 'main..feature']);
    assert.equal(clean.code, 0, clean.out + clean.err);
    assert.match(clean.out, /tier T0/);
    const gated = await runCli(repo.root, ['check', 'main..feature', '--sarif', 'semgrep.sarif']);
    assert.equal(gated.code, 1, gated.out + gated.err);
    assert.match(gated.out, /tier T2/);
    assert.match(gated.out, /analysers: 2 finding\(s\) in changed lines, 1 elsewhere \(not counted\)/);
    assert.match(gated.out, /✗ .*sign-off/i);
    const json = await runCli(repo.root, [
      'check',
      'main..feature',
      '--json',
      '--sarif',
      'semgrep.sarif',
      '--sarif',
      'broken.sarif',
    ]);
    assert.equal(json.code, 1);
    const outcome = JSON.parse(json.out);
    assert.deepEqual([outcome.pass, outcome.tier, outcome.analyzers], [false, 'T2', { inChange: 2, outsideChange: 1 }]);
    assert.match(json.err, /warning: --sarif "broken\.sarif" ignored/);
  });

  it('documents --sarif in both commands', async () => {
    for (const command of ['report', 'check']) {
      const help = await runCli(repo.root, [command, '--help']);
      assert.match(help.out + help.err, /--sarif FILE/);
    }
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAgentTrace, recordLineAttributions } from '../../../src/core/commit';
import { writeNote } from '../../../src/git';
import { EVIL_LABEL, commitFiles, evilRecord, info } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { assertInert } from '../../unit/report/inert';
import { sarifValidator } from '../../unit/report/sarifSchema';
import { runCli } from './helpers';

describe('ai-provenance report', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(async () => {
    repo = createTempRepo();
    await commitFiles(repo, { 'src/app.ts': ['export function main() {', '}'] }, 'base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    await commitFiles(
      repo,
      {
        'src/app.ts': [
          'export function main() {',
          { ai: '  const key = "AKIAIOSFODNN7EXAMPLE";' },
          { ai: '  eval(process.argv[2]);' },
          '}',
        ],
      },
      'ai change',
    );
    await commitFiles(repo, { 'src/util.ts': ['export const x = 1;'] }, 'human change');
    // A hostile note from another clone: markup, links, mentions and terminal controls in tool and model.
    const evil = await commitFiles(repo, { 'src/evil.ts': ['export const y = 2;'] }, 'evil', { note: false });
    await writeNote(await info(repo), evil, evilRecord(evil, { 'src/evil.ts': [{ ai: 'export const y = 2;' }] }));
    const broken = await commitFiles(repo, { 'src/broken.ts': ['z'] }, 'broken note', { note: false });
    await writeNote(await info(repo), broken, '<script>alert(1)</script>');
  });
  after(() => repo.cleanup());

  it('markdown: shares, tier, findings and a safe rendering of hostile notes', async () => {
    const { code, out } = await runCli(repo.root, ['report', 'main..feature']);
    assert.equal(code, 0);
    assert.match(out, /## AI provenance: `main` … `feature`/);
    assert.match(out, /\| `src\/app\.ts` \| 2 \| 2 \| 0 \| 0 \| 100% \|/);
    assert.match(out, /tier \*\*T3\*\*/);
    assert.match(out, /### Findings/);
    assert.match(out, /note on [0-9a-f]{12} ignored: invalid Agent Trace record/);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(out, /\u001b|\u202e/);
    assertInert(out);
  });

  it('json: the report as data, with cleaned labels', async () => {
    const { code, out } = await runCli(repo.root, ['report', 'main..feature', '--format', 'json']);
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.equal(report.totals.total, 5);
    assert.equal(report.totals.ai, 3);
    assert.equal(report.commits.total, 4);
    assert.equal(report.commits.ignoredNotes.length, 1);
    const tools = report.byTool.map((t: { tool: string }) => t.tool);
    assert.ok(tools.includes('claude-code'));
    for (const t of tools) assert.doesNotMatch(t, /[\u0000-\u001f\u202e]/); // eslint-disable-line no-control-regex
    assert.notEqual(
      tools.find((t: string) => t !== 'claude-code'),
      EVIL_LABEL,
    );
  });

  it('sarif: valid 2.1.0 with locations on the head version', async () => {
    const { code, out } = await runCli(repo.root, ['report', 'main..feature', '--format', 'sarif']);
    assert.equal(code, 0);
    const sarif = JSON.parse(out);
    assert.ok((await sarifValidator())(sarif));
    const secret = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'secret');
    assert.ok(secret, out);
    assert.deepEqual(secret.locations[0].physicalLocation.region, { startLine: 2, endLine: 2 });
    assert.equal(secret.properties.inAi, true);
  });

  it('agent-trace: one valid record for HEAD naming the branch AI lines, written to --output', async () => {
    const file = path.join(repo.root, '..', `trace-${process.pid}.json`);
    const { code } = await runCli(repo.root, ['report', 'main..feature', '--format', 'agent-trace', '--output', file]);
    assert.equal(code, 0);
    const record = parseAgentTrace(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file);
    assert.equal(record.vcs?.revision, repo.git(['rev-parse', 'feature']));
    const lines = recordLineAttributions(record);
    assert.deepEqual(
      lines.map((f) => [f.path, [...f.lines.keys()]]),
      [
        ['src/app.ts', [2, 3]],
        ['src/evil.ts', [1]],
      ],
    );
    assert.doesNotMatch(JSON.stringify(record), /\\u001b|\\u202e|\u202e/);
  });

  it('rejects unknown formats and missing ranges', async () => {
    assert.equal((await runCli(repo.root, ['report', 'main..feature', '--format', 'html'])).code, 2);
    assert.equal((await runCli(repo.root, ['report'])).code, 2);
  });
});

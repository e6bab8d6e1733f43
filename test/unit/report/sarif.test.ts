import * as assert from 'node:assert/strict';
import { buildBranchReport, pathToUri, renderSarif } from '../../../src/core/report';
import { HOSTILE, facts, finding, review } from './fixtures';
import { sarifValidator } from './sarifSchema';

describe('renderSarif', () => {
  it('emits valid SARIF with one result per finding, rule indexes and new-side regions', async () => {
    const validate = await sarifValidator();
    const findings = [
      finding(),
      finding({
        ruleId: 'test-deleted',
        category: 'tests',
        severity: 'medium',
        range: { side: 'old', start: 4, end: 9 },
        inAi: false,
      }),
      finding({ ruleId: 'large-change', category: 'size', severity: 'low', file: null, range: null }),
    ];
    const sarif = renderSarif(buildBranchReport(facts(), review(findings)), '1.2.3') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.ok(validate(sarif), JSON.stringify((validate as unknown as { errors: unknown }).errors));
    const [run] = sarif.runs;
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      ['secret', 'test-deleted', 'large-change'],
    );
    assert.deepEqual(
      run.results.map((r: { level: string; ruleIndex: number }) => [r.level, r.ruleIndex]),
      [
        ['error', 0],
        ['warning', 1],
        ['note', 2],
      ],
    );
    assert.deepEqual(run.results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, endLine: 2 },
    });
    assert.equal(run.results[1].locations[0].physicalLocation.region, undefined);
    assert.match(run.results[1].message.text, /removed lines 4-9/);
    assert.deepEqual(run.results[2].locations, []);
    assert.match(run.results[0].message.text, /\[in AI-written lines\]$/);
    assert.match(
      run.properties.aiClaim,
      /^67% of 3 added lines AI-written: 1 AI-written, 1 mixed/,
      'the claim in words',
    );
  });

  it('shows a folded finding once, with its count and the other places as related locations', async () => {
    const validate = await sarifValidator();
    const folded = finding({
      count: 3,
      range: { side: 'new', start: 4, end: 4 },
      locations: [
        { side: 'new', start: 4, end: 4 },
        { side: 'new', start: 9, end: 10 },
        { side: 'new', start: 20, end: 20 },
      ],
    });
    const sarif = renderSarif(buildBranchReport(facts(), review([folded])), '1.2.3') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.ok(validate(sarif), JSON.stringify((validate as unknown as { errors: unknown }).errors));
    const [result] = sarif.runs[0].results;
    assert.equal(sarif.runs[0].results.length, 1);
    assert.equal(result.properties.count, 3);
    // Code scanning links related locations only when the message embeds them.
    assert.match(result.message.text, /\(3 places in this file: \[line 9\]\(1\), \[line 20\]\(2\)\)$/);
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, endLine: 4 });
    assert.deepEqual(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      result.relatedLocations.map((l: any) => [l.id, l.physicalLocation.region.startLine, l.message.text]),
      [
        [1, 9, 'line 9'],
        [2, 20, 'line 20'],
      ],
    );
  });

  it('points a related location of a finding folded across files at its own file', async () => {
    const validate = await sarifValidator();
    const folded = finding({
      count: 2,
      range: { side: 'new', start: 4, end: 4 },
      locations: [
        { side: 'new', start: 4, end: 4 },
        { side: 'new', start: 8, end: 8, file: 'p/other [x].py' },
      ],
    });
    const sarif = renderSarif(buildBranchReport(facts(), review([folded])), '1.2.3') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.ok(validate(sarif), JSON.stringify((validate as unknown as { errors: unknown }).errors));
    const [result] = sarif.runs[0].results;
    assert.match(result.message.text, /\(2 places: \[p\/other \\\[x\\\]\.py line 8\]\(1\)\)$/);
    const [related] = result.relatedLocations;
    assert.equal(related.physicalLocation.artifactLocation.uri, 'p/other%20%5Bx%5D.py');
    assert.equal(related.message.text, 'p/other [x].py line 8');
  });

  it('keeps text of the change from reading as a link to a related location', () => {
    const folded = finding({
      why: 'added "see [the docs](1) and a[0]"',
      count: 2,
      range: { side: 'new', start: 4, end: 4 },
      locations: [
        { side: 'new', start: 4, end: 4 },
        { side: 'old', start: 7, end: 7 },
      ],
    });
    const sarif = renderSarif(buildBranchReport(facts(), review([folded])), '1.2.3') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [result] = sarif.runs[0].results;
    assert.match(result.message.text, /see \\\[the docs\\\]\(1\) and a\[0\]/);
    assert.match(result.message.text, /\(2 places in this file\)/, 'a removed place is counted, not linked');
    assert.equal(result.relatedLocations, undefined);
  });

  it('keeps hostile strings plain and paths inside the repository', async () => {
    const validate = await sarifValidator();
    for (const payload of HOSTILE) {
      const sarif = renderSarif(
        buildBranchReport(
          facts(payload),
          review([
            finding({
              why: payload,
              title: payload,
              file: payload.includes('\n') ? '../../etc/passwd' : `src/${payload}`,
            }),
          ]),
        ),
        payload,
      );
      assert.ok(validate(sarif));
      const text = JSON.stringify(sarif);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(JSON.parse(text).runs[0].results[0].message.text, /[\u0000-\u001f\u007f\u202e]/);
      const loc = (sarif as any).runs[0].results[0].locations; // eslint-disable-line @typescript-eslint/no-explicit-any
      for (const l of loc) assert.doesNotMatch(l.physicalLocation.artifactLocation.uri, /^\/|\.\.|:|\s/);
    }
  });

  it('percent-encodes paths and refuses ones that leave the repository', () => {
    assert.equal(pathToUri('src/a b#c%.ts'), 'src/a%20b%23c%25.ts');
    assert.equal(pathToUri('../x'), undefined);
    assert.equal(pathToUri('/etc/passwd'), undefined);
    assert.equal(pathToUri('a\\b'), undefined);
  });
});

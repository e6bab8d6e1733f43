import * as assert from 'node:assert/strict';
import { parseAgentTrace, recordLineAttributions } from '../../../src/core/commit';
import { combinedAgentTrace } from '../../../src/core/report';
import { officialValidator } from '../agentTraceSchema';
import { HEAD, HOSTILE, facts } from './fixtures';

const options = {
  toolVersion: '1.0.0',
  now: Date.UTC(2026, 0, 1),
  randomBytes: (n: number) => new Uint8Array(n).fill(9),
};

describe('combinedAgentTrace', () => {
  it('writes one record for HEAD with the AI lines the branch added', () => {
    const { record, skipped } = combinedAgentTrace(facts('claude-code', ['src/a.ts', 'src/b.ts']), options);
    assert.deepEqual(skipped, []);
    assert.equal(record.vcs?.revision, HEAD);
    const back = parseAgentTrace(JSON.stringify(record));
    const lines = recordLineAttributions(back);
    assert.deepEqual(
      lines.map((f) => [f.path, [...f.lines].map(([n, a]) => [n, a.cls])]),
      [
        [
          'src/a.ts',
          [
            [1, 'ai'],
            [2, 'mixed'],
          ],
        ],
        [
          'src/b.ts',
          [
            [1, 'ai'],
            [2, 'mixed'],
          ],
        ],
      ],
    );
  });

  it('validates against the official Agent Trace schema, hostile labels included', function () {
    const validate = officialValidator(this);
    for (const label of ['claude-code', ...HOSTILE]) {
      const { record } = combinedAgentTrace(facts(label), options);
      assert.ok(validate(record), JSON.stringify(validate.errors));
      parseAgentTrace(JSON.stringify(record));
    }
  });

  it('leaves out files whose paths are not plain repository paths', () => {
    const f = facts('x', ['ok.ts']);
    const evil = {
      ...f,
      diff: { ...f.diff, files: f.diff.files.map((d) => ({ ...d, newPath: '../../evil.ts', path: '../../evil.ts' })) },
    };
    const { record, skipped } = combinedAgentTrace(evil, options);
    assert.deepEqual(skipped, ['../../evil.ts']);
    assert.deepEqual(record.files, []);
  });
});

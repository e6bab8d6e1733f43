import * as assert from 'node:assert/strict';
import { HUMAN_LINE } from '../../../src/core/blame';
import { hunkKey } from '../../../src/core/policy';
import { buildBranchReport, type BranchFacts } from '../../../src/core/report';
import { facts, review, signoff } from './fixtures';

describe('buildBranchReport', () => {
  it('counts added lines per file and in total, by tool and model', () => {
    const r = buildBranchReport(facts('claude-code', ['src/a.ts', 'src/b.ts']), review());
    assert.deepEqual(r.totals, { total: 6, ai: 2, mixed: 2, aiAssisted: 0, human: 2 });
    assert.equal(r.files.length, 2);
    assert.deepEqual(r.byTool, [{ tool: 'claude-code', lines: 4 }]);
    assert.equal(r.hunks.ai, 2);
    assert.equal(r.commits.ignoredNotes.length, 1);
  });

  it('marks AI hunks reviewed by accepted sign-offs and evaluates the policy', () => {
    const f = facts('claude-code', ['src/a.ts', 'src/b.ts'], [signoff('Rita', 'rita@example.com')]);
    const r = buildBranchReport(f, review(), {
      policy: {
        signers: ['lead@example.com'],
        useCodeOwners: false,
        requireAllAiHunksReviewed: true,
        requireSignoff: { always: true },
      },
    });
    assert.equal(r.hunks.aiReviewed, 0, 'rita is not an allowed signer');
    assert.equal(r.policy?.pass, false);
    const open = buildBranchReport(f, review(), {
      policy: { signers: [], useCodeOwners: false, requireAllAiHunksReviewed: true },
    });
    assert.deepEqual(
      open.hunks.list.map((h) => [h.path, h.reviewedBy]),
      [
        ['src/a.ts', ['rita@example.com']],
        ['src/b.ts', []],
      ],
    );
    assert.equal(open.policy?.pass, false);
    assert.match(open.policy!.failures[0], /src\/b\.ts:1-3/);
  });

  it('keys each AI hunk by its text, and counts hunks without AI lines too', () => {
    const f = facts('claude-code', ['src/a.ts', 'src/human.ts']);
    const oneHuman: BranchFacts = {
      ...f,
      lineSource: (path, line) => (path === 'src/human.ts' ? HUMAN_LINE : f.lineSource(path, line)),
    };
    const r = buildBranchReport(oneHuman, review());
    assert.equal(r.hunks.total, 2);
    assert.deepEqual(
      r.hunks.list.map((h) => [h.path, h.key, h.lines, h.aiLines]),
      [['src/a.ts', hunkKey('src/a.ts', ['const a = 1;', 'const b = 2;', 'const c = 3;']), 3, 2]],
    );
  });

  it('works without a review summary (the seam) and says so', () => {
    const r = buildBranchReport(facts(), null, {
      policy: {
        signers: [],
        useCodeOwners: false,
        requireAllAiHunksReviewed: false,
        requireSignoff: { always: false, tierAtLeast: 'T3' },
      },
    });
    assert.equal(r.review, null);
    assert.ok(r.warnings.some((w) => /checklist engine did not run/.test(w)));
    assert.equal(r.policy?.signoffRequired, true);
  });
});

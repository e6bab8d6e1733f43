import * as assert from 'node:assert/strict';
import {
  evaluatePolicy,
  hunkKey,
  judgeSignoffs,
  signerMatches,
  type Policy,
  type PolicyFacts,
} from '../../../src/core/policy';
import { entry } from './fixtures';

const HEAD = 'a'.repeat(40);
const H1 = { key: hunkKey('a.ts', ['one']), path: 'a.ts', startLine: 1, endLine: 1 };
const H2 = { key: hunkKey('b.ts', ['two']), path: 'b.ts', startLine: 4, endLine: 9 };

function facts(overrides: Partial<PolicyFacts> = {}): PolicyFacts {
  return { head: HEAD, share: 0.5, tier: 'T2', aiHunks: [H1, H2], owners: [], signoffs: [], ...overrides };
}

function policy(overrides: Partial<Policy> = {}): Policy {
  return { signers: [], useCodeOwners: false, requireAllAiHunksReviewed: false, ...overrides };
}

const signed = (o: Parameters<typeof entry>[0] = {}) => ({
  commit: HEAD,
  entry: entry({ head: HEAD, aiHunks: { total: 2, reviewed: [H1.key, H2.key] }, ...o }),
});

describe('evaluatePolicy', () => {
  it('passes with nothing required', () => {
    const out = evaluatePolicy(policy(), facts());
    assert.equal(out.pass, true);
    assert.equal(out.signoffRequired, false);
  });

  it('requires a sign-off above the AI share or from the tier, and explains a missing one', () => {
    const p = policy({ requireSignoff: { always: false, aiShareAbove: 0.3, tierAtLeast: 'T3' } });
    const out = evaluatePolicy(p, facts());
    assert.equal(out.pass, false);
    assert.deepEqual(out.requiredBecause, ['AI share 50% is above 30%']);
    assert.match(
      out.failures[0],
      /A sign-off is required \(AI share 50% is above 30%\) but none is accepted\..*ai-provenance signoff/,
    );
    assert.equal(evaluatePolicy(p, facts({ share: 0.1 })).pass, true);
    assert.deepEqual(evaluatePolicy(p, facts({ share: 0.1, tier: 'T3' })).requiredBecause, [
      'tier T3 is at or above T3',
    ]);
    assert.equal(evaluatePolicy(p, facts({ signoffs: [signed()] })).pass, true);
  });

  it('accepts only allowed signers: emails, GitHub handles via noreply addresses, code owners', () => {
    const p = policy({ requireSignoff: { always: true }, signers: ['lead@example.com', '@octocat'] });
    const by = (email: string) =>
      evaluatePolicy(p, facts({ signoffs: [signed({ reviewer: { name: 'X', email } })] })).pass;
    assert.equal(by('LEAD@example.com'), true);
    assert.equal(by('octocat@users.noreply.github.com'), true);
    assert.equal(by('583231+octocat@users.noreply.github.com'), true);
    assert.equal(by('octocat@example.com'), false);
    assert.equal(by('rita@example.com'), false);
    const owners = policy({ requireSignoff: { always: true }, useCodeOwners: true });
    assert.equal(evaluatePolicy(owners, facts({ owners: ['rita@example.com'], signoffs: [signed()] })).pass, true);
    assert.equal(evaluatePolicy(owners, facts({ owners: ['@team/x'], signoffs: [signed()] })).pass, false);
    assert.equal(signerMatches('@org/team', 'team@users.noreply.github.com'), false);
  });

  it('requires every AI hunk reviewed in accepted sign-offs and lists the rest', () => {
    const p = policy({ requireAllAiHunksReviewed: true });
    const half = signed({ aiHunks: { total: 2, reviewed: [H1.key] } });
    const out = evaluatePolicy(p, facts({ signoffs: [half] }));
    assert.equal(out.pass, false);
    assert.equal(out.reviewedAiHunks, 1);
    assert.match(out.failures[0], /1 of 2 AI hunk\(s\) have no review in an accepted sign-off: b\.ts:4-9/);
    assert.equal(
      evaluatePolicy(
        p,
        facts({
          signoffs: [
            half,
            signed({ reviewer: { name: 'S', email: 's@example.com' }, aiHunks: { total: 2, reviewed: [H2.key] } }),
          ],
        }),
      ).pass,
      true,
    );
    assert.equal(evaluatePolicy(p, facts({ aiHunks: [] })).pass, true);
  });

  it('fails above the maximum AI share', () => {
    assert.match(
      evaluatePolicy(policy({ maxAiShare: 0.4 }), facts()).failures[0],
      /50%, above the policy's maximum of 40%/,
    );
  });
});

describe('judgeSignoffs', () => {
  it('carries a sign-off from an older head only while it covers every AI hunk at the tier', () => {
    const old = 'c'.repeat(40);
    const [carried] = judgeSignoffs(
      undefined,
      facts({
        signoffs: [
          { commit: old, entry: entry({ head: old, tier: 'T2', aiHunks: { total: 2, reviewed: [H1.key, H2.key] } }) },
        ],
      }),
    );
    assert.equal(carried.status, 'carried');
    assert.equal(carried.accepted, true);
    const [stale] = judgeSignoffs(
      undefined,
      facts({ signoffs: [{ commit: old, entry: entry({ head: old, aiHunks: { total: 1, reviewed: [H1.key] } }) }] }),
    );
    assert.equal(stale.status, 'stale');
    assert.match(stale.why, /1 AI hunk\(s\) are new or changed since/);
    const [lower] = judgeSignoffs(
      undefined,
      facts({
        tier: 'T3',
        signoffs: [
          { commit: old, entry: entry({ head: old, tier: 'T1', aiHunks: { total: 2, reviewed: [H1.key, H2.key] } }) },
        ],
      }),
    );
    assert.equal(lower.status, 'stale');
    assert.match(lower.why, /signed .* at T1; the change is T3 now/);
  });
});

import * as assert from 'node:assert/strict';
import { PolicyError, parsePolicyFile } from '../../../src/core/policy';

const parse = (value: unknown) => parsePolicyFile(JSON.stringify(value));

describe('parsePolicyFile', () => {
  it('reads the documented example', () => {
    const p = parse({
      policy: {
        requireSignoff: { aiShareAbove: 0.3, tierAtLeast: 'T3' },
        signers: ['a@x.io', '@octocat'],
        useCodeOwners: true,
        requireAllAiHunksReviewed: true,
      },
    });
    assert.deepEqual(p, {
      requireSignoff: { always: false, aiShareAbove: 0.3, tierAtLeast: 'T3' },
      signers: ['a@x.io', '@octocat'],
      useCodeOwners: true,
      requireAllAiHunksReviewed: true,
    });
  });

  it('defaults everything and leaves other top-level keys to other features', () => {
    assert.deepEqual(parse({ policy: {} }), { signers: [], useCodeOwners: false, requireAllAiHunksReviewed: false });
    assert.equal(parse({ editor: { anything: 1 } }), undefined);
    assert.deepEqual(parse({ policy: { requireSignoff: true } })?.requireSignoff, { always: true });
    assert.equal(parse({ policy: { requireSignoff: false } })?.requireSignoff, undefined);
  });

  it('passes review settings through after checking rule ids and thresholds', () => {
    const p = parse({
      policy: {
        review: {
          criticalPaths: ['billing/**'],
          disabledRules: ['secret'],
          thresholds: { largeLines: 800, aiShareHigh: 0.4 },
        },
      },
    });
    assert.deepEqual(p?.review, {
      criticalPaths: ['billing/**'],
      disabledRules: ['secret'],
      thresholds: { largeLines: 800, aiShareHigh: 0.4 },
    });
  });

  const bad: [string, unknown, RegExp][] = [
    [
      'a typo in a key',
      { policy: { requireSignof: true } },
      /policy\.requireSignof: unknown key \(did you mean "requireSignoff"\?\)/,
    ],
    ['a typo in the policy key', { polcy: {} }, /polcy: unknown key \(did you mean "policy"\?\)/],
    [
      'a share given in percent',
      { policy: { requireSignoff: { aiShareAbove: 30 } } },
      /aiShareAbove: expected a share between 0 and 1 \(e\.g\. 0\.3 for 30%\), got 30/,
    ],
    [
      'an unknown tier',
      { policy: { requireSignoff: { tierAtLeast: 'T4' } } },
      /tierAtLeast: expected one of T0, T1, T2, T3, got "T4"/,
    ],
    ['a condition-less requirement', { policy: { requireSignoff: {} } }, /names no condition/],
    ['a non-boolean flag', { policy: { useCodeOwners: 'yes' } }, /useCodeOwners: expected true or false, got "yes"/],
    [
      'a malformed signer',
      { policy: { signers: ['not an email'] } },
      /signers\[0\]: expected an email or a GitHub @handle/,
    ],
    ['signers that are not a list', { policy: { signers: 'a@x' } }, /signers: expected an array of strings/],
    [
      'an unknown rule id',
      { policy: { review: { disabledRules: ['no-such-rule'] } } },
      /disabledRules\[0\]: unknown rule id/,
    ],
    [
      'an unknown threshold',
      { policy: { review: { thresholds: { bigLines: 3 } } } },
      /thresholds\.bigLines: unknown key/,
    ],
    [
      'a negative threshold',
      { policy: { review: { thresholds: { largeLines: -1 } } } },
      /largeLines: expected a whole number/,
    ],
    ['a policy that is not an object', { policy: [] }, /policy: expected an object, got an array/],
  ];
  for (const [what, value, message] of bad) {
    it(`rejects ${what} with a clear message`, () => {
      assert.throws(
        () => parse(value),
        (err: unknown) =>
          err instanceof PolicyError && message.test(err.message) && err.message.startsWith('.ai-provenance.json: '),
      );
    });
  }

  it('accepts analyser rule ids (sarif/<tool>[/<rule>]) in disabledRules, not look-alikes', () => {
    const ids = ['sarif/semgrep-oss', 'sarif/codeql/js/sql-injection'];
    assert.deepEqual(parse({ policy: { review: { disabledRules: ids } } })?.review?.disabledRules, ids);
    assert.throws(() => parse({ policy: { review: { disabledRules: ['sarif/'] } } }), /unknown rule id/);
    assert.throws(() => parse({ policy: { review: { disabledRules: ['sarif/Bad Tool'] } } }), /unknown rule id/);
  });

  it('rejects text that is not a JSON object', () => {
    assert.throws(() => parsePolicyFile('{ policy: 1 }'), /not valid JSON/);
    assert.throws(() => parsePolicyFile('[]'), /expected an object/);
    assert.throws(() => parsePolicyFile('x'.repeat(2 * 1024 * 1024)), /larger than 1 MiB/);
  });

  it('names the source in messages', () => {
    assert.throws(
      () => parsePolicyFile('{"policy":{"x":1}}', '.ai-provenance.json at origin/main'),
      /^PolicyError: \.ai-provenance\.json at origin\/main: policy\.x/,
    );
  });
});

import * as assert from 'node:assert/strict';
import { contentHash } from '../../../src/core/hash';
import {
  looksSecret,
  promptSummary,
  PROMPT_SUMMARY_MAX_CHARS,
  REDACTED,
  redactSecrets,
  secretKinds,
} from '../../../src/core/agents';

// Built by concatenation so this file itself does not look like it leaks credentials to secret scanners.
const AWS_ID = 'AKIA' + 'IOSFODNN7EXAMPLE';
const GH = 'ghp_' + 'a'.repeat(36);
const GH_FINE = 'github_pat_' + '11ABCDEFG0' + 'x'.repeat(70);
const OPENAI = 'sk-proj-' + 'Ab3'.repeat(16);
const ANTHROPIC = 'sk-ant-api03-' + 'Zx9_'.repeat(20) + 'AA';
const JWT =
  'eyJhbGciOiJIUzI1NiJ9' + '.' + 'eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.' + 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow' + 'IBAAKCAQEA'.repeat(5) + '\n-----END RSA PRIVATE KEY-----';
const SLACK = 'xoxb-' + '1234567890-abcdefghij';
const GOOGLE = 'AIza' + 'Sy'.repeat(17) + 'X';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';

describe('looksSecret / redactSecrets', () => {
  const cases: Array<[string, string]> = [
    ['aws-access-key-id', `key ${AWS_ID} here`],
    ['github-token', `token ${GH}`],
    ['github-token', GH_FINE],
    ['openai-key', `use ${OPENAI}`],
    ['anthropic-key', `ANTHROPIC_API_KEY ${ANTHROPIC}`],
    ['jwt', `Cookie: session=${JWT}`],
    ['private-key', `here:\n${PEM}\nthanks`],
    ['slack-token', SLACK],
    ['google-api-key', GOOGLE],
    ['stripe-key', STRIPE],
  ];
  for (const [kind, text] of cases) {
    it(`finds and removes ${kind}`, () => {
      assert.equal(looksSecret(text), true);
      assert.ok(secretKinds(text).includes(kind), `${secretKinds(text).join(',')} should include ${kind}`);
      const redacted = redactSecrets(text);
      assert.ok(redacted.includes(REDACTED));
      assert.equal(looksSecret(redacted), false, redacted);
    });
  }

  it('keeps the names of assignments, URL users and auth schemes', () => {
    assert.equal(
      redactSecrets('password=hunter22 and DB_PASSWORD: "s3cr3t pass"'),
      `password=${REDACTED} and DB_PASSWORD: ${REDACTED}`,
    );
    assert.equal(
      redactSecrets('git clone https://bob:pa55w0rd@example.com/r.git'),
      `git clone https://bob:${REDACTED}@example.com/r.git`,
    );
    assert.equal(
      redactSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123'),
      `Authorization: Bearer ${REDACTED}`,
    );
    assert.equal(redactSecrets(`{"api_key": "${OPENAI}"}`), `{"api_key": ${REDACTED}}`);
    assert.equal(
      redactSecrets('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
      `aws_secret_access_key = ${REDACTED}`,
    );
  });

  it('redacts an unterminated private key to the end of the text', () => {
    assert.equal(
      redactSecrets('before -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA'),
      `before ${REDACTED}`,
    );
  });

  it('leaves ordinary code and prose alone', () => {
    for (const text of [
      'Fix the tokenizer so it handles `password` fields in the form',
      'const hash = "9fceb02d0ae598e95dc970b74767f19372d61af8";',
      'id 123e4567-e89b-12d3-a456-426614174000 and risk-assessment-framework-overview',
      'the secret: is in the sauce',
    ]) {
      assert.equal(looksSecret(text), false, text);
      assert.equal(redactSecrets(text), text);
    }
  });

  it('returns quickly on hostile input (no catastrophic backtracking)', () => {
    const hostile =
      'password'.repeat(20_000) +
      '='.repeat(10) +
      ' ' +
      'a_'.repeat(50_000) +
      '-----BEGIN PRIVATE KEY-----'.repeat(2000);
    assert.equal(typeof redactSecrets(hostile), 'string');
    assert.equal(looksSecret('x'.repeat(200_000)), false);
  });

  it('treats non-strings as empty', () => {
    assert.equal(looksSecret(undefined as unknown as string), false);
    assert.equal(redactSecrets(null as unknown as string), '');
    assert.deepEqual(secretKinds(5 as unknown as string), []);
  });
});

describe('promptSummary', () => {
  const prompt = `Deploy with ${ANTHROPIC} please\nsecond line ${GH}`;

  it('none: records nothing', () => {
    assert.equal(promptSummary(prompt, 'none', contentHash), undefined);
  });

  it('hash: hashes the redacted prompt, so the hash does not depend on the secret', () => {
    const other = prompt.replace(ANTHROPIC, 'sk-ant-api03-' + 'Q'.repeat(90));
    assert.equal(promptSummary(prompt, 'hash', contentHash), promptSummary(other, 'hash', contentHash));
    assert.equal(promptSummary(prompt, 'hash', contentHash), contentHash(redactSecrets(prompt)));
    assert.notEqual(promptSummary(prompt, 'hash', contentHash), promptSummary('different', 'hash', contentHash));
  });

  it('hash: never returns a secret even from a hash function that echoes its input', () => {
    const summary = promptSummary(`key ${OPENAI}`, 'hash', (s) => s) ?? '';
    assert.equal(looksSecret(summary), false);
    assert.throws(
      () => promptSummary('x', 'hash', (() => 42) as unknown as (s: string) => string),
      /must return a string/,
    );
  });

  it('first-line: first non-blank line, redacted, cleaned and bounded', () => {
    assert.equal(promptSummary(prompt, 'first-line', contentHash), `Deploy with ${REDACTED} please`);
    assert.equal(
      promptSummary('\n\n   \n  Fix   the\tbug \u001b[31mnow\u001b[0m \nmore', 'first-line', contentHash),
      'Fix the bug [31mnow [0m',
    );
    const long = promptSummary('é'.repeat(500), 'first-line', contentHash) ?? '';
    assert.equal(Array.from(long).length, PROMPT_SUMMARY_MAX_CHARS + 1);
    assert.ok(long.endsWith('…'));
    assert.equal(
      promptSummary('😀'.repeat(200), 'first-line', contentHash)?.includes('\ud83d…'),
      false,
      'no broken surrogate',
    );
    assert.equal(promptSummary('', 'first-line', contentHash), '');
  });

  it('first-line: a multi-line private key collapses to one redaction', () => {
    assert.equal(promptSummary(`${PEM}\nuse this key`, 'first-line', contentHash), REDACTED);
  });

  it('rejects unknown modes and non-string prompts', () => {
    assert.throws(() => promptSummary('x', 'full' as 'none', contentHash), /unknown prompt summary mode/);
    assert.throws(() => promptSummary(7 as unknown as string, 'none', contentHash), /must be a string/);
  });
});

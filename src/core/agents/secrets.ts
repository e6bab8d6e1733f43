/**
 * Secret detection for text that may be stored (prompt summaries, session labels): API keys and tokens of the common
 * providers, JWTs, PEM private keys, credentials in URLs and `password=`-style assignments. Patterns are anchored on
 * distinctive prefixes to keep false positives low, and every quantifier is bounded or linear so hostile input cannot
 * make them backtrack. Generic "high entropy" strings are deliberately not matched: commit hashes and UUIDs would be.
 */

export const REDACTED = '[REDACTED]';

interface SecretPattern {
  readonly kind: string;
  readonly re: RegExp;
  /** Groups kept around the redaction (e.g. the `Bearer ` before a token); default: replace the whole match. */
  readonly keep?: (match: string, ...groups: string[]) => string;
}

const SECRET_PATTERNS: readonly SecretPattern[] = [
  // Unterminated blocks are redacted to the end of the text: a truncated key is still a key.
  {
    kind: 'private-key',
    re: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  { kind: 'aws-access-key-id', re: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
  { kind: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'gitlab-token', re: /\bglpat-[A-Za-z0-9_-]{20,255}/g },
  { kind: 'anthropic-key', re: /\bsk-ant-[A-Za-z0-9_-]{20,400}/g },
  { kind: 'openai-key', re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,400}/g },
  { kind: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,255}/g },
  { kind: 'slack-webhook', re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,255}/g },
  { kind: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'stripe-key', re: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,255}/g },
  { kind: 'npm-token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'huggingface-token', re: /\bhf_[A-Za-z0-9]{30,255}\b/g },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{0,4096}/g },
  {
    kind: 'auth-header',
    re: /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/-]{16,4096}=*/g,
    keep: (_m, scheme, space) => scheme + space + REDACTED,
  },
  {
    kind: 'url-credentials',
    re: /\b([a-z][a-z0-9+.-]{0,20}:\/\/[^\s:/@]{1,256}:)[^\s@/]{1,256}@/gi,
    keep: (_m, prefix) => prefix + REDACTED + '@',
  },
  {
    // `password=...`, `"api_key": "..."`, `AWS_SECRET_ACCESS_KEY: ...`: keep the name, drop the value. A value that
    // starts with `[` is skipped so an earlier pattern's `[REDACTED]` is not redacted twice.
    kind: 'assignment',
    // The lookbehind starts matches only at the beginning of a name, keeping long name-like runs linear.
    re: /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{0,40}(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]{0,40}["']?\s{0,8}[:=]\s{0,8})("[^"\n]{1,4096}"|'[^'\n]{1,4096}'|[^\s"',;)}\][][^\s"',;)}\]]{2,4095})/gi,
    keep: (_m, name) => name + REDACTED,
  },
];

/** True when `text` contains something that looks like a credential. */
export function looksSecret(text: string): boolean {
  if (typeof text !== 'string' || text === '') return false;
  return SECRET_PATTERNS.some(({ re }) => text.search(re) !== -1);
}

/** `text` with every credential-looking part replaced by `[REDACTED]` (assignment names and URL users are kept). */
export function redactSecrets(text: string): string {
  if (typeof text !== 'string') return '';
  let out = text;
  for (const { re, keep } of SECRET_PATTERNS) {
    out =
      keep === undefined ? out.replace(re, REDACTED) : out.replace(re, keep as (m: string, ...g: string[]) => string);
  }
  return out;
}

/** The kinds of secret found, for diagnostics that must not show the secret itself. */
export function secretKinds(text: string): string[] {
  if (typeof text !== 'string') return [];
  return SECRET_PATTERNS.filter(({ re }) => text.search(re) !== -1).map(({ kind }) => kind);
}

export type PromptSummaryMode = 'none' | 'hash' | 'first-line';

/** Longest `first-line` summary, in code points, before the ellipsis. */
export const PROMPT_SUMMARY_MAX_CHARS = 120;
const MAX_HASH_CHARS = 256;

/**
 * What to record about a prompt. `none`: nothing. `hash`: `hash` of the *redacted* prompt, so a stored hash cannot
 * confirm a guessed secret. `first-line`: the first non-blank line of the redacted prompt, control characters
 * removed, whitespace collapsed, at most PROMPT_SUMMARY_MAX_CHARS code points. Never returns a detected secret.
 */
export function promptSummary(
  prompt: string,
  mode: PromptSummaryMode,
  hash: (s: string) => string,
): string | undefined {
  if (typeof prompt !== 'string') throw new Error('prompt must be a string');
  switch (mode) {
    case 'none':
      return undefined;
    case 'hash': {
      const digest: unknown = hash(redactSecrets(prompt));
      if (typeof digest !== 'string') throw new Error('prompt hash function must return a string');
      // Defence in depth against a "hash" that echoes its input.
      return redactSecrets(digest).slice(0, MAX_HASH_CHARS);
    }
    case 'first-line':
      return firstLine(redactSecrets(prompt));
    default:
      throw new Error(
        `unknown prompt summary mode ${JSON.stringify(String(mode)).slice(0, 40)}; expected none, hash or first-line`,
      );
  }
}

function firstLine(text: string): string {
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw
      // eslint-disable-next-line no-control-regex -- stripping control characters (terminal escapes) is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (line === '') continue;
    const points = Array.from(line);
    const short =
      points.length > PROMPT_SUMMARY_MAX_CHARS
        ? points.slice(0, PROMPT_SUMMARY_MAX_CHARS).join('').trimEnd() + '…'
        : line;
    // Redaction already ran on the whole text; a second pass over the cut line is a cheap guard.
    return redactSecrets(short);
  }
  return '';
}

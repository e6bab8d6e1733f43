/** Secrets: provider tokens, private keys, JWTs, credentials in URLs and password-like assignments. Redacted in `why`. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import type { Severity } from '../types';
import { FindingSink, RuleFamily, RuleMeta } from './rule';

const SECRET: RuleMeta = {
  id: 'secret',
  claims: { languages: 'any', kinds: ['source', 'config'] },
  category: 'secrets',
  title: 'Secret or credential in the change',
  whatToDo:
    'Revoke and rotate the credential now (it is in git history), then load it from the environment or a secret store.',
};

interface SecretPattern {
  readonly re: RegExp;
  readonly label: string;
  readonly severity: Severity;
  /** Capture group holding the secret value, for placeholder checks and redaction; 0 = whole match. */
  readonly group: number;
}

// Name parts are bounded ({0,40}) so a long run of word characters cannot make the search quadratic.
const PATTERNS: readonly SecretPattern[] = [
  { re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/, label: 'AWS access key id', severity: 'high', group: 0 },
  {
    re: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})\b/i,
    label: 'AWS secret access key',
    severity: 'high',
    group: 1,
  },
  {
    re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{50,}/,
    label: 'GitHub token',
    severity: 'high',
    group: 0,
  },
  { re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, label: 'Slack token', severity: 'high', group: 0 },
  {
    re: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/,
    label: 'Slack webhook URL',
    severity: 'high',
    group: 0,
  },
  { re: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/, label: 'private key', severity: 'high', group: 0 },
  { re: /\b[sr]k_live_[A-Za-z0-9]{16,}/, label: 'Stripe live key', severity: 'high', group: 0 },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/, label: 'Google API key', severity: 'high', group: 0 },
  { re: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}/, label: 'AI provider API key', severity: 'high', group: 0 },
  {
    re: /\bnpm_[A-Za-z0-9]{36}\b|\bpypi-[A-Za-z0-9_-]{50,}/,
    label: 'package registry token',
    severity: 'high',
    group: 0,
  },
  {
    re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
    label: 'JSON Web Token',
    severity: 'medium',
    group: 0,
  },
  {
    re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]+:([^\s@/'"`]{3,})@[^\s'"`]+/i,
    label: 'password in a URL',
    severity: 'high',
    group: 1,
  },
  {
    re: /\b\w{0,40}(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key)\w{0,40}["']?\s*(?::=|[:=]=?|=>)\s*@?["']([^"'\s]{6,})["']/i,
    label: 'hard-coded credential',
    severity: 'medium',
    group: 1,
  },
  {
    re: /^\s*(?:export\s+)?[\w.-]{0,40}(?:password|passwd|secret|api[_-]?key|token)[\w.-]{0,40}\s*[:=]\s*([^\s"'#${}<>]{8,})\s*$/i,
    label: 'hard-coded credential',
    severity: 'medium',
    group: 1,
  },
];

/** Values that are clearly not real secrets: templates, env lookups, placeholders, repeated characters. */
const PLACEHOLDER =
  /^\$|\$\{|\{\{|^<.*>$|^%|x{4,}|\*{3,}|changeme|change_me|example|dummy|fake|placeholder|redacted|your[-_]|sample|^test|^secret$|^password$|process\.env|os\.environ|getenv|^(?:bearer|basic|token|none|null)$/i;
/** Names with separators ("my-secret-name", "DB_PASSWORD") refer to secrets; they are not secrets. */
const IDENTIFIER = /^[a-z]+(?:[-_.][a-z]+)+$|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;
const CHEAP =
  /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|gh[pousr]_|github_pat|xox|hooks\.slack|PRIVATE KEY|_live_|AIza|sk-|npm_|pypi-|eyJ|:\/\/|pass|pwd|secret|key|token/i;

export const secretRules: RuleFamily = {
  name: 'secrets',
  rules: [SECRET],
  triggers: [
    'akia',
    'asia',
    'agpa',
    'aida',
    'aroa',
    'anpa',
    'ghp_',
    'gho_',
    'ghu_',
    'ghs_',
    'ghr_',
    'github_pat',
    'xox',
    'hooks.slack',
    'private key',
    '_live_',
    'aiza',
    'sk-',
    'npm_',
    'pypi-',
    'eyj',
    '://',
    'pass',
    'pwd',
    'secret',
    'key',
    'token',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.cls.lockfile || file.diff.binary) continue;
      for (const l of file.added) {
        if (!sink.mayMatch(l) || !CHEAP.test(l.text)) continue;
        for (const p of PATTERNS) {
          if (p === PATTERNS[PATTERNS.length - 1] && !/yaml|toml|shell|other|hcl|dockerfile/.test(file.cls.language))
            continue;
          const m = p.re.exec(l.text);
          if (!m) continue;
          const value = m[p.group] ?? m[0];
          if (p.group > 0 && (PLACEHOLDER.test(value) || IDENTIFIER.test(value) || /^(.)\1+$/.test(value))) continue;
          // Documentation shows example requests (`client_secret=demo-secret`): only real token formats count there.
          if (p.group > 0 && file.cls.docs) continue;
          // Tests and fixtures pass stand-ins ('foobar', 'sk-test', 'test-key'); a random-looking one may be real.
          if (p.group > 0 && file.cls.test && !randomLooking(value)) continue;
          report(sink, file, l, p, value);
          break;
        }
      }
    }
  },
};

/** Words test stand-ins are made of; a value holding one is a name for a key, not a key. */
const STAND_IN = /test|fake|mock|stub|dummy|foo|bar|baz|qux|example|sample|secret|passw|token|key|abc|xyz|123|demo/i;

/**
 * Whether a credential-shaped value looks generated rather than typed: 16 characters or more, letters and digits
 * mixed, no stand-in word, and at least 10 distinct characters (an API key, not 'aaaa1111bbbb2222').
 */
function randomLooking(value: string): boolean {
  return (
    value.length >= 16 &&
    /[A-Za-z]/.test(value) &&
    /\d/.test(value) &&
    !STAND_IN.test(value) &&
    new Set(value).size >= 10
  );
}

function report(sink: FindingSink, file: ChangeFile, l: ChangeLine, p: SecretPattern, value: string): void {
  // Fixtures in tests are often fake, but a real key there leaks just the same: one step lower, never dismissed.
  const severity: Severity = file.cls.test || file.cls.docs ? (p.severity === 'high' ? 'medium' : 'low') : p.severity;
  sink.line(SECRET, file, l, 'new', severity, `added ${p.label} ${redact(value)}`);
}

/** Shows enough to find the value, never enough to use it. */
export function redact(value: string): string {
  const head = value.length > 12 ? value.slice(0, 4) : value.slice(0, 1);
  return `"${head}…" (${value.length} chars)`;
}

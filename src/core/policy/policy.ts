/**
 * The repository policy: `.ai-provenance.json` at the repository root, key `policy`. Read from the BASE of the
 * checked range, so a branch cannot relax the policy it is checked against. Validation is strict: an unknown key
 * or a value out of range is an error that names the key, so a typo never silently disables a requirement.
 */
import { DEFAULT_THRESHOLDS, ruleById, type Thresholds, type Tier } from '../review';
import { TIERS } from './signoff';

export const POLICY_FILE = '.ai-provenance.json';
const POLICY_KEY = 'policy';

export interface SignoffRequirement {
  /** Required for every change. */
  readonly always: boolean;
  /** Required when the AI share of added lines is above this (0..1). */
  readonly aiShareAbove?: number;
  /** Required from this tier up. */
  readonly tierAtLeast?: Tier;
}

export interface ReviewSettings {
  /** Replace the default critical-path globs. */
  readonly criticalPaths?: readonly string[];
  readonly disabledRules?: readonly string[];
  readonly thresholds?: Partial<Thresholds>;
}

export interface Policy {
  /** When a sign-off is required; absent: never. */
  readonly requireSignoff?: SignoffRequirement;
  /** Who may sign off: emails, or GitHub `@user` handles (matched to their noreply emails). Empty: anyone. */
  readonly signers: readonly string[];
  /** Code owners of the changed files may sign off too (CODEOWNERS read from the base). */
  readonly useCodeOwners: boolean;
  /** Every AI hunk must be marked reviewed in an accepted sign-off. */
  readonly requireAllAiHunksReviewed: boolean;
  /** Fail outright above this AI share of added lines (0..1). */
  readonly maxAiShare?: number;
  readonly review?: ReviewSettings;
}

export class PolicyError extends Error {
  constructor(
    readonly where: string,
    problem: string,
    source = POLICY_FILE,
  ) {
    super(`${source}: ${where}: ${problem}`);
    this.name = 'PolicyError';
  }
}

type Json = Record<string, unknown>;

const POLICY_KEYS = [
  'requireSignoff',
  'signers',
  'useCodeOwners',
  'requireAllAiHunksReviewed',
  'maxAiShare',
  'review',
] as const;
const SIGNOFF_KEYS = ['always', 'aiShareAbove', 'tierAtLeast'] as const;
const REVIEW_KEYS = ['criticalPaths', 'disabledRules', 'thresholds'] as const;
/** An ingested analyser's rules (`sarif/<tool>` or `sarif/<tool>/<rule>`, see sarifInput.ts): not ours to know in advance. */
const ANALYZER_RULE = /^sarif\/[a-z0-9][a-z0-9._-]{0,99}(?:\/\S{1,300})?$/;
const SIGNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?|[^\s@<>"]{1,64}@[^\s@<>"]{1,190})$/;

class Checker {
  constructor(readonly source: string) {}

  fail(where: string, problem: string): never {
    throw new PolicyError(where, problem, this.source);
  }

  object(value: unknown, where: string, keys: readonly string[]): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(where, `expected an object, got ${describe(value)}`);
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        const near = closest(key, keys);
        this.fail(
          `${where}.${key}`,
          `unknown key${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${keys.join(', ')}`,
        );
      }
    }
    return value as Json;
  }

  boolean(value: unknown, where: string): boolean {
    if (typeof value !== 'boolean') this.fail(where, `expected true or false, got ${describe(value)}`);
    return value;
  }

  share(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      this.fail(where, `expected a share between 0 and 1 (e.g. 0.3 for 30%), got ${describe(value)}`);
    }
    return value;
  }

  strings(value: unknown, where: string, max: number, check: (s: string) => string | undefined): string[] {
    if (!Array.isArray(value)) this.fail(where, `expected an array of strings, got ${describe(value)}`);
    if (value.length > max) this.fail(where, `more than ${max} entries`);
    return value.map((item, i) => {
      if (typeof item !== 'string') this.fail(`${where}[${i}]`, `expected a string, got ${describe(item)}`);
      const problem = check(item);
      if (problem) this.fail(`${where}[${i}]`, problem);
      return item;
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return typeof value === 'object' ? 'an object' : String(value);
}

/** Edit distance <= 2 (case-insensitive), for "did you mean". */
function closest(key: string, keys: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const k of keys) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
}

function signoffRequirement(c: Checker, value: unknown): SignoffRequirement | undefined {
  const where = 'policy.requireSignoff';
  if (value === true) return { always: true };
  if (value === false) return undefined;
  const o = c.object(value, where, SIGNOFF_KEYS);
  const always = o.always === undefined ? false : c.boolean(o.always, `${where}.always`);
  const aiShareAbove = o.aiShareAbove === undefined ? undefined : c.share(o.aiShareAbove, `${where}.aiShareAbove`);
  let tierAtLeast: Tier | undefined;
  if (o.tierAtLeast !== undefined) {
    if (!TIERS.includes(o.tierAtLeast as Tier))
      c.fail(`${where}.tierAtLeast`, `expected one of ${TIERS.join(', ')}, got ${describe(o.tierAtLeast)}`);
    tierAtLeast = o.tierAtLeast as Tier;
  }
  if (!always && aiShareAbove === undefined && tierAtLeast === undefined) {
    c.fail(
      where,
      'names no condition: give aiShareAbove and/or tierAtLeast, or write true to always require a sign-off',
    );
  }
  return { always, ...(aiShareAbove !== undefined ? { aiShareAbove } : {}), ...(tierAtLeast ? { tierAtLeast } : {}) };
}

function reviewSettings(c: Checker, value: unknown): ReviewSettings {
  const where = 'policy.review';
  const o = c.object(value, where, REVIEW_KEYS);
  const out: { -readonly [K in keyof ReviewSettings]: ReviewSettings[K] } = {};
  if (o.criticalPaths !== undefined) {
    out.criticalPaths = c.strings(o.criticalPaths, `${where}.criticalPaths`, 500, (s) =>
      s.trim() === '' || s.length > 500 ? 'expected a non-empty glob of at most 500 characters' : undefined,
    );
  }
  if (o.disabledRules !== undefined) {
    out.disabledRules = c.strings(o.disabledRules, `${where}.disabledRules`, 500, (s) =>
      ruleById(s) || ANALYZER_RULE.test(s) ? undefined : `unknown rule id ${describe(s)}`,
    );
  }
  if (o.thresholds !== undefined) {
    const keys = Object.keys(DEFAULT_THRESHOLDS);
    const t = c.object(o.thresholds, `${where}.thresholds`, keys);
    const thresholds: Record<string, number> = {};
    for (const [key, v] of Object.entries(t)) {
      const at = `${where}.thresholds.${key}`;
      if (key === 'aiShareHigh') thresholds[key] = c.share(v, at);
      else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000_000)
        c.fail(at, `expected a whole number >= 0, got ${describe(v)}`);
      else thresholds[key] = v;
    }
    out.thresholds = thresholds as Partial<Thresholds>;
  }
  return out;
}

/**
 * Parses the policy file's text. Returns undefined when the file has no `policy` key (other top-level keys belong
 * to other features and are left alone). Throws PolicyError naming the offending key.
 */
export function parsePolicyFile(text: string, source = POLICY_FILE): Policy | undefined {
  const c = new Checker(source);
  if (text.length > 1024 * 1024) c.fail('$', 'file larger than 1 MiB');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    c.fail('$', `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    c.fail('$', `expected an object, got ${describe(value)}`);
  const top = value as Json;
  if (!Object.prototype.hasOwnProperty.call(top, POLICY_KEY)) {
    const near = Object.keys(top).find((k) => closest(k, [POLICY_KEY]));
    if (near) c.fail(near, `unknown key (did you mean "${POLICY_KEY}"?)`);
    return undefined;
  }
  return parsePolicy(top[POLICY_KEY], c);
}

function parsePolicy(value: unknown, c: Checker): Policy {
  const o = c.object(value, POLICY_KEY, POLICY_KEYS);
  const requireSignoff = o.requireSignoff === undefined ? undefined : signoffRequirement(c, o.requireSignoff);
  const signers =
    o.signers === undefined
      ? []
      : c.strings(o.signers, 'policy.signers', 1000, (s) =>
          SIGNER.test(s) ? undefined : `expected an email or a GitHub @handle, got ${describe(s)}`,
        );
  return {
    ...(requireSignoff ? { requireSignoff } : {}),
    signers,
    useCodeOwners: o.useCodeOwners === undefined ? false : c.boolean(o.useCodeOwners, 'policy.useCodeOwners'),
    requireAllAiHunksReviewed:
      o.requireAllAiHunksReviewed === undefined
        ? false
        : c.boolean(o.requireAllAiHunksReviewed, 'policy.requireAllAiHunksReviewed'),
    ...(o.maxAiShare !== undefined ? { maxAiShare: c.share(o.maxAiShare, 'policy.maxAiShare') } : {}),
    ...(o.review !== undefined ? { review: reviewSettings(c, o.review) } : {}),
  };
}

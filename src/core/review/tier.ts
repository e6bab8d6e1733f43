/**
 * Blast radius: a sign-off tier T0-T3 from size, critical paths, irreversible operations, share of AI lines and the
 * findings, with the reasons that led to it (Kamei et al. TSE 2013; Meta Diff Risk Score; reference scheme).
 */
import type { Change } from './model/change';
import { ownersOf } from './model/codeowners';
import type { Finding } from './types';

export type Tier = 'T0' | 'T1' | 'T2' | 'T3';

export interface BlastRadius {
  readonly tier: Tier;
  /** Each reason starts with the tier it calls for, highest first, e.g. "T3: touches auth path src/auth/login.ts". */
  readonly reasons: readonly string[];
  /** CODEOWNERS owners of the changed files (empty without CODEOWNERS). */
  readonly owners: readonly string[];
  /** What sign-off the tier asks for. */
  readonly signOff: string;
}

export const SIGN_OFF: Readonly<Record<Tier, string>> = {
  T0: 'normal review',
  T1: 'peer review plus the triggered checklist items',
  T2: 'code owner review plus a completed checklist',
  T3: 'senior sign-off; the author explains the riskiest hunks without the AI; tests that fail before and pass after',
};

const T3_RULES = new Set(['destructive-operation', 'migration-changed', 'ownership-changed', 'agent-config-changed', 'secret', 'auth-check-removed']);
/** Signals that block on their own when high: they are rarely wrong and costly when missed. */
const BLOCKERS = new Set(['hidden-characters', 'tls-verification-off', 'dependency-typosquat', 'auth-weakened', 'test-special-case']);
const T2_RULES = new Set(['new-dependency', 'dependency-typosquat', 'dependency-source', 'ci-changed', 'ci-risky-step', 'assertion-weakened', 'test-skipped', 'test-deleted', 'test-special-case', 'infra-exposure']);
const MAX_REASONS = 40;

export function blastRadius(change: Change, findings: readonly Finding[]): BlastRadius {
  const t = change.options.thresholds;
  const reasons: [Tier, string][] = [];
  const add = (tier: Tier, reason: string): void => {
    reasons.push([tier, reason]);
  };

  for (const f of change.files) {
    if (f.critical.length > 0) add('T3', `touches ${f.critical.join('/')} path ${f.path}`);
  }
  const seen = new Set<string>();
  for (const f of findings) {
    const tier = findingTier(f);
    if (!tier) continue;
    const key = `${tier}|${f.ruleId}|${f.file ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = f.file ? ` in ${f.file}${f.range ? `:${f.range.start}` : ''}` : '';
    const ai = f.inAi && f.severity === 'high' && !T3_RULES.has(f.ruleId) && !BLOCKERS.has(f.ruleId) ? 'high-severity signal in AI-written lines: ' : '';
    add(tier, `${ai}${f.title}${where}`);
  }

  const { reviewLines, files, aiLines, additions } = change.stats;
  if (reviewLines > t.largeLines) add('T2', `${reviewLines} changed lines (over ${t.largeLines})`);
  else if (reviewLines > t.t1Lines) add('T1', `${reviewLines} changed lines (over ${t.t1Lines})`);
  if (files > t.manyFiles) add('T2', `${files} files (over ${t.manyFiles})`);
  if (change.diff.truncated) add('T2', 'the diff was truncated by parser limits: part of the change was not checked');
  if (aiLines > 0) {
    const share = additions > 0 ? aiLines / additions : 0;
    const pct = `${Math.round(share * 100)}% of added lines AI-written`;
    if (share >= t.aiShareHigh && aiLines >= t.aiLinesMin) add('T2', pct);
    else add('T1', pct);
  }

  const owners = collectOwners(change);
  let tier: Tier = 'T0';
  for (const [r] of reasons) if (r > tier) tier = r;
  if (owners.length > 0 && tier >= 'T2') add(tier, `sign-off from code owners: ${owners.join(' ')}`);
  const sorted = reasons
    .map(([r, text], i) => ({ r, text, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r < b.r ? 1 : -1))
    .map((x) => `${x.r}: ${x.text}`);
  const unique = [...new Set(sorted)];
  const shown = unique.length > MAX_REASONS ? [...unique.slice(0, MAX_REASONS - 1), `... and ${unique.length - MAX_REASONS + 1} more reasons`] : unique;
  return {
    tier,
    reasons: shown.length > 0 ? shown : ['T0: small change with no risk signals'],
    owners,
    signOff: SIGN_OFF[tier],
  };
}

/** The tier one finding calls for, or null. Critical paths are counted per file above, not per finding. */
function findingTier(f: Finding): Tier | null {
  if (f.ruleId === 'critical-path-touched') return null;
  if (T3_RULES.has(f.ruleId)) return f.ruleId === 'destructive-operation' && f.severity !== 'high' ? 'T2' : 'T3';
  if (f.severity === 'high' && (f.inAi || BLOCKERS.has(f.ruleId))) return 'T3';
  // A weakened assertion alone is routine (about 5% of test edits); it counts once combined with a code change.
  if (f.ruleId === 'assertion-weakened' && f.severity === 'low') return 'T1';
  if (T2_RULES.has(f.ruleId) || f.severity === 'high') return 'T2';
  if (f.severity === 'medium') return 'T1';
  return null;
}

function collectOwners(change: Change): string[] {
  if (change.codeowners.length === 0) return [];
  const owners = new Set<string>();
  for (const f of change.files) {
    for (const p of [f.diff.oldPath, f.diff.newPath]) {
      if (p) for (const o of ownersOf(change.codeowners, p)) owners.add(o);
    }
  }
  return [...owners].sort();
}

/**
 * Decides whether a branch meets the policy: AI share, sign-off requirement, who signed and whether every AI hunk
 * was reviewed. Sign-offs on the head commit count; a sign-off on an older commit (or a note copied by a rebase)
 * still counts when it covers every current AI hunk at the current tier, so a human-only fix-up needs no re-review.
 */
import type { Tier } from '../review';
import { reviewerKey } from './identity';
import type { Policy } from './policy';
import { TIERS, type SignoffEntry } from './signoff';

export interface SignoffFound {
  /** The commit whose note held the entry. */
  readonly commit: string;
  readonly entry: SignoffEntry;
}

export interface HunkRef {
  readonly key: string;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface PolicyFacts {
  readonly head: string;
  /** AI share of added lines (0..1). */
  readonly share: number;
  readonly tier: Tier;
  readonly aiHunks: readonly HunkRef[];
  /** CODEOWNERS owners of the changed files. */
  readonly owners: readonly string[];
  readonly signoffs: readonly SignoffFound[];
}

export type SignoffStatus = 'current' | 'carried' | 'stale';

export interface JudgedSignoff extends SignoffFound {
  readonly status: SignoffStatus;
  /** The signer is allowed by the policy. */
  readonly eligible: boolean;
  /** Counts towards the policy: not stale and eligible. */
  readonly accepted: boolean;
  readonly why: string;
}

export interface PolicyOutcome {
  readonly pass: boolean;
  readonly signoffRequired: boolean;
  /** Why a sign-off is required (empty when it is not). */
  readonly requiredBecause: readonly string[];
  /** What is not met, each a full sentence with what to do. */
  readonly failures: readonly string[];
  /** What is met. */
  readonly satisfied: readonly string[];
  readonly signoffs: readonly JudgedSignoff[];
  readonly reviewedAiHunks: number;
  readonly unreviewedAiHunks: readonly HunkRef[];
}

function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** Whether `email` is the signer `allowed` names: an email, or a GitHub `@user` through its noreply addresses. */
export function signerMatches(allowed: string, email: string): boolean {
  const e = reviewerKey(email);
  if (!allowed.startsWith('@')) return reviewerKey(allowed) === e;
  const handle = allowed.slice(1).toLowerCase();
  if (handle.includes('/')) return false; // a team: membership cannot be checked offline
  const noreply = '@users.noreply.github.com';
  if (!e.endsWith(noreply)) return false;
  const local = e.slice(0, -noreply.length);
  return local === handle || new RegExp(`^\\d+\\+${handle.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}$`).test(local);
}

function eligibility(
  policy: Policy | undefined,
  owners: readonly string[],
  email: string,
): { eligible: boolean; why: string } {
  const allowed = [...(policy?.signers ?? []), ...(policy?.useCodeOwners ? owners : [])];
  if (allowed.length === 0) return { eligible: true, why: 'the policy does not restrict signers' };
  const match = allowed.find((a) => signerMatches(a, email));
  return match ? { eligible: true, why: `allowed as ${match}` } : { eligible: false, why: 'not an allowed signer' };
}

/** Each sign-off found, with whether it applies to the current head and whether its signer may sign. */
export function judgeSignoffs(policy: Policy | undefined, facts: PolicyFacts): JudgedSignoff[] {
  return facts.signoffs.map((found) => {
    const { entry } = found;
    const { eligible, why: whoWhy } = eligibility(policy, facts.owners, entry.reviewer.email);
    let status: SignoffStatus;
    let why: string;
    if (entry.head === facts.head) {
      status = 'current';
      why = 'signed the current head';
    } else {
      const reviewed = new Set(entry.aiHunks.reviewed);
      const missing = facts.aiHunks.filter((h) => !reviewed.has(h.key)).length;
      if (missing > 0) {
        status = 'stale';
        why = `signed ${entry.head.slice(0, 12)}; ${missing} AI hunk(s) are new or changed since`;
      } else if (tierRank(entry.tier) < tierRank(facts.tier)) {
        status = 'stale';
        why = `signed ${entry.head.slice(0, 12)} at ${entry.tier}; the change is ${facts.tier} now`;
      } else {
        status = 'carried';
        why = `signed ${entry.head.slice(0, 12)}; still covers every AI hunk at ${facts.tier}`;
      }
    }
    return {
      ...found,
      status,
      eligible,
      accepted: eligible && status !== 'stale',
      why: eligible ? why : `${why}; ${whoWhy}`,
    };
  });
}

function signoffReasons(policy: Policy, facts: PolicyFacts): string[] {
  const req = policy.requireSignoff;
  if (!req) return [];
  const reasons: string[] = [];
  if (req.always) reasons.push('the policy requires a sign-off for every change');
  if (req.aiShareAbove !== undefined && facts.share > req.aiShareAbove)
    reasons.push(`AI share ${pct(facts.share)} is above ${pct(req.aiShareAbove)}`);
  if (req.tierAtLeast && tierRank(facts.tier) >= tierRank(req.tierAtLeast))
    reasons.push(`tier ${facts.tier} is at or above ${req.tierAtLeast}`);
  return reasons;
}

export function evaluatePolicy(policy: Policy, facts: PolicyFacts): PolicyOutcome {
  const failures: string[] = [];
  const satisfied: string[] = [];
  const signoffs = judgeSignoffs(policy, facts);
  const accepted = signoffs.filter((s) => s.accepted);

  if (policy.maxAiShare !== undefined) {
    if (facts.share > policy.maxAiShare)
      failures.push(
        `AI share of added lines is ${pct(facts.share)}, above the policy's maximum of ${pct(policy.maxAiShare)}.`,
      );
    else satisfied.push(`AI share ${pct(facts.share)} is within the maximum of ${pct(policy.maxAiShare)}.`);
  }

  const requiredBecause = signoffReasons(policy, facts);
  if (requiredBecause.length > 0) {
    if (accepted.length > 0) {
      satisfied.push(
        `Sign-off required (${requiredBecause.join('; ')}) and given by ${accepted.map((s) => s.entry.reviewer.email).join(', ')}.`,
      );
    } else {
      const others =
        signoffs.length > 0
          ? ` Sign-offs found but not accepted: ${signoffs.map((s) => `${s.entry.reviewer.email} (${s.why})`).join('; ')}.`
          : '';
      const who = allowedSigners(policy, facts.owners);
      failures.push(
        `A sign-off is required (${requiredBecause.join('; ')}) but none is accepted.${others} ` +
          `${who} reviews the change and runs \`ai-provenance signoff\`, then pushes refs/notes/ai-provenance-signoff.`,
      );
    }
  }

  const reviewedKeys = new Set(accepted.flatMap((s) => s.entry.aiHunks.reviewed));
  const unreviewed = facts.aiHunks.filter((h) => !reviewedKeys.has(h.key));
  if (policy.requireAllAiHunksReviewed) {
    if (unreviewed.length === 0) {
      satisfied.push(`All ${facts.aiHunks.length} AI hunk(s) reviewed.`);
    } else {
      const list = unreviewed
        .slice(0, 10)
        .map((h) => `${h.path}:${h.startLine}-${h.endLine}`)
        .join(', ');
      const more = unreviewed.length > 10 ? ` and ${unreviewed.length - 10} more` : '';
      failures.push(
        `${unreviewed.length} of ${facts.aiHunks.length} AI hunk(s) have no review in an accepted sign-off: ${list}${more}. ` +
          'Mark them reviewed (VS Code review view) and sign off again.',
      );
    }
  }
  return {
    pass: failures.length === 0,
    signoffRequired: requiredBecause.length > 0,
    requiredBecause,
    failures,
    satisfied,
    signoffs,
    reviewedAiHunks: facts.aiHunks.length - unreviewed.length,
    unreviewedAiHunks: unreviewed,
  };
}

function allowedSigners(policy: Policy, owners: readonly string[]): string {
  const names = [...policy.signers, ...(policy.useCodeOwners ? owners : [])];
  if (names.length === 0) return 'A reviewer';
  const shown = names.slice(0, 8).join(', ');
  return `One of ${shown}${names.length > 8 ? ` (+${names.length - 8} more)` : ''}`;
}

/**
 * Sign-off records: a note on a branch's head commit (refs/notes/ai-provenance-signoff) listing who signed off,
 * at which tier, with which checklist items confirmed and which AI hunks reviewed. One entry per reviewer; notes
 * come from other clones, so parsing is strict and bounded.
 */
import type { Tier } from '../review';
import { emailProblem, nameProblem, reviewerKey, type Reviewer } from './identity';
import { isHunkKey } from './hunks';

export const SIGNOFF_VERSION = 1;
export const SIGNOFF_LIMITS = {
  maxChars: 4 * 1024 * 1024,
  maxEntries: 50,
  maxHunks: 100_000,
  maxChecklist: 200,
} as const;
export const TIERS: readonly Tier[] = ['T0', 'T1', 'T2', 'T3'];

export interface ChecklistState {
  readonly id: string;
  readonly status: 'triggered' | 'folded';
  /** The reviewer confirmed the item. */
  readonly checked: boolean;
}

export interface SignoffEntry {
  readonly reviewer: Reviewer;
  /** RFC 3339. */
  readonly time: string;
  /** The commit the reviewer looked at, and the merge base it was compared with. */
  readonly head: string;
  readonly base: string;
  readonly tier: Tier;
  readonly checklist: readonly ChecklistState[];
  /** AI hunks of the branch when signing, and the keys of those the reviewer marked reviewed. */
  readonly aiHunks: { readonly total: number; readonly reviewed: readonly string[] };
}

export interface SignoffNote {
  readonly version: typeof SIGNOFF_VERSION;
  readonly signoffs: readonly SignoffEntry[];
}

export class SignoffParseError extends Error {
  constructor(where: string, problem: string) {
    super(`invalid sign-off note at ${where}: ${problem}`);
    this.name = 'SignoffParseError';
  }
}

type Json = Record<string, unknown>;

function fail(where: string, problem: string): never {
  throw new SignoffParseError(where, problem);
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'expected an object');
  return value as Json;
}

function array(value: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(where, 'expected an array');
  if (value.length > max) fail(where, `more than ${max} entries`);
  return value;
}

function commitId(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value))
    fail(where, 'expected a full commit id');
  return value;
}

function entry(value: unknown, where: string): SignoffEntry {
  const e = object(value, where);
  const r = object(e.reviewer, `${where}.reviewer`);
  const nameIssue = nameProblem(r.name);
  if (nameIssue) fail(`${where}.reviewer.name`, nameIssue);
  const emailIssue = emailProblem(r.email);
  if (emailIssue) fail(`${where}.reviewer.email`, emailIssue);
  if (typeof e.time !== 'string' || e.time.length > 40 || !Number.isFinite(Date.parse(e.time)))
    fail(`${where}.time`, 'expected a date-time');
  if (!TIERS.includes(e.tier as Tier)) fail(`${where}.tier`, `expected one of ${TIERS.join(', ')}`);
  const checklist = array(e.checklist, `${where}.checklist`, SIGNOFF_LIMITS.maxChecklist).map((raw, i) => {
    const at = `${where}.checklist[${i}]`;
    const c = object(raw, at);
    if (typeof c.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(c.id))
      fail(`${at}.id`, 'expected a checklist item id');
    if (c.status !== 'triggered' && c.status !== 'folded') fail(`${at}.status`, 'expected "triggered" or "folded"');
    if (typeof c.checked !== 'boolean') fail(`${at}.checked`, 'expected a boolean');
    return { id: c.id, status: c.status, checked: c.checked } as ChecklistState;
  });
  const h = object(e.aiHunks, `${where}.aiHunks`);
  if (typeof h.total !== 'number' || !Number.isInteger(h.total) || h.total < 0 || h.total > SIGNOFF_LIMITS.maxHunks)
    fail(`${where}.aiHunks.total`, 'expected a count');
  const reviewed = array(h.reviewed, `${where}.aiHunks.reviewed`, SIGNOFF_LIMITS.maxHunks).map((k, i) => {
    if (!isHunkKey(k)) fail(`${where}.aiHunks.reviewed[${i}]`, 'expected a hunk key');
    return k;
  });
  return {
    reviewer: { name: (r.name as string).trim(), email: (r.email as string).trim() },
    time: e.time,
    head: commitId(e.head, `${where}.head`),
    base: commitId(e.base, `${where}.base`),
    tier: e.tier as Tier,
    checklist,
    aiHunks: { total: h.total, reviewed: [...new Set(reviewed)] },
  };
}

/** Parses a sign-off note (JSON text). Throws SignoffParseError naming the first problem. */
export function parseSignoffNote(text: string): SignoffNote {
  if (text.length > SIGNOFF_LIMITS.maxChars) fail('$', `longer than ${SIGNOFF_LIMITS.maxChars} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    fail('$', `not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const n = object(value, '$');
  if (n.version !== SIGNOFF_VERSION) fail('version', `unsupported version (expected ${SIGNOFF_VERSION})`);
  const signoffs = array(n.signoffs, 'signoffs', SIGNOFF_LIMITS.maxEntries).map((e, i) => entry(e, `signoffs[${i}]`));
  return { version: SIGNOFF_VERSION, signoffs };
}

/** Canonical JSON; validates first so whatever is written reads back. */
export function serializeSignoffNote(note: SignoffNote): string {
  const checked = parseSignoffNote(JSON.stringify(note));
  return JSON.stringify(checked, null, 1) + '\n';
}

/** `note` with `signoff` added, replacing the same reviewer's earlier entry (the newest entries are kept). */
export function upsertSignoff(note: SignoffNote | undefined, signoff: SignoffEntry): SignoffNote {
  const key = reviewerKey(signoff.reviewer.email);
  const others = (note?.signoffs ?? []).filter((s) => reviewerKey(s.reviewer.email) !== key);
  return { version: SIGNOFF_VERSION, signoffs: [...others, signoff].slice(-SIGNOFF_LIMITS.maxEntries) };
}

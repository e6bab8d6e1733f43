/** Shared builders for policy tests. */
import { hunkKey, type SignoffEntry } from '../../../src/core/policy';

/** A valid sign-off entry with `overrides`. */
export function entry(overrides: Partial<SignoffEntry> = {}): SignoffEntry {
  return {
    reviewer: { name: 'Rita Reviewer', email: 'rita@example.com' },
    time: '2026-01-02T03:04:05.000Z',
    head: 'a'.repeat(40),
    base: 'b'.repeat(40),
    tier: 'T2',
    checklist: [{ id: 'tests', status: 'triggered', checked: true }],
    aiHunks: { total: 2, reviewed: [hunkKey('a.ts', ['x'])] },
    ...overrides,
  };
}

/**
 * Critical paths by path: only files whose very kind is sensitive (key material, environment files, schema
 * migrations). Words in a path say little (`session/` may hold chat transcripts, `login/` a marketing page): what
 * the code does decides the rest (see surface.ts). Projects add their own globs in `.ai-provenance.json`
 * (`policy.review.criticalPaths`), which replace these.
 */
import type { CriticalPath } from '../types';
import { globToRegExp } from './glob';

export const DEFAULT_CRITICAL_PATHS: readonly CriticalPath[] = [
  ...['*.pem', '*.key', '*.p12', '*.pfx', 'id_rsa', 'id_ed25519'].map((glob) => ({ glob, label: 'crypto' })),
  ...['.env', '.env.*'].map((glob) => ({ glob, label: 'secrets' })),
  ...['migrations/', 'migrate/', 'alembic/', 'db/schema.*', 'schema.sql', 'V[0-9]*__*.sql'].map((glob) => ({
    glob,
    label: 'migrations',
  })),
];

const resolved = new WeakMap<readonly (string | CriticalPath)[], readonly CriticalPath[]>();

export function resolveCriticalPaths(given: readonly (string | CriticalPath)[] | undefined): readonly CriticalPath[] {
  if (!given) return DEFAULT_CRITICAL_PATHS;
  let list = resolved.get(given);
  if (!list) {
    list = given.map((g) => (typeof g === 'string' ? { glob: g, label: g } : g));
    resolved.set(given, list);
  }
  return list;
}

const compiled = new WeakMap<readonly CriticalPath[], { re: RegExp; label: string }[]>();

/** Labels of the critical paths `path` falls under (case-insensitive), without repeats. */
export function criticalLabels(path: string, paths: readonly CriticalPath[]): string[] {
  let list = compiled.get(paths);
  if (!list) {
    list = paths.map((p) => ({ re: globToRegExp(p.glob, true), label: p.label }));
    compiled.set(paths, list);
  }
  const labels: string[] = [];
  for (const p of list) {
    if (!labels.includes(p.label) && p.re.test(path)) labels.push(p.label);
  }
  return labels;
}

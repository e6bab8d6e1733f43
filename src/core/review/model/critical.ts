/** Critical paths: areas where a mistake is expensive (auth, crypto, secrets, payments, migrations). Configurable. */
import type { CriticalPath } from '../types';
import { globToRegExp } from './glob';

export const DEFAULT_CRITICAL_PATHS: readonly CriticalPath[] = [
  ...['auth/', 'authn/', 'authz/', '*authentication*', '*authorization*', '*oauth*', '*login*', '*permission*', 'rbac/', '*session*', 'middleware/auth*'].map((glob) => ({ glob, label: 'auth' })),
  ...['crypto/', '*crypto*', '*cipher*', '*encrypt*', '*signing*', '*.pem', '*.key'].map((glob) => ({ glob, label: 'crypto' })),
  ...['secrets/', '*secret*', '*credential*', '.env', '.env.*', '*vault*'].map((glob) => ({ glob, label: 'secrets' })),
  ...['payment*/', '*payment*', 'billing/', '*billing*', '*checkout*', '*stripe*', 'invoic*'].map((glob) => ({ glob, label: 'payments' })),
  ...['migrations/', 'migrate/', 'alembic/', 'db/schema.*', 'schema.sql', 'V[0-9]*__*.sql'].map((glob) => ({ glob, label: 'migrations' })),
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
